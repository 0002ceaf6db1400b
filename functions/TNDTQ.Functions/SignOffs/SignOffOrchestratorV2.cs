using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>
/// The foundation's small approval workflow: a ward officer sends a request up, the ward chairman approves or returns it
/// before its deadline, or it expires. The request rides on the step (<see cref="OpenStep.Record"/>), so the step's own
/// activities keep its row: <c>OpenWorkflowStep</c> records it as opened and <c>CloseWorkflowStep</c> records the outcome,
/// through <see cref="SignOffRecords"/>. Version 2, the only one: a change to this flow is a new class (docs/changing-workflows.md).
/// </summary>
public sealed class SignOffOrchestratorV2 : TaskOrchestrator<SignOffRequest, SignOffOutcome>
{
    public const string Name = "SignOffWorkflowV2";

    public override async Task<SignOffOutcome> RunAsync(TaskOrchestrationContext context, SignOffRequest request)
    {
        // No "starting" status of its own: the step publishes "waiting for the chairman" in this same first turn.
        var decision = await context.WaitForStepAsync(new OpenStep(SignOffWorkflow.Key, context.InstanceId, SignOffWorkflow.StepId, SignOffState.WaitingForChairman,
            SignOffTexts.SignOffStateName(SignOffState.WaitingForChairman), Role.WardChairman, request.WardId, request.Title, request.DueAt, [], null,
            $"/api/wards/{request.WardId}/sign-offs/{request.Id}", EndsAtDeadline: true, Record: SignOffRecords.Record(request)));
        var outcome = SignOffOutcome.Of(decision, context.CurrentUtcDateTime);
        context.Publish(new WorkflowStatus(outcome.State, SignOffTexts.SignOffStateName(outcome.State), null, request.WardId, null));
        return outcome;
    }

    [Function(Name)]
    public static Task<SignOffOutcome> RunSignOffWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SignOffOrchestratorV2().RunAsync(context, context.GetInput<SignOffRequest>()!);
}
