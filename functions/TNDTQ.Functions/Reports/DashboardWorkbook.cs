using MiniExcelLibs;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Reports;

/// <summary>
/// The dashboard as an .xlsx workbook: one sheet per table, Vietnamese headers, numbers as numbers, a
/// "Toàn quận" totals row last (for a ward role, the total of its own ward).
/// </summary>
public static class DashboardWorkbook
{
    public static byte[] Write(Dashboard d)
    {
        var sheets = new Dictionary<string, object>
        {
            [Texts.SheetRegister] = Register(d).ToList(),
            [Texts.SheetRatings] = Ratings(d).ToList(),
            [Texts.SheetReviews] = Reviews(d).ToList(),
            [Texts.SheetNominations] = Nominations(d).ToList(),
            [Texts.SheetSupport] = Support(d).ToList(),
            [Texts.SheetMeetings] = Meetings(d).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    static IEnumerable<Dictionary<string, object?>> Register(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, WardCounters c, int trained)
        {
            object?[] values = [name, c.ActiveGroups, c.MergedGroups, c.SplitGroups, c.DissolvedGroups, c.ActiveMembers, c.Leaders, c.Deputies, c.Households];
            var row = Texts.CounterHeaders.Zip(values).ToDictionary(p => p.First, p => p.Second);
            row[Texts.HeaderLeadersTrained] = trained;
            return row;
        }
        foreach (var w in d.Wards) yield return Row(w.WardName, w.Register, w.LeadersTrained);
        yield return Row(Texts.DistrictTotal, d.Totals.Register, d.Totals.LeadersTrained);
    }

    static IEnumerable<Dictionary<string, object?>> Ratings(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, string? cycle, Restructure.RatingCounts r) => new()
        {
            [Texts.HeaderWard] = name, [Texts.HeaderCycle] = cycle ?? "",
            [Texts.RatingName(Restructure.Rating.Good)] = r.Good, [Texts.RatingName(Restructure.Rating.Fair)] = r.Fair,
            [Texts.RatingName(Restructure.Rating.Average)] = r.Average, [Texts.RatingName(Restructure.Rating.Weak)] = r.Weak,
            [Texts.HeaderGroupsRated] = r.Total,
        };
        foreach (var w in d.Wards) yield return Row(w.WardName, w.RatingsCycleName, w.Ratings);
        yield return Row(Texts.DistrictTotal, null, d.Totals.Ratings);
    }

    static IEnumerable<Dictionary<string, object?>> Reviews(Dashboard d)
    {
        foreach (var w in d.Wards)
            yield return new()
            {
                [Texts.HeaderWard] = w.WardName, [Texts.HeaderCycle] = w.Review?.CycleName ?? "", [Texts.HeaderStep] = w.Review?.StepName ?? "",
                [Texts.HeaderDue] = w.Review?.DueAt is { } due ? VietnamTime.ToVietnam(due).ToString("dd/MM/yyyy") : "",
                [Texts.HeaderDaysOverdue] = w.Review is { Overdue: true, DueAt: { } late } ? (int)Math.Ceiling((d.At - late).TotalDays) : 0,
            };
        yield return new()
        {
            [Texts.HeaderWard] = Texts.DistrictTotal, [Texts.HeaderCycle] = "", [Texts.HeaderStep] = Texts.WardsOverdue(d.Totals.ReviewsOverdue),
            [Texts.HeaderDue] = "", [Texts.HeaderDaysOverdue] = d.Wards.Sum(w => w.Review is { Overdue: true, DueAt: { } late } ? (int)Math.Ceiling((d.At - late).TotalDays) : 0),
        };
    }

    static IEnumerable<Dictionary<string, object?>> Nominations(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, IReadOnlyDictionary<string, int> atStep, IReadOnlyDictionary<string, int> results, int awards)
        {
            var row = new Dictionary<string, object?> { [Texts.HeaderWard] = name };
            foreach (var s in d.NominationSteps) row[s.Name] = atStep.GetValueOrDefault(s.Key);
            foreach (var r in d.NominationResultNames) row[r.Name] = results.GetValueOrDefault(r.Key);
            row[Texts.HeaderAwardsIn(d.Year)] = awards;
            return row;
        }
        foreach (var w in d.Wards) yield return Row(w.WardName, w.NominationsAtStep, w.NominationResults, w.AwardsThisYear);
        yield return Row(Texts.DistrictTotal, d.Totals.NominationsAtStep, d.Totals.NominationResults, d.Totals.AwardsThisYear);
    }

    static IEnumerable<Dictionary<string, object?>> Support(Dashboard d)
    {
        foreach (var w in d.Wards) yield return new() { [Texts.HeaderWard] = w.WardName, [Texts.HeaderSupportIn(d.Year)] = w.SupportThisYear };
        yield return new() { [Texts.HeaderWard] = Texts.DistrictTotal, [Texts.HeaderSupportIn(d.Year)] = d.Totals.SupportThisYear };
    }

    static IEnumerable<Dictionary<string, object?>> Meetings(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, int group, int ward) =>
            new() { [Texts.HeaderWard] = name, [Texts.HeaderGroupMeetingsIn(d.Year)] = group, [Texts.HeaderWardMeetingsIn(d.Year)] = ward };
        foreach (var w in d.Wards) yield return Row(w.WardName, w.GroupMeetingsThisYear, w.WardMeetingsThisYear);
        yield return Row(Texts.DistrictTotal, d.Totals.GroupMeetingsThisYear, d.Totals.WardMeetingsThisYear);
    }
}
