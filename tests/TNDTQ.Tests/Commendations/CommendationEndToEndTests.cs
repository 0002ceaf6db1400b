using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Tests.Infrastructure;
using UglyToad.PdfPig;
using Tndtq.Shared;

namespace Tndtq.Tests.Commendations;

/// <summary>Nominations over HTTP on the real engine: every step by the right role, documents downloaded and read back.</summary>
[Collection(SharedHost.Name)]
public sealed class CommendationEndToEndTests(HostFixture fx)
{
    const string Csv = """
        Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò,Ngày tham gia
        "Tổ 7, khu vực 2",Hẻm 30,38,Huỳnh Văn Đức,Nam,1962,Số 1 hẻm 30,Tổ trưởng,01/01/2019
        "Tổ 7, khu vực 2",,,Nguyễn Thị Ánh Tuyết,Nữ,1978,Số 5 hẻm 30,Thành viên,01/06/2020
        """;

    [Fact]
    public async Task A_group_and_a_member_are_nominated_reviewed_decided_and_get_their_documents()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("kt", "Phường Khen Thưởng", Csv);
        var police = fx.Client(As.Police);
        var council = fx.Client("demo-council");
        var leader = fx.Client(As.Leader);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        var member = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>()).Items.Single();

        // The group's latest assessment (from a review cycle) makes it eligible.
        var cycle = "kt-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát thử", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9) }
        })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(async () => (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{group.Id}",
            new { rating = "good", recommendation = "keep" })).StatusCode, s => s == HttpStatusCode.OK);

        var catalogue = await (await officer.GetAsync("commendations/catalogue")).ReadAsync<List<AwardForm>>();
        var form = catalogue.Single(f => f.Id == "giay-khen-chu-tich-ubnd-quan");
        var nominations = await (await officer.PostAsJsonAsync("commendations/campaigns/cuoi-nam-2026/nominations", new {
            awardFormId = form.Id, period = "2026",
            nominations = new object[]
            {
                new { wardId = ward, groupId = group.Id, achievements = "Giữ vững an ninh trật tự, 100% hộ ký cam kết phòng cháy" },
                new { wardId = ward, groupId = group.Id, memberId = member.Id, achievements = "Vận động 45 hộ tham gia phòng cháy chữa cháy" },
            },
        })).ReadAsync<List<NominationView>>();
        Assert.Equal([NomineeType.Collective, NomineeType.Individual], nominations.Select(n => n.NomineeType));
        var pdf = new ByteArrayContent(TestFiles.Pdf("minh chứng"));
        pdf.Headers.ContentType = new("application/pdf");
        var withEvidence = await (await officer.PostAsync($"commendations/nominations/{nominations[1].Id}/evidence?fileName=minh-chung.pdf", pdf)).ReadAsync<NominationView>();
        Assert.Single(withEvidence.Evidence);

        async Task At(string id, string step)
        {
            var view = await HttpAssertions.EventuallyAsync(
                async () => await (await officer.GetAsync($"commendations/nominations/{id}")).ReadAsync<NominationView>(), v => v.Step == step, TimeSpan.FromSeconds(30));
            var instance = await fx.Host.DurableClient.GetInstanceAsync(NominationWorkflow.InstanceId(id), getInputsAndOutputs: true);
            Assert.True(view.Step == step, $"expected {step}, at {view.Step} ({view.Status}, {instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorType} {instance?.FailureDetails?.ErrorMessage} {instance?.FailureDetails?.StackTrace} {instance?.FailureDetails?.InnerFailure?.ErrorMessage}): " +
                string.Join(" | ", view.Timeline.Select(t => t.StepName + " " + t.Comment)));
        }
        async Task Decide(HttpClient who, string id, string step, object body) =>
            Assert.Equal(HttpStatusCode.Accepted, (await who.PostAsJsonAsync($"commendations/nominations/{id}/decisions/{step}", body)).StatusCode);

        foreach (var n in nominations)
        {
            await At(n.Id, NominationStep.ChairmanEndorsement);
            await (await police.PostAsJsonAsync($"commendations/nominations/{n.Id}/decisions/police-review", new { outcome = "forward" })).ProblemAsync(409);
            await (await fx.Client(As.ChairmanAnCu).PostAsJsonAsync($"commendations/nominations/{n.Id}/decisions/chairman-endorsement", new { outcome = "endorse" })).ProblemAsync(404);
            await (await officer.PostAsJsonAsync($"commendations/nominations/{n.Id}/decisions/chairman-endorsement", new { outcome = "endorse" })).ProblemAsync(403);
            await Decide(chairman, n.Id, NominationStep.ChairmanEndorsement, new { outcome = "endorse" });
            await At(n.Id, NominationStep.PoliceReview);
            await Decide(police, n.Id, NominationStep.PoliceReview, new { outcome = "forward", comment = "Hồ sơ đầy đủ" });
            await At(n.Id, NominationStep.Council);
            await (await leader.PostAsJsonAsync($"commendations/nominations/{n.Id}/decisions/council", new { outcome = "recommend" })).ProblemAsync(403);
            await Decide(council, n.Id, NominationStep.Council, new { outcome = "recommend", votesFor = 7, votesAgainst = 0, votesAbstain = 1, meetingDate = "2026-11-20" });
            await At(n.Id, NominationStep.Decision);
            await (await police.PostAsJsonAsync($"commendations/nominations/{n.Id}/decisions/decision", new { outcome = "approve" })).ProblemAsync(403);
            await Decide(leader, n.Id, NominationStep.Decision, new { outcome = "approve", decisionNumber = "210/QĐ-UBND", decisionDate = "2026-11-24" });
        }

        var individual = await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"commendations/nominations/{nominations[1].Id}")).ReadAsync<NominationView>(),
            v => v.Outcome is not null, TimeSpan.FromSeconds(30));
        Assert.Equal(NominationOutcomes.Approved, individual.Outcome!.Result);
        Assert.Contains(individual.Timeline, t => t.Step == NominationStep.Council && t.Comment!.Contains("tán thành 7"));

        var docx = await (await officer.GetAsync($"commendations/nominations/{nominations[1].Id}/documents/certificate/docx")).Content.ReadAsByteArrayAsync();
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
            Assert.Contains("Bà Nguyễn Thị Ánh Tuyết", word.MainDocumentPart!.Document.Body!.InnerText); // "Nữ" in the register
        var decisionPdf = await (await officer.GetAsync($"commendations/nominations/{nominations[1].Id}/documents/decision/pdf")).Content.ReadAsByteArrayAsync();
        using (var read = PdfDocument.Open(decisionPdf))
        {
            var text = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("Nguyễn Thị Ánh Tuyết", text);
            Assert.Contains("210/QĐ-UBND", text);
            Assert.Contains("KT. CHỦ TỊCH", text); // the catalogue's signer is a deputy chairman
            Assert.Contains("PHÓ CHỦ TỊCH", text);
        }

        var history = await (await officer.GetAsync($"wards/{ward}/commendations/{member.Id}")).ReadAsync<List<AwardRecord>>();
        Assert.Equal("Giấy khen của Chủ tịch UBND quận", Assert.Single(history).AwardName);
        var groupHistory = await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"wards/{ward}/commendations/{group.Id}")).ReadAsync<List<AwardRecord>>(), l => l.Count == 1);
        Assert.Single(groupHistory);
        var campaignList = (await (await police.GetAsync($"commendations/nominations?wardId={ward}&campaign=cuoi-nam-2026&status=approved")).ReadAsync<PageResult<NominationView>>()).Items;
        Assert.True(campaignList.Count(v => v.WardId == ward) == 2);

        // The same nominee, same form, same period again: ineligible until the district police decide.
        var again = await (await officer.PostAsJsonAsync("commendations/nominations", new { wardId = ward, groupId = group.Id, memberId = member.Id, awardFormId = form.Id, period = "2026", achievements = "Lần nữa" })).ReadAsync<NominationView>();
        await At(again.Id, NominationStep.EligibilityOverride);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync($"commendations/nominations/{again.Id}/withdraw?comment=Nhầm", null)).StatusCode);
        var withdrawn = await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"commendations/nominations/{again.Id}")).ReadAsync<NominationView>(),
            v => v.Outcome is not null, TimeSpan.FromSeconds(30));
        Assert.Equal(NominationOutcomes.Withdrawn, withdrawn.Outcome!.Result);
    }

    [Fact]
    public async Task A_step_close_that_runs_twice_writes_its_trail_entry_once_and_a_step_without_a_record_is_left_alone()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var store = new CommendationStore(new Azure.Data.Tables.TableServiceClient(connection), new Azure.Storage.Blobs.BlobServiceClient(connection));
        var records = new NominationTrailRecords(store);
        var id = "tr-" + Guid.NewGuid().ToString("N")[..8];
        var step = new Tndtq.Shared.Workflows.OpenStep(NominationWorkflow.Key, NominationWorkflow.InstanceId(id), "council-1", NominationStep.Council,
            "Hội đồng Thi đua – Khen thưởng xét", Tndtq.Shared.Role.EmulationCouncil, "an-cu", "Giấy khen", DateTimeOffset.UtcNow.AddDays(3), [], null, "/");
        var decision = new Tndtq.Shared.Workflows.StepDecision("council-1", NominationOutcomes.Recommend, "Đủ tiêu chuẩn", "c", "Hội đồng", null, null, null,
            new Tndtq.Shared.Workflows.CouncilVote(7, 0, 1, new DateOnly(2026, 11, 20)));
        var at = DateTimeOffset.UtcNow;

        await records.ClosedAsync(new(step, decision, at)); // a step that carries no record writes nothing
        Assert.Empty(await store.TrailAsync(id));

        var closed = new Tndtq.Shared.Workflows.StepClosed(step with { Record = NominationTrailRecords.Record(new(id, "an-cu", 1)) }, decision, at);
        await records.ClosedAsync(closed);
        await records.ClosedAsync(closed); // the activity ran again
        var entry = Assert.Single(await store.TrailAsync(id));
        Assert.Equal((at, 1, NominationStep.Council, "Hội đồng Thi đua – Khen thưởng xét", NominationOutcomes.Recommend, "Hội đồng",
            "Đủ tiêu chuẩn (tán thành 7, không tán thành 0, không biểu quyết 1; họp ngày 20/11/2026)"),
            (entry.At, entry.Round, entry.Step, entry.StepName, entry.Outcome, entry.ActorName, entry.Comment));
    }
}
