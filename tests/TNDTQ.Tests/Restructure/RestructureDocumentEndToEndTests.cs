using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Documents;
using Tndtq.Tests.Infrastructure;
using UglyToad.PdfPig;
using static Tndtq.Tests.Documents.PdfLayout;

namespace Tndtq.Tests.Restructure;

/// <summary>
/// The restructure's documents over HTTP on the real engine and Azurite: the tờ trình of each submitted version as it went up, the
/// draft's preview, the ward's scope; the leader's decision number checked against the approving body's earlier decisions; the
/// quyết định generated on approval (from the built-in template when the office's edited one is broken, with the problem said),
/// linked from the cycle view, the leader's timeline entry and the history of the groups it changed.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class RestructureDocumentEndToEndTests(HostFixture fx)
{
    const string Csv = """
        Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò
        "Tổ 1, khu vực 1",Hẻm 10,40,Châu Công An,Nam,1952,Số 1 hẻm 10,Tổ trưởng
        "Tổ 1, khu vực 1",,,Lê Thị Hạnh,Nữ,1975,Số 2 hẻm 10,Tổ phó
        "Tổ 1, khu vực 1",,,Phạm Thị Kim Hà,Nữ,1985,Số 3 hẻm 10,Thành viên
        "Tổ 2, khu vực 1",Hẻm 20,25,Võ Thị Thu,Nữ,1965,Số 1 hẻm 20,Tổ trưởng
        "Tổ 2, khu vực 1",,,Đặng Văn Tài,Nam,1970,Số 2 hẻm 20,Thành viên
        """;

    static async Task<WardCycleView> WaitForStepAsync(HttpClient client, string at, string step) =>
        await HttpAssertions.EventuallyAsync(async () => await (await client.GetAsync(at)).ReadAsync<WardCycleView>(), v => v.Step == step, TimeSpan.FromSeconds(30));

    static async Task<(string Text, byte[] Bytes)> PdfAsync(HttpClient client, string link)
    {
        var response = await client.GetAsync(link.Replace("/api/", ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        foreach (var page in pdf.GetPages()) AssertMarginsAndFont(page, justified: page.Number == 1);
        return (AllText(pdf) + "\n" + DrawnText(pdf), bytes);
    }

    [Fact]
    public async Task Each_version_has_its_to_trinh_the_approval_its_quyet_dinh_linked_everywhere_and_a_used_number_or_a_broken_template_is_said()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("rd", "Phường Văn Bản", Csv);
        var police = fx.Client(As.Police);
        var leader = fx.Client(As.Leader);
        var cycle = "rd-" + Guid.NewGuid().ToString("N")[..8];
        var at = $"restructure/cycles/{cycle}/wards/{ward}";
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát văn bản 2026", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }
        })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, at, RestructureStep.Assessment);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var tổ1 = groups.Single(g => g.Name == "Tổ 1, khu vực 1");
        var tổ2 = groups.Single(g => g.Name == "Tổ 2, khu vực 1");
        (await officer.PutAsJsonAsync($"{at}/assessments/{tổ1.Id}", new { rating = "average", recommendation = "consolidate" })).EnsureSuccessStatusCode();
        (await officer.PutAsJsonAsync($"{at}/assessments/{tổ2.Id}", new { rating = "weak", recommendation = "merge" })).EnsureSuccessStatusCode();
        (await officer.PostAsync($"{at}/assessments/submit", null)).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, at, RestructureStep.Proposal);

        // Version 1: a new leader for Tổ 1. The draft's changes in words in the view, its preview marked as a draft.
        var hà = (await (await officer.GetAsync($"wards/{ward}/groups/{tổ1.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>()).Items.Single();
        var consolidate = new {
            change = new { type = "consolidate", groupId = tổ1.Id, leader = new { memberId = hà.Id } }, reason = "Tổ trưởng lớn tuổi, xin nghỉ",
            candidates = new[] { new { fullName = "Phạm Thị Kim Hà", memberId = hà.Id, birthYear = 1985, livesInArea = true, yearsOfResidence = 15,
                endorsedByResidents = true, endorsedByFrontCommittee = true } }
        };
        (await officer.PutAsJsonAsync($"{at}/proposal", new { title = "Tờ trình kiện toàn Tổ 1, khu vực 1", changes = new[] { consolidate } })).EnsureSuccessStatusCode();
        var view = await (await officer.GetAsync(at)).ReadAsync<WardCycleView>();
        var said = Assert.Single(view.Draft!.ChangeDescriptions!);
        Assert.Contains("Tổ 1, khu vực 1: tổ trưởng Châu Công An → Phạm Thị Kim Hà (sinh 1985, cư trú tại địa bàn 15 năm", string.Join(" | ", said.Lines));
        var preview = await PdfAsync(officer, view.Draft.Document!.Pdf);
        Assert.Contains("DỰ THẢO", preview.Text);
        (await officer.PostAsync($"{at}/proposal/submit", null)).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, at, RestructureStep.ChairmanSignOff);
        await HttpAssertions.EventuallyAsync(async () => await chairman.GetAsync($"{at}/proposal/versions/1/document"), r => r.IsSuccessStatusCode);
        var v1 = await PdfAsync(chairman, $"{at}/proposal/versions/1/document");
        Assert.Contains("(phiên bản 1)", v1.Text);
        Assert.Contains("Châu Công An", v1.Text);
        Assert.Contains("Chủ tịch Phường Văn Bản", v1.Text); // the ward's chairman signs
        Assert.True(Holds(v1.Text, "Số: 01/TTr-UBND"), v1.Text); // the ward's first tờ trình of the year, numbered by the system as it went up
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.OfficerCaiKhe).GetAsync($"{at}/proposal/versions/1/document")).StatusCode);
        Assert.Equal("format", Assert.Single((await (await officer.GetAsync($"{at}/proposal/versions/1/document?format=odt")).ProblemAsync(400)).Errors!.Keys));
        var docx = await officer.GetAsync($"{at}/proposal/versions/1/document?format=docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);

        // The chairman returns it; version 2 also merges Tổ 2 into Tổ 1. Each version keeps its own document.
        (await chairman.PostAsJsonAsync($"{at}/decisions/chairman-sign-off", new { outcome = "return", comment = "Sáp nhập luôn Tổ 2" })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, at, RestructureStep.Proposal);
        var merge = new { change = new { type = "merge", sourceGroupIds = new[] { tổ2.Id }, targetGroupId = tổ1.Id }, reason = "Tổ 2 ít hộ" };
        (await officer.PutAsJsonAsync($"{at}/proposal", new { title = "Tờ trình kiện toàn Tổ 1, khu vực 1", changes = new object[] { consolidate, merge } })).EnsureSuccessStatusCode();
        (await officer.PostAsync($"{at}/proposal/submit", null)).EnsureSuccessStatusCode();
        view = await WaitForStepAsync(officer, at, RestructureStep.ChairmanSignOff);
        var v2 = await PdfAsync(chairman, view.Versions.Single(v => v.Version == 2).Document!.Pdf);
        Assert.Contains("(phiên bản 2)", v2.Text);
        Assert.True(Holds(v2.Text, "Số: 02/TTr-UBND"), v2.Text);
        Assert.True(Holds(v2.Text, "Tổ 2, khu vực 1 (2 thành viên, 25 hộ) → Tổ 1, khu vực 1"), v2.Text);
        Assert.True(Holds(v2.Text, "3 thành viên, 40 hộ → 5 thành viên, 65 hộ"), v2.Text);
        Assert.Equal(v1.Bytes, (await PdfAsync(police, $"{at}/proposal/versions/1/document")).Bytes); // version 1's document as it went up
        Assert.Equal(2, view.Versions.Single(v => v.Version == 2).ChangeDescriptions!.Count);

        (await chairman.PostAsJsonAsync($"{at}/decisions/chairman-sign-off", new { outcome = "approve" })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, at, RestructureStep.PoliceReview);
        (await police.PostAsJsonAsync($"{at}/decisions/police-review", new { outcome = "forward" })).EnsureSuccessStatusCode();
        await WaitForStepAsync(officer, at, RestructureStep.LeaderDecision);

        // A number the district already used for another ward's restructure decision this year: 409, the workflow keeps waiting.
        var used = "3" + Random.Shared.Next(100, 999) + "/QĐ-UBND";
        await new RestructureDocumentStore(new TableServiceClient(fx.ConnectionString), new BlobServiceClient(fx.ConnectionString))
            .ClaimNumberAsync("ninh-kieu", new DateOnly(2026, 3, 1), new DecisionNumberUse(used, "other-cycle", "Rà soát năm 2026", "an-cu", "An Cư"));
        var refused = await (await leader.PostAsJsonAsync($"{at}/decisions/leader-decision",
            new { outcome = "approve", decisionNumber = used.ToLowerInvariant(), decisionDate = "2026-03-20" })).ProblemAsync(409);
        Assert.Equal("decision-number-used", refused.Code);
        Assert.Contains($"Số quyết định {used.ToLowerInvariant()} của Ủy ban nhân dân quận Ninh Kiều đã dùng cho quyết định kiện toàn phường An Cư", refused.Detail);
        Assert.Contains("decisionNumber", refused.Errors!.Keys);
        await Task.Delay(500);
        Assert.Equal(RestructureStep.LeaderDecision, (await (await officer.GetAsync(at)).ReadAsync<WardCycleView>()).Step);

        // The office's edited decision template is broken: the decision is still recorded, its document made from the built-in one.
        var templates = new BlobServiceClient(fx.ConnectionString).GetBlobContainerClient(TemplateStore.Container);
        await templates.CreateIfNotExistsAsync();
        var blob = templates.GetBlobClient(RestructureDocuments.DecisionTemplate + ".txt");
        await blob.UploadAsync(BinaryData.FromString("@title QUYẾT ĐỊNH\n@para Số {{SoQuyetDinh}}\n@bang changes"), overwrite: true);
        WardCycleView closed;
        var number = "4" + Random.Shared.Next(100, 999) + "/QĐ-UBND";
        try
        {
            (await leader.PostAsJsonAsync($"{at}/decisions/leader-decision", new { outcome = "approve", decisionNumber = number, decisionDate = "2026-03-20" }))
                .EnsureSuccessStatusCode();
            closed = await WaitForStepAsync(officer, at, RestructureStep.Closed);
        }
        finally { await blob.DeleteIfExistsAsync(); }

        Assert.Equal(Outcomes.Approved, closed.Outcome!.Result);
        var decision = closed.DecisionDocument!;
        Assert.Equal((number, new DateOnly(2026, 3, 20), 2), (decision.Number, decision.Date, decision.Version));
        var problem = Assert.Single(decision.Problems);
        Assert.Contains("quyet-dinh-kien-toan.txt", problem);
        Assert.Contains("{{SoQuyetDinh}}", problem);
        Assert.Contains("@bang", problem);
        Assert.Equal(decision.Problems, closed.Outcome.DocumentProblems);
        var link = $"/api/{at}/decision/document?format=pdf";
        Assert.Equal(link, decision.Pdf);
        Assert.Equal(link, Assert.Single(closed.Timeline, t => t.Step == RestructureStep.LeaderDecision && t.Outcome == Outcomes.Approve).Document);
        var quyếtĐịnh = await PdfAsync(officer, link);
        foreach (var named in new[] { $"Số: {number}", "ngày 20 tháng 3 năm 2026", "Về việc kiện toàn Tổ Nhân dân tự quản phường Văn Bản", "PHỤ LỤC",
                     "Phạm Thị Kim Hà", "Sáp nhập Tổ 2, khu vực 1", "(phiên bản 2)", "Điều 3.",
                     // Signed by the leader under the title the award catalogue knows for the district's committee: a deputy, on the chairman's behalf.
                     "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thanh Sơn" })
            Assert.True(Holds(quyếtĐịnh.Text, named), named);

        // Every group the decision changed links to it in its history (the merged one too).
        foreach (var g in new[] { tổ1, tổ2 })
        {
            var history = await (await officer.GetAsync($"wards/{ward}/groups/{g.Id}/history")).ReadAsync<List<GroupHistoryView>>();
            var latest = history.OrderByDescending(h => h.ValidFrom).First();
            Assert.Equal(link, latest.Group.LastDecisionDocument);
            Assert.Equal($"{number} ngày 20/03/2026", latest.Group.LastDecision);
        }
        Assert.Equal(link, (await (await officer.GetAsync($"wards/{ward}/groups/{tổ1.Id}")).ReadAsync<GroupView>()).LastDecisionDocument);

        // The number is now the approving body's: another ward's decision with it is refused.
        var again = await new RestructureDocumentStore(new TableServiceClient(fx.ConnectionString), new BlobServiceClient(fx.ConnectionString))
            .NumberUseAsync("ninh-kieu", new DateOnly(2026, 12, 31), number);
        Assert.Equal((cycle, ward), (again!.CycleId, again.WardId));
    }
}
