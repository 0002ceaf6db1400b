using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MiniExcelLibs;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Support;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Support;

/// <summary>Support rounds over HTTP on the real engine and the demo register, as the web app reaches them.</summary>
[Collection(SharedHost.Name)]
public sealed class SupportApiTests(HostFixture fx)
{
    readonly HttpClient officer = fx.Client(As.OfficerAnCu);
    readonly HttpClient chairman = fx.Client(As.ChairmanAnCu);

    async Task<(GroupView Group, List<MemberView> Members)> GroupAsync(int index = 0)
    {
        var group = (await (await officer.GetAsync("wards/an-cu/groups")).ReadAsync<PageResult<GroupView>>()).Items[index];
        var members = (await (await officer.GetAsync($"wards/an-cu/groups/{group.Id}/members?status=active")).ReadAsync<PageResult<MemberView>>()).Items.ToList();
        return (group, members);
    }

    static object Body(GroupView g, IReadOnlyList<MemberView> members, string name = "Thăm hỏi Tết Nguyên đán 2027", string fund = "Công ty TNHH Minh Phát",
        string fundType = "sponsor", long amount = 500_000) => new {
            kind = "holiday-care", name, fund = new { name = fund, type = fundType },
            beneficiaries = new object[]
        {
            new { type = "member", id = members[0].Id, amount, gift = "Một phần quà Tết" },
            new { type = "member", id = members[1].Id, amount = 300_000 },
            new { type = "group", id = g.Id, gift = "Bộ loa cầm tay" },
        },
        };

    static HttpRequestMessage Send(HttpMethod method, string url, object? body, string? requestId = null, string? ifMatch = null)
    {
        var r = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (requestId is not null) r.Headers.Add("x-requestid", requestId);
        if (ifMatch is not null) r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return r;
    }

    async Task<SupportRoundView> AtAsync(string url, Func<SupportRoundView, bool> done) =>
        await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync(url)).ReadAsync<SupportRoundView>(), done, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_state_budget_source_is_refused_naming_the_field_with_the_seeds_reason()
    {
        var (group, members) = await GroupAsync();
        foreach (var name in new[] { "Ngân sách nhà nước", "ngan sach nha nuoc", "NSNN năm 2027" })
        {
            var refused = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members, fund: name))).ProblemAsync(400);
            Assert.Equal(SupportTexts.FundIsStateBudget, refused.Errors!["fund.name"][0]);
            Assert.Contains("ngoài ngân sách", refused.Errors["fund.name"][0]);
        }
        var byType = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members, fundType: "ngân sách"))).ProblemAsync(400);
        Assert.Equal(SupportTexts.FundIsStateBudget, byType.Errors!["fund.type"][0]);
    }

    [Fact]
    public async Task Create_once_under_a_retried_request_id_edit_with_If_Match_and_errors_name_fields()
    {
        var (group, members) = await GroupAsync();
        var requestId = "ht-" + Guid.NewGuid().ToString("N")[..12];
        var first = await officer.SendAsync(Send(HttpMethod.Post, "wards/an-cu/support-rounds", Body(group, members), requestId));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var round = await first.ReadAsync<SupportRoundView>();
        var again = await (await officer.SendAsync(Send(HttpMethod.Post, "wards/an-cu/support-rounds", Body(group, members), requestId))).ReadAsync<SupportRoundView>();
        Assert.Equal(round.Id, again.Id);
        Assert.Equal(SupportStatus.Draft, round.Status);
        Assert.Equal("Đang soạn", round.StatusName);
        Assert.Equal(800_000, round.Total);
        Assert.Equal(members[0].FullName, round.Beneficiaries[0].Name);
        Assert.Equal(group.Name, round.Beneficiaries[2].GroupName);
        Assert.Equal(["edit", "submit", "withdraw"], round.Actions.Select(a => a.Kind));
        var list = await (await officer.GetAsync("wards/an-cu/support-rounds")).ReadAsync<SupportRoundList>();
        Assert.Single(list.Items, i => i.Id == round.Id);
        Assert.NotNull(list.Create);

        var url = $"wards/an-cu/support-rounds/{round.Id}";
        var etag = (await officer.GetAsync(url)).Headers.ETag!.ToString();
        await (await officer.SendAsync(Send(HttpMethod.Put, url, Body(group, members, amount: 600_000)))).ProblemAsync(428);
        var edited = await (await officer.SendAsync(Send(HttpMethod.Put, url, Body(group, members, amount: 600_000), ifMatch: etag))).ReadAsync<SupportRoundView>();
        Assert.Equal(900_000, edited.Total);
        Assert.Equal(round.Version + 1, edited.Version);
        var stale = await (await officer.SendAsync(Send(HttpMethod.Put, url, Body(group, members), ifMatch: etag))).ProblemAsync(412);
        Assert.Equal(Texts.StaleETag, stale.Detail);

        var bad = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", new {
            kind = "gift", name = " ", fund = new { name = "Quỹ khuyến học", type = "bank" },
            beneficiaries = new object[]
            {
                new { type = "member", id = members[0].Id, amount = 0 },
                new { type = "member", id = members[0].Id, amount = 1000 },
                new { type = "member", id = "khong-co", amount = 1000 },
                new { type = "group", id = group.Id },
                new { type = "member", id = members[1].Id, amount = 100_000_001 },
            },
        })).ProblemAsync(400);
        Assert.Equal(SupportTexts.SupportKindInvalid, bad.Errors!["kind"][0]);
        Assert.Equal(SupportTexts.SupportNameRequired, bad.Errors["name"][0]);
        Assert.Equal(SupportTexts.FundTypeInvalid, bad.Errors["fund.type"][0]);
        Assert.Equal(SupportTexts.BeneficiaryAmountOutOfRange(SupportRules.MaxAmount), bad.Errors["beneficiaries[0].amount"][0]);
        Assert.Equal(SupportTexts.BeneficiaryTwice, bad.Errors["beneficiaries[1].id"][0]);
        Assert.Equal(SupportTexts.BeneficiaryMemberNotFound, bad.Errors["beneficiaries[2].id"][0]);
        Assert.Equal(SupportTexts.BeneficiaryNothingGiven, bad.Errors["beneficiaries[3].amount"][0]);
        Assert.True(bad.Errors.ContainsKey("beneficiaries[4].amount"));
        var tooMany = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", new { beneficiaries = Enumerable.Range(0, 201).Select(_ => new { id = "x" }) })).ProblemAsync(400);
        Assert.True(tooMany.Errors!.ContainsKey("beneficiaries"));
    }

    [Fact]
    public async Task Another_wards_officer_cannot_see_or_use_the_wards_register_and_district_roles_only_read()
    {
        var (group, members) = await GroupAsync();
        var round = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members))).ReadAsync<SupportRoundView>();
        var caiKhe = fx.Client(As.OfficerCaiKhe);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.GetAsync("wards/an-cu/support-rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.GetAsync($"wards/an-cu/support-rounds/{round.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.GetAsync($"wards/an-cu/support-history/{members[0].Id}")).StatusCode);
        // An An Cư member is not in Cái Khế's register.
        var notTheirs = await (await caiKhe.PostAsJsonAsync("wards/cai-khe/support-rounds", Body(group, members))).ProblemAsync(400);
        Assert.Equal(SupportTexts.BeneficiaryMemberNotFound, notTheirs.Errors!["beneficiaries[0].id"][0]);
        var police = fx.Client(As.Police);
        var read = await (await police.GetAsync($"wards/an-cu/support-rounds/{round.Id}")).ReadAsync<SupportRoundView>();
        Assert.Empty(read.Actions);
        await (await police.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members))).ProblemAsync(403);
        await (await chairman.PostAsync($"wards/an-cu/support-rounds/{round.Id}/submit", null)).ProblemAsync(403);
        await (await officer.GetAsync("wards/an-cu/support-rounds/khong-co")).ProblemAsync(404);
        await (await officer.GetAsync("wards/an-cu/support-rounds?year=19")).ProblemAsync(400);
    }

    [Fact]
    public async Task Submitted_returned_revised_approved_then_disbursed_with_figures_history_and_the_receipt_list()
    {
        var (group, members) = await GroupAsync(2);
        var before = await (await officer.GetAsync("wards/an-cu/support-summary")).ReadAsync<SupportSummary>();
        var dashboardBefore = await (await officer.GetAsync("reports/dashboard?wardId=an-cu")).ReadAsync<Tndtq.Reports.Dashboard>();
        var round = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members, "Thăm hỏi Tết " + Guid.NewGuid().ToString("N")[..4]))).ReadAsync<SupportRoundView>();
        var url = $"wards/an-cu/support-rounds/{round.Id}";
        await (await officer.GetAsync(url + "/receipt-list/xlsx")).ProblemAsync(409); // not approved yet
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync(url + "/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync(url + "/submit", null)).StatusCode); // a retry changes nothing

        var pending = await AtAsync(url, v => v.Step == SupportStep.ChairmanApproval);
        Assert.Equal(SupportStatus.Pending, pending.Status);
        Assert.Equal(["withdraw"], pending.Actions.Select(a => a.Kind));
        await (await officer.SendAsync(Send(HttpMethod.Put, url, Body(group, members), ifMatch: pending.ETag))).ProblemAsync(409); // not editable while pending
        var asChairman = await (await chairman.GetAsync(url)).ReadAsync<SupportRoundView>();
        Assert.Equal(["approve", "return"], asChairman.Actions.Select(a => a.Outcome));
        await (await officer.PostAsJsonAsync(url + "/decisions/chairman-approval", new { outcome = "approve" })).ProblemAsync(403);
        await (await fx.Client(As.ChairmanCaiKhe).PostAsJsonAsync(url + "/decisions/chairman-approval", new { outcome = "approve" })).ProblemAsync(403);
        var noComment = await (await chairman.PostAsJsonAsync(url + "/decisions/chairman-approval", new { outcome = "return" })).ProblemAsync(400);
        Assert.True(noComment.Errors!.ContainsKey("comment"));
        Assert.Equal(HttpStatusCode.Accepted, (await chairman.PostAsJsonAsync(url + "/decisions/chairman-approval", new { outcome = "return", comment = "Bổ sung số tiền cho tổ" })).StatusCode);

        var returned = await AtAsync(url, v => v.Status == SupportStatus.Returned && v.Step == SupportStep.Revision);
        Assert.Equal("Bổ sung số tiền cho tổ", returned.LastComment);
        Assert.Equal(["edit", "decide", "withdraw"], returned.Actions.Select(a => a.Kind));
        var revised = new {
            kind = "holiday-care", name = returned.Name, fund = new { name = "Công ty TNHH Minh Phát", type = "sponsor" },
            beneficiaries = new object[]
            {
                new { type = "member", id = members[0].Id, amount = 500_000, gift = "Một phần quà Tết" },
                new { type = "member", id = members[1].Id, amount = 300_000 },
                new { type = "group", id = group.Id, amount = 1_000_000, gift = "Bộ loa cầm tay" },
            },
        };
        var edited = await (await officer.SendAsync(Send(HttpMethod.Put, url, revised, ifMatch: returned.ETag))).ReadAsync<SupportRoundView>();
        Assert.Equal(1_800_000, edited.Total);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync(url + "/submit", null)).StatusCode); // resubmit
        await AtAsync(url, v => v.Status == SupportStatus.Pending && v.Step == SupportStep.ChairmanApproval);
        Assert.Equal(HttpStatusCode.Accepted, (await chairman.PostAsJsonAsync(url + "/decisions/chairman-approval", new { outcome = "approve" })).StatusCode);

        var approved = await AtAsync(url, v => v.Status == SupportStatus.Approved);
        Assert.False(string.IsNullOrEmpty(approved.ApprovedByName));
        Assert.Equal(approved.Trail[^1].ActorName, approved.ApprovedByName);
        Assert.Equal(["download-xlsx", "download-pdf", "download-docx", "upload-signed"], approved.Actions.Select(a => a.Kind));
        Assert.Equal(["submit", SupportStep.Return, SupportStep.Resubmit, SupportStep.Approve], approved.Trail.Select(t => t.Outcome));

        var after = await (await officer.GetAsync("wards/an-cu/support-summary")).ReadAsync<SupportSummary>();
        Assert.Equal(before.ThisYear.Rounds + 1, after.ThisYear.Rounds);
        Assert.Equal(before.ThisYear.Amount + 1_800_000, after.ThisYear.Amount);
        Assert.Equal(before.ThisYear.AmountByKind.GetValueOrDefault("holiday-care") + 1_800_000, after.ThisYear.AmountByKind["holiday-care"]);
        // The dashboard shows the support given this year (read from the kept figures), in its workbook too.
        var dashboard = await (await officer.GetAsync("reports/dashboard?wardId=an-cu")).ReadAsync<Tndtq.Reports.Dashboard>();
        Assert.Equal(dashboardBefore.Wards[0].SupportThisYear + 1_800_000, dashboard.Wards[0].SupportThisYear);
        Assert.Equal(after.ThisYear.Amount, dashboard.Totals.SupportThisYear);
        var workbook = await (await officer.GetAsync("reports/dashboard/export?wardId=an-cu")).Content.ReadAsByteArrayAsync();
        var supportSheet = MiniExcel.Query(new MemoryStream(workbook), useHeaderRow: true, sheetName: SupportTexts.SheetSupport).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal((double)after.ThisYear.Amount, Convert.ToDouble(supportSheet[^1][SupportTexts.HeaderSupportIn(after.Year)]));
        var check = await (await officer.GetAsync("wards/an-cu/support-summary/check")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
        var history = await (await fx.Client(As.Police).GetAsync($"wards/an-cu/support-history/{members[0].Id}")).ReadAsync<List<SupportHistoryEntry>>();
        Assert.Equal(500_000, Assert.Single(history, h => h.RoundId == round.Id).Amount);
        var groupHistory = await (await officer.GetAsync($"wards/an-cu/support-history/{group.Id}")).ReadAsync<List<SupportHistoryEntry>>();
        Assert.Equal("Bộ loa cầm tay", Assert.Single(groupHistory, h => h.RoundId == round.Id).Gift);

        var xlsx = await officer.GetAsync(url + "/receipt-list/xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var rows = MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: false).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(members[0].FullName, rows[6]["B"]);
        Assert.Equal(1_800_000d, Convert.ToDouble(rows[^1]["D"]));
        var pdf = await officer.GetAsync(url + "/receipt-list/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var docx = await officer.GetAsync(url + "/receipt-list/docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
            Assert.Contains(members[0].FullName, word.MainDocumentPart!.Document.Body!.InnerText);

        var signed = new ByteArrayContent(TestFiles.Pdf("danh sach ky nhan"));
        signed.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var disbursed = await (await officer.PostAsync(url + "/signed-list?fileName=" + Uri.EscapeDataString("Danh sách đã ký.pdf"), signed)).ReadAsync<SupportRoundView>();
        Assert.Equal(SupportStatus.Disbursed, disbursed.Status);
        Assert.Equal("Danh sách đã ký.pdf", disbursed.Signed!.Name);
        Assert.Equal(TestFiles.Pdf("danh sach ky nhan"), await (await officer.GetAsync(url + "/signed-list")).Content.ReadAsByteArrayAsync());
        var still = await (await officer.GetAsync("wards/an-cu/support-summary")).ReadAsync<SupportSummary>();
        Assert.Equal(after.ThisYear.Amount, still.ThisYear.Amount); // disbursal moves no figure
        Assert.Equal(SupportStatus.Disbursed, (await (await officer.GetAsync($"wards/an-cu/support-history/{members[0].Id}")).ReadAsync<List<SupportHistoryEntry>>())
            .Single(h => h.RoundId == round.Id).Status);
    }

    [Fact]
    public async Task The_officer_withdraws_a_pending_round_and_a_draft()
    {
        var (group, members) = await GroupAsync(1);
        var round = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members))).ReadAsync<SupportRoundView>();
        var url = $"wards/an-cu/support-rounds/{round.Id}";
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync(url + "/submit", null)).StatusCode);
        await AtAsync(url, v => v.Step == SupportStep.ChairmanApproval);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync(url + "/withdraw?comment=Nhà tài trợ rút lại", null)).StatusCode);
        var withdrawn = await AtAsync(url, v => v.Status == SupportStatus.Withdrawn);
        Assert.Empty(withdrawn.Actions);
        await (await chairman.PostAsJsonAsync(url + "/decisions/chairman-approval", new { outcome = "approve" })).ProblemAsync(409);

        var draft = await (await officer.PostAsJsonAsync("wards/an-cu/support-rounds", Body(group, members))).ReadAsync<SupportRoundView>();
        var cancelled = await (await officer.PostAsync($"wards/an-cu/support-rounds/{draft.Id}/withdraw", null)).ReadAsync<SupportRoundView>();
        Assert.Equal(SupportStatus.Withdrawn, cancelled.Status);
    }

}
