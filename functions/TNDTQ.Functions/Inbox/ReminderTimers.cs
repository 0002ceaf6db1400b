using Microsoft.Azure.Functions.Worker;

namespace Tndtq.Inbox;

/// <summary>
/// Scheduled work (NCRONTAB, six fields, evaluated in UTC: Vietnam is UTC+7, so 08:00 in Vietnam is "0 0 1 * * *"):
/// <code>
/// DailyReminderScan        %DailyScanSchedule%      reminders and escalations due, groups without meetings
/// WeeklyDistrictDigest     %WeeklyDigestSchedule%   overdue steps per ward, for the district
/// </code>
/// The periodic review cycle is opened by Restructure's own timer (<c>Restructure/ReviewCycleTimer.cs</c>).
/// </summary>
public sealed class ReminderTimers(ReminderScan scan)
{
    [Function("DailyReminderScan")]
    public Task Daily([TimerTrigger("%DailyScanSchedule%")] TimerInfo timer, CancellationToken ct) => scan.DailyAsync(ct);

    [Function("WeeklyDistrictDigest")]
    public Task Weekly([TimerTrigger("%WeeklyDigestSchedule%")] TimerInfo timer, CancellationToken ct) => scan.WeeklyDigestAsync(ct);
}
