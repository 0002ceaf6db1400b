using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

/// <summary>
/// What a restructure step carries for its trail entry (<see cref="OpenStep.Record"/>): the workflow's key, the round and
/// the proposal version under review when the step opened (null before the first proposal).
/// </summary>
public sealed record RestructureStepRecord(string CycleId, string WardId, int Round, int? Version);

/// <summary>
/// Writes a restructure's trail entry when a step closes: from the step's <see cref="RestructureStepRecord"/>, the decision
/// (its own <see cref="StepDecision.Version"/> first, as a submitted proposal carries) and the time of the close
/// (<see cref="StepClosed.At"/>). The entry's row is keyed by its time, step and round, so a close that runs twice writes it once.
/// </summary>
public sealed class RestructureTrailRecords(RestructureStore store) : StepRecordObserver<RestructureStepRecord>(RestructureWorkflow.Key)
{
    /// <summary>The trail entry of a decided step.</summary>
    public static TrailEntry Entry(DateTimeOffset at, int round, string step, StepDecision decision, int? version) =>
        new(at, round, step, RestructureTexts.RestructureStepName(step), decision.Outcome, RestructureTexts.RestructureOutcomeName(decision.Outcome), decision.Comment,
            decision.ActorName, decision.Version ?? version, DecisionNumber: decision.DecisionNumber, DecisionDate: decision.DecisionDate);

    /// <summary>The entry a closed step writes (null: a step without a record).</summary>
    public static TrailEntry? Entry(StepClosed closed) =>
        RecordOf(closed.Step) is { } r ? Entry(closed.At, r.Round, closed.Step.Step, closed.Decision, r.Version) : null;

    protected override Task ClosedAsync(StepClosed closed, RestructureStepRecord r) =>
        store.AddTrailAsync(r.CycleId, r.WardId, Entry(closed.At, r.Round, closed.Step.Step, closed.Decision, r.Version));
}
