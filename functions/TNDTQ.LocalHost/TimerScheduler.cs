using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tndtq.LocalHost;

/// <summary>
/// Runs the app's timer-triggered functions on their NCRONTAB schedules (six fields, seconds
/// first), resolving <c>%Setting%</c> names from configuration as the Functions host does, in
/// <c>WEBSITE_TIME_ZONE</c> when set, else UTC; honours <c>RunOnStartup</c>.
/// </summary>
sealed class TimerScheduler(FunctionCatalog catalog, IServiceProvider services, IConfiguration configuration,
    TimeProvider clock, ILogger<TimerScheduler> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(t => RunAsync(t, stoppingToken)));

    public static CronExpression Parse(string schedule, IConfiguration configuration)
    {
        var resolved = HostJson.ResolveSettings(schedule, configuration);
        return CronExpression.Parse(resolved, CronFormat.IncludeSeconds);
    }

    async Task RunAsync(TimerFunction timer, CancellationToken stop)
    {
        var cron = Parse(timer.Schedule, configuration);
        var zone = configuration["WEBSITE_TIME_ZONE"] is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        DateTime? last = null;
        if (timer.RunOnStartup) await InvokeAsync(timer, last, cron.GetNextOccurrence(clock.GetUtcNow().UtcDateTime, zone), false, stop);
        while (!stop.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (cron.GetNextOccurrence(now, zone) is not { } next) return;
            try { await Task.Delay(next - now, clock, stop); } catch (OperationCanceledException) { return; }
            await InvokeAsync(timer, last, cron.GetNextOccurrence(next, zone), clock.GetUtcNow().UtcDateTime - next > TimeSpan.FromMinutes(1), stop);
            last = next;
        }
    }

    async Task InvokeAsync(TimerFunction timer, DateTime? last, DateTime? next, bool pastDue, CancellationToken stop)
    {
        var info = new TimerInfo
        {
            IsPastDue = pastDue,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = next ?? default, LastUpdated = clock.GetUtcNow().UtcDateTime },
        };
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(timer.Method, scope.ServiceProvider, p =>
                p.ParameterType == typeof(TimerInfo) ? info
                : p.ParameterType == typeof(FunctionContext) ? new LocalFunctionContext(timer.Name, timer.Method, scope.ServiceProvider, stop)
                : p.ParameterType == typeof(CancellationToken) ? stop
                : System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Microsoft.Azure.Functions.Worker.DurableClientAttribute>(p) is not null
                    ? scope.ServiceProvider.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>()
                : throw new NotSupportedException($"Timer '{timer.Name}': cannot bind parameter '{p.Name}'."));
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            log.LogError(e, "Timer function {Function} failed", timer.Name);
        }
    }
}
