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
/// Every branch of the restructure orchestrator, on the in-memory test host with recording activities; and
/// <see cref="RestructureOrchestratorV2"/> against version 1, each branch driven on both with the same decisions: version 2 runs
/// the same activities less every <c>RecordRestructureTrail</c>, ends the same (a withdrawal or cancellation too), and its steps'
/// closes carry what builds the same trail, proposal versions included (<see cref="RestructureTrailRecords.Entry(StepClosed)"/>),
/// at the time of the decision.
/// </summary>
public sealed class RestructureOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Tndtq.Tests.Infrastructure.HumanStepRecorder steps = new();
    ConcurrentQueue<StepAlarm> alarms => steps.Alarms;
    ConcurrentQueue<OpenStep> opened => steps.Opened;
    readonly ConcurrentQueue<ApplyInput> applied = new();
    readonly ConcurrentQueue<TrailEntry> trail = new();
    readonly ActivityFaults faults = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<TrailEntry>> trails = new();
    readonly ConcurrentQueue<(string InstanceId, int Version)> appliedBy = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(RestructureOrchestrator.Name, new RestructureOrchestrator())
        .AddOrchestrator(RestructureOrchestratorV2.Name, new RestructureOrchestratorV2())
        .AddActivityFunc<TrailInput>(RestructureActivities.RecordTrail, (c, t) =>
        {
            steps.Called(c);
            trail.Enqueue(t.Entry);
            trails.GetOrAdd(c.InstanceId, _ => new()).Enqueue(t.Entry);
        })
        .AddActivityFunc<ApplyInput, ApplyResult>(RestructureActivities.Apply, (c, a) =>
        {
            steps.Called(c);
            faults.BeforeActivityAsync(RestructureActivities.Apply, c.InstanceId).GetAwaiter().GetResult();
            applied.Enqueue(a);
            appliedBy.Enqueue((c.InstanceId, a.Version));
            return new ApplyResult(true, 2, [], null, null);
        })
        .AddActivityFunc<CloseInput>(RestructureActivities.Close, (c, _) => steps.Called(c)));

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

    /// <summary>The same ward's cycle started on version 1 and on version 2.</summary>
    async Task<(string V1, string V2)> StartBothAsync()
    {
        var cycle = "c" + Guid.NewGuid().ToString("N")[..8];
        var input = new RestructureInput(cycle, "Rà soát năm 2026", "an-cu", "An Cư",
            new CycleDeadlines(DateTimeOffset.UtcNow.AddDays(10), DateTimeOffset.UtcNow.AddDays(30)), [TimeSpan.FromDays(1)]);
        var id = RestructureOrchestrator.InstanceId(cycle, "an-cu");
        return (await host.Client.ScheduleNewOrchestrationInstanceAsync(RestructureOrchestrator.Name, input, new StartOrchestrationOptions(id + ":v1")),
                await host.Client.ScheduleNewOrchestrationInstanceAsync(RestructureOrchestratorV2.Name, input, new StartOrchestrationOptions(id)));
    }

    async Task DecideBothAsync((string V1, string V2) ids, string stepId, string outcome, string? number = null, int? version = null)
    {
        foreach (var id in new[] { ids.V1, ids.V2 })
            await host.Client.DecideAsync(id, new StepDecision(stepId, outcome, outcome is Outcomes.Return or Outcomes.Reject or Outcomes.Withdraw or Outcomes.Cancel ? "Lý do" : null,
                "u", "Người quyết định", number, number is null ? null : new DateOnly(2026, 3, 1), version));
    }

    /// <summary>
    /// Waits for both to end and holds version 2 to version 1: the same outcome (but the moment it closed), the same activities
    /// but the trail's, the same trail entries (but their time, which for version 2 is its step's close). Returns version 2's.
    /// </summary>
    async Task<(RestructureOutcome Outcome, IReadOnlyList<string> Calls, IReadOnlyList<TrailEntry> Trail)> SameAsVersion1Async((string V1, string V2) ids)
    {
        var v1 = await host.Client.CompletedAsync<RestructureOutcome>(ids.V1);
        var v2 = await host.Client.CompletedAsync<RestructureOutcome>(ids.V2);
        Assert.Equal(JsonSerializer.Serialize(v1 with { ClosedAt = default }, Json.Options), JsonSerializer.Serialize(v2 with { ClosedAt = default }, Json.Options));

        var calls1 = steps.CallsOf(ids.V1);
        var calls2 = steps.CallsOf(ids.V2);
        Assert.DoesNotContain(RestructureActivities.RecordTrail, calls2);
        Assert.Equal(calls1.Where(c => c != RestructureActivities.RecordTrail), calls2);
        Assert.Equal(appliedBy.Where(a => a.InstanceId == ids.V1).Select(a => a.Version), appliedBy.Where(a => a.InstanceId == ids.V2).Select(a => a.Version));

        var closed = steps.Closed.Where(c => c.Step.InstanceId == ids.V2).ToList();
        var trail2 = closed.Select(c => RestructureTrailRecords.Entry(c)!).ToList();
        var trail1 = trails[ids.V1].ToList();
        Assert.Equal(trail1.Count, calls1.Count(c => c == RestructureActivities.RecordTrail)); // one entry per step
        Assert.Equal(trail1.Select(t => t with { At = default }), trail2.Select(t => t with { At = default }));
        Assert.Equal(closed.Select(c => c.At), trail2.Select(t => t.At)); // the time of the decision
        Assert.False(trails.ContainsKey(ids.V2));

        // Each step of version 2 carries the cycle, the ward, its round; version 1's carry nothing (its observer leaves them alone).
        var cycle = ids.V2.Split(':')[1];
        Assert.All(steps.Opened.Where(s => s.InstanceId == ids.V2), s =>
        {
            var record = s.Record!.Value.Deserialize<RestructureStepRecord>(Json.Options)!;
            Assert.Equal((cycle, "an-cu", int.Parse(s.StepId[(s.StepId.LastIndexOf('-') + 1)..])), (record.CycleId, record.WardId, record.Round));
        });
        Assert.All(steps.Opened.Where(s => s.InstanceId == ids.V1), s => Assert.Null(s.Record));
        Assert.All(steps.Closed.Where(c => c.Step.InstanceId == ids.V1), c => Assert.Null(RestructureTrailRecords.Entry(c)));
        return (v2, calls2, trail2);
    }

    const string Open = WorkflowActivities.OpenStep, CloseStep = WorkflowActivities.CloseStep, Apply = RestructureActivities.Apply, Close = RestructureActivities.Close;

    [Fact]
    public async Task Version_2_approved_runs_only_the_step_activities_apply_and_close_and_the_same_trail()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "assessment-0", Outcomes.Submitted);
        await DecideBothAsync(ids, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideBothAsync(ids, "chairman-sign-off-1", Outcomes.Approve);
        await DecideBothAsync(ids, "police-review-1", Outcomes.Forward);
        await DecideBothAsync(ids, "leader-decision-1", Outcomes.Approve, number: "15/QĐ-UBND");
        var (outcome, calls, trail) = await SameAsVersion1Async(ids);
        Assert.Equal((Outcomes.Approved, "15/QĐ-UBND"), (outcome.Result, outcome.DecisionNumber));
        Assert.Equal([Open, CloseStep, Open, CloseStep, Open, CloseStep, Open, CloseStep, Open, CloseStep, Apply, Close], calls);
        Assert.Equal([(null, "assessment"), (1, "proposal"), (1, "chairman-sign-off"), (1, "police-review"), (1, "leader-decision")],
            trail.Select(t => (t.ProposalVersion, t.Step)));
    }

    [Fact]
    public async Task Version_2_returned_then_revised_then_approved_names_the_version_each_step_saw()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "assessment-0", Outcomes.Submitted);
        await DecideBothAsync(ids, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideBothAsync(ids, "chairman-sign-off-1", Outcomes.Approve);
        await DecideBothAsync(ids, "police-review-1", Outcomes.Return);
        await DecideBothAsync(ids, "proposal-2", Outcomes.Submitted, version: 2);
        await DecideBothAsync(ids, "chairman-sign-off-2", Outcomes.Approve);
        await DecideBothAsync(ids, "police-review-2", Outcomes.Forward);
        await DecideBothAsync(ids, "leader-decision-2", Outcomes.Approve, number: "16/QĐ-UBND");
        var (outcome, _, trail) = await SameAsVersion1Async(ids);
        Assert.Equal((Outcomes.Approved, 2), (outcome.Result, outcome.Rounds));
        Assert.Equal(2, appliedBy.Single(a => a.InstanceId == ids.V2).Version);
        // The return names the version it returned (1); the revision's steps, the version submitted again (2).
        Assert.Equal([(0, null), (1, 1), (1, 1), (1, 1), (2, 2), (2, 2), (2, 2), (2, 2)], trail.Select(t => (t.Round, t.ProposalVersion)));
        Assert.Equal(("Công an quận thẩm định tờ trình", Outcomes.Return, "Lý do"), (trail[3].StepName, trail[3].Outcome, trail[3].Comment));
    }

    [Fact]
    public async Task Version_2_withdrawn_by_the_ward_ends_it_as_version_1_does()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "assessment-0", Outcomes.Submitted);
        await DecideBothAsync(ids, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideBothAsync(ids, "chairman-sign-off-1", Outcomes.Approve);
        await DecideBothAsync(ids, "police-review-1", Outcomes.Forward);
        await DecideBothAsync(ids, "leader-decision-1", Outcomes.Withdraw);
        var (outcome, calls, trail) = await SameAsVersion1Async(ids);
        Assert.Equal((Outcomes.Withdrawn, "Lý do", 1), (outcome.Result, outcome.Reason, outcome.Rounds));
        Assert.DoesNotContain(Apply, calls);
        Assert.Equal(Close, calls[^1]);
        Assert.Equal((Outcomes.Withdraw, 1), (trail[^1].Outcome, trail[^1].ProposalVersion));
    }

    [Fact]
    public async Task Version_2_cancelled_by_the_district_at_the_assessment()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "assessment-0", Outcomes.Cancel);
        var (outcome, calls, trail) = await SameAsVersion1Async(ids);
        Assert.Equal((Outcomes.Cancelled, "Quận đã hủy", 0), (outcome.Result, outcome.ResultName, outcome.Rounds));
        Assert.Equal([Open, CloseStep, Close], calls);
        Assert.Equal((Outcomes.Cancel, "assessment"), (Assert.Single(trail).Outcome, trail[0].Step));
    }

    [Fact]
    public async Task Version_2_rejected_by_the_district_leader()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "assessment-0", Outcomes.Submitted);
        await DecideBothAsync(ids, "proposal-1", Outcomes.Submitted, version: 1);
        await DecideBothAsync(ids, "chairman-sign-off-1", Outcomes.Return);
        await DecideBothAsync(ids, "proposal-2", Outcomes.Submitted, version: 2);
        await DecideBothAsync(ids, "chairman-sign-off-2", Outcomes.Approve);
        await DecideBothAsync(ids, "police-review-2", Outcomes.Forward);
        await DecideBothAsync(ids, "leader-decision-2", Outcomes.Reject);
        var (outcome, calls, _) = await SameAsVersion1Async(ids);
        Assert.Equal((Outcomes.Rejected, "Lý do"), (outcome.Result, outcome.Reason));
        Assert.DoesNotContain(Apply, calls);
    }
}
