using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Foundation;

/// <summary>Every branch of the sign-off orchestrator, fast, on the in-memory test host.</summary>
public sealed class SignOffOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly ConcurrentQueue<RecordOutcomeInput> outcomes = new();
    readonly ConcurrentQueue<SignOffRequest> opened = new();

    readonly Infrastructure.HumanStepRecorder steps = new();

    public async Task InitializeAsync() => host = await DurableTaskTestHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(SignOffOrchestrator.Name, new SignOffOrchestrator())
        .AddActivityFunc<SignOffRequest>(SignOffActivities.RecordOpened, (_, input) => opened.Enqueue(input))
        .AddActivityFunc<RecordOutcomeInput>(SignOffActivities.RecordOutcome, (_, input) => outcomes.Enqueue(input)));

    public async Task DisposeAsync() => await host.DisposeAsync();

    static SignOffRequest Request(TimeSpan dueIn) =>
        new("r1", "an-cu", "Tờ trình", "demo-officer-an-cu", "Phạm Thị Lan", DateTimeOffset.UtcNow + dueIn);

    async Task<string> StartAndWaitForChairmanAsync(SignOffRequest request)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(SignOffOrchestrator.Name, request);
        await host.Client.AtStepAsync(id, SignOffOrchestrator.StepId);
        return id;
    }

    Task<SignOffOutcome> CompletionAsync(string id) => host.Client.CompletedAsync<SignOffOutcome>(id);

    [Fact]
    public async Task Approved_by_the_chairman()
    {
        var id = await StartAndWaitForChairmanAsync(Request(TimeSpan.FromHours(1)));
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision(SignOffOrchestrator.StepId, SignOffOutcomes.Approve, "Đồng ý", "c1", "Chủ tịch"));
        var outcome = await CompletionAsync(id);
        Assert.Equal(SignOffState.Approved, outcome.State);
        Assert.Equal("Chủ tịch", outcome.DecidedByName);
        Assert.Single(opened);
        Assert.Equal(SignOffState.Approved, Assert.Single(outcomes).Outcome.State);
    }

    [Fact]
    public async Task Returned_with_a_comment()
    {
        var id = await StartAndWaitForChairmanAsync(Request(TimeSpan.FromHours(1)));
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision(SignOffOrchestrator.StepId, SignOffOutcomes.Return, "Thiếu biên bản", "c1", "Chủ tịch"));
        var outcome = await CompletionAsync(id);
        Assert.Equal(SignOffState.Returned, outcome.State);
        Assert.Equal("Thiếu biên bản", outcome.Comment);
    }

    [Fact]
    public async Task Expires_when_nobody_decides_before_the_deadline()
    {
        var id = await StartAndWaitForChairmanAsync(Request(TimeSpan.FromSeconds(2)));
        var outcome = await CompletionAsync(id);
        Assert.Equal(SignOffState.Expired, outcome.State);
        Assert.Null(outcome.DecidedBy);
        Assert.Equal(SignOffState.Expired, Assert.Single(outcomes).Outcome.State);
    }
}
