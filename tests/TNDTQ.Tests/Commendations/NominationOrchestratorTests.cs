using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using Tndtq.Tests.Infrastructure;
using O = Tndtq.Commendations.NominationOutcomes;

namespace Tndtq.Tests.Commendations;

/// <summary>
/// Every branch of the nomination orchestrator on the in-memory test host; and <see cref="NominationOrchestratorV2"/> against
/// version 1, each branch driven on both with the same decisions: version 2 runs the same activities less every
/// <c>RecordNominationTrail</c>, ends the same, and its steps' closes carry what builds the same trail
/// (<see cref="NominationTrailRecords.Entry(StepClosed)"/>), at the time of the decision.
/// </summary>
public sealed class NominationOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Tndtq.Tests.Infrastructure.HumanStepRecorder steps = new();
    ConcurrentQueue<StepAlarm> alarms => steps.Alarms;
    readonly ConcurrentQueue<DecisionInput> generated = new();
    readonly ConcurrentDictionary<string, bool> eligible = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<TrailEntry>> trails = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(NominationOrchestrator.Name, new NominationOrchestrator())
        .AddOrchestrator(NominationOrchestratorV2.Name, new NominationOrchestratorV2())
        .AddActivityFunc<NominationInput, Eligibility>(NominationActivities.CheckEligibility, (c, i) =>
        {
            steps.Called(c);
            return eligible.GetValueOrDefault(i.Id, true) ? new Eligibility(true, []) : new Eligibility(false, ["Tổ chưa có kết quả đánh giá."]);
        })
        .AddActivityFunc<DecisionInput, IReadOnlyList<GeneratedDocument>>(NominationActivities.GenerateDocuments,
            (c, d) => { steps.Called(c); generated.Enqueue(d); return [new GeneratedDocument("decision", "pdf", $"{d.Input.Id}/quyet-dinh.pdf")]; })
        .AddActivityFunc<NominationTrail>(NominationActivities.RecordTrail, (c, t) => { steps.Called(c); trails.GetOrAdd(c.InstanceId, _ => new()).Enqueue(t.Entry); })
        .AddActivityFunc<NominationClose>(NominationActivities.Close, (c, _) => steps.Called(c)));

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<string> StartAsync(bool isEligible = true, Role by = Role.WardOfficer, NominationDeadlines? deadlines = null)
    {
        var id = "n" + Guid.NewGuid().ToString("N")[..8];
        eligible[id] = isEligible;
        var input = new NominationInput(id, "an-cu", "An Cư", new Nominee(NomineeType.Collective, "g1", null), "Tổ 12", "Tổ 12",
            Tndtq.Commendations.CommendationStore.DefaultCatalogue[0], "2026", "Thành tích", null, by, "u", "Người đề nghị", DateTimeOffset.UtcNow,
            deadlines ?? new NominationDeadlines(), [TimeSpan.FromSeconds(1)]);
        return await host.Client.ScheduleNewOrchestrationInstanceAsync(NominationOrchestrator.Name, input, new StartOrchestrationOptions(NominationOrchestrator.InstanceId(id)));
    }

    Task DecideAsync(string id, string stepId, string outcome, string? number = null) =>
        host.Client.DecideAsync(id, new StepDecision(stepId, outcome, "Ý kiến", "u", "Người xử lý", number,
            number is null ? null : new DateOnly(2026, 3, 1), null, outcome == O.Recommend ? new CouncilVote(7, 0, 1, new DateOnly(2026, 2, 20)) : null));

    Task<NominationOutcome> DoneAsync(string id) => host.Client.CompletedAsync<NominationOutcome>(id);

    [Fact]
    public async Task Approved_generates_the_documents()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Forward);
        await DecideAsync(id, "council-1", O.Recommend);
        await DecideAsync(id, "decision-1", O.Approve, "30/QĐ-UBND");
        var outcome = await DoneAsync(id);
        Assert.Equal(O.Approved, outcome.Result);
        Assert.Equal("30/QĐ-UBND", Assert.Single(generated).DecisionNumber);
        Assert.Single(outcome.Documents);
    }

    [Fact]
    public async Task Returned_for_more_evidence_then_approved()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Return);
        await DecideAsync(id, "revision-2", O.Resubmit);
        await DecideAsync(id, "chairman-endorsement-2", O.Endorse);
        await DecideAsync(id, "police-review-2", O.Forward);
        await DecideAsync(id, "council-2", O.Recommend);
        await DecideAsync(id, "decision-2", O.Approve, "31/QĐ-UBND");
        Assert.Equal(O.Approved, (await DoneAsync(id)).Result);
    }

    [Fact]
    public async Task Rejected_at_council()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Forward);
        await DecideAsync(id, "council-1", O.NotRecommend);
        var outcome = await DoneAsync(id);
        Assert.Equal(O.Rejected, outcome.Result);
        Assert.Equal("Hội đồng không đề nghị khen thưởng", outcome.ResultName);
        Assert.Empty(generated);
    }

    [Fact]
    public async Task Rejected_at_decision()
    {
        var id = await StartAsync(by: Role.DistrictPolice); // police nominations skip the ward chairman
        await DecideAsync(id, "police-review-1", O.Forward);
        await DecideAsync(id, "council-1", O.Recommend);
        await DecideAsync(id, "decision-1", O.Reject);
        Assert.Equal(O.Rejected, (await DoneAsync(id)).Result);
        Assert.Empty(generated);
    }

    [Fact]
    public async Task Withdrawn_by_the_nominator()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Withdraw);
        var outcome = await DoneAsync(id);
        Assert.Equal(O.Withdrawn, outcome.Result);
        Assert.Equal("Đã rút đề nghị", outcome.ResultName);
    }

    [Fact]
    public async Task Ineligible_then_overridden_by_the_district_police()
    {
        var id = await StartAsync(isEligible: false);
        await DecideAsync(id, "eligibility-override-0", O.Override);
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Forward);
        await DecideAsync(id, "council-1", O.Recommend);
        await DecideAsync(id, "decision-1", O.Approve, "32/QĐ-UBND");
        Assert.Equal(O.Approved, (await DoneAsync(id)).Result);

        var refused = await StartAsync(isEligible: false);
        await DecideAsync(refused, "eligibility-override-0", O.Reject);
        var outcome = await DoneAsync(refused);
        Assert.Equal("Không đủ điều kiện khen thưởng", outcome.ResultName);
        Assert.Contains("chưa có kết quả đánh giá", outcome.Reason);
    }

    [Fact]
    public async Task An_overdue_step_is_reminded_and_escalated()
    {
        var id = await StartAsync(deadlines: new NominationDeadlines(ChairmanDays: 3.0 / 86400));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (alarms.Count(a => a.Step.InstanceId == id) < 2 && DateTime.UtcNow < until) await Task.Delay(200);
        var mine = alarms.Where(a => a.Step.InstanceId == id).ToList();
        Assert.Equal(["reminder", "overdue"], mine.Select(a => a.Kind));
        Assert.Equal(Role.DistrictPolice, mine[1].Step.EscalateTo);
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse); // still waiting for the chairman
        await DecideAsync(id, "police-review-1", O.Withdraw);
        Assert.Equal(O.Withdrawn, (await DoneAsync(id)).Result);
    }

    /// <summary>The same nomination started on version 1 and on version 2.</summary>
    async Task<(string V1, string V2)> StartBothAsync(bool isEligible = true, Role by = Role.WardOfficer)
    {
        var id = "n" + Guid.NewGuid().ToString("N")[..8];
        eligible[id] = isEligible;
        var input = new NominationInput(id, "an-cu", "An Cư", new Nominee(NomineeType.Collective, "g1", null), "Tổ 12", "Tổ 12",
            CommendationStore.DefaultCatalogue[0], "2026", "Thành tích", null, by, "u", "Người đề nghị", DateTimeOffset.UtcNow,
            new NominationDeadlines(), [TimeSpan.FromDays(1)]);
        var v1 = await host.Client.ScheduleNewOrchestrationInstanceAsync(NominationOrchestrator.Name, input, new StartOrchestrationOptions(NominationOrchestrator.InstanceId(id) + ":v1"));
        var v2 = await host.Client.ScheduleNewOrchestrationInstanceAsync(NominationOrchestratorV2.Name, input, new StartOrchestrationOptions(NominationOrchestrator.InstanceId(id)));
        return (v1, v2);
    }

    async Task DecideBothAsync((string V1, string V2) ids, string stepId, string outcome, string? number = null)
    {
        foreach (var id in new[] { ids.V1, ids.V2 })
            await host.Client.DecideAsync(id, new StepDecision(stepId, outcome, "Ý kiến", "u", "Người xử lý", number,
                number is null ? null : new DateOnly(2026, 3, 1), null, outcome == O.Recommend ? new CouncilVote(7, 0, 1, new DateOnly(2026, 2, 20)) : null));
    }

    /// <summary>
    /// Waits for both to end and holds version 2 to version 1: the same outcome (but the moment it closed), the same activities
    /// but the trail's, the same trail entries (but their time, which for version 2 is its step's close). Returns version 2's.
    /// </summary>
    async Task<(NominationOutcome Outcome, IReadOnlyList<string> Calls, IReadOnlyList<TrailEntry> Trail)> SameAsVersion1Async((string V1, string V2) ids)
    {
        var v1 = await host.Client.CompletedAsync<NominationOutcome>(ids.V1);
        var v2 = await host.Client.CompletedAsync<NominationOutcome>(ids.V2);
        Assert.Equal(JsonSerializer.Serialize(v1 with { ClosedAt = default }, Json.Options), JsonSerializer.Serialize(v2 with { ClosedAt = default }, Json.Options));

        var calls1 = steps.CallsOf(ids.V1);
        var calls2 = steps.CallsOf(ids.V2);
        Assert.DoesNotContain(NominationActivities.RecordTrail, calls2);
        Assert.Equal(calls1.Where(c => c != NominationActivities.RecordTrail), calls2);

        var closed = steps.Closed.Where(c => c.Step.InstanceId == ids.V2).ToList();
        var trail2 = closed.Select(c => NominationTrailRecords.Entry(c)!).ToList();
        var trail1 = trails[ids.V1].ToList();
        Assert.Equal(trail1.Count, calls1.Count(c => c == NominationActivities.RecordTrail)); // one entry per step
        Assert.Equal(trail1.Select(t => t with { At = default }), trail2.Select(t => t with { At = default }));
        Assert.Equal(closed.Select(c => c.At), trail2.Select(t => t.At)); // the time of the decision
        Assert.False(trails.ContainsKey(ids.V2));

        // Each step of version 2 carries its key and round; version 1's carry nothing (its observer leaves them alone).
        var id = ids.V2.Split(':')[1];
        Assert.All(steps.Opened.Where(s => s.InstanceId == ids.V2), s =>
            Assert.Equal(new NominationStepRecord(id, "an-cu", int.Parse(s.StepId[(s.StepId.LastIndexOf('-') + 1)..])), s.Record!.Value.Deserialize<NominationStepRecord>(Json.Options)));
        Assert.All(steps.Opened.Where(s => s.InstanceId == ids.V1), s => Assert.Null(s.Record));
        Assert.All(steps.Closed.Where(c => c.Step.InstanceId == ids.V1), c => Assert.Null(NominationTrailRecords.Entry(c)));
        return (v2, calls2, trail2);
    }

    const string Check = NominationActivities.CheckEligibility, Open = WorkflowActivities.OpenStep, CloseStep = WorkflowActivities.CloseStep,
        Generate = NominationActivities.GenerateDocuments, Close = NominationActivities.Close;

    [Fact]
    public async Task Version_2_approved_runs_only_the_step_activities_and_the_nominations_own_and_the_same_trail()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "chairman-endorsement-1", O.Endorse);
        await DecideBothAsync(ids, "police-review-1", O.Forward);
        await DecideBothAsync(ids, "council-1", O.Recommend);
        await DecideBothAsync(ids, "decision-1", O.Approve, "30/QĐ-UBND");
        var (outcome, calls, trail) = await SameAsVersion1Async(ids);
        Assert.Equal((O.Approved, "30/QĐ-UBND"), (outcome.Result, outcome.DecisionNumber));
        Assert.Equal([Check, Open, CloseStep, Open, CloseStep, Open, CloseStep, Open, CloseStep, Generate, Close], calls); // four steps: four activities fewer
        Assert.Equal(["chairman-endorsement", "police-review", "council", "decision"], trail.Select(t => t.Step));
        var council = trail.Single(t => t.Step == "council");
        Assert.Equal(("Hội đồng Thi đua – Khen thưởng xét", "Ý kiến (tán thành 7, không tán thành 0, không biểu quyết 1; họp ngày 20/02/2026)"),
            (council.StepName, council.Comment));
    }

    [Fact]
    public async Task Version_2_returned_then_revised_then_approved()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "chairman-endorsement-1", O.Endorse);
        await DecideBothAsync(ids, "police-review-1", O.Return);
        await DecideBothAsync(ids, "revision-2", O.Resubmit);
        await DecideBothAsync(ids, "chairman-endorsement-2", O.Endorse);
        await DecideBothAsync(ids, "police-review-2", O.Forward);
        await DecideBothAsync(ids, "council-2", O.Recommend);
        await DecideBothAsync(ids, "decision-2", O.Approve, "31/QĐ-UBND");
        var (outcome, _, trail) = await SameAsVersion1Async(ids);
        Assert.Equal(O.Approved, outcome.Result);
        Assert.Equal([(1, "chairman-endorsement"), (1, "police-review"), (2, "revision"), (2, "chairman-endorsement"), (2, "police-review"), (2, "council"), (2, "decision")],
            trail.Select(t => (t.Round, t.Step)));
        Assert.Equal(O.Return, trail[1].Outcome);
    }

    [Fact]
    public async Task Version_2_withdrawn_by_the_nominator()
    {
        var ids = await StartBothAsync();
        await DecideBothAsync(ids, "chairman-endorsement-1", O.Endorse);
        await DecideBothAsync(ids, "police-review-1", O.Withdraw);
        var (outcome, calls, trail) = await SameAsVersion1Async(ids);
        Assert.Equal((O.Withdrawn, "Đã rút đề nghị"), (outcome.Result, outcome.ResultName));
        Assert.Equal([Check, Open, CloseStep, Open, CloseStep, Close], calls);
        Assert.Equal(O.Withdraw, trail[^1].Outcome);
    }

    [Fact]
    public async Task Version_2_rejected_at_council_and_at_decision()
    {
        var council = await StartBothAsync();
        await DecideBothAsync(council, "chairman-endorsement-1", O.Endorse);
        await DecideBothAsync(council, "police-review-1", O.Forward);
        await DecideBothAsync(council, "council-1", O.NotRecommend);
        Assert.Equal("Hội đồng không đề nghị khen thưởng", (await SameAsVersion1Async(council)).Outcome.ResultName);

        var decision = await StartBothAsync(by: Role.DistrictPolice);
        await DecideBothAsync(decision, "police-review-1", O.Forward);
        await DecideBothAsync(decision, "council-1", O.Recommend);
        await DecideBothAsync(decision, "decision-1", O.Reject);
        var (outcome, calls, _) = await SameAsVersion1Async(decision);
        Assert.Equal(O.Rejected, outcome.Result);
        Assert.DoesNotContain(Generate, calls);
    }

    [Fact]
    public async Task Version_2_ineligible_and_refused_by_the_district_police()
    {
        var ids = await StartBothAsync(isEligible: false);
        await DecideBothAsync(ids, "eligibility-override-0", O.Reject);
        var (outcome, _, trail) = await SameAsVersion1Async(ids);
        Assert.Equal("Không đủ điều kiện khen thưởng", outcome.ResultName);
        Assert.Contains("chưa có kết quả đánh giá", outcome.Reason);
        Assert.Equal((0, "eligibility-override"), (Assert.Single(trail).Round, trail[0].Step));
    }
}
