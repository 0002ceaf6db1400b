using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>
/// The sign-off workflow, version 2: the same step, status and outcome as <see cref="SignOffOrchestrator"/>
/// (which stays until its last instance has completed), with two activities instead of four. The request
/// rides on the step (<see cref="OpenStep.Record"/>), so the step's own activities keep its row:
/// <c>OpenWorkflowStep</c> records it as opened and <c>CloseWorkflowStep</c> records the outcome, through
/// <see cref="SignOffRecords"/>. New requests start here (<see cref="SignOffService.CreateAsync"/>).
/// </summary>
public sealed class SignOffOrchestratorV2 : TaskOrchestrator<SignOffRequest, SignOffOutcome>
{
    public const string Name = "SignOffWorkflowV2";

    public override async Task<SignOffOutcome> RunAsync(TaskOrchestrationContext context, SignOffRequest request)
    {
        // No "starting" status of its own: the step publishes "waiting for the chairman" in this same first turn.
        var decision = await context.WaitForStepAsync(SignOffOrchestrator.ChairmanStep(context, request) with { Record = SignOffRecords.Record(request) });
        var outcome = SignOffOutcome.Of(decision, context.CurrentUtcDateTime);
        context.Publish(SignOffOrchestrator.Ended(request, outcome));
        return outcome;
    }

    [Function(Name)]
    public static Task<SignOffOutcome> RunSignOffWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SignOffOrchestratorV2().RunAsync(context, context.GetInput<SignOffRequest>()!);
}
