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
/// escalation. It runs only the step activities, and its steps' closes carry what records the round's statuses and trail
/// (<see cref="SupportRecords.StepRecord(StepClosed)"/>), at the time of each decision.
/// </summary>
public sealed class SupportOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly HumanStepRecorder steps = new();

    /// <summary>What the steps' closes recorded on the rounds, in order.</summary>
    IEnumerable<SupportStepRecord> recorded => steps.Closed.Select(c => SupportRecords.StepRecord(c)!);

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(SupportOrchestratorV2.Name, new SupportOrchestratorV2()));

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<string> StartAsync(SupportDeadlines? deadlines = null)
    {
        var id = "r" + Guid.NewGuid().ToString("N")[..8];
        var input = new SupportWorkflowInput("an-cu", id, "Thăm hỏi Tết Nguyên đán 2027", "An Cư", deadlines ?? new SupportDeadlines(), [TimeSpan.FromSeconds(1)]);
        return await host.Client.ScheduleNewOrchestrationInstanceAsync(SupportWorkflow.Current, input, new StartOrchestrationOptions(SupportWorkflow.InstanceId("an-cu", id)));
    }

    Task DecideAsync(string id, string stepId, string outcome, string? comment = null) =>
        host.Client.DecideAsync(id, new StepDecision(stepId, outcome, comment, "u", "Người xử lý"));

    List<string> StatusesOf(string id) => recorded.Where(r => SupportWorkflow.InstanceId(r.Input.WardId, r.Input.RoundId) == id).Select(r => r.Status).ToList();

    [Fact]
    public async Task Approved_by_the_chairman()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-approval-1", S.Approve);
        var outcome = await host.Client.CompletedAsync<SupportOutcome>(id);
        Assert.Equal(SupportStatus.Approved, outcome.Status);
        Assert.Equal([SupportStatus.Approved], StatusesOf(id));
        Assert.Equal([WorkflowActivities.OpenStep, WorkflowActivities.CloseStep], steps.CallsOf(id)); // only the step's own activities
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
        var returned = recorded.First(r => r.Status == SupportStatus.Returned && r.Input.RoundId == id[(id.LastIndexOf(':') + 1)..]).Entry;
        Assert.Equal(("Trả lại", "Bổ sung tổ 5"), (returned.OutcomeName, returned.Comment));
        var closed = steps.Closed.Where(c => c.Step.InstanceId == id).ToList();
        Assert.Equal(closed.Select(c => c.At), closed.Select(c => SupportRecords.StepRecord(c)!.Entry.At)); // the time of the decision
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
}
