using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tndtq.Shared.Workflows;

namespace Tndtq.Shared;

/// <summary>
/// What the process does, for Azure Monitor, in one place: a structured log line (scope: workflow,
/// instance, ward, step) and a custom event <c>Tndtq.*</c> for each step opened, decided, overdue and
/// escalated, each document generated, each backup and purge, plus the metric
/// <c>Tndtq.WorkflowSteps</c> (dimensions Workflow, Event). The workbook in <c>infra/workbook.json</c>
/// reads these. Called from the shared human-step activities, so every workflow reports the same
/// way; an activity that runs twice reports twice (at least once).
/// </summary>
public sealed class Telemetry(TelemetryClient client, ILogger<Telemetry> log)
{
    public void StepOpened(OpenStep step) =>
        Step("StepOpened", step, null, null, "Step {Step} of {Workflow} {InstanceId} opened for {WaitingFor} in ward {WardId}, due {DueAt:o}",
            step.Step, step.Workflow, step.InstanceId, step.WaitingFor, step.WardId, step.DueAt);

    public void StepDecided(StepClosed closed) =>
        Step("StepDecided", closed.Step, new() { ["Outcome"] = closed.Decision.Outcome },
            new() { ["HoursOpen"] = closed.Step.OpenedAt == default ? 0 : (closed.At - closed.Step.OpenedAt).TotalHours },
            "Step {Step} of {Workflow} {InstanceId} in ward {WardId} decided: {Outcome}",
            closed.Step.Step, closed.Step.Workflow, closed.Step.InstanceId, closed.Step.WardId, closed.Decision.Outcome);

    public void StepAlarm(StepAlarm alarm)
    {
        if (alarm.Kind != "overdue") return; // reminders are notices, not process events
        Step("StepOverdue", alarm.Step, null, null, "Step {Step} of {Workflow} {InstanceId} in ward {WardId} is overdue (due {DueAt:o})",
            alarm.Step.Step, alarm.Step.Workflow, alarm.Step.InstanceId, alarm.Step.WardId, alarm.Step.DueAt);
        if (alarm.Step.EscalateTo is { } to)
            Step("StepEscalated", alarm.Step, new() { ["EscalatedTo"] = to.ToString() }, null,
                "Step {Step} of {Workflow} {InstanceId} in ward {WardId} escalated to {EscalatedTo}",
                alarm.Step.Step, alarm.Step.Workflow, alarm.Step.InstanceId, alarm.Step.WardId, to);
    }

    public void DocumentGenerated(string workflow, string instanceId, string wardId, string kind, string format)
    {
        using var _ = Scope(workflow, instanceId, wardId, "documents");
        log.LogInformation("Document {Kind} ({Format}) generated for {Workflow} {InstanceId} in ward {WardId}", kind, format, workflow, instanceId, wardId);
        Event("DocumentGenerated", new() { ["Workflow"] = workflow, ["InstanceId"] = instanceId, ["WardId"] = wardId, ["Kind"] = kind, ["Format"] = format });
    }

    public void BackupCompleted(string backupId, long rows) =>
        Event("BackupCompleted", new() { ["BackupId"] = backupId }, new() { ["Rows"] = rows });

    public void RetentionPurged(int instances, DateTimeOffset createdBefore) =>
        Event("RetentionPurged", new() { ["CreatedBefore"] = createdBefore.ToString("o") }, new() { ["Instances"] = instances });

    void Step(string name, OpenStep step, Dictionary<string, string>? extra, Dictionary<string, double>? measurements, string message, params object?[] args)
    {
        using var _ = Scope(step.Workflow, step.InstanceId, step.WardId, step.Step);
#pragma warning disable CA2254 // the templates are the constants above
        log.LogInformation(message, args);
#pragma warning restore CA2254
        var properties = new Dictionary<string, string>
        {
            ["Workflow"] = step.Workflow, ["InstanceId"] = step.InstanceId, ["WardId"] = step.WardId, ["Step"] = step.Step,
            ["StepId"] = step.StepId, ["WaitingFor"] = step.WaitingFor.ToString(),
        };
        foreach (var (k, v) in extra ?? []) properties[k] = v;
        Event(name, properties, measurements);
        client.GetMetric("Tndtq.WorkflowSteps", "Workflow", "Event").TrackValue(1, step.Workflow, name);
    }

    void Event(string name, Dictionary<string, string> properties, Dictionary<string, double>? measurements = null) =>
        client.TrackEvent("Tndtq." + name, properties, measurements);

    IDisposable? Scope(string workflow, string instanceId, string wardId, string step) =>
        log.BeginScope(new Dictionary<string, object> { ["Workflow"] = workflow, ["WorkflowInstance"] = instanceId, ["WardId"] = wardId, ["Step"] = step });

    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Application Insights for the isolated worker (WorkerService SDK and the Functions integration,
    /// which also reads <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> for Microsoft Entra
    /// authentication with the managed identity). Without a connection string (local host, tests)
    /// nothing is collected or sent, and nothing fails.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var enabled = !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);
        services.AddApplicationInsightsTelemetryWorkerService(o =>
        {
            if (enabled) return;
            o.EnableQuickPulseMetricStream = false;
            o.EnablePerformanceCounterCollectionModule = false;
            o.EnableEventCounterCollectionModule = false;
            o.EnableDependencyTrackingTelemetryModule = false;
            o.EnableHeartbeat = false;
            o.EnableAdaptiveSampling = false;
        });
        services.ConfigureFunctionsApplicationInsights();
        if (!enabled) services.Configure<TelemetryConfiguration>(c => c.DisableTelemetry = true);
        // The SDK's default rule keeps only warnings from ILogger: the app's information logs (workflow steps) are wanted.
        services.Configure<LoggerFilterOptions>(o =>
        {
            var rule = o.Rules.FirstOrDefault(r => r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null) o.Rules.Remove(rule);
        });
        services.AddSingleton<Telemetry>();
    }
}
