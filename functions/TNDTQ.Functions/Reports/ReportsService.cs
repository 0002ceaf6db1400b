using Microsoft.DurableTask.Client;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Reports;

/// <summary>Where a ward's review cycle is: the newest cycle the ward is in, its step, its deadline.</summary>
public sealed record ReviewFigure(string CycleId, string CycleName, string Step, string StepName, DateTimeOffset? DueAt, bool Overdue);

/// <summary>One ward's figures on the dashboard.</summary>
public sealed record WardFigures(string WardId, string WardName, WardCounters Register, RatingCounts Ratings, string? RatingsCycleName,
    ReviewFigure? Review, IReadOnlyDictionary<string, int> NominationsAtStep, IReadOnlyDictionary<string, int> NominationResults, int AwardsThisYear,
    int LeadersTrained = 0, long SupportThisYear = 0, int GroupMeetingsThisYear = 0, int WardMeetingsThisYear = 0);

/// <param name="GroupMeetingsThisYear">Group meetings (họp tổ) held this year, from the meeting counters kept with each meeting.</param>
/// <param name="WardMeetingsThisYear">Ward meetings with the group leaders (họp giao ban) held this year.</param>
/// <param name="LeadersTrained">Active leaders and deputies trained within <c>Training__ValidMonths</c> ("đã tập huấn").</param>
/// <param name="SupportThisYear">Support given this year from non-budget sources, in đồng (rounds approved this year).</param>
public sealed record DashboardTotals(WardCounters Register, RatingCounts Ratings, int ReviewsOverdue, IReadOnlyDictionary<string, int> NominationsAtStep,
    IReadOnlyDictionary<string, int> NominationResults, int AwardsThisYear, int LeadersTrained = 0, long SupportThisYear = 0,
    int GroupMeetingsThisYear = 0, int WardMeetingsThisYear = 0);

/// <summary>A key the dashboard's figures use and its Vietnamese name (in the order tables show them).</summary>
public sealed record Named(string Key, string Name);

/// <summary>
/// The district dashboard: per ward and in total. <see cref="NominationSteps"/> and <see cref="NominationResultNames"/>
/// name the keys of the nomination figures, so pages and exports never spell a step themselves; <see cref="TotalName"/> names
/// the totals row in the approving unit's words ("Toàn quận").
/// </summary>
public sealed record Dashboard(int Year, DateTimeOffset At, IReadOnlyList<WardFigures> Wards, DashboardTotals Totals,
    IReadOnlyList<Named> NominationSteps, IReadOnlyList<Named> NominationResultNames, string TotalName);

/// <summary>One figure whose kept value differs from a fresh count.</summary>
public sealed record FigureDifference(string Figure, string Kept, string Recount);

public sealed record WardFiguresCheck(string WardId, bool Consistent, IReadOnlyList<FigureDifference> Differences);

public sealed record FiguresCheck(bool Consistent, IReadOnlyList<WardFiguresCheck> Wards);

/// <summary>
/// Reports read figures the other capabilities keep current, never the records themselves: per ward, the
/// register's counters row, the rating counts of its latest assessed cycle, its review cycle's published status,
/// the nomination figures kept with the nominations, and the open-step figures (<see cref="OpenStepFigures"/>).
/// That is a handful of point reads per ward, whatever the size of the register. Only <see cref="CheckAsync"/>
/// counts afresh from the records, to prove the kept figures right.
/// </summary>
public sealed class ReportsService(RegisterStore register, RegisterChanges changes, RegisterYearFigures registerYears, RestructureStore reviews,
    CommendationStore commendations, ReportsStore store, TimeProvider clock, Training.TrainingService training, Support.SupportStore support,
    Meetings.MeetingStore meetings, UnitTerms units)
{
    public const string Commendation = "commendation";

    /// <summary>The open steps of a nomination, in the workflow's order.</summary>
    public static readonly IReadOnlyList<string> NominationStepOrder =
    [
        NominationStep.EligibilityOverride, NominationStep.ChairmanEndorsement, NominationStep.PoliceReview, NominationStep.Council,
        NominationStep.Decision, NominationStep.Revision,
    ];

    /// <summary>How nominations end, as the dashboard counts them.</summary>
    public static readonly IReadOnlyList<string> NominationResultOrder = [NominationOutcomes.Approved, NominationOutcomes.Rejected, NominationOutcomes.Withdrawn];

    public async Task<Dashboard> DashboardAsync(DurableTaskClient durable, Caller caller, string? wardId, CancellationToken ct)
    {
        var wards = await WardsAsync(caller, wardId, ct);
        var cycles = await reviews.ListCyclesAsync(); // newest first; a handful a year
        var now = clock.GetUtcNow();
        var year = VietnamTime.Today(clock).Year;
        var rows = await Task.WhenAll(wards.Select(w => WardAsync(durable, w, cycles.Where(c => c.WardIds.Contains(w.Id)).ToList(), now, year, ct)));
        var totals = new DashboardTotals(
            Sum(rows.Select(r => r.Register)),
            rows.Aggregate(RatingCounts.Zero, (t, r) => new(t.Good + r.Ratings.Good, t.Fair + r.Ratings.Fair, t.Average + r.Ratings.Average, t.Weak + r.Ratings.Weak)),
            rows.Count(r => r.Review?.Overdue == true),
            SumBy(rows.Select(r => r.NominationsAtStep)), SumBy(rows.Select(r => r.NominationResults)), rows.Sum(r => r.AwardsThisYear),
            rows.Sum(r => r.LeadersTrained), rows.Sum(r => r.SupportThisYear), rows.Sum(r => r.GroupMeetingsThisYear), rows.Sum(r => r.WardMeetingsThisYear));
        var terms = await units.ForCallerAsync(caller, ct);
        return new Dashboard(year, now, rows, totals,
            NominationStepOrder.Select(s => new Named(s, CommendationTexts.NominationStepName(s, terms))).ToList(),
            NominationResultOrder.Select(s => new Named(s, ReportsTexts.NominationResultLabel(s))).ToList(), Texts.UnitTotal(terms));
    }

    /// <summary>The wards a report covers: the one asked for (403 outside the caller's ward), else every ward the caller reads.</summary>
    internal async Task<IReadOnlyList<Ward>> WardsAsync(Caller caller, string? wardId, CancellationToken ct)
    {
        if (wardId is not null)
        {
            Ids.RequireWardId(wardId);
            caller.RequireRead(wardId);
            return [(await register.GetWardAsync(wardId, ct))?.Value ?? throw ProblemException.NotFound(Texts.WardNotFound)];
        }
        return (await register.ListWardsAsync(ct)).Select(w => w.Value).Where(w => caller.CanRead(w.Id)).ToList();
    }

    async Task<WardFigures> WardAsync(DurableTaskClient durable, Ward ward, IReadOnlyList<ReviewCycle> cycles, DateTimeOffset now, int year, CancellationToken ct)
    {
        var counters = register.CountersAsync(ward.Id, ct);
        var review = ReviewAsync(durable, ward.Id, cycles.FirstOrDefault(), now, ct);
        var nominations = commendations.FiguresAsync(ward.Id);
        var steps = store.StepCountsAsync(ward.Id);
        var supportYears = support.YearsAsync(ward.Id);
        var meetingCounters = meetings.WardCountersAsync(ward.Id, ct);
        // The latest assessment: the newest cycle that has rated any group of the ward (usually the first one read).
        (RatingCounts Counts, string? Cycle) ratings = (RatingCounts.Zero, null);
        foreach (var cycle in cycles)
            if (await reviews.RatingsAsync(cycle.Id, ward.Id) is { Total: > 0 } found) { ratings = (found, cycle.Name); break; }
        var kept = await nominations ?? NominationFigures.Zero;
        var wardCounters = await counters ?? WardCounters.Zero;
        return new WardFigures(ward.Id, ward.Name,
            wardCounters,
            ratings.Counts, ratings.Cycle, await review, (await steps).Of(Commendation),
            NominationResultOrder.Where(kept.ByStatus.ContainsKey).ToDictionary(s => s, s => kept.ByStatus[s]), kept.AwardsByYear.GetValueOrDefault(year),
            LeadersTrained: training.TrainedLeaders(wardCounters),
            SupportThisYear: (await supportYears).GetValueOrDefault(year)?.Amount ?? 0,
            GroupMeetingsThisYear: (await meetingCounters)?.Value.Years.GetValueOrDefault(year)?.GroupMeetings ?? 0,
            WardMeetingsThisYear: (await meetingCounters)?.Value.Years.GetValueOrDefault(year)?.WardMeetings ?? 0);
    }

    /// <summary>
    /// The step of the ward's newest review cycle, from the status its workflow publishes (one point read; the
    /// same status the review screens read; the client returns custom statuses only with inputs). A finished instance purged by retention has its outcome in the table.
    /// </summary>
    async Task<ReviewFigure?> ReviewAsync(DurableTaskClient durable, string wardId, ReviewCycle? cycle, DateTimeOffset now, CancellationToken ct)
    {
        if (cycle is null) return null;
        var m = await durable.GetInstanceAsync(RestructureWorkflow.InstanceId(cycle.Id, wardId), getInputsAndOutputs: true, ct);
        if (WorkflowStatus.Of(m) is { } s) return new ReviewFigure(cycle.Id, cycle.Name, s.Step, s.StepName, s.DueAt, s.DueAt < now);
        if (await reviews.OutcomeAsync(cycle.Id, wardId) is { } o) return new ReviewFigure(cycle.Id, cycle.Name, RestructureStep.Closed, o.ResultName, null, false);
        return m is null ? null : new ReviewFigure(cycle.Id, cycle.Name, "starting", RestructureTexts.RestructureStepName("starting"), null, false);
    }

    static WardCounters Sum(IEnumerable<WardCounters> all) => all.Aggregate(WardCounters.Zero, (t, c) => t + c);

    static Dictionary<string, int> SumBy(IEnumerable<IReadOnlyDictionary<string, int>> all) =>
        all.SelectMany(d => d).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));

    // ---- the recount ---------------------------------------------------------------------------

    /// <summary>
    /// Every kept figure of the wards next to a count made afresh from the records (the register's rows, every
    /// assessment, every nomination and its workflow's status): for support and for tests. Administrators only —
    /// this is the expensive read the dashboard never does.
    /// </summary>
    public async Task<FiguresCheck> CheckAsync(DurableTaskClient durable, Caller caller, string? wardId, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var wards = await WardsAsync(caller, wardId, ct);
        var cycles = await reviews.ListCyclesAsync();
        var list = new List<WardFiguresCheck>();
        foreach (var ward in wards) list.Add(await CheckWardAsync(durable, caller, ward, cycles.Where(c => c.WardIds.Contains(ward.Id)).ToList(), ct));
        return new FiguresCheck(list.All(w => w.Consistent), list);
    }

    async Task<WardFiguresCheck> CheckWardAsync(DurableTaskClient durable, Caller caller, Ward ward, IReadOnlyList<ReviewCycle> cycles, CancellationToken ct)
    {
        var wardId = ward.Id;
        var differences = new List<FigureDifference>();
        void Compare<T>(string figure, T kept, T recount, Func<T, T, bool>? same = null)
        {
            if (!(same ?? ((a, b) => Equals(a, b)))(kept, recount))
                differences.Add(new(figure, TableRows.ToJson(kept), TableRows.ToJson(recount)));
        }

        // The steps first: a workflow that moves while the rest is counted shows as a difference, never hides one.
        var keptSteps = (await store.StepCountsAsync(wardId)).Of(Commendation);
        var keptCounters = await register.CountersAsync(wardId, ct) ?? WardCounters.Zero;
        Compare("register", keptCounters, await changes.RecountAsync(wardId, ct));
        // "Đã tập huấn" as the dashboard reads it (the counters' map) against the leaders and deputies and their training rows.
        Compare("leaders-trained", training.TrainedLeaders(keptCounters), await training.RecountTrainedLeadersAsync(caller, ward, ct));
        Compare("register-years", await register.YearsAsync(wardId, ct), await registerYears.RecountAsync(wardId, ct), (a, b) => a.SameAs(b));
        foreach (var cycle in cycles)
            Compare($"ratings:{cycle.Id}", await reviews.RatingsAsync(cycle.Id, wardId) ?? RatingCounts.Zero, RatingCounts.Recount(await reviews.AssessmentsAsync(cycle.Id, wardId)));
        var records = await commendations.ForWardAsync(wardId);
        Compare("nominations", await commendations.FiguresAsync(wardId) ?? NominationFigures.Zero, NominationFigures.Recount(records), (a, b) => a.SameAs(b));
        var open = new Dictionary<string, int>();
        foreach (var r in records.Where(r => r.Outcome is null))
        {
            var m = await durable.GetInstanceAsync(NominationWorkflow.InstanceId(r.Input.Id), getInputsAndOutputs: true, ct);
            if (WorkflowStatus.Of(m) is { StepId: not null } s && m!.RuntimeStatus == OrchestrationRuntimeStatus.Running) open[s.Step] = open.GetValueOrDefault(s.Step) + 1;
        }
        Compare("nominations-at-step", keptSteps, open, (a, b) => a.Count == b.Count && a.All(x => b.GetValueOrDefault(x.Key) == x.Value));
        return new WardFiguresCheck(wardId, differences.Count == 0, differences);
    }
}
