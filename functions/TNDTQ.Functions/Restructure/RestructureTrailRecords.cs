using System.Text.Json;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

/// <summary>
/// What a restructure step carries for its trail entry (<see cref="OpenStep.Record"/>): the workflow's key, the round and
/// the proposal version under review when the step opened (null before the first proposal).
/// </summary>
public sealed record RestructureStepRecord(string CycleId, string WardId, int Round, int? Version);

/// <summary>
/// Writes a restructure's trail entry when a step closes, for <see cref="RestructureOrchestratorV2"/>: from the step's
/// <see cref="RestructureStepRecord"/>, the decision (its own <see cref="StepDecision.Version"/> first, as a submitted
/// proposal carries) and the time of the close (<see cref="StepClosed.At"/>). A step without a record (version 1, which
/// writes its trail through its own activity) is left alone. The entry's row is keyed by its time, step and round, so a
/// close that runs twice writes it once.
/// </summary>
public sealed class RestructureTrailRecords(RestructureStore store) : IStepObserver
{
    public string Workflow => RestructureOrchestrator.Workflow;

    public static JsonElement Record(RestructureStepRecord record) => JsonSerializer.SerializeToElement(record, Json.Options);

    static RestructureStepRecord? RecordOf(OpenStep step) => step.Record is { } r ? r.Deserialize<RestructureStepRecord>(Json.Options) : null;

    /// <summary>The trail entry of a decided step, as every version writes it.</summary>
    public static TrailEntry Entry(DateTimeOffset at, int round, string step, StepDecision decision, int? version) =>
        new(at, round, step, RestructureTexts.RestructureStepName(step), decision.Outcome, RestructureTexts.RestructureOutcomeName(decision.Outcome), decision.Comment,
            decision.ActorName, decision.Version ?? version);

    /// <summary>The entry a closed step of version 2 writes (null: a step without a record).</summary>
    public static TrailEntry? Entry(StepClosed closed) =>
        RecordOf(closed.Step) is { } r ? Entry(closed.At, r.Round, closed.Step.Step, closed.Decision, r.Version) : null;

    public Task OpenedAsync(OpenStep step) => Task.CompletedTask;

    public Task ClosedAsync(StepClosed closed) =>
        RecordOf(closed.Step) is { } r ? store.AddTrailAsync(r.CycleId, r.WardId, Entry(closed.At, r.Round, closed.Step.Step, closed.Decision, r.Version)) : Task.CompletedTask;
}
