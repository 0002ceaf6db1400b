using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Shared.Workflows;
using Tndtq.Tests.Infrastructure;
using O = Tndtq.Commendations.NominationOutcomes;

namespace Tndtq.Tests.Commendations;

/// <summary>Every branch of the nomination orchestrator on the in-memory test host.</summary>
public sealed class NominationOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Tndtq.Tests.Infrastructure.HumanStepRecorder steps = new();
    ConcurrentQueue<StepAlarm> alarms => steps.Alarms;
    readonly ConcurrentQueue<DecisionInput> generated = new();
    readonly ConcurrentDictionary<string, bool> eligible = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(NominationOrchestrator.Name, new NominationOrchestrator())
        .AddActivityFunc<NominationInput, Eligibility>(NominationActivities.CheckEligibility,
            (_, i) => eligible.GetValueOrDefault(i.Id, true) ? new Eligibility(true, []) : new Eligibility(false, ["Tổ chưa có kết quả đánh giá."]))
        .AddActivityFunc<DecisionInput, IReadOnlyList<GeneratedDocument>>(NominationActivities.GenerateDocuments,
            (_, d) => { generated.Enqueue(d); return [new GeneratedDocument("decision", "pdf", $"{d.Input.Id}/quyet-dinh.pdf")]; })
        .AddActivityFunc<NominationTrail>(NominationActivities.RecordTrail, (_, _) => { })
        .AddActivityFunc<NominationClose>(NominationActivities.Close, (_, _) => { }));

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
}
