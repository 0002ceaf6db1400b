using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Identity;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>
/// The foundation's small approval workflow: a ward officer sends a request up, the ward chairman
/// approves or returns it before its deadline, or it expires.
/// </summary>
public sealed class SignOffOrchestrator : TaskOrchestrator<SignOffRequest, SignOffOutcome>
{
    public const string Name = "SignOffWorkflow";
    public const string DecisionEvent = "SignOffDecision";

    public override async Task<SignOffOutcome> RunAsync(TaskOrchestrationContext context, SignOffRequest request)
    {
        await context.CallActivityAsync(SignOffActivities.RecordOpened, request);

        context.SetCustomStatus(new WorkflowStatus(SignOffState.WaitingForChairman,
            Texts.SignOffStateName(SignOffState.WaitingForChairman), Role.WardChairman, request.WardId, request.DueAt));
        var step = await context.WaitForDecisionAsync<SignOffDecision>(DecisionEvent, request.DueAt);

        var outcome = step.TimedOut
            ? new SignOffOutcome(SignOffState.Expired, null, null, null, context.CurrentUtcDateTime)
            : new SignOffOutcome(step.Decision!.Approve ? SignOffState.Approved : SignOffState.Returned,
                step.Decision.Comment, step.Decision.DecidedBy, step.Decision.DecidedByName, context.CurrentUtcDateTime);

        await context.CallActivityAsync(SignOffActivities.RecordOutcome, new RecordOutcomeInput(request, outcome));
        context.SetCustomStatus(new WorkflowStatus(outcome.State, Texts.SignOffStateName(outcome.State), null, request.WardId, null));
        return outcome;
    }

    [Function(Name)]
    public static Task<SignOffOutcome> RunSignOffWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SignOffOrchestrator().RunAsync(context, context.GetInput<SignOffRequest>()!);
}

public sealed record RecordOutcomeInput(SignOffRequest Request, SignOffOutcome Outcome);
