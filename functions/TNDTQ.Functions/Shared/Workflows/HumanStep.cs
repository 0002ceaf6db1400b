using Microsoft.DurableTask;

namespace Tndtq.Shared.Workflows;

/// <summary>
/// What a workflow is doing now, published as the orchestration's custom status so that lists
/// ("waiting for me") are served without loading histories. <see cref="StepId"/> names this
/// opening of the step: decisions carry it, so a late or doubled decision never lands on a later step.
/// A workflow stopped by a failing activity shows <see cref="WorkflowCalls.NeedsAttention"/>, waits for an
/// administrator and says why in <see cref="Attention"/>. A workflow may publish a derived record with more for its own
/// readers (a backup job's tables): readers of this one read its fields alike.
/// </summary>
public record WorkflowStatus(string Step, string StepName, Role? WaitingFor, string WardId, DateTimeOffset? DueAt, string? StepId = null,
    WorkflowAttention? Attention = null)
{
    /// <summary>The status an instance published (null: none yet, or no such instance).</summary>
    public static WorkflowStatus? Of(Microsoft.DurableTask.Client.OrchestrationMetadata? m) =>
        m?.SerializedCustomStatus is null ? null : m.ReadCustomStatusAs<WorkflowStatus>();
}

/// <summary>
/// A step a person must act on: who, by when, reminders before, escalation after. A step that
/// <paramref name="EndsAtDeadline"/> closes as <see cref="StepDecision.Expired"/> when the deadline passes
/// instead of waiting on after an escalation. <paramref name="Record"/> is what the workflow's own
/// <see cref="IStepObserver"/> needs to keep the workflow's record from the step activities (e.g. the sign-off
/// request), so that a workflow version needs no activity of its own around the step; optional, so a step
/// scheduled before it existed still runs.
/// </summary>
public sealed record OpenStep(
    string Workflow, string InstanceId, string StepId, string Step, string StepName, Role WaitingFor, string WardId, string Subject,
    DateTimeOffset DueAt, IReadOnlyList<TimeSpan> RemindBefore, Role? EscalateTo, string Link, DateTimeOffset OpenedAt = default,
    bool EndsAtDeadline = false, System.Text.Json.JsonElement? Record = null);

/// <summary>A person's decision on an open step (the payload of the decision event).</summary>
public sealed record StepDecision(string StepId, string Outcome, string? Comment, string ActorId, string ActorName,
    string? DecisionNumber = null, DateOnly? DecisionDate = null, int? Version = null, CouncilVote? Votes = null)
{
    /// <summary>The outcome of a step that ends at its deadline with nobody having decided.</summary>
    public const string Expired = "expired";
}

/// <summary>An emulation council's vote, with the meeting date.</summary>
public sealed record CouncilVote(int For, int Against, int Abstain, DateOnly MeetingDate);

/// <summary>A new deadline for one opening of a step (the payload of the deadline-changed event).</summary>
public sealed record StepDeadline(string StepId, DateTimeOffset DueAt);

/// <summary>What the step activities are told when a step is due soon, overdue, or closed.</summary>
public sealed record StepAlarm(OpenStep Step, string Kind, DateTimeOffset At, TimeSpan? Offset);

public sealed record StepClosed(OpenStep Step, StepDecision Decision, DateTimeOffset At);

/// <summary>
/// Human steps, written once for every workflow. A step is published (custom status and the
/// task list), then the orchestration waits for its decision while durable timers send reminders
/// at the configured offsets before the deadline and an escalation when it passes; the deadline can
/// be moved while waiting. Steps wait for their person (an overdue step is escalated, not dropped)
/// unless they are opened to end at their deadline.
/// </summary>
public static class HumanStep
{
    public const string DecisionEvent = "StepDecision";
    public const string DeadlineChangedEvent = "StepDeadlineChanged";

    public static async Task<StepDecision> WaitForStepAsync(this TaskOrchestrationContext context, OpenStep step)
    {
        var sent = new HashSet<string>();
        await PublishAsync(context, step);
        // One waiter per event, never cancelled: a cancelled WaitForExternalEvent waiter can swallow the
        // next event of that name in this SDK, so only the timers are cancelled between turns. A waiter
        // is replaced only once it has received its event.
        var decision = context.WaitForExternalEvent<StepDecision>(DecisionEvent);
        var moved = context.WaitForExternalEvent<StepDeadline>(DeadlineChangedEvent);
        // Each turn is a reminder, an escalation, a moved deadline or an ignored stale event: a
        // handful per step. The bound keeps the history finite should something loop.
        for (var turn = 0; turn < MaxTurns; turn++)
        {
            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            var alarm = NextAlarm(step, sent, now);
            using var cancelTimer = new CancellationTokenSource();
            var timer = alarm is null ? null : context.CreateTimer(alarm.Value.At.UtcDateTime, cancelTimer.Token);
            var first = await Task.WhenAny(timer is null ? [decision, moved] : new Task[] { decision, moved, timer });
            if (first != timer) cancelTimer.Cancel();

            if (first == decision)
            {
                var d = await decision;
                if (d.StepId != step.StepId) { decision = context.WaitForExternalEvent<StepDecision>(DecisionEvent); continue; } // late or doubled: ignore
                await context.CallAsync(WorkflowActivities.CloseStep, new StepClosed(step, d, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)));
                return d;
            }
            if (first == moved)
            {
                var change = await moved;
                moved = context.WaitForExternalEvent<StepDeadline>(DeadlineChangedEvent);
                if (change.StepId != step.StepId) continue; // meant for an earlier step
                step = step with { DueAt = change.DueAt };
                sent.Clear();
                await PublishAsync(context, step);
                continue;
            }
            sent.Add(alarm!.Value.Key);
            if (alarm.Value.Kind == "overdue" && step.EndsAtDeadline)
            {
                var expired = new StepDecision(step.StepId, StepDecision.Expired, null, "system", "Hệ thống");
                await context.CallAsync(WorkflowActivities.CloseStep, new StepClosed(step, expired, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)));
                return expired;
            }
            await context.CallAsync(WorkflowActivities.Alarm, new StepAlarm(step, alarm.Value.Kind, alarm.Value.At, alarm.Value.Offset));
        }
        throw new InvalidOperationException($"Step {step.StepId} of {step.InstanceId} exceeded {MaxTurns} turns.");
    }

    const int MaxTurns = 200;

    static async Task PublishAsync(TaskOrchestrationContext context, OpenStep step)
    {
        step = step with { OpenedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) };
        context.Publish(new WorkflowStatus(step.Step, step.StepName, step.WaitingFor, step.WardId, step.DueAt, step.StepId));
        await context.CallAsync(WorkflowActivities.OpenStep, step);
    }

    /// <summary>
    /// The next alarm: the earliest reminder still ahead, else the deadline (escalation). A reminder
    /// already past when the step opens or its deadline moves is not sent late; an overdue step
    /// escalates at once.
    /// </summary>
    static (string Key, string Kind, DateTimeOffset At, TimeSpan? Offset)? NextAlarm(OpenStep step, HashSet<string> sent, DateTimeOffset now)
    {
        var reminder = step.RemindBefore
            .Select(o => (Key: $"remind:{o}", Kind: "reminder", At: step.DueAt - o, Offset: (TimeSpan?)o))
            .Where(a => !sent.Contains(a.Key) && a.At > now)
            .OrderBy(a => a.At)
            .FirstOrDefault();
        if (reminder.Key is not null) return reminder;
        if (sent.Contains("overdue")) return null;
        return ("overdue", "overdue", step.DueAt > now ? step.DueAt : now, null);
    }
}
