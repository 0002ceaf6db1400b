using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>
/// Keeps the sign-off's row (<see cref="SignOffStore"/>) from the chairman's step activities: opened when the step opens,
/// the outcome when it closes. The request comes with the step (<see cref="OpenStep.Record"/>). Both writes are
/// idempotent, as the activities may run twice.
/// </summary>
public sealed class SignOffRecords(SignOffStore store) : StepRecordObserver<SignOffRequest>(SignOffWorkflow.Key)
{
    protected override Task OpenedAsync(OpenStep step, SignOffRequest request) => store.RecordOpenedAsync(request);

    protected override Task ClosedAsync(StepClosed closed, SignOffRequest request) =>
        store.RecordOutcomeAsync(request, SignOffOutcome.Of(closed.Decision, closed.At));
}
