using Azure.Data.Tables;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Reports;

/// <summary>How many workflows of a ward are open at each step, keyed "{workflow}|{step}" (e.g. "commendation|council").</summary>
public sealed record StepCounts(IReadOnlyDictionary<string, int> Open)
{
    public static readonly StepCounts Zero = new(new Dictionary<string, int>());
    public static string Key(string workflow, string step) => $"{workflow}|{step}";

    public StepCounts Add(OpenStepRow? row, int n)
    {
        if (row?.Step is null) return this;
        var open = new SortedDictionary<string, int>(Open.ToDictionary(), StringComparer.Ordinal);
        var key = Key(row.Workflow, row.Step);
        open[key] = open.GetValueOrDefault(key) + n;
        return new(open.Where(x => x.Value != 0).ToDictionary());
    }

    public StepCounts Plus(StepCounts o) => new(Open.Concat(o.Open).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)));

    /// <summary>The open steps of one workflow, by step.</summary>
    public IReadOnlyDictionary<string, int> Of(string workflow) =>
        Open.Where(x => x.Key.StartsWith(workflow + "|", StringComparison.Ordinal)).ToDictionary(x => x.Key[(workflow.Length + 1)..], x => x.Value);
}

/// <summary>The step a workflow instance is counted at (<see cref="Step"/> null: none open, counted nowhere).</summary>
public sealed record OpenStepRow(string Workflow, string? Step, string? StepId);

/// <summary>
/// Table <c>Reports</c>: figures no other capability keeps. Partition <c>steps|{wardId}</c> holds one row per
/// workflow instance of the ward, <c>i|{instanceId}</c> (<see cref="OpenStepRow"/>: the step it is counted at),
/// and <c>figures|{0-7}</c> (<see cref="StepCounts"/>; eight rows by a hash of the instance, so a campaign's workflows rarely
/// wait for each other), an instance row and its figures row written together in one transaction by <see cref="OpenStepFigures"/>.
/// The dashboard reads only the <c>figures|</c> rows (their sum); the instance rows are what make a repeated activity count once.
/// </summary>
public sealed class ReportsStore(TableServiceClient tables)
{
    public const string TableName = "Reports";
    readonly JsonTable table = new(tables, TableName);
    const string FiguresPrefix = "figures|";
    /// <summary>A campaign opens the steps of many workflows of one ward at once: their counts are spread over this many rows.</summary>
    const int FiguresShards = 8;
    static string StepsPartition(string wardId) => $"steps|{wardId}";
    static string InstanceKey(string instanceId) => "i|" + TableRows.Safe(instanceId);

    public async Task<StepCounts> StepCountsAsync(string wardId) =>
        await table.SumAsync<StepCounts>(StepsPartition(wardId), FiguresPrefix, (a, b) => a.Plus(b)) ?? StepCounts.Zero;

    /// <summary>Counts the instance at <paramref name="step"/> (moving it from the step it was counted at); a step already counted changes nothing.</summary>
    public async Task CountAtAsync(string wardId, string instanceId, string workflow, string? step, string? stepId, string? onlyIfAtStepId = null)
    {
        var pk = StepsPartition(wardId);
        var key = InstanceKey(instanceId);
        // Both rows are ETag-checked: the instance's own (a repeated activity) and the figures row (every other instance of the ward).
        await table.PutWithFiguresAsync<OpenStepRow, StepCounts>(pk, key, new OpenStepRow(workflow, step, stepId), JsonTable.ShardKey(FiguresPrefix, key, FiguresShards),
            (counts, before, after) => (counts ?? StepCounts.Zero).Add(before, -1).Add(after, 1),
            unless: now => now?.StepId == stepId // a moved deadline, or an activity that ran again
                || (onlyIfAtStepId is not null && now?.StepId != onlyIfAtStepId)); // the decision of a step no longer counted
    }

    /// <summary>
    /// Counts an instance at its step only if it has no row yet — a workflow started before the figures were kept (the rebuild):
    /// an instance the step activities counted already is theirs. True when written.
    /// </summary>
    public async Task<bool> CountIfNewAsync(string wardId, string instanceId, string workflow, string step, string stepId)
    {
        var pk = StepsPartition(wardId);
        var key = InstanceKey(instanceId);
        var wrote = false;
        await table.PutWithFiguresAsync<OpenStepRow, StepCounts>(pk, key, new OpenStepRow(workflow, step, stepId), JsonTable.ShardKey(FiguresPrefix, key, FiguresShards),
            (counts, before, after) => (counts ?? StepCounts.Zero).Add(before, -1).Add(after, 1),
            unless: now => !(wrote = now is null));
        return wrote;
    }
}

/// <summary>
/// Keeps <see cref="StepCounts"/> from the shared human-step activities: a step opening counts its workflow there,
/// its decision counts it nowhere until the next step opens. This is where "nominations by step" comes from: the
/// nomination record itself is not written at each step, and the orchestrators cannot gain a new activity without
/// breaking the replay of running instances, while every step already passes through these two activities.
/// Only nominations are counted: no report reads another workflow's steps, and each count is three storage requests
/// on rows every step of the ward shares (a sign-off spent six of its seventeen on them).
/// </summary>
public sealed class OpenStepFigures(ReportsStore store) : IStepObserver
{
    public string Workflow => ReportsService.Commendation;

    public Task OpenedAsync(OpenStep step) => store.CountAtAsync(step.WardId, step.InstanceId, step.Workflow, step.Step, step.StepId);

    public Task ClosedAsync(StepClosed closed) =>
        store.CountAtAsync(closed.Step.WardId, closed.Step.InstanceId, closed.Step.Workflow, null, null, onlyIfAtStepId: closed.Step.StepId);
}
