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
    public const string StepId = "chairman-1";

    public override async Task<SignOffOutcome> RunAsync(TaskOrchestrationContext context, SignOffRequest request)
    {
        context.Publish(new WorkflowStatus(SignOffState.Starting, Texts.SignOffStateName(SignOffState.Starting), null, request.WardId, null));
        await context.CallAsync(SignOffActivities.RecordOpened, request);

        var decision = await context.WaitForStepAsync(new OpenStep("sign-off", context.InstanceId, StepId, SignOffState.WaitingForChairman,
            Texts.SignOffStateName(SignOffState.WaitingForChairman), Role.WardChairman, request.WardId, request.Title, request.DueAt, [], null,
            $"/api/wards/{request.WardId}/sign-offs/{request.Id}", EndsAtDeadline: true));

        var outcome = decision.Outcome == StepDecision.Expired
            ? new SignOffOutcome(SignOffState.Expired, null, null, null, context.CurrentUtcDateTime)
            : new SignOffOutcome(decision.Outcome == SignOffOutcomes.Approve ? SignOffState.Approved : SignOffState.Returned,
                decision.Comment, decision.ActorId, decision.ActorName, context.CurrentUtcDateTime);

        await context.CallAsync(SignOffActivities.RecordOutcome, new RecordOutcomeInput(request, outcome));
        context.Publish(new WorkflowStatus(outcome.State, Texts.SignOffStateName(outcome.State), null, request.WardId, null));
        return outcome;
    }

    [Function(Name)]
    public static Task<SignOffOutcome> RunSignOffWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SignOffOrchestrator().RunAsync(context, context.GetInput<SignOffRequest>()!);
}

public sealed record RecordOutcomeInput(SignOffRequest Request, SignOffOutcome Outcome);
