using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Restructure;
using Tndtq.Shared.Workflows;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Restructure;

/// <summary>Every branch of the restructure orchestrator, on the in-memory test host with recording activities.</summary>
public sealed class RestructureOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Tndtq.Tests.Infrastructure.HumanStepRecorder steps = new();
    ConcurrentQueue<StepAlarm> alarms => steps.Alarms;
    ConcurrentQueue<OpenStep> opened => steps.Opened;
    readonly ConcurrentQueue<ApplyInput> applied = new();
    readonly ConcurrentQueue<TrailEntry> trail = new();
    readonly ActivityFaults faults = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(RestructureOrchestrator.Name, new RestructureOrchestrator())
        .AddActivityFunc<TrailInput>(RestructureActivities.RecordTrail, (_, t) => trail.Enqueue(t.Entry))
        .AddActivityFunc<ApplyInput, ApplyResult>(RestructureActivities.Apply, (c, a) =>
        {
            faults.BeforeActivityAsync(RestructureActivities.Apply, c.InstanceId).GetAwaiter().GetResult();
            applied.Enqueue(a);
            return new ApplyResult(true, 2, [], null, null);
        })
        .AddActivityFunc<CloseInput>(RestructureActivities.Close, (_, _) => { }));

    public async Task DisposeAsync() => await host.DisposeAsync();

    static RestructureInput Input(TimeSpan assessmentDue, params TimeSpan[] remind) => new("ra-soat-2026", "Rà soát năm 2026", "an-cu", "An Cư",
        new CycleDeadlines(DateTimeOffset.UtcNow + assessmentDue, DateTimeOffset.UtcNow.AddDays(30)), remind);

    async Task<string> StartAsync(RestructureInput input) =>
        await host.Client.ScheduleNewOrchestrationInstanceAsync(RestructureOrchestrator.Name, input, new StartOrchestrationOptions(RestructureOrchestrator.InstanceId(input.CycleId, input.WardId) + Guid.NewGuid().ToString("N")[..6]));

    Task<WorkflowStatus> AtAsync(string id, string stepId) => host.Client.AtStepAsync(id, stepId);

    Task DecideAsync(string id, string stepId, string outcome, string? number = null, int? version = null) =>
        host.Client.DecideAsync(id, new StepDecision(stepId, outcome, outcome is Outcomes.Return or Outcomes.Reject or Outcomes.Withdraw or Outcomes.Cancel ? "Lý do" : null,
            "u", "Người quyết định", number, number is null ? null : new DateOnly(2026, 3, 1), version));

    Task<RestructureOutcome> DoneAsync(string id) => host.Client.CompletedAsync<RestructureOutcome>(id);

    [Fact]
    public async Task Straight_through_approval_applies_the_submitted_version_once()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        await DecideAsync(id, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideAsync(id, "chairman-sign-off-1", Outcomes.Approve);
        await DecideAsync(id, "police-review-1", Outcomes.Forward);
        await DecideAsync(id, "leader-decision-1", Outcomes.Approve, number: "15/QĐ-UBND");
        var outcome = await DoneAsync(id);
        Assert.Equal(Outcomes.Approved, outcome.Result);
        Assert.Equal("15/QĐ-UBND", outcome.DecisionNumber);
        var apply = Assert.Single(applied);
        Assert.Equal((1, "u", "Người quyết định"), (apply.Version, apply.DecidedById, apply.DecidedBy)); // the person who decided, for the register's audit
        Assert.Equal(["assessment", "proposal", "chairman-sign-off", "police-review", "leader-decision"], trail.Select(t => t.Step));
    }

    [Fact]
    public async Task Police_return_sends_the_ward_back_and_the_second_version_is_applied()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        await DecideAsync(id, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideAsync(id, "chairman-sign-off-1", Outcomes.Approve);
        await DecideAsync(id, "police-review-1", Outcomes.Return);
        await DecideAsync(id, "proposal-2", Outcomes.Submitted, version: 2);
        await DecideAsync(id, "chairman-sign-off-2", Outcomes.Approve);
        await DecideAsync(id, "police-review-2", Outcomes.Forward);
        await DecideAsync(id, "leader-decision-2", Outcomes.Approve, number: "16/QĐ-UBND");
        var outcome = await DoneAsync(id);
        Assert.Equal(2, outcome.Rounds);
        Assert.Equal(2, Assert.Single(applied).Version);
        Assert.Contains(trail, t => t.Step == "police-review" && t.Outcome == Outcomes.Return && t.Comment == "Lý do");
    }

    [Fact]
    public async Task Chairman_return_and_leader_return_loop_back_and_leader_can_reject()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        await DecideAsync(id, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideAsync(id, "chairman-sign-off-1", Outcomes.Return);
        await DecideAsync(id, "proposal-2", Outcomes.Submitted, version: 2);
        await DecideAsync(id, "chairman-sign-off-2", Outcomes.Approve);
        await DecideAsync(id, "police-review-2", Outcomes.Forward);
        await DecideAsync(id, "leader-decision-2", Outcomes.Return);
        await DecideAsync(id, "proposal-3", Outcomes.Submitted, version: 3);
        await DecideAsync(id, "chairman-sign-off-3", Outcomes.Approve);
        await DecideAsync(id, "police-review-3", Outcomes.Forward);
        await DecideAsync(id, "leader-decision-3", Outcomes.Reject);
        var outcome = await DoneAsync(id);
        Assert.Equal(Outcomes.Rejected, outcome.Result);
        Assert.Equal("Lý do", outcome.Reason);
        Assert.Empty(applied);
    }

    [Fact]
    public async Task A_stale_decision_for_an_earlier_step_is_ignored()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        await AtAsync(id, "proposal-1");
        // A doubled "submitted" for the assessment arrives late: the proposal step must not take it.
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision("assessment-0", Outcomes.Submitted, null, "u", "Người", null, null, null));
        await Task.Delay(1500);
        Assert.Equal("proposal-1", (await AtAsync(id, "proposal-1")).StepId);
    }

    [Fact]
    public async Task Reminder_before_the_deadline_escalation_after_it_and_the_step_keeps_waiting()
    {
        var id = await StartAsync(Input(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2)));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (alarms.Count < 2 && DateTime.UtcNow < until) await Task.Delay(200);
        Assert.Equal(["reminder", "overdue"], alarms.Select(a => a.Kind));
        Assert.Equal(Tndtq.Identity.Role.WardChairman, alarms.Last().Step.EscalateTo);
        // Overdue is escalated, not dropped: the officer can still submit.
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        await AtAsync(id, "proposal-1");
        Assert.Equal(2, alarms.Count); // once each
    }

    [Fact]
    public async Task Moving_the_deadline_while_waiting_republishes_the_step()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await AtAsync(id, "assessment-0");
        var newDue = DateTimeOffset.UtcNow.AddDays(20);
        await host.Client.RaiseEventAsync(id, HumanStep.DeadlineChangedEvent, new StepDeadline("proposal-9", newDue.AddDays(5))); // another step's: ignored
        await host.Client.RaiseEventAsync(id, HumanStep.DeadlineChangedEvent, new StepDeadline("assessment-0", newDue));
        var until = DateTime.UtcNow.AddSeconds(20);
        WorkflowStatus s;
        do { s = await AtAsync(id, "assessment-0"); await Task.Delay(100); } while (s.DueAt != newDue && DateTime.UtcNow < until);
        Assert.Equal(newDue, s.DueAt);
        Assert.Contains(opened, o => o.StepId == "assessment-0" && o.DueAt == newDue);
    }

    [Fact]
    public async Task Returned_by_police_twice_then_approved()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        for (var round = 1; round <= 2; round++)
        {
            await DecideAsync(id, $"proposal-{round}", Outcomes.Submitted, version: round);
            await DecideAsync(id, $"chairman-sign-off-{round}", Outcomes.Approve);
            await DecideAsync(id, $"police-review-{round}", Outcomes.Return);
        }
        await DecideAsync(id, "proposal-3", Outcomes.Submitted, version: 3);
        await DecideAsync(id, "chairman-sign-off-3", Outcomes.Approve);
        await DecideAsync(id, "police-review-3", Outcomes.Forward);
        await DecideAsync(id, "leader-decision-3", Outcomes.Approve, number: "17/QĐ-UBND");
        var outcome = await DoneAsync(id);
        Assert.Equal(3, outcome.Rounds);
        Assert.Equal(3, Assert.Single(applied).Version);
        Assert.Equal(2, trail.Count(t => t.Step == "police-review" && t.Outcome == Outcomes.Return));
        Assert.All(trail.Where(t => t.Step == "chairman-sign-off"), t => Assert.Equal(t.Round, t.ProposalVersion)); // each review names the version it saw
    }

    [Fact]
    public async Task Withdrawn_by_the_ward_before_the_decision()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        await DecideAsync(id, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideAsync(id, "chairman-sign-off-1", Outcomes.Approve);
        await DecideAsync(id, "police-review-1", Outcomes.Forward);
        await DecideAsync(id, "leader-decision-1", Outcomes.Withdraw);
        var outcome = await DoneAsync(id);
        Assert.Equal(Outcomes.Withdrawn, outcome.Result);
        Assert.Equal("Lý do", outcome.Reason);
        Assert.Empty(applied);
    }

    [Fact]
    public async Task Cancelled_by_the_district_with_a_reason()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Cancel);
        var outcome = await DoneAsync(id);
        Assert.Equal(Outcomes.Cancelled, outcome.Result);
        Assert.Equal("Quận đã hủy", outcome.ResultName);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_workflow_goes_on()
    {
        var id = RestructureOrchestrator.InstanceId("c-retry", "w" + Guid.NewGuid().ToString("N")[..6]);
        faults.Break(RestructureActivities.Apply, id, times: 2);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(RestructureOrchestrator.Name, new RestructureInput("c-retry", "Rà soát", "an-cu", "An Cư",
            new CycleDeadlines(DateTimeOffset.UtcNow.AddDays(5), DateTimeOffset.UtcNow.AddDays(9)), []), new StartOrchestrationOptions(id));
        foreach (var (step, decided) in new[] { ("assessment-0", Outcomes.Submitted), ("proposal-1", Outcomes.Submitted), ("chairman-sign-off-1", Outcomes.Approve),
                     ("police-review-1", Outcomes.Forward), ("leader-decision-1", Outcomes.Approve) })
            await host.Client.DecideAsync(id, new StepDecision(step, decided, null, "leader-1", "Ông Nguyễn Thanh Sơn", "9/QĐ-UBND", new DateOnly(2026, 3, 1), 1));

        var outcome = await host.Client.CompletedAsync<RestructureOutcome>(id);
        Assert.Equal(Outcomes.Approved, outcome.Result);
        Assert.Equal(3, faults.Attempts(RestructureActivities.Apply, id)); // two failed, the third (the test policy's last) succeeded
        Assert.Equal("leader-1", Assert.Single(applied).DecidedById);
    }
}
