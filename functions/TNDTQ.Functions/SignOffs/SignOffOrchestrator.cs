using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
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
        context.Publish(new WorkflowStatus(SignOffState.Starting, SignOffTexts.SignOffStateName(SignOffState.Starting), null, request.WardId, null));
        await context.CallAsync(SignOffActivities.RecordOpened, request);

        var decision = await context.WaitForStepAsync(ChairmanStep(context, request));
        var outcome = SignOffOutcome.Of(decision, context.CurrentUtcDateTime);

        await context.CallAsync(SignOffActivities.RecordOutcome, new RecordOutcomeInput(request, outcome));
        context.Publish(Ended(request, outcome));
        return outcome;
    }

    /// <summary>The request's one step: the ward chairman decides before the deadline, or it expires.</summary>
    public static OpenStep ChairmanStep(TaskOrchestrationContext context, SignOffRequest request) =>
        new(Workflow, context.InstanceId, StepId, SignOffState.WaitingForChairman,
            SignOffTexts.SignOffStateName(SignOffState.WaitingForChairman), Role.WardChairman, request.WardId, request.Title, request.DueAt, [], null,
            $"/api/wards/{request.WardId}/sign-offs/{request.Id}", EndsAtDeadline: true);

    /// <summary>The status published once it has ended.</summary>
    public static WorkflowStatus Ended(SignOffRequest request, SignOffOutcome outcome) =>
        new(outcome.State, SignOffTexts.SignOffStateName(outcome.State), null, request.WardId, null);

    /// <summary>The workflow's name on its steps (task list, due index, figures), the same in every version.</summary>
    public const string Workflow = "sign-off";

    [Function(Name)]
    public static Task<SignOffOutcome> RunSignOffWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SignOffOrchestrator().RunAsync(context, context.GetInput<SignOffRequest>()!);
}

public sealed record RecordOutcomeInput(SignOffRequest Request, SignOffOutcome Outcome);
