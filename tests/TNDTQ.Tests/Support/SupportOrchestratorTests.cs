using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Tndtq.Identity;
using Tndtq.Shared.Workflows;
using Tndtq.Support;
using Tndtq.Tests.Infrastructure;
using S = Tndtq.Support.SupportStep;
using Tndtq.Shared;

namespace Tndtq.Tests.Support;

/// <summary>
/// Every branch of a support round's approval on the in-memory test host: approve, return and resubmit, withdraw, reminder and
/// escalation; and <see cref="SupportOrchestratorV2"/> against version 1, each branch driven on both with the same decisions:
/// version 2 runs only the step activities, ends the same, and its steps' closes carry what records the same statuses and trail
/// (<see cref="SupportRecords.StepRecord(StepClosed)"/>), at the time of the decision.
/// </summary>
public sealed class SupportOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly HumanStepRecorder steps = new();
    readonly ConcurrentQueue<SupportStepRecord> recorded = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(SupportOrchestrator.Name, new SupportOrchestrator())
        .AddOrchestrator(SupportOrchestratorV2.Name, new SupportOrchestratorV2())
        .AddActivityFunc<SupportStepRecord>(SupportActivities.Record, (c, s) => { steps.Called(c); recorded.Enqueue(s); }));

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<string> StartAsync(SupportDeadlines? deadlines = null)
    {
        var id = "r" + Guid.NewGuid().ToString("N")[..8];
        var input = new SupportWorkflowInput("an-cu", id, "Thăm hỏi Tết Nguyên đán 2027", "An Cư", deadlines ?? new SupportDeadlines(), [TimeSpan.FromSeconds(1)]);
        return await host.Client.ScheduleNewOrchestrationInstanceAsync(SupportOrchestrator.Name, input, new StartOrchestrationOptions(SupportOrchestrator.InstanceId("an-cu", id)));
    }

    Task DecideAsync(string id, string stepId, string outcome, string? comment = null) =>
        host.Client.DecideAsync(id, new StepDecision(stepId, outcome, comment, "u", "Người xử lý"));

    List<string> StatusesOf(string id) => recorded.Where(r => SupportOrchestrator.InstanceId(r.Input.WardId, r.Input.RoundId) == id).Select(r => r.Status).ToList();

    [Fact]
    public async Task Approved_by_the_chairman()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-approval-1", S.Approve);
        var outcome = await host.Client.CompletedAsync<SupportOutcome>(id);
        Assert.Equal(SupportStatus.Approved, outcome.Status);
        Assert.Equal([SupportStatus.Approved], StatusesOf(id));
        var opened = steps.Opened.Single(s => s.InstanceId == id);
        Assert.Equal(Role.WardChairman, opened.WaitingFor);
        Assert.Equal(Role.DistrictPolice, opened.EscalateTo);
    }

    [Fact]
    public async Task Returned_revised_resubmitted_then_approved()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-approval-1", S.Return, "Bổ sung tổ 5");
        await DecideAsync(id, "revision-2", S.Resubmit);
        await DecideAsync(id, "chairman-approval-2", S.Approve);
        Assert.Equal(SupportStatus.Approved, (await host.Client.CompletedAsync<SupportOutcome>(id)).Status);
        Assert.Equal([SupportStatus.Returned, SupportStatus.Pending, SupportStatus.Approved], StatusesOf(id));
        Assert.Equal("Bổ sung tổ 5", recorded.First(r => r.Status == SupportStatus.Returned && r.Input.RoundId == id[(id.LastIndexOf(':') + 1)..]).Entry.Comment);
        var revision = steps.Opened.Single(s => s.InstanceId == id && s.Step == S.Revision);
        Assert.Equal(Role.WardOfficer, revision.WaitingFor);
        Assert.Equal(Role.WardChairman, revision.EscalateTo);
    }

    [Fact]
    public async Task Withdrawn_by_the_officer_while_pending_or_returned()
    {
        var pending = await StartAsync();
        await DecideAsync(pending, "chairman-approval-1", S.Withdraw);
        Assert.Equal(SupportStatus.Withdrawn, (await host.Client.CompletedAsync<SupportOutcome>(pending)).Status);

        var returned = await StartAsync();
        await DecideAsync(returned, "chairman-approval-1", S.Return, "Sai số tiền");
        await DecideAsync(returned, "revision-2", S.Withdraw);
        Assert.Equal(SupportStatus.Withdrawn, (await host.Client.CompletedAsync<SupportOutcome>(returned)).Status);
        Assert.Equal([SupportStatus.Returned, SupportStatus.Withdrawn], StatusesOf(returned));
    }

    [Fact]
    public async Task An_overdue_approval_is_reminded_and_escalated_and_still_waits_for_the_chairman()
    {
        var id = await StartAsync(new SupportDeadlines(ChairmanDays: 3.0 / 86400));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (steps.Alarms.Count(a => a.Step.InstanceId == id) < 2 && DateTime.UtcNow < until) await Task.Delay(200);
        var mine = steps.Alarms.Where(a => a.Step.InstanceId == id).ToList();
        Assert.Equal(["reminder", "overdue"], mine.Select(a => a.Kind));
        Assert.Equal(Role.DistrictPolice, mine[1].Step.EscalateTo);
        await DecideAsync(id, "chairman-approval-1", S.Approve); // escalated, not dropped
        Assert.Equal(SupportStatus.Approved, (await host.Client.CompletedAsync<SupportOutcome>(id)).Status);
    }

    /// <summary>The same round started on version 1 and on version 2 (in a ward of its own, so their records are apart).</summary>
    async Task<(string V1, string V2)> StartBothAsync()
    {
        var id = "r" + Guid.NewGuid().ToString("N")[..8];
        SupportWorkflowInput Input(string ward) => new(ward, id, "Thăm hỏi Tết Nguyên đán 2027", "An Cư", new SupportDeadlines(), [TimeSpan.FromDays(1)]);
        return (await host.Client.ScheduleNewOrchestrationInstanceAsync(SupportOrchestrator.Name, Input("v1"), new StartOrchestrationOptions(SupportOrchestrator.InstanceId("v1", id))),
                await host.Client.ScheduleNewOrchestrationInstanceAsync(SupportOrchestratorV2.Name, Input("v2"), new StartOrchestrationOptions(SupportOrchestrator.InstanceId("v2", id))));
    }

    async Task DecideBothAsync((string V1, string V2) ids, string stepId, string outcome, string? comment = null)
    {
        await DecideAsync(ids.V1, stepId, outcome, comment);
        await DecideAsync(ids.V2, stepId, outcome, comment);
    }

    /// <summary>
    /// Waits for both to end and holds version 2 to version 1: the same outcome (but the moment it closed), version 1's activities
    /// less its <c>RecordSupportStep</c>, the same records on the round (but their time, which for version 2 is its step's close).
    /// </summary>
    async Task<(SupportOutcome Outcome, IReadOnlyList<SupportStepRecord> Records)> SameAsVersion1Async((string V1, string V2) ids)
    {
        var v1 = await host.Client.CompletedAsync<SupportOutcome>(ids.V1);
        var v2 = await host.Client.CompletedAsync<SupportOutcome>(ids.V2);
        Assert.Equal(v1 with { ClosedAt = default }, v2 with { ClosedAt = default });

        var calls1 = steps.CallsOf(ids.V1);
        var calls2 = steps.CallsOf(ids.V2);
        Assert.Equal(calls1.Where(c => c != SupportActivities.Record), calls2);
        Assert.All(calls2, c => Assert.Contains(c, new[] { WorkflowActivities.OpenStep, WorkflowActivities.CloseStep }));

        var closed = steps.Closed.Where(c => c.Step.InstanceId == ids.V2).ToList();
        var records2 = closed.Select(c => SupportRecords.StepRecord(c)!).ToList();
        var records1 = recorded.Where(r => SupportOrchestrator.InstanceId(r.Input.WardId, r.Input.RoundId) == ids.V1).ToList();
        Assert.Equal(records1.Count, calls1.Count(c => c == SupportActivities.Record));
        Assert.Equal(records1.Select(r => (r.Status, r.Entry with { At = default })), records2.Select(r => (r.Status, r.Entry with { At = default })));
        Assert.Equal(closed.Select(c => c.At), records2.Select(r => r.Entry.At)); // the time of the decision
        Assert.All(records2, r => Assert.Equal("v2", r.Input.WardId));
        Assert.DoesNotContain(recorded, r => r.Input.WardId == "v2");
        Assert.All(steps.Closed.Where(c => c.Step.InstanceId == ids.V1), c => Assert.Null(SupportRecords.StepRecord(c))); // version 1's steps carry nothing
        return (v2, records2);
    }

    [Fact]
    public async Task Version_2_approved_runs_only_the_step_activities()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "chairman-approval-1", S.Approve);
        var (outcome, records) = await SameAsVersion1Async(ids);
        Assert.Equal(SupportStatus.Approved, outcome.Status);
        Assert.Equal([WorkflowActivities.OpenStep, WorkflowActivities.CloseStep], steps.CallsOf(ids.V2));
        Assert.Equal(SupportStatus.Approved, Assert.Single(records).Status);
    }

    [Fact]
    public async Task Version_2_returned_revised_resubmitted_then_approved()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "chairman-approval-1", S.Return, "Bổ sung tổ 5");
        await DecideBothAsync(ids, "revision-2", S.Resubmit);
        await DecideBothAsync(ids, "chairman-approval-2", S.Approve);
        var (outcome, records) = await SameAsVersion1Async(ids);
        Assert.Equal(SupportStatus.Approved, outcome.Status);
        Assert.Equal([SupportStatus.Returned, SupportStatus.Pending, SupportStatus.Approved], records.Select(r => r.Status));
        Assert.Equal(("Trả lại", "Bổ sung tổ 5"), (records[0].Entry.OutcomeName, records[0].Entry.Comment));
    }

    [Fact]
    public async Task Version_2_withdrawn_while_pending_or_returned()
    {
        var pending = await StartBothAsync();
        await DecideBothAsync(pending, "chairman-approval-1", S.Withdraw);
        Assert.Equal(SupportStatus.Withdrawn, (await SameAsVersion1Async(pending)).Outcome.Status);

        var returned = await StartBothAsync();
        await DecideBothAsync(returned, "chairman-approval-1", S.Return, "Sai số tiền");
        await DecideBothAsync(returned, "revision-2", S.Withdraw);
        var (outcome, records) = await SameAsVersion1Async(returned);
        Assert.Equal(SupportStatus.Withdrawn, outcome.Status);
        Assert.Equal([SupportStatus.Returned, SupportStatus.Withdrawn], records.Select(r => r.Status));
    }
}
