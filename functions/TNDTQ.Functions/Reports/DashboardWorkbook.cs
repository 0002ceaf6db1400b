using MiniExcelLibs;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Support;
using Tndtq.Training;

namespace Tndtq.Reports;

/// <summary>
/// The dashboard as an .xlsx workbook: one sheet per table, Vietnamese headers, numbers as numbers, a
/// totals row ("Toàn quận", Dashboard.TotalName) last (for a ward role, the total of its own ward).
/// </summary>
public static class DashboardWorkbook
{
    public static byte[] Write(Dashboard d)
    {
        var sheets = new Dictionary<string, object>
        {
            [ReportsTexts.SheetRegister] = Register(d).ToList(),
            [ReportsTexts.SheetRatings] = Ratings(d).ToList(),
            [ReportsTexts.SheetReviews] = Reviews(d).ToList(),
            [ReportsTexts.SheetNominations] = Nominations(d).ToList(),
            [SupportTexts.SheetSupport] = Support(d).ToList(),
            [ReportsTexts.SheetMeetings] = Meetings(d).ToList(),
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
            var row = RegisterTexts.CounterHeaders.Zip(values).ToDictionary(p => p.First, p => p.Second);
            row[TrainingTexts.HeaderLeadersTrained] = trained;
            return row;
        }
        foreach (var w in d.Wards) yield return Row(w.WardName, w.Register, w.LeadersTrained);
        yield return Row(d.TotalName, d.Totals.Register, d.Totals.LeadersTrained);
    }

    static IEnumerable<Dictionary<string, object?>> Ratings(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, string? cycle, Restructure.RatingCounts r) => new()
        {
            [ReportsTexts.HeaderWard] = name, [ReportsTexts.HeaderCycle] = cycle ?? "",
            [RestructureTexts.RatingName(Restructure.Rating.Good)] = r.Good, [RestructureTexts.RatingName(Restructure.Rating.Fair)] = r.Fair,
            [RestructureTexts.RatingName(Restructure.Rating.Average)] = r.Average, [RestructureTexts.RatingName(Restructure.Rating.Weak)] = r.Weak,
            [ReportsTexts.HeaderGroupsRated] = r.Total,
        };
        foreach (var w in d.Wards) yield return Row(w.WardName, w.RatingsCycleName, w.Ratings);
        yield return Row(d.TotalName, null, d.Totals.Ratings);
    }

    static IEnumerable<Dictionary<string, object?>> Reviews(Dashboard d)
    {
        foreach (var w in d.Wards)
            yield return new()
            {
                [ReportsTexts.HeaderWard] = w.WardName, [ReportsTexts.HeaderCycle] = w.Review?.CycleName ?? "", [ReportsTexts.HeaderStep] = w.Review?.StepName ?? "",
                [ReportsTexts.HeaderDue] = w.Review?.DueAt is { } due ? VietnamTime.ToVietnam(due).ToString("dd/MM/yyyy") : "",
                [ReportsTexts.HeaderDaysOverdue] = w.Review is { Overdue: true, DueAt: { } late } ? (int)Math.Ceiling((d.At - late).TotalDays) : 0,
            };
        yield return new()
        {
            [ReportsTexts.HeaderWard] = d.TotalName, [ReportsTexts.HeaderCycle] = "", [ReportsTexts.HeaderStep] = ReportsTexts.WardsOverdue(d.Totals.ReviewsOverdue),
            [ReportsTexts.HeaderDue] = "", [ReportsTexts.HeaderDaysOverdue] = d.Wards.Sum(w => w.Review is { Overdue: true, DueAt: { } late } ? (int)Math.Ceiling((d.At - late).TotalDays) : 0),
        };
    }

    static IEnumerable<Dictionary<string, object?>> Nominations(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, IReadOnlyDictionary<string, int> atStep, IReadOnlyDictionary<string, int> results, int awards)
        {
            var row = new Dictionary<string, object?> { [ReportsTexts.HeaderWard] = name };
            foreach (var s in d.NominationSteps) row[s.Name] = atStep.GetValueOrDefault(s.Key);
            foreach (var r in d.NominationResultNames) row[r.Name] = results.GetValueOrDefault(r.Key);
            row[ReportsTexts.HeaderAwardsIn(d.Year)] = awards;
            return row;
        }
        foreach (var w in d.Wards) yield return Row(w.WardName, w.NominationsAtStep, w.NominationResults, w.AwardsThisYear);
        yield return Row(d.TotalName, d.Totals.NominationsAtStep, d.Totals.NominationResults, d.Totals.AwardsThisYear);
    }

    static IEnumerable<Dictionary<string, object?>> Support(Dashboard d)
    {
        foreach (var w in d.Wards) yield return new() { [ReportsTexts.HeaderWard] = w.WardName, [SupportTexts.HeaderSupportIn(d.Year)] = w.SupportThisYear };
        yield return new() { [ReportsTexts.HeaderWard] = d.TotalName, [SupportTexts.HeaderSupportIn(d.Year)] = d.Totals.SupportThisYear };
    }

    static IEnumerable<Dictionary<string, object?>> Meetings(Dashboard d)
    {
        Dictionary<string, object?> Row(string name, int group, int ward) =>
            new() { [ReportsTexts.HeaderWard] = name, [ReportsTexts.HeaderGroupMeetingsIn(d.Year)] = group, [ReportsTexts.HeaderWardMeetingsIn(d.Year)] = ward };
        foreach (var w in d.Wards) yield return Row(w.WardName, w.GroupMeetingsThisYear, w.WardMeetingsThisYear);
        yield return Row(d.TotalName, d.Totals.GroupMeetingsThisYear, d.Totals.WardMeetingsThisYear);
    }
}
