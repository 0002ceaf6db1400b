using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Restructure;

/// <summary>
/// Every branch of the restructure orchestrator, on the in-memory test host with recording activities: the activities it
/// runs (the steps' own, the apply and the close), how it ends, and the trail its steps' closes write
/// (<see cref="RestructureTrailRecords.Entry(StepClosed)"/>), proposal versions included, at the time of each decision.
/// </summary>
public sealed class RestructureOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Tndtq.Tests.Infrastructure.HumanStepRecorder steps = new();
    ConcurrentQueue<StepAlarm> alarms => steps.Alarms;
    ConcurrentQueue<OpenStep> opened => steps.Opened;
    readonly ConcurrentQueue<ApplyInput> applied = new();
    readonly ActivityFaults faults = new();

    /// <summary>The trail the steps' closes wrote, in order (each test has a host of its own).</summary>
    IReadOnlyList<TrailEntry> trail => steps.Closed.Select(c => RestructureTrailRecords.Entry(c)!).ToList();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(RestructureOrchestratorV2.Name, new RestructureOrchestratorV2())
        .AddActivityFunc<ApplyInput, ApplyResult>(RestructureActivities.Apply, (c, a) =>
        {
            steps.Called(c);
            faults.BeforeActivityAsync(RestructureActivities.Apply, c.InstanceId).GetAwaiter().GetResult();
            applied.Enqueue(a);
            return new ApplyResult(true, 2, [], null, null);
        })
        .AddActivityFunc<CloseInput>(RestructureActivities.Close, (c, _) => steps.Called(c)));

    public async Task DisposeAsync() => await host.DisposeAsync();

    static RestructureInput Input(TimeSpan assessmentDue, params TimeSpan[] remind) => new("ra-soat-2026", "Rà soát năm 2026", "an-cu", "An Cư",
        new CycleDeadlines(DateTimeOffset.UtcNow + assessmentDue, DateTimeOffset.UtcNow.AddDays(30)), remind);

    async Task<string> StartAsync(RestructureInput input) =>
        await host.Client.ScheduleNewOrchestrationInstanceAsync(RestructureWorkflow.Current, input, new StartOrchestrationOptions(RestructureWorkflow.InstanceId(input.CycleId, input.WardId) + Guid.NewGuid().ToString("N")[..6]));

    Task<WorkflowStatus> AtAsync(string id, string stepId) => host.Client.AtStepAsync(id, stepId);

    Task DecideAsync(string id, string stepId, string outcome, string? number = null, int? version = null) =>
        host.Client.DecideAsync(id, new StepDecision(stepId, outcome, outcome is Outcomes.Return or Outcomes.Reject or Outcomes.Withdraw or Outcomes.Cancel ? "Lý do" : null,
            "u", "Người quyết định", number, number is null ? null : new DateOnly(2026, 3, 1), version));

    /// <summary>Round <paramref name="round"/> up to the district leader: version <paramref name="round"/> submitted, signed by the chairman, forwarded by the police.</summary>
    async Task ToLeaderAsync(string id, int round)
    {
        await DecideAsync(id, $"proposal-{round}", Outcomes.Submitted, version: round);
        await DecideAsync(id, $"chairman-sign-off-{round}", Outcomes.Approve);
        await DecideAsync(id, $"police-review-{round}", Outcomes.Forward);
    }

    /// <summary>A cycle started and its assessment submitted.</summary>
    async Task<string> AssessedAsync()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Submitted);
        return id;
    }

    Task<RestructureOutcome> DoneAsync(string id) => host.Client.CompletedAsync<RestructureOutcome>(id);

    const string Open = WorkflowActivities.OpenStep, CloseStep = WorkflowActivities.CloseStep, Apply = RestructureActivities.Apply, Close = RestructureActivities.Close;

    /// <summary>
    /// Waits for the end and holds what every run must: each step carried the cycle, the ward and its round, and the trail's
    /// times are the steps' closes. Returns the outcome, the activities run and the trail.
    /// </summary>
    async Task<(RestructureOutcome Outcome, IReadOnlyList<string> Calls, IReadOnlyList<TrailEntry> Trail)> EndedAsync(string id)
    {
        var outcome = await DoneAsync(id);
        var cycle = id.Split(':')[1];
        Assert.All(steps.Opened.Where(s => s.InstanceId == id), s =>
        {
            var record = s.Record!.Value.Deserialize<RestructureStepRecord>(Json.Options)!;
            Assert.Equal((cycle, "an-cu", int.Parse(s.StepId[(s.StepId.LastIndexOf('-') + 1)..])), (record.CycleId, record.WardId, record.Round));
        });
        var closed = steps.Closed.Where(c => c.Step.InstanceId == id).ToList();
        var entries = closed.Select(c => RestructureTrailRecords.Entry(c)!).ToList();
        Assert.Equal(closed.Select(c => c.At), entries.Select(t => t.At)); // the time of the decision
        return (outcome, steps.CallsOf(id), entries);
    }

    [Fact]
    public async Task Straight_through_approval_applies_the_submitted_version_once_with_only_the_step_activities_apply_and_close()
    {
        var id = await AssessedAsync();
        await ToLeaderAsync(id, 1);
        await DecideAsync(id, "leader-decision-1", Outcomes.Approve, number: "15/QĐ-UBND");
        var (outcome, calls, trail) = await EndedAsync(id);
        Assert.Equal((Outcomes.Approved, "15/QĐ-UBND"), (outcome.Result, outcome.DecisionNumber));
        Assert.Equal("15/QĐ-UBND", trail[^1].DecisionNumber); // the leader's trail entry keeps the decision number
        Assert.All(trail.SkipLast(1), t => Assert.Null(t.DecisionNumber));
        var apply = Assert.Single(applied);
        Assert.Equal((1, "u", "Người quyết định"), (apply.Version, apply.DecidedById, apply.DecidedBy)); // the person who decided, for the register's audit
        Assert.Equal([Open, CloseStep, Open, CloseStep, Open, CloseStep, Open, CloseStep, Open, CloseStep, Apply, Close], calls);
        Assert.Equal([(null, "assessment"), (1, "proposal"), (1, "chairman-sign-off"), (1, "police-review"), (1, "leader-decision")],
            trail.Select(t => (t.ProposalVersion, t.Step)));
    }

    [Fact]
    public async Task Police_return_sends_the_ward_back_and_the_trail_names_the_version_each_step_saw()
    {
        var id = await AssessedAsync();
        await DecideAsync(id, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideAsync(id, "chairman-sign-off-1", Outcomes.Approve);
        await DecideAsync(id, "police-review-1", Outcomes.Return);
        await ToLeaderAsync(id, 2);
        await DecideAsync(id, "leader-decision-2", Outcomes.Approve, number: "16/QĐ-UBND");
        var (outcome, _, trail) = await EndedAsync(id);
        Assert.Equal((Outcomes.Approved, 2), (outcome.Result, outcome.Rounds));
        Assert.Equal(2, Assert.Single(applied).Version);
        // The return names the version it returned (1); the revision's steps, the version submitted again (2).
        Assert.Equal([(0, null), (1, 1), (1, 1), (1, 1), (2, 2), (2, 2), (2, 2), (2, 2)], trail.Select(t => (t.Round, t.ProposalVersion)));
        // The workflow stores the step's name level-free; the ward's page names it in the unit's words (RestructureService).
        Assert.Equal(("Công an thẩm định tờ trình", Outcomes.Return, "Lý do"), (trail[3].StepName, trail[3].Outcome, trail[3].Comment));
    }

    [Fact]
    public async Task Chairman_return_and_leader_return_loop_back_and_leader_can_reject()
    {
        var id = await AssessedAsync();
        await DecideAsync(id, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideAsync(id, "chairman-sign-off-1", Outcomes.Return);
        await ToLeaderAsync(id, 2);
        await DecideAsync(id, "leader-decision-2", Outcomes.Return);
        await ToLeaderAsync(id, 3);
        await DecideAsync(id, "leader-decision-3", Outcomes.Reject);
        var (outcome, calls, _) = await EndedAsync(id);
        Assert.Equal((Outcomes.Rejected, "Lý do", 3), (outcome.Result, outcome.Reason, outcome.Rounds));
        Assert.Empty(applied);
        Assert.DoesNotContain(Apply, calls);
    }

    [Fact]
    public async Task A_stale_decision_for_an_earlier_step_is_ignored()
    {
        var id = await AssessedAsync();
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
        Assert.Equal(Tndtq.Shared.Role.WardChairman, alarms.Last().Step.EscalateTo);
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
        var id = await AssessedAsync();
        for (var round = 1; round <= 2; round++)
        {
            await DecideAsync(id, $"proposal-{round}", Outcomes.Submitted, version: round);
            await DecideAsync(id, $"chairman-sign-off-{round}", Outcomes.Approve);
            await DecideAsync(id, $"police-review-{round}", Outcomes.Return);
        }
        await ToLeaderAsync(id, 3);
        await DecideAsync(id, "leader-decision-3", Outcomes.Approve, number: "17/QĐ-UBND");
        var (outcome, _, trail) = await EndedAsync(id);
        Assert.Equal(3, outcome.Rounds);
        Assert.Equal(3, Assert.Single(applied).Version);
        Assert.Equal(2, trail.Count(t => t.Step == "police-review" && t.Outcome == Outcomes.Return));
        Assert.All(trail.Where(t => t.Step == "chairman-sign-off"), t => Assert.Equal(t.Round, t.ProposalVersion)); // each review names the version it saw
    }

    [Fact]
    public async Task Withdrawn_by_the_ward_before_the_decision()
    {
        var id = await AssessedAsync();
        await ToLeaderAsync(id, 1);
        await DecideAsync(id, "leader-decision-1", Outcomes.Withdraw);
        var (outcome, calls, trail) = await EndedAsync(id);
        Assert.Equal((Outcomes.Withdrawn, "Lý do", 1), (outcome.Result, outcome.Reason, outcome.Rounds));
        Assert.Empty(applied);
        Assert.Equal(Close, calls[^1]);
        Assert.Equal((Outcomes.Withdraw, 1), (trail[^1].Outcome, trail[^1].ProposalVersion));
    }

    [Fact]
    public async Task Cancelled_by_the_district_with_a_reason()
    {
        var id = await StartAsync(Input(TimeSpan.FromDays(10)));
        await DecideAsync(id, "assessment-0", Outcomes.Cancel);
        var (outcome, calls, trail) = await EndedAsync(id);
        Assert.Equal((Outcomes.Cancelled, "Cấp phê duyệt đã hủy", 0), (outcome.Result, outcome.ResultName, outcome.Rounds));
        Assert.Equal([Open, CloseStep, Close], calls);
        Assert.Equal((Outcomes.Cancel, "assessment"), (Assert.Single(trail).Outcome, trail[0].Step));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_workflow_goes_on()
    {
        var id = RestructureWorkflow.InstanceId("c-retry", "w" + Guid.NewGuid().ToString("N")[..6]);
        faults.Break(RestructureActivities.Apply, id, times: 2);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(RestructureWorkflow.Current, new RestructureInput("c-retry", "Rà soát", "an-cu", "An Cư",
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
