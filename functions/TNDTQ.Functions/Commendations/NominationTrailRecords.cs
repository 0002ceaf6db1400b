using System.Text.Json;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Commendations;

/// <summary>What a nomination's step carries for its trail entry (<see cref="OpenStep.Record"/>): the workflow's key and the round.</summary>
public sealed record NominationStepRecord(string Id, string WardId, int Round);

/// <summary>
/// Writes a nomination's trail entry when a step closes, for <see cref="NominationOrchestratorV2"/>: from the step's
/// <see cref="NominationStepRecord"/>, the decision and the time of the close (<see cref="StepClosed.At"/>). A step
/// without a record (version 1, which writes its trail through its own activity) is left alone. The entry's row is
/// keyed by its time, step and round, so a close that runs twice writes it once.
/// </summary>
public sealed class NominationTrailRecords(CommendationStore store) : IStepObserver
{
    public string Workflow => NominationOrchestrator.Workflow;

    public static JsonElement Record(NominationStepRecord record) => JsonSerializer.SerializeToElement(record, Json.Options);

    static NominationStepRecord? RecordOf(OpenStep step) => step.Record is { } r ? r.Deserialize<NominationStepRecord>(Json.Options) : null;

    /// <summary>The trail entry of a decided step, as every version writes it (names, and the council's votes beside the comment).</summary>
    public static TrailEntry Entry(DateTimeOffset at, int round, string step, StepDecision decision) =>
        new(at, round, step, CommendationTexts.NominationStepName(step), decision.Outcome, CommendationTexts.NominationOutcomeName(decision.Outcome),
            decision.Votes is { } v ? $"{decision.Comment} ({CommendationTexts.CouncilVotes(v)})".Trim() : decision.Comment, decision.ActorName);

    /// <summary>The entry a closed step of version 2 writes (null: a step without a record).</summary>
    public static TrailEntry? Entry(StepClosed closed) =>
        RecordOf(closed.Step) is { } r ? Entry(closed.At, r.Round, closed.Step.Step, closed.Decision) : null;

    public Task OpenedAsync(OpenStep step) => Task.CompletedTask;

    public Task ClosedAsync(StepClosed closed) =>
        RecordOf(closed.Step) is { } r ? store.AddTrailAsync(r.Id, Entry(closed.At, r.Round, closed.Step.Step, closed.Decision)) : Task.CompletedTask;
}
