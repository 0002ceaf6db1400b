using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Restructure;

namespace Tndtq.Inbox;

/// <summary>
/// Scheduled work (NCRONTAB, six fields, evaluated in UTC: Vietnam is UTC+7, so 08:00 in Vietnam is "0 0 1 * * *"):
/// <code>
/// DailyReminderScan        %DailyScanSchedule%      reminders and escalations due, groups without meetings
/// WeeklyDistrictDigest     %WeeklyDigestSchedule%   overdue steps per ward, for the district
/// OpenPeriodicReviewCycle  %ReviewCycleSchedule%    opens the periodic review cycle for every ward (idempotent)
/// </code>
/// </summary>
public sealed class ReminderTimers(ReminderScan scan, PeriodicCycles cycles)
{
    [Function("DailyReminderScan")]
    public Task Daily([TimerTrigger("%DailyScanSchedule%")] TimerInfo timer, CancellationToken ct) => scan.DailyAsync(ct);

    [Function("WeeklyDistrictDigest")]
    public Task Weekly([TimerTrigger("%WeeklyDigestSchedule%")] TimerInfo timer, CancellationToken ct) => scan.WeeklyDigestAsync(ct);

    [Function("OpenPeriodicReviewCycle")]
    public Task OpenCycle([TimerTrigger("%ReviewCycleSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct) =>
        cycles.OpenCurrentAsync(durable, ct);
}
