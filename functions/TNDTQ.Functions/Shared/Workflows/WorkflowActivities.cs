using Microsoft.Azure.Functions.Worker;
using Tndtq.Inbox;

namespace Tndtq.Shared.Workflows;

/// <summary>
/// The I/O of <see cref="HumanStep"/>: publish a step in the task list (who must act, by when),
/// send reminders and escalations to the inbox, and take the step off the list when decided.
/// Every write is keyed by the step and the alarm, so an activity that runs twice writes once.
/// </summary>
public sealed class WorkflowActivities(TaskList tasks, DueIndex due, Notifications notifications, Telemetry telemetry, IEnumerable<IStepObserver> observers)
{
    public const string OpenStep = "OpenWorkflowStep";
    public const string CloseStep = "CloseWorkflowStep";
    public const string Alarm = "SendStepAlarm";

    // The rows an activity writes are independent of each other (the task list and the due index excepted): they are
    // written at once, so a step costs the time of its slowest write, not the sum. Each write is idempotent, so an
    // activity that failed part-way is simply run again.

    [Function(OpenStep)]
    public async Task OpenWorkflowStep([ActivityTrigger] OpenStep step)
    {
        async Task ListAsync()
        {
            var previous = await tasks.PutAsync(step);
            await due.PutAsync(step, previous is { } p && p.StepId == step.StepId ? p.DueAt : null);
        }
        await Task.WhenAll([ListAsync(), notifications.SendAsync(Audience.Of(step.WaitingFor, step.WardId), Notice.StepOpened(step)),
            .. observers.Where(o => o.Observes(step)).Select(o => o.OpenedAsync(step))]);
        telemetry.StepOpened(step);
    }

    [Function(CloseStep)]
    public async Task CloseWorkflowStep([ActivityTrigger] StepClosed closed)
    {
        await Task.WhenAll([tasks.RemoveAsync(closed.Step), due.RemoveAsync(closed.Step),
            .. observers.Where(o => o.Observes(closed.Step)).Select(o => o.ClosedAsync(closed))]);
        telemetry.StepDecided(closed);
    }

    [Function(Alarm)]
    public async Task SendStepAlarm([ActivityTrigger] StepAlarm alarm)
    {
        await notifications.SendAsync(Audience.Of(alarm.Step.WaitingFor, alarm.Step.WardId), Notice.Alarm(alarm));
        if (alarm.Kind == "overdue" && alarm.Step.EscalateTo is { } next)
            await notifications.SendAsync(Audience.Of(next, alarm.Step.WardId), Notice.Escalation(alarm.Step));
        telemetry.StepAlarm(alarm);
    }
}

/// <summary>
/// Told when a human step opens (or its deadline moves) and when it is decided, from the step activities: how a
/// capability keeps figures of open steps (the reports' nominations by step) or its own record (the sign-off's
/// row, from <see cref="OpenStep.Record"/>) without this shared code knowing it. An observer of one
/// <see cref="Workflow"/> is told of that workflow's steps only. Activities may run twice, so an observer must be idempotent.
/// </summary>
public interface IStepObserver
{
    /// <summary>The workflow (<see cref="OpenStep.Workflow"/>) whose steps this observer is told of; null: every workflow's.</summary>
    string? Workflow => null;

    Task OpenedAsync(OpenStep step);
    Task ClosedAsync(StepClosed closed);
}

static class StepObservers
{
    public static bool Observes(this IStepObserver observer, OpenStep step) => observer.Workflow is null || observer.Workflow == step.Workflow;
}
