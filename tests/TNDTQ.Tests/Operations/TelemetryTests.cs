using System.Collections.Concurrent;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tndtq.Identity;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Operations;

/// <summary>What the dashboard reads: one event per step opened, decided, overdue, escalated and document generated, with its dimensions.</summary>
public sealed class TelemetryTests
{
    sealed class Capture : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();
        public bool? DeveloperMode { get; set; }
        public string EndpointAddress { get; set; } = "";
        public void Send(ITelemetry item) => Items.Enqueue(item);
        public void Flush() { }
        public void Dispose() { }
    }

    static readonly OpenStep Step = new("restructure", "restructure:c1:an-cu", "s1", "chairman-sign-off", "Chủ tịch phường ký duyệt",
        Role.WardChairman, "an-cu", "Tờ trình", new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), [], Role.DistrictPolice, "/api/x",
        OpenedAt: new DateTimeOffset(2026, 4, 29, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Steps_and_documents_become_events_with_their_workflow_ward_and_step()
    {
        var channel = new Capture();
        var telemetry = new Telemetry(new TelemetryClient(new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000" }),
            NullLogger<Telemetry>.Instance);

        telemetry.StepOpened(Step);
        telemetry.StepAlarm(new StepAlarm(Step, "reminder", Step.DueAt.AddDays(-1), TimeSpan.FromDays(1)));
        telemetry.StepAlarm(new StepAlarm(Step, "overdue", Step.DueAt, null));
        telemetry.StepDecided(new StepClosed(Step, new StepDecision("s1", "approve", null, "u", "U"), Step.DueAt.AddHours(2)));
        telemetry.DocumentGenerated("NominationWorkflow", "nomination:n1", "an-cu", "certificate", "docx+pdf");

        var events = channel.Items.OfType<EventTelemetry>().ToList();
        Assert.Equal(["Tndtq.StepOpened", "Tndtq.StepOverdue", "Tndtq.StepEscalated", "Tndtq.StepDecided", "Tndtq.DocumentGenerated"], events.Select(e => e.Name));
        Assert.All(events.Take(4), e => Assert.Equal(("restructure", "an-cu", "chairman-sign-off", "restructure:c1:an-cu"),
            (e.Properties["Workflow"], e.Properties["WardId"], e.Properties["Step"], e.Properties["InstanceId"])));
        Assert.Equal("DistrictPolice", events[2].Properties["EscalatedTo"]);
        Assert.Equal("approve", events[3].Properties["Outcome"]);
        Assert.Equal(50, events[3].Metrics["HoursOpen"]);
        Assert.Equal("certificate", events[4].Properties["Kind"]);
    }

    [Fact]
    public async Task Without_a_connection_string_the_app_registers_telemetry_and_sends_nothing()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration); // as every host provides it
        Telemetry.Register(services, configuration);
        await using var provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<IOptions<TelemetryConfiguration>>().Value.DisableTelemetry);
        provider.GetRequiredService<Telemetry>().StepOpened(Step); // no exception, nothing sent
    }
}
