using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Support;

namespace Tndtq.Reports;

/// <summary>A column of a summary table: its key (stable, for code) and its Vietnamese name (for people).</summary>
public sealed record SummaryColumn(string Key, string Name);

/// <summary>A row of a summary table: a year or a ward (<see cref="Label"/>), one number per column; <see cref="Total"/> for the totals row.</summary>
public sealed record SummaryRow(string Label, IReadOnlyList<long> Values, bool Total = false);

/// <summary>
/// One table of the summary, ready to render anywhere (page, workbook sheet, review report): a title, the header of its first
/// column (<see cref="RowHeader"/>: "Năm" or "Phường"), its columns, its rows with a totals row last.
/// </summary>
public sealed record SummaryTable(string Key, string Title, string Sheet, string RowHeader, IReadOnlyList<SummaryColumn> Columns, IReadOnlyList<SummaryRow> Rows);

/// <summary>The multi-year summary of the wards in scope for the years <see cref="From"/>–<see cref="To"/>: per source, a table by year and a table by ward.</summary>
public sealed record Summary(int From, int To, DateTimeOffset At, IReadOnlyList<Named> Wards, IReadOnlyList<SummaryTable> Tables);

/// <summary>
/// A source of per-year figures: its columns, and a ward's figures by year (column key → number). Each kept by its own
/// capability and read here in a range query or two per ward; a new source (training, support) is one more of these.
/// </summary>
public sealed record SummarySource(string Key, string Title, string SheetByYear, string SheetByWard,
    Func<CancellationToken, Task<IReadOnlyList<SummaryColumn>>> Columns,
    Func<string, CancellationToken, Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, long>>>> WardYears);

/// <summary>
/// The "seven years" view: for any range of years, what the register went through (from its per-year figures) and the
/// commendations awarded (by award form and individual/collective), per year and per ward, with totals. Reads kept figures only.
/// </summary>
public sealed class SummaryService(ReportsService reports, RegisterStore register, CommendationStore commendations, Training.TrainingStore training,
    Support.SupportStore support, Meetings.MeetingStore meetings, TimeProvider clock, UnitTerms units)
{
    public const int MinYear = 2000, MaxYear = 2100, MaxYears = 30;

    IReadOnlyList<SummarySource> Sources() =>
    [
        new("register", ReportsTexts.SummaryRegisterTitle, ReportsTexts.SheetRegisterByYear, ReportsTexts.SheetRegisterByWard,
            _ => Task.FromResult(RegisterColumns),
            async (ward, ct) => (await register.YearsAsync(ward, ct)).Years.ToDictionary(y => y.Key, y => Values(
                ("established", y.Value.GroupsEstablished), ("consolidated", y.Value.GroupsConsolidated), ("merged", y.Value.GroupsMerged),
                ("split", y.Value.GroupsSplit), ("dissolved", y.Value.GroupsDissolved), ("joined", y.Value.MembersJoined),
                ("left", y.Value.MembersLeft), ("leaders-replaced", y.Value.LeadersReplaced)))),
        new("commendations", ReportsTexts.SummaryCommendationsTitle, ReportsTexts.SheetCommendationsByYear, ReportsTexts.SheetCommendationsByWard,
            async _ => [.. (await commendations.CatalogueAsync()).Select(f => new SummaryColumn("form:" + f.Id, f.Name)),
                new("individual", ReportsTexts.SummaryNomineeType(NomineeType.Individual)), new("collective", ReportsTexts.SummaryNomineeType(NomineeType.Collective))],
            async (ward, _) =>
            {
                var years = new Dictionary<int, Dictionary<string, long>>();
                foreach (var (year, form, type, n) in (await commendations.FiguresAsync(ward) ?? NominationFigures.Zero).AwardsByForm())
                {
                    var y = years.TryGetValue(year, out var got) ? got : years[year] = [];
                    y["form:" + form] = y.GetValueOrDefault("form:" + form) + n;
                    var t = type == NomineeType.Collective ? "collective" : "individual";
                    y[t] = y.GetValueOrDefault(t) + n;
                }
                return years.ToDictionary(x => x.Key, x => (IReadOnlyDictionary<string, long>)x.Value);
            }),
        new("training", ReportsTexts.SummaryTrainingTitle, ReportsTexts.SheetTrainingByYear, ReportsTexts.SheetTrainingByWard,
            _ => Task.FromResult<IReadOnlyList<SummaryColumn>>([new("sessions", "Hội nghị tập huấn"), new("people", "Lượt người được tập huấn")]),
            async (ward, _) => (await training.YearsAsync(ward)).ToDictionary(y => y.Key, y => Values(("sessions", y.Value.Sessions), ("people", y.Value.PeopleTrained)))),
        new("meetings", ReportsTexts.SummaryMeetingsTitle, ReportsTexts.SheetMeetingsByYear, ReportsTexts.SheetMeetingsByWard,
            _ => Task.FromResult<IReadOnlyList<SummaryColumn>>([new("group-meetings", "Cuộc họp tổ"), new("groups-met", "Tổ có họp"), new("ward-meetings", "Cuộc họp giao ban")]),
            async (ward, ct) => ((await meetings.WardCountersAsync(ward, ct))?.Value.Years ?? new Dictionary<int, Meetings.YearCounts>()).ToDictionary(y => y.Key,
                y => Values(("group-meetings", y.Value.GroupMeetings), ("groups-met", y.Value.GroupsMet), ("ward-meetings", y.Value.WardMeetings)))),
        new("support", ReportsTexts.SummarySupportTitle, ReportsTexts.SheetSupportByYear, ReportsTexts.SheetSupportByWard,
            _ => Task.FromResult(SupportColumns),
            async (ward, _) => (await support.YearsAsync(ward)).ToDictionary(y => y.Key, y => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(
                Support.SupportKind.All.Select(k => KeyValuePair.Create("kind:" + k, y.Value.AmountByKind.GetValueOrDefault(k)))
                    .Concat(Support.FundType.All.Select(f => KeyValuePair.Create("fund:" + f, y.Value.AmountByFundType.GetValueOrDefault(f))))
                    .Append(KeyValuePair.Create("rounds", (long)y.Value.Rounds)).Append(KeyValuePair.Create("beneficiaries", (long)y.Value.Beneficiaries))
                    .Append(KeyValuePair.Create("amount", y.Value.Amount))))),
    ];

    static readonly IReadOnlyList<SummaryColumn> RegisterColumns =
    [
        new("established", "Tổ thành lập mới"), new("consolidated", "Tổ được kiện toàn"), new("merged", "Tổ sáp nhập"), new("split", "Tổ chia tách"),
        new("dissolved", "Tổ giải thể"), new("joined", "Thành viên tham gia"), new("left", "Thành viên rời tổ"), new("leaders-replaced", "Tổ trưởng được thay"),
    ];

    /// <summary>Rounds approved, beneficiaries, the amount in đồng, and the amount by kind and by type of fund source.</summary>
    static readonly IReadOnlyList<SummaryColumn> SupportColumns =
    [
        new("rounds", "Đợt hỗ trợ"), new("beneficiaries", "Lượt tổ, người được hỗ trợ"), new("amount", "Tổng số tiền (đồng)"),
        .. Support.SupportKind.All.Select(k => new SummaryColumn("kind:" + k, SupportTexts.SupportKindName(k) + " (đồng)")),
        .. Support.FundType.All.Select(f => new SummaryColumn("fund:" + f, SupportTexts.FundTypeName(f) + " (đồng)")),
    ];

    static IReadOnlyDictionary<string, long> Values(params (string Key, long Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>The summary for the caller's scope (district roles: every ward and the total; ward roles: their own ward).</summary>
    public async Task<Summary> SummaryAsync(Caller caller, string? from, string? to, string? wardId, CancellationToken ct)
    {
        var (first, last) = Range(from, to, VietnamTime.Today(clock).Year);
        var wards = await reports.WardsAsync(caller, wardId, ct);
        var tables = new List<SummaryTable>();
        foreach (var source in Sources())
        {
            var columns = source.Columns(ct);
            var perWard = await Task.WhenAll(wards.Select(w => source.WardYears(w.Id, ct)));
            tables.AddRange(Tables(source, await columns, wards, perWard, first, last,
                wardId is null && caller.IsDistrictWide ? Texts.UnitTotal(await units.ForCallerAsync(caller, ct)) : ReportsTexts.WardTotal)); // the unit's total ("Toàn …") only over all its wards
        }
        return new Summary(first, last, clock.GetUtcNow(), wards.Select(w => new Named(w.Id, w.Name)).ToList(), tables);
    }

    static IEnumerable<SummaryTable> Tables(SummarySource source, IReadOnlyList<SummaryColumn> known, IReadOnlyList<Ward> wards,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, long>>[] perWard, int first, int last, string wardsTotal)
    {
        // Columns the figures hold that the source does not name (an award form no longer in the catalogue) are shown by their key.
        var keys = perWard.SelectMany(w => w.Where(y => y.Key >= first && y.Key <= last)).SelectMany(y => y.Value.Keys).Distinct().ToList();
        var columns = known.Concat(keys.Where(k => known.All(c => c.Key != k)).Select(k => new SummaryColumn(k, k.StartsWith("form:") ? k[5..] : k))).ToList();
        long[] Sum(IEnumerable<IReadOnlyDictionary<string, long>> rows) => columns.Select(c => rows.Sum(r => r.GetValueOrDefault(c.Key))).ToArray();
        SummaryRow Total(string label, IReadOnlyList<SummaryRow> rows) =>
            new(label, columns.Select((_, i) => rows.Sum(r => r.Values[i])).ToList(), Total: true);

        var years = Enumerable.Range(first, last - first + 1)
            .Select(y => new SummaryRow(y.ToString(System.Globalization.CultureInfo.InvariantCulture), Sum(perWard.Select(w => w.GetValueOrDefault(y)).OfType<IReadOnlyDictionary<string, long>>())))
            .ToList();
        yield return new SummaryTable(source.Key + "-by-year", ReportsTexts.SummaryByYear(source.Title, first, last), source.SheetByYear, ReportsTexts.HeaderYear, columns,
            [.. years, Total(ReportsTexts.SummaryYearsTotal(first, last), years)]);

        var byWard = wards.Select((w, i) => new SummaryRow(w.Name, Sum(perWard[i].Where(y => y.Key >= first && y.Key <= last).Select(y => y.Value)))).ToList();
        yield return new SummaryTable(source.Key + "-by-ward", ReportsTexts.SummaryByWard(source.Title, first, last), source.SheetByWard, ReportsTexts.HeaderWard, columns,
            [.. byWard, Total(wardsTotal, byWard)]);
    }

    /// <summary>The years asked for (default: the seven years to this one), or a 400 naming the field.</summary>
    public static (int From, int To) Range(string? from, string? to, int thisYear)
    {
        var errors = new Dictionary<string, string[]>();
        int? Year(string name, string? raw, string label)
        {
            if (raw is null) return null;
            if (int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= MinYear and <= MaxYear) return y;
            errors[name] = [ReportsTexts.SummaryYearInvalid(label, MinYear, MaxYear)];
            return null;
        }
        var last = Year("to", to, "Đến năm");
        var first = Year("from", from, "Từ năm");
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var (f, t) = (first ?? Math.Min(last ?? thisYear, MaxYear) - 6, last ?? Math.Max(thisYear, first ?? thisYear));
        f = Math.Max(f, MinYear);
        if (f > t) throw ProblemException.Validation(new Dictionary<string, string[]> { ["from"] = [ReportsTexts.SummaryFromAfterTo] });
        if (t - f + 1 > MaxYears) throw ProblemException.Validation(new Dictionary<string, string[]> { ["to"] = [ReportsTexts.SummaryTooManyYears(MaxYears)] });
        return (f, t);
    }
}
