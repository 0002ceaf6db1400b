using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Training;

/// <summary>What one ward's invitation workflow needs (the session as it was published).</summary>
public sealed record InvitationInput(string SessionId, string Title, DateOnly Date, string WardId, string WardName, DateTimeOffset ConfirmBy,
    IReadOnlyList<TimeSpan> RemindBefore);

/// <summary>
/// One invitation of a training session to one ward (instance <c>training:{sessionId}:{wardId}</c>, started once when
/// the session is published): the ward officer's human step "Xác nhận người tham dự" in the inbox, with reminders
/// before the confirmation deadline and an escalation to the ward chairman when it passes (the step keeps waiting).
/// It ends when the officer confirms (the people are written by the service before the decision is raised), when
/// the police cancel the session, or when attendance is recorded without the ward having confirmed.
/// </summary>
public sealed class TrainingInvitationOrchestrator : TaskOrchestrator<InvitationInput, string>
{
    public const string Name = "TrainingInvitationWorkflow";
    public const string Workflow = "training";
    public const string ConfirmStep = "confirm-attendees";
    public const string ConfirmStepId = "confirm-attendees-1";
    public static string InstanceId(string sessionId, string wardId) => $"training:{sessionId}:{wardId}";
    public static string Link(string sessionId) => $"/api/training/sessions/{sessionId}";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, InvitationInput input)
    {
        var step = new OpenStep(Workflow, context.InstanceId, ConfirmStepId, ConfirmStep, TrainingTexts.TrainingConfirmStepName, Role.WardOfficer, input.WardId,
            TrainingTexts.TrainingSubject(input.Title, input.Date, input.WardName), input.ConfirmBy, input.RemindBefore, Role.WardChairman, Link(input.SessionId));
        var decision = await context.WaitForStepAsync(step);
        context.Publish(new WorkflowStatus(decision.Outcome, TrainingTexts.InvitationStepName(decision.Outcome), null, input.WardId, null));
        return decision.Outcome;
    }

    [Function(Name)]
    public static Task<string> RunTrainingInvitation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new TrainingInvitationOrchestrator().RunAsync(context, context.GetInput<InvitationInput>()!);
}
