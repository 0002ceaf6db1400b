using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tndtq.Shared.Workflows;

namespace Tndtq.Shared;

/// <summary>
/// What the process does, for Azure Monitor, in one place: a structured log line (scope: workflow,
/// instance, ward, step) and a custom event <c>Tndtq.*</c> for each step opened, decided, overdue and
/// escalated, each document generated, each backup and purge, plus the metric
/// <c>Tndtq.WorkflowSteps</c> (dimensions Workflow, Event). The workbook in <c>infra/workbook.json</c>
/// reads these. Called from the shared human-step activities, so every workflow reports the same
/// way; an activity that runs twice reports twice (at least once).
/// <para>
/// OpenTelemetry: a custom event is a log record of category <see cref="EventCategory"/> carrying the
/// attribute <c>microsoft.custom_event.name</c>, which the Azure Monitor exporter sends to
/// <c>customEvents</c> (its other attributes, measurements included, become <c>customDimensions</c>);
/// the metric is a counter of the meter <see cref="MeterName"/> (<c>customMetrics</c>).
/// </para>
/// </summary>
public sealed class Telemetry(ILoggerFactory loggers, ILogger<Telemetry> log, IMeterFactory meters)
{
    public const string MeterName = "Tndtq";
    public const string EventCategory = "Tndtq.Events";
    public const string CustomEventName = "microsoft.custom_event.name";

    readonly ILogger events = loggers.CreateLogger(EventCategory);
    readonly Counter<long> steps = meters.Create(MeterName).CreateCounter<long>("Tndtq.WorkflowSteps", description: "Workflow steps opened, decided, overdue and escalated");

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
        steps.Add(1, new KeyValuePair<string, object?>("Workflow", step.Workflow), new KeyValuePair<string, object?>("Event", name));
    }

    /// <summary>One custom event: its name and every property and measurement as attributes of one log record.</summary>
    void Event(string name, Dictionary<string, string> properties, Dictionary<string, double>? measurements = null)
    {
        var state = new List<KeyValuePair<string, object?>> { new(CustomEventName, "Tndtq." + name) };
        state.AddRange(properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)));
        state.AddRange((measurements ?? []).Select(m => new KeyValuePair<string, object?>(m.Key, m.Value)));
        events.Log(LogLevel.Information, new EventId(1, name), state, null, static (s, _) => (string)s[0].Value!);
    }

    IDisposable? Scope(string workflow, string instanceId, string wardId, string step) =>
        log.BeginScope(new Dictionary<string, object> { ["Workflow"] = workflow, ["WorkflowInstance"] = instanceId, ["WardId"] = wardId, ["Step"] = step });

    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    /// <summary>Local runs: traces, logs, events and metrics written to the console too (<c>Tndtq__TelemetryConsole=true</c>).</summary>
    public const string ConsoleSetting = "Tndtq:TelemetryConsole";

    /// <summary>
    /// OpenTelemetry for the isolated worker (<c>Microsoft.Azure.Functions.Worker.OpenTelemetry</c>: the
    /// invocation's trace context and resource), the app's meter, and the Azure Monitor exporter when a
    /// connection string is set, authenticated with the managed identity named by
    /// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>; local
    /// authentication is off on Application Insights). Without a connection string (local host, tests)
    /// nothing is sent; with <see cref="ConsoleSetting"/> everything is written to the console as well.
    /// host.json's <c>telemetryMode: OpenTelemetry</c> makes the Functions host emit its own the same way.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        var credential = Credential(configuration[AuthenticationStringSetting]);
        var console = configuration.GetValue<bool>(ConsoleSetting);
        services.AddMetrics(); // IMeterFactory, the app's meter
        var otel = services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
            .WithMetrics(m => m.AddMeter(MeterName))
            .WithTracing(_ => { })
            .WithLogging(_ => { }, o => { o.IncludeFormattedMessage = true; o.IncludeScopes = true; });
        if (!string.IsNullOrWhiteSpace(connectionString))
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (credential is not null) o.Credential = credential;
            });
        if (console)
            otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter()).WithLogging(l => l.AddConsoleExporter());
        services.AddSingleton<Telemetry>();
    }

    /// <summary>The managed identity of <c>ClientId=…;Authorization=AAD</c>; null when the setting is absent.</summary>
    internal static TokenCredential? Credential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication)) return null;
        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
