using Microsoft.Extensions.Configuration;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Inbox;

/// <summary>Settings of the scheduled reminders (<c>Reminders__WindowDays</c>, <c>Meetings__MaxDaysWithoutMeeting</c>).</summary>
public sealed record ReminderOptions(int WindowDays = 7, int MaxDaysWithoutMeeting = 90)
{
    public static ReminderOptions From(IConfiguration c) =>
        new(c.GetValue("Reminders:WindowDays", 7), c.GetValue("Meetings:MaxDaysWithoutMeeting", 90));
}

/// <summary>A group that has not held its periodic meeting (direction 4).</summary>
public sealed record GroupWithoutMeeting(string WardId, string GroupId, string GroupName, DateOnly? LastMeeting);

/// <summary>
/// Where meeting records come from: the meetings capability supplies them (<c>Meetings/MeetingTasks.cs</c>,
/// <c>MeetingRecords</c>, from the counters written with every meeting). <see cref="NoMeetingRecordsYet"/> is for tests of other rules.
/// </summary>
public interface IMeetingRecords
{
    Task<IReadOnlyList<GroupWithoutMeeting>> GroupsWithoutMeetingSinceAsync(DateOnly since, CancellationToken ct);
}

public sealed class NoMeetingRecordsYet : IMeetingRecords
{
    public Task<IReadOnlyList<GroupWithoutMeeting>> GroupsWithoutMeetingSinceAsync(DateOnly since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GroupWithoutMeeting>>([]);
}

public sealed record ScanResult(int EntitiesRead, int Reminders, int Overdue, int MeetingReminders);

/// <summary>
/// The timer-triggered side of reminders. Each workflow step has its own durable timers that send
/// its reminders and its escalation at the right moment (<see cref="HumanStep"/>). This scan is the
/// safety net — it runs daily and sends whatever is due but missing (a timer lost with a deleted
/// task hub, a step opened before reminders were configured) — and the source of digests. Both
/// produce the same notices (same ids and times), so nothing is delivered twice, however often
/// either runs. The scan reads only the due index up to the end of its window.
/// </summary>
public sealed class ReminderScan(DueIndex due, Notifications notifications, IMeetingRecords meetings, ReminderOptions options, TimeProvider clock)
{
    public async Task<ScanResult> DailyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var steps = await due.DueUpToAsync(DateOnly.FromDateTime(VietnamTime.ToVietnam(now + TimeSpan.FromDays(options.WindowDays)).DateTime), ct);
        int reminders = 0, overdue = 0;
        foreach (var step in steps)
        {
            var assignee = Audience.Of(step.WaitingFor, step.WardId);
            if (step.DueAt <= now)
            {
                await notifications.SendAsync(assignee, Notice.Overdue(step));
                if (step.EscalateTo is { } next) await notifications.SendAsync(Audience.Of(next, step.WardId), Notice.Escalation(step));
                overdue++;
                continue;
            }
            // The nearest reminder that has come due, if it was still ahead when the step opened (as the durable timer would have sent it).
            var offset = step.RemindBefore.Where(o => step.DueAt - o <= now && (step.OpenedAt == default || step.DueAt - o >= step.OpenedAt))
                .OrderBy(o => o).Cast<TimeSpan?>().FirstOrDefault();
            if (offset is { } o)
            {
                await notifications.SendAsync(assignee, Notice.Reminder(step, o));
                reminders++;
            }
        }

        var today = VietnamTime.Today(clock);
        var quiet = await meetings.GroupsWithoutMeetingSinceAsync(today.AddDays(-options.MaxDaysWithoutMeeting), ct);
        foreach (var g in quiet)
            await notifications.SendAsync(Audience.Of(Role.WardOfficer, g.WardId), new Notice($"meeting|{g.WardId}|{g.GroupId}|{today:yyyy-MM}", "meeting",
                InboxTexts.NoticeNoMeetingTitle(g.GroupName), InboxTexts.NoticeNoMeetingBody(g.GroupName, g.LastMeeting, options.MaxDaysWithoutMeeting), g.WardId,
                $"/api/wards/{g.WardId}/groups/{g.GroupId}/meeting-summary",
                new DateTimeOffset(today.Year, today.Month, 1, 1, 0, 0, TimeSpan.Zero)));
        return new ScanResult(steps.Count, reminders, overdue, quiet.Count);
    }

    /// <summary>The weekly digest for the district: overdue steps per ward, once per week.</summary>
    public async Task<int> WeeklyDigestAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = VietnamTime.Today(clock);
        var overdue = (await due.DueUpToAsync(today, ct)).Where(s => s.DueAt <= now).ToList();
        if (overdue.Count == 0) return 0;
        var lines = overdue.GroupBy(s => s.WardId).OrderByDescending(g => g.Count())
            .Select(g => InboxTexts.DigestWardLine(g.Key, g.Count(), g.Select(s => s.StepName).Distinct()));
        var week = System.Globalization.ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue));
        var notice = new Notice($"digest|{today.Year}-w{week}", "digest", InboxTexts.DigestTitle(week, today.Year), string.Join("\n", lines), "", "/api/tasks",
            new DateTimeOffset(today.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        foreach (var role in new[] { Role.DistrictPolice, Role.DistrictLeader })
            await notifications.SendAsync(Audience.Of(role, ""), notice);
        return overdue.Count;
    }
}
