using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Commendations;

/// <summary>What a nomination's step carries for its trail entry (<see cref="OpenStep.Record"/>): the workflow's key and the round.</summary>
public sealed record NominationStepRecord(string Id, string WardId, int Round);

/// <summary>
/// Writes a nomination's trail entry when a step closes: from the step's <see cref="NominationStepRecord"/>, the decision
/// and the time of the close (<see cref="StepClosed.At"/>). The entry's row is keyed by its time, step and round, so a
/// close that runs twice writes it once.
/// </summary>
public sealed class NominationTrailRecords(CommendationStore store) : StepRecordObserver<NominationStepRecord>(NominationWorkflow.Key)
{
    /// <summary>The trail entry of a decided step (names, and the council's votes beside the comment).</summary>
    public static TrailEntry Entry(DateTimeOffset at, int round, string step, StepDecision decision) =>
        new(at, round, step, CommendationTexts.NominationStepName(step), decision.Outcome, CommendationTexts.NominationOutcomeName(decision.Outcome),
            decision.Votes is { } v ? $"{decision.Comment} ({CommendationTexts.CouncilVotes(v)})".Trim() : decision.Comment, decision.ActorName);

    /// <summary>The entry a closed step writes (null: a step without a record).</summary>
    public static TrailEntry? Entry(StepClosed closed) =>
        RecordOf(closed.Step) is { } r ? Entry(closed.At, r.Round, closed.Step.Step, closed.Decision) : null;

    protected override Task ClosedAsync(StepClosed closed, NominationStepRecord r) =>
        store.AddTrailAsync(r.Id, Entry(closed.At, r.Round, closed.Step.Step, closed.Decision));
}
