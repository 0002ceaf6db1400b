using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tndtq.Inbox;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Restructure;

/// <summary>A ward's review cycle over HTTP on the real Durable engine and Azurite, every step by the right role.</summary>
[Collection(SharedHost.Name)]
public sealed class RestructureEndToEndTests(HostFixture fx)
{
    const string Csv = RegisterCsv.TwoGroups;

    static async Task<WardCycleView> WaitForStepAsync(HttpClient client, string cycle, string ward, string step) =>
        await HttpAssertions.EventuallyAsync(async () => await (await client.GetAsync($"restructure/cycles/{cycle}/wards/{ward}")).ReadAsync<WardCycleView>(),
            v => v.Step == step, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_ward_assesses_proposes_is_returned_revises_and_the_approved_change_reaches_the_register_once()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("rs", "Phường Thử Nghiệm", Csv);
        var police = fx.Client(As.Police);
        var leader = fx.Client(As.Leader);
        var cycle = "rs-" + Guid.NewGuid().ToString("N")[..8];
        var open = new {
            id = cycle, name = "Rà soát năm 2026", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }, remindDaysBefore = new[] { 3, 1 }
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("restructure/cycles", open)).StatusCode);
        var opened = await (await police.PostAsJsonAsync("restructure/cycles", open)).ReadAsync<CycleOpened>();
        Assert.Equal([ward], opened.Started);
        var again = await (await police.PostAsJsonAsync("restructure/cycles", open)).ReadAsync<CycleOpened>();
        Assert.Equal([ward], again.AlreadyOpen); // opening twice is a no-op
        var cycles = await (await officer.GetAsync("restructure/cycles")).ReadAsync<List<ReviewCycle>>();
        Assert.Contains(cycles, c => c.Id == cycle && c.Name == "Rà soát năm 2026");

        // 1. Assessment: partial progress is saved; submitting needs every active group.
        var view = await WaitForStepAsync(officer, cycle, ward, RestructureStep.Assessment);
        Assert.Equal(2, view.GroupsNotAssessed.Count);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var tổ1 = groups.Single(g => g.Name == "Tổ 1, khu vực 1");
        (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{tổ1.Id}",
            new { rating = "fair", strengths = "Họp đều", shortcomings = "Tổ trưởng lớn tuổi", recommendation = "consolidate" })).EnsureSuccessStatusCode();
        var early = await (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/submit", null)).ProblemAsync(400);
        Assert.Contains("Tổ 2, khu vực 1", early.Detail);
        var tasks = await (await officer.GetAsync("tasks?workflow=restructure")).ReadAsync<List<TaskItem>>();
        Assert.Contains(tasks, t => t.WardId == ward && t.Step == RestructureStep.Assessment);
        (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{groups.Single(g => g.Name == "Tổ 2, khu vực 1").Id}",
            new { rating = "good", recommendation = "keep" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/submit", null)).StatusCode);

        // 2. Proposal: a new leader for Tổ 1 — first without a candidate record, which blocks submission.
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.Proposal);
        var khang = (await (await officer.GetAsync($"wards/{ward}/groups/{tổ1.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>()).Items.Single();
        var change = new { type = "consolidate", groupId = tổ1.Id, leader = new { memberId = khang.Id } };
        var draft = await (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal",
            new { title = "Tờ trình kiện toàn Tổ 1, khu vực 1", changes = new[] { new { change, reason = "Tổ trưởng xin nghỉ vì sức khỏe" } } })).ReadAsync<DraftSaved>();
        Assert.Contains("Thiếu hồ sơ nhân sự dự kiến cho Phạm Minh Khang.", draft.Problems["changes[0]"]);
        await (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/submit", null)).ProblemAsync(400);

        var candidate = new {
            fullName = "Phạm Minh Khang", memberId = khang.Id, birthYear = 1980, livesInArea = true, yearsOfResidence = 12,
            endorsedByResidents = true, endorsedByFrontCommittee = true, endorsementNote = "Họp dân ngày 05/01/2026 thống nhất 95%"
        };
        draft = await (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal",
            new { title = "Tờ trình kiện toàn Tổ 1, khu vực 1", changes = new[] { new { change, reason = "Tổ trưởng xin nghỉ vì sức khỏe", candidates = new[] { candidate } } } }))
            .ReadAsync<DraftSaved>();
        Assert.Empty(draft.Problems);
        var fake = new ByteArrayContent(Encoding.UTF8.GetBytes("không phải PDF"));
        Assert.Equal("document-type", (await (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/documents?fileName=gia.pdf", fake)).ProblemAsync(400)).Code);
        var stub = new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-"));
        Assert.Equal("document-type", (await (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/documents?fileName=cut.pdf", stub)).ProblemAsync(400)).Code);
        var pdf = new ByteArrayContent(TestFiles.Pdf("tờ trình"));
        pdf.Headers.ContentType = new("application/pdf");
        var withDoc = await (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/documents?fileName=to-trinh.pdf", pdf)).ReadAsync<Proposal>();
        var attached = Assert.Single(withDoc.Documents);
        Assert.Equal("to-trinh.pdf", attached.Name);
        Assert.DoesNotContain("to-trinh", attached.BlobName); // stored under a name the system made
        var download = await fx.Client(As.Police).GetAsync($"restructure/cycles/{cycle}/wards/{ward}/documents?blob={Uri.EscapeDataString(attached.BlobName)}");
        Assert.Equal(TestFiles.Pdf("tờ trình"), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.OfficerCaiKhe).GetAsync($"restructure/cycles/{cycle}/wards/{ward}/documents?blob={Uri.EscapeDataString(attached.BlobName)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/submit", null)).StatusCode);

        // 3. Chairman signs off; a decision for another step is a 409 naming the actual one.
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.ChairmanSignOff);
        var wrong = await (await leader.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/leader-decision", new { outcome = "approve", decisionNumber = "1", decisionDate = "2026-03-01" })).ProblemAsync(409);
        Assert.Contains("Chủ tịch UBND phường ký duyệt tờ trình", wrong.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.ChairmanAnCu).PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/chairman-sign-off", new { outcome = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/chairman-sign-off", new { outcome = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/chairman-sign-off", new { outcome = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.OfficerCaiKhe).PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal", new { title = "x" })).StatusCode);
        (await chairman.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/chairman-sign-off", new { outcome = "approve", comment = "Đồng ý" })).EnsureSuccessStatusCode();

        // 4. District police return it for revision; the ward revises and it goes up again.
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.PoliceReview);
        (await police.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/police-review", new { outcome = "return", comment = "Bổ sung biên bản họp dân" })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.Proposal);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/submit", null)).StatusCode);
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.ChairmanSignOff);
        (await chairman.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/chairman-sign-off", new { outcome = "approve" })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.PoliceReview);
        (await police.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/police-review", new { outcome = "forward" })).EnsureSuccessStatusCode();

        // 5. The district leader approves with a decision number; the change is applied.
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.LeaderDecision);
        var noNumber = await (await leader.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/leader-decision", new { outcome = "approve" })).ProblemAsync(400);
        Assert.Contains("decisionNumber", noNumber.Errors!.Keys);
        (await leader.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/leader-decision",
            new { outcome = "approve", decisionNumber = "125/QĐ-UBND", decisionDate = "2026-03-15" })).EnsureSuccessStatusCode();
        var closed = await WaitForStepAsync(officer, cycle, ward, RestructureStep.Closed);

        Assert.Equal(Outcomes.Approved, closed.Outcome!.Result);
        Assert.Equal(2, closed.Outcome.Rounds);
        Assert.Equal(2, closed.Versions.Count);
        Assert.Contains(closed.Timeline, t => t.Step == RestructureStep.PoliceReview && t.Comment == "Bổ sung biên bản họp dân");
        // The leader's entry in the timeline says the decision: its number and date, and the quyết định to download.
        var approval = Assert.Single(closed.Timeline, t => t.Step == RestructureStep.LeaderDecision);
        Assert.Equal(("125/QĐ-UBND", (DateOnly?)new DateOnly(2026, 3, 15)), (approval.DecisionNumber, approval.DecisionDate));
        Assert.NotNull(approval.Document);
        var after = await (await officer.GetAsync($"wards/{ward}/groups/{tổ1.Id}")).ReadAsync<GroupView>();
        Assert.Equal("Phạm Minh Khang", after.Leader!.FullName);
        Assert.Equal("125/QĐ-UBND ngày 15/03/2026", after.LastDecision);
        var members = (await (await officer.GetAsync($"wards/{ward}/groups/{tổ1.Id}/members?role=leader")).ReadAsync<PageResult<MemberView>>()).Items;
        Assert.Single(members);
        var counters = (await (await officer.GetAsync($"wards/{ward}")).ReadAsync<WardView>()).Counters!;
        Assert.Equal(2, counters.Leaders);
        // The register's audit names the district leader who decided, not a role.
        var audit = (await (await officer.GetAsync($"wards/{ward}/audit?entityId={tổ1.Id}")).ReadAsync<PageResult<AuditView>>()).Items;
        Assert.Equal((As.Leader, "Ông Nguyễn Thanh Sơn (Phó Chủ tịch UBND quận)"), (audit[0].ActorId, audit[0].ActorName));
        Assert.Contains("125/QĐ-UBND", audit[0].Description);

        // The cycle is closed: nothing left to withdraw.
        await (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/withdraw?comment=Muộn", null)).ProblemAsync(409);
        var inbox = await officer.GetStringAsync("inbox");
        Assert.Contains("Rà soát năm 2026: Đã phê duyệt và cập nhật sổ", inbox);
        var wardList = await (await police.GetAsync($"restructure/cycles/{cycle}/wards")).ReadAsync<List<WardCycleSummary>>();
        Assert.Equal(RestructureStep.Closed, Assert.Single(wardList).Step);
    }

    [Fact]
    public async Task A_purged_instance_s_ward_cycle_view_answers_from_the_kept_records()
    {
        var (ward, officer, _) = await fx.NewWardAsync("rp", "Phường Thử Lưu Trữ", Csv);
        var police = fx.Client(As.Police);
        var cycle = "rp-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát đã lưu trữ", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }, remindDaysBefore = new[] { 3 }
        })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, cycle, ward, RestructureStep.Assessment);
        (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/withdraw?comment={Uri.EscapeDataString("Phường rút để làm lại")}", null)).EnsureSuccessStatusCode();
        var closed = await WaitForStepAsync(officer, cycle, ward, RestructureStep.Closed);
        var instance = RestructureWorkflow.InstanceId(cycle, ward);
        await HttpAssertions.EventuallyAsync(() => fx.Host.DurableClient.GetInstanceAsync(instance), m => m?.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed);

        Assert.Equal(1, (await fx.Host.DurableClient.PurgeInstanceAsync(instance)).PurgedInstanceCount);

        // No 404: the cycle, its outcome and its timeline are records of their own, kept after the instance is purged.
        var view = await (await officer.GetAsync($"restructure/cycles/{cycle}/wards/{ward}")).ReadAsync<WardCycleView>();
        Assert.Equal((RestructureStep.Closed, closed.StepName, "Rà soát đã lưu trữ"), (view.Step, view.StepName, view.CycleName));
        Assert.Equal(closed.Outcome?.Result, view.Outcome?.Result);
        Assert.Equal(closed.Timeline.Count, view.Timeline.Count);
        Assert.Empty(view.Actions);
        var summary = Assert.Single(await (await police.GetAsync($"restructure/cycles/{cycle}/wards")).ReadAsync<List<WardCycleSummary>>());
        Assert.Equal((ward, RestructureStep.Closed), (summary.WardId, summary.Step));
        // A ward that never had this cycle is still a 404.
        await (await police.GetAsync($"restructure/cycles/{cycle}/wards/an-cu")).ProblemAsync(404);
    }

    [Fact]
    public async Task The_periodic_timer_opens_the_cycle_for_every_ward_once()
    {
        var cycles = (PeriodicCycles)fx.Host.Services.GetService(typeof(PeriodicCycles))!;
        var first = await cycles.OpenCurrentAsync(fx.Host.DurableClient, default);
        var second = await cycles.OpenCurrentAsync(fx.Host.DurableClient, default);
        Assert.StartsWith("Rà soát năm ", first.Cycle.Name);
        // Every ward of the first opening is already open the second time (other tests may add wards in between: those start once).
        var opened = first.Started.Concat(first.AlreadyOpen).ToList();
        Assert.All(opened, w => Assert.Contains(w, second.AlreadyOpen));
        Assert.DoesNotContain(second.Started, opened.Contains);
        Assert.Contains("an-cu", second.AlreadyOpen);
        var tasks = await HttpAssertions.EventuallyAsync(async () => await (await fx.Client(As.OfficerAnCu).GetAsync("tasks?workflow=restructure")).ReadAsync<List<TaskItem>>(),
            l => l.Any(t => t.InstanceId == RestructureWorkflow.InstanceId(first.Cycle.Id, "an-cu")));
        Assert.Contains(tasks, t => t.InstanceId == RestructureWorkflow.InstanceId(first.Cycle.Id, "an-cu") && t.Step == RestructureStep.Assessment);
    }

    [Fact]
    public async Task A_step_close_that_runs_twice_writes_its_trail_entry_once_and_a_step_without_a_record_is_left_alone()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var store = new RestructureStore(new Azure.Data.Tables.TableServiceClient(connection), new Azure.Storage.Blobs.BlobServiceClient(connection));
        var records = new RestructureTrailRecords(store);
        var cycle = "rt-" + Guid.NewGuid().ToString("N")[..8];
        var step = new Tndtq.Shared.Workflows.OpenStep(RestructureWorkflow.Key, RestructureWorkflow.InstanceId(cycle, "an-cu"), "police-review-2",
            RestructureStep.PoliceReview, "Công an thẩm định tờ trình", Tndtq.Shared.Role.DistrictPolice, "an-cu", "Rà soát", DateTimeOffset.UtcNow.AddDays(3), [], null, "/");
        var decision = new Tndtq.Shared.Workflows.StepDecision("police-review-2", Outcomes.Return, "Bổ sung biên bản", "p", "Công an quận");
        var at = DateTimeOffset.UtcNow;

        await records.ClosedAsync(new(step, decision, at)); // a step that carries no record writes nothing
        Assert.Empty(await store.TrailAsync(cycle, "an-cu"));

        var closed = new Tndtq.Shared.Workflows.StepClosed(step with { Record = RestructureTrailRecords.Record(new(cycle, "an-cu", 2, 2)) }, decision, at);
        await records.ClosedAsync(closed);
        await records.ClosedAsync(closed); // the activity ran again
        var entry = Assert.Single(await store.TrailAsync(cycle, "an-cu"));
        Assert.Equal(new TrailEntry(at, 2, RestructureStep.PoliceReview, "Công an thẩm định tờ trình", Outcomes.Return, "Trả lại để chỉnh sửa", "Bổ sung biên bản",
            "Công an quận", 2), entry);
    }
}
