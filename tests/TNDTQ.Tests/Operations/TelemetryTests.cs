using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Operations;

/// <summary>
/// What the dashboard reads, through OpenTelemetry: one custom event (a log record carrying <c>microsoft.custom_event.name</c>,
/// which the Azure Monitor exporter sends to customEvents) per step opened, decided, overdue, escalated and document generated,
/// with its dimensions, and the counter <c>Tndtq.WorkflowSteps</c> by workflow and event.
/// </summary>
public sealed class TelemetryTests
{
    /// <summary>Keeps what each exported log record said (the SDK reuses records after export).</summary>
    sealed class Capture : BaseExporter<LogRecord>
    {
        public List<(string Category, Dictionary<string, object?> Attributes)> Items { get; } = [];
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var r in batch) lock (Items) Items.Add((r.CategoryName ?? "", r.Attributes?.ToDictionary(a => a.Key, a => a.Value) ?? []));
            return ExportResult.Success;
        }
    }

    static readonly OpenStep Step = new("restructure", "restructure:c1:an-cu", "s1", "chairman-sign-off", "Chủ tịch phường ký duyệt",
        Role.WardChairman, "an-cu", "Tờ trình", new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), [], Role.DistrictPolice, "/api/x",
        OpenedAt: new DateTimeOffset(2026, 4, 29, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Steps_and_documents_become_events_with_their_workflow_ward_and_step()
    {
        var capture = new Capture();
        using var loggers = LoggerFactory.Create(b => b.AddOpenTelemetry(o => o.AddProcessor(new SimpleLogRecordExportProcessor(capture))));
        var metrics = new List<MetricSnapshot>();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(Telemetry.MeterName).AddInMemoryExporter(metrics).Build();
        var telemetry = new Telemetry(loggers, loggers.CreateLogger<Telemetry>(), services.GetRequiredService<IMeterFactory>());

        telemetry.StepOpened(Step);
        telemetry.StepAlarm(new StepAlarm(Step, "reminder", Step.DueAt.AddDays(-1), TimeSpan.FromDays(1)));
        telemetry.StepAlarm(new StepAlarm(Step, "overdue", Step.DueAt, null));
        telemetry.StepDecided(new StepClosed(Step, new StepDecision("s1", "approve", null, "u", "U"), Step.DueAt.AddHours(2)));
        telemetry.DocumentGenerated("NominationWorkflow", "nomination:n1", "an-cu", "certificate", "docx+pdf");
        telemetry.BackupCompleted("20261124T190000Z", 1234);

        var events = capture.Items.Where(i => i.Category == Telemetry.EventCategory).Select(i => i.Attributes).ToList();
        Assert.Equal(["Tndtq.StepOpened", "Tndtq.StepOverdue", "Tndtq.StepEscalated", "Tndtq.StepDecided", "Tndtq.DocumentGenerated", "Tndtq.BackupCompleted"],
            events.Select(e => e[Telemetry.CustomEventName]));
        Assert.All(events.Take(4), e => Assert.Equal(("restructure", "an-cu", "chairman-sign-off", "restructure:c1:an-cu"),
            (e["Workflow"], e["WardId"], e["Step"], e["InstanceId"])));
        Assert.Equal("DistrictPolice", events[2]["EscalatedTo"]);
        Assert.Equal("approve", events[3]["Outcome"]);
        Assert.Equal(50.0, events[3]["HoursOpen"]);
        Assert.Equal("certificate", events[4]["Kind"]);
        Assert.Equal(1234.0, events[5]["Rows"]);
        // The step's log line keeps its own message and scope, beside the event.
        Assert.Contains(capture.Items, i => i.Category == typeof(Telemetry).FullName && i.Attributes.TryGetValue("Step", out var s) && (string?)s == "chairman-sign-off");

        meterProvider.ForceFlush();
        var steps = metrics.Last(m => m.Name == "Tndtq.WorkflowSteps");
        var byEvent = steps.MetricPoints.ToDictionary(p => Tag(p, "Event"), p => p.GetSumLong());
        Assert.Equal(new Dictionary<string, long> { ["StepOpened"] = 1, ["StepOverdue"] = 1, ["StepEscalated"] = 1, ["StepDecided"] = 1 }, byEvent);
        Assert.All(steps.MetricPoints, p => Assert.Equal("restructure", Tag(p, "Workflow")));
    }

    static string Tag(MetricPoint p, string key)
    {
        foreach (var t in p.Tags) if (t.Key == key) return (string)t.Value!;
        return "";
    }

    [Theory]
    [InlineData(null, null)] // local host and tests: nothing is sent
    [InlineData("true", null)] // Tndtq__TelemetryConsole: written to the console
    [InlineData(null, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")] // Azure: the exporter
    public async Task The_app_registers_telemetry_as_configured_and_reporting_never_fails(string? console, string? connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Telemetry.ConsoleSetting] = console,
            [Telemetry.ConnectionStringSetting] = connectionString,
            [Telemetry.AuthenticationStringSetting] = connectionString is null ? null : "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration); // as every host provides it
        Telemetry.Register(services, configuration);
        await using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.NotNull(provider.GetService<TracerProvider>());
        provider.GetRequiredService<Telemetry>().StepOpened(Step); // no exception, whatever the exporter
    }

    [Fact]
    public void The_exporter_authenticates_with_the_managed_identity_of_the_authentication_string()
    {
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(Telemetry.Credential("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD"));
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(Telemetry.Credential("Authorization=AAD"));
        Assert.Null(Telemetry.Credential(null));
        Assert.Null(Telemetry.Credential("Authorization=Key"));
    }
}
