using System.Text.Json;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>
/// Keeps the sign-off's row (<see cref="SignOffStore"/>) from the chairman's step activities, for
/// <see cref="SignOffOrchestratorV2"/>: opened when the step opens, the outcome when it closes. The request comes
/// with the step (<see cref="OpenStep.Record"/>); a step without it (version 1, which records through its own
/// activities) is left alone. Both writes are idempotent, as the activities may run twice.
/// </summary>
public sealed class SignOffRecords(SignOffStore store) : IStepObserver
{
    public string Workflow => SignOffOrchestrator.Workflow;

    /// <summary>The request as the step carries it.</summary>
    public static JsonElement Record(SignOffRequest request) => JsonSerializer.SerializeToElement(request, Json.Options);

    static SignOffRequest? Request(OpenStep step) => step.Record is { } r ? r.Deserialize<SignOffRequest>(Json.Options) : null;

    public Task OpenedAsync(OpenStep step) => Request(step) is { } r ? store.RecordOpenedAsync(r) : Task.CompletedTask;

    public Task ClosedAsync(StepClosed closed) => Request(closed.Step) is { } r
        ? store.RecordOutcomeAsync(r, SignOffOutcome.Of(closed.Decision, closed.At))
        : Task.CompletedTask;
}
