using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Tndtq.Restructure;

/// <summary>
/// Scheduled work of the review (NCRONTAB, six fields, evaluated in UTC: Vietnam is UTC+7):
/// <code>
/// OpenPeriodicReviewCycle  %ReviewCycleSchedule%    opens the periodic review cycle for every ward (idempotent)
/// </code>
/// </summary>
public sealed class ReviewCycleTimer(PeriodicCycles cycles)
{
    [Function("OpenPeriodicReviewCycle")]
    public Task OpenCycle([TimerTrigger("%ReviewCycleSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct) =>
        cycles.OpenCurrentAsync(durable, ct);
}
