using Tndtq.Inbox;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Meetings;

/// <summary>
/// Agreed tasks in the ward officer's inbox: each open task is listed as a step waiting for the
/// ward officer (<see cref="TaskList"/>) and put in the <see cref="DueIndex"/>, so the daily scan
/// reminds 3 days and 1 day before its due date and says when it is overdue, like every other step.
/// Done (or removed by a correction), it is taken off both. Every write here is repeatable (upserts
/// and deletes by fixed keys, notices with fixed ids), so an outbox applied twice does no harm.
/// </summary>
public sealed class MeetingTasks(MeetingStore store, TaskList taskList, DueIndex due, Notifications notifications)
{
    public const string Workflow = "meeting";
    public static readonly IReadOnlyList<TimeSpan> RemindBefore = [TimeSpan.FromDays(3), TimeSpan.FromDays(1)];

    /// <summary>A task is due at 17:00 Vietnam time on its due date.</summary>
    public static DateTimeOffset DueAt(DateOnly dueOn) => new(dueOn.ToDateTime(new TimeOnly(17, 0)), VietnamTime.Offset);

    public static OpenStep Step(Meeting m, AgreedTask t, DateTimeOffset openedAt) => new(Workflow, $"meeting:{m.WardId}:{m.Id}:{t.Id}", $"task-{t.Id}", "agreed-task",
        MeetingTexts.MeetingTaskStepName, Role.WardOfficer, m.WardId, MeetingTexts.MeetingTaskSubject(t.What, t.Who, m.Scope == MeetingScope.Ward ? MeetingTexts.WardMeetingName : m.GroupName ?? "", m.Date),
        DueAt(t.DueOn), RemindBefore, null, MeetingService.Url(m.WardId, m.Id), openedAt);

    public async Task ApplyAsync(string wardId, IReadOnlyList<TaskChange> changes)
    {
        foreach (var c in changes)
        {
            if (c.Remove)
            {
                await taskList.RemoveAsync(c.Step);
                await due.RemoveAsync(c.Step);
                continue;
            }
            await taskList.PutAsync(c.Step);
            await due.PutAsync(c.Step, c.PreviousDue);
            await notifications.SendAsync(Audience.Of(Role.WardOfficer, wardId), Notice.StepOpened(c.Step));
        }
    }

    /// <summary>Finishes the outboxes a crash left in the ward's partition (before its next meeting write, and daily).</summary>
    public async Task ResumeAsync(string wardId, CancellationToken ct)
    {
        foreach (var (operationId, changes) in await store.PendingOutboxesAsync(wardId, ct))
        {
            await ApplyAsync(wardId, changes);
            await store.DeleteOutboxAsync(wardId, operationId, ct);
        }
    }
}

/// <summary>
/// The meeting records the daily reminder scan asks for (<see cref="IMeetingRecords"/>): per ward, one
/// point read of the ward's counters (each group's last meeting) and the register's active groups —
/// never a scan of meetings. A group established within the period is not yet expected to have met.
/// </summary>
public sealed class MeetingRecords(MeetingStore store, MeetingRegister register, MeetingTasks tasks) : IMeetingRecords
{
    public async Task<IReadOnlyList<GroupWithoutMeeting>> GroupsWithoutMeetingSinceAsync(DateOnly since, CancellationToken ct)
    {
        var quiet = new List<GroupWithoutMeeting>();
        foreach (var wardId in await register.WardIdsAsync(ct))
        {
            await tasks.ResumeAsync(wardId, ct);
            var counters = (await store.WardCountersAsync(wardId, ct))?.Value ?? WardMeetingCounters.Empty;
            foreach (var g in await register.ActiveGroupsAsync(wardId, ct))
            {
                var last = counters.LastMeetingByGroup.TryGetValue(g.Id, out var d) ? d : (DateOnly?)null;
                if (last >= since || g.EstablishedOn > since) continue;
                quiet.Add(new GroupWithoutMeeting(wardId, g.Id, g.Name, last));
            }
        }
        return quiet;
    }
}
