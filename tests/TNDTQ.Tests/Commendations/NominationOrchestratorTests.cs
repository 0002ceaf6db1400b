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
/// Every branch of the nomination orchestrator on the in-memory test host: the activities it runs (eligibility, the steps'
/// own, the documents and the close), how it ends, and the trail its steps' closes write
/// (<see cref="NominationTrailRecords.Entry(StepClosed)"/>), at the time of each decision.
/// </summary>
public sealed class NominationOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Tndtq.Tests.Infrastructure.HumanStepRecorder steps = new();
    ConcurrentQueue<StepAlarm> alarms => steps.Alarms;
    readonly ConcurrentQueue<DecisionInput> generated = new();
    readonly ConcurrentDictionary<string, bool> eligible = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(NominationOrchestratorV2.Name, new NominationOrchestratorV2())
        .AddActivityFunc<NominationInput, Eligibility>(NominationActivities.CheckEligibility, (c, i) =>
        {
            steps.Called(c);
            return eligible.GetValueOrDefault(i.Id, true) ? new Eligibility(true, []) : new Eligibility(false, ["Tổ chưa có kết quả đánh giá."]);
        })
        .AddActivityFunc<DecisionInput, IReadOnlyList<GeneratedDocument>>(NominationActivities.GenerateDocuments,
            (c, d) => { steps.Called(c); generated.Enqueue(d); return [new GeneratedDocument("decision", "pdf", $"{d.Input.Id}/quyet-dinh.pdf")]; })
        .AddActivityFunc<NominationClose>(NominationActivities.Close, (c, _) => steps.Called(c)));

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<string> StartAsync(bool isEligible = true, Role by = Role.WardOfficer, NominationDeadlines? deadlines = null)
    {
        var id = "n" + Guid.NewGuid().ToString("N")[..8];
        eligible[id] = isEligible;
        var input = new NominationInput(id, "an-cu", "An Cư", new Nominee(NomineeType.Collective, "g1", null), "Tổ 12", "Tổ 12",
            Tndtq.Commendations.DemoCommendations.Catalogue[0], "2026", "Thành tích", null, by, "u", "Người đề nghị", DateTimeOffset.UtcNow,
            deadlines ?? new NominationDeadlines(), [TimeSpan.FromSeconds(1)]);
        return await host.Client.ScheduleNewOrchestrationInstanceAsync(NominationWorkflow.Current, input, new StartOrchestrationOptions(NominationWorkflow.InstanceId(id)));
    }

    Task DecideAsync(string id, string stepId, string outcome, string? number = null) =>
        host.Client.DecideAsync(id, new StepDecision(stepId, outcome, "Ý kiến", "u", "Người xử lý", number,
            number is null ? null : new DateOnly(2026, 3, 1), null, outcome == O.Recommend ? new CouncilVote(7, 0, 1, new DateOnly(2026, 2, 20)) : null));

    Task<NominationOutcome> DoneAsync(string id) => host.Client.CompletedAsync<NominationOutcome>(id);

    /// <summary>
    /// Waits for the end and holds what every run must: each step carried the nomination, its ward and its round, and the
    /// trail's times are the steps' closes. Returns the outcome, the activities run and the trail.
    /// </summary>
    async Task<(NominationOutcome Outcome, IReadOnlyList<string> Calls, IReadOnlyList<TrailEntry> Trail)> EndedAsync(string id)
    {
        var outcome = await DoneAsync(id);
        var nomination = id.Split(':')[1];
        Assert.All(steps.Opened.Where(s => s.InstanceId == id), s =>
            Assert.Equal(new NominationStepRecord(nomination, "an-cu", int.Parse(s.StepId[(s.StepId.LastIndexOf('-') + 1)..])), s.Record!.Value.Deserialize<NominationStepRecord>(Json.Options)));
        var closed = steps.Closed.Where(c => c.Step.InstanceId == id).ToList();
        var trail = closed.Select(c => NominationTrailRecords.Entry(c)!).ToList();
        Assert.Equal(closed.Select(c => c.At), trail.Select(t => t.At)); // the time of the decision
        return (outcome, steps.CallsOf(id), trail);
    }

    const string Check = NominationActivities.CheckEligibility, Open = WorkflowActivities.OpenStep, CloseStep = WorkflowActivities.CloseStep,
        Generate = NominationActivities.GenerateDocuments, Close = NominationActivities.Close;

    [Fact]
    public async Task Approved_generates_the_documents()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Forward);
        await DecideAsync(id, "council-1", O.Recommend);
        await DecideAsync(id, "decision-1", O.Approve, "30/QĐ-UBND");
        var (outcome, calls, trail) = await EndedAsync(id);
        Assert.Equal((O.Approved, "30/QĐ-UBND"), (outcome.Result, outcome.DecisionNumber));
        Assert.Equal("30/QĐ-UBND", Assert.Single(generated).DecisionNumber);
        Assert.Single(outcome.Documents);
        Assert.Equal([Check, Open, CloseStep, Open, CloseStep, Open, CloseStep, Open, CloseStep, Generate, Close], calls);
        Assert.Equal(["chairman-endorsement", "police-review", "council", "decision"], trail.Select(t => t.Step));
        var council = trail.Single(t => t.Step == "council");
        Assert.Equal(("Hội đồng Thi đua – Khen thưởng xét", "Ý kiến (tán thành 7, không tán thành 0, không biểu quyết 1; họp ngày 20/02/2026)"),
            (council.StepName, council.Comment));
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
        var (outcome, _, trail) = await EndedAsync(id);
        Assert.Equal(O.Approved, outcome.Result);
        Assert.Equal([(1, "chairman-endorsement"), (1, "police-review"), (2, "revision"), (2, "chairman-endorsement"), (2, "police-review"), (2, "council"), (2, "decision")],
            trail.Select(t => (t.Round, t.Step)));
        Assert.Equal(O.Return, trail[1].Outcome);
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
        var (outcome, calls, _) = await EndedAsync(id);
        Assert.Equal(O.Rejected, outcome.Result);
        Assert.Empty(generated);
        Assert.DoesNotContain(Generate, calls);
    }

    [Fact]
    public async Task Withdrawn_by_the_nominator()
    {
        var id = await StartAsync();
        await DecideAsync(id, "chairman-endorsement-1", O.Endorse);
        await DecideAsync(id, "police-review-1", O.Withdraw);
        var (outcome, calls, trail) = await EndedAsync(id);
        Assert.Equal((O.Withdrawn, "Đã rút đề nghị"), (outcome.Result, outcome.ResultName));
        Assert.Equal([Check, Open, CloseStep, Open, CloseStep, Close], calls);
        Assert.Equal(O.Withdraw, trail[^1].Outcome);
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
        var (outcome, _, trail) = await EndedAsync(refused);
        Assert.Equal("Không đủ điều kiện khen thưởng", outcome.ResultName);
        Assert.Contains("chưa có kết quả đánh giá", outcome.Reason);
        Assert.Equal((0, "eligibility-override"), (Assert.Single(trail).Round, trail[0].Step));
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
}
