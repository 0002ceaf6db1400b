using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Inbox;

/// <summary>
/// The I/O of <see cref="HumanStep"/>, the activities <see cref="WorkflowActivities"/> names: publish a step in the
/// task list (who must act, by when), send reminders and escalations to the inbox, and take the step off the list when decided.
/// Every write is keyed by the step and the alarm, so an activity that runs twice writes once.
/// </summary>
public sealed class StepActivities(TaskList tasks, DueIndex due, Notifications notifications, Telemetry telemetry, IEnumerable<IStepObserver> observers)
{
    // The rows an activity writes are independent of each other (the task list and the due index excepted): they are
    // written at once, so a step costs the time of its slowest write, not the sum. Each write is idempotent, so an
    // activity that failed part-way is simply run again.

    [Function(WorkflowActivities.OpenStep)]
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

    [Function(WorkflowActivities.CloseStep)]
    public async Task CloseWorkflowStep([ActivityTrigger] StepClosed closed)
    {
        await Task.WhenAll([tasks.RemoveAsync(closed.Step), due.RemoveAsync(closed.Step),
            .. observers.Where(o => o.Observes(closed.Step)).Select(o => o.ClosedAsync(closed))]);
        telemetry.StepDecided(closed);
    }

    [Function(WorkflowActivities.Alarm)]
    public async Task SendStepAlarm([ActivityTrigger] StepAlarm alarm)
    {
        await notifications.SendAsync(Audience.Of(alarm.Step.WaitingFor, alarm.Step.WardId), Notice.Alarm(alarm));
        if (alarm.Kind == "overdue" && alarm.Step.EscalateTo is { } next)
            await notifications.SendAsync(Audience.Of(next, alarm.Step.WardId), Notice.Escalation(alarm.Step));
        telemetry.StepAlarm(alarm);
    }
}
