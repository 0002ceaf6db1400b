using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MiniExcelLibs;
using Tndtq.Register;
using Tndtq.Register.Import;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Register;

/// <summary>The register over HTTP, as the web UI and the acceptance runs reach it, on the demo data.</summary>
[Collection(SharedHost.Name)]
public sealed class RegisterApiTests(HostFixture fx)
{
    readonly HttpClient officerAnCu = fx.Client(As.OfficerAnCu);
    readonly HttpClient officerCaiKhe = fx.Client(As.OfficerCaiKhe);

    async Task<GroupView> FirstGroupAsync(HttpClient client, string ward) =>
        (await (await client.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[0];

    [Fact]
    public async Task Demo_wards_have_realistic_groups_and_members()
    {
        var wards = await (await fx.Client(As.Police).GetAsync("wards")).ReadAsync<List<WardView>>();
        Assert.Contains(wards, w => w.Name == "Cái Khế");
        Assert.True(wards.Count >= 11);
        var anCu = await (await officerAnCu.GetAsync("wards/an-cu")).ReadAsync<WardView>();
        Assert.InRange(anCu.Counters!.ActiveGroups, 10, 25);
        Assert.Equal(anCu.Counters.ActiveGroups, anCu.Counters.Leaders);
        var groups = await (await officerAnCu.GetAsync("wards/an-cu/groups")).ReadAsync<PageResult<GroupView>>();
        Assert.All(groups.Items, g => { Assert.NotNull(g.Leader); Assert.InRange(g.ActiveMembers, 8, 20); });
        Assert.Equal(groups.Items.Select(g => g.Name).Order(Shared.NaturalVietnameseComparer.Instance), groups.Items.Select(g => g.Name));
    }

    [Fact]
    public async Task An_officer_of_An_Cu_cannot_read_or_change_Cai_Khe_and_nothing_leaks()
    {
        var caiKheGroup = await FirstGroupAsync(officerCaiKhe, "cai-khe");
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync("wards/cai-khe/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync($"wards/cai-khe/groups/{caiKheGroup.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync($"wards/cai-khe/groups/{caiKheGroup.Id}/members")).StatusCode);
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"wards/cai-khe/groups/{caiKheGroup.Id}") { Content = JsonContent.Create(new { households = 1 }) };
        patch.Headers.TryAddWithoutValidation("If-Match", caiKheGroup.ETag);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.SendAsync(patch)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync("wards/cai-khe/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync("wards/cai-khe/export")).StatusCode);

        // Lists and search show only the caller's ward.
        var wards = await (await officerAnCu.GetAsync("wards")).ReadAsync<List<WardView>>();
        Assert.Equal("an-cu", Assert.Single(wards).Id);
        var leader = caiKheGroup.Leader!.FullName;
        var hits = await (await officerAnCu.GetAsync($"members/search?q={Uri.EscapeDataString(leader)}")).ReadAsync<PageResult<SearchHit>>();
        Assert.All(hits.Items, h => Assert.Equal("an-cu", h.WardId));
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync($"members/search?q=an&wardId=cai-khe")).StatusCode);
    }

    [Fact]
    public async Task Stale_ETag_is_412_missing_If_Match_is_428_and_the_response_carries_the_new_ETag()
    {
        var group = await FirstGroupAsync(officerAnCu, "an-cu");
        var get = await officerAnCu.GetAsync($"wards/an-cu/groups/{group.Id}");
        var etag = get.Headers.ETag!.ToString();
        Assert.Equal((await get.ReadAsync<GroupView>()).ETag, etag);

        HttpRequestMessage Patch(string? ifMatch, object body)
        {
            var r = new HttpRequestMessage(HttpMethod.Patch, $"wards/an-cu/groups/{group.Id}") { Content = JsonContent.Create(body) };
            if (ifMatch is not null) r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return r;
        }
        var first = await officerAnCu.SendAsync(Patch(etag, new { area = "Hẻm 51 đường Mậu Thân, khu vực 2" }));
        var updated = await first.ReadAsync<GroupView>();
        Assert.Equal("Hẻm 51 đường Mậu Thân, khu vực 2", updated.Area);
        Assert.NotEqual(etag, first.Headers.ETag!.ToString());

        var stale = await (await officerAnCu.SendAsync(Patch(etag, new { area = "Khác" }))).ProblemAsync(412);
        Assert.Contains("người khác thay đổi", stale.Detail);
        var missing = await (await officerAnCu.SendAsync(Patch(null, new { area = "Khác" }))).ProblemAsync(428);
        Assert.Equal("if-match-required", missing.Code);
    }

    [Fact]
    public async Task Direct_leader_change_is_refused_with_a_pointer_to_the_proposal_process()
    {
        var group = await FirstGroupAsync(officerAnCu, "an-cu");
        var members = await (await officerAnCu.GetAsync($"wards/an-cu/groups/{group.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>();
        var member = members.Items[0];
        var request = new HttpRequestMessage(HttpMethod.Patch, $"wards/an-cu/groups/{group.Id}/members/{member.Id}") { Content = JsonContent.Create(new { role = "leader" }) };
        request.Headers.TryAddWithoutValidation("If-Match", member.ETag);
        var problem = await (await officerAnCu.SendAsync(request)).ProblemAsync(409);
        Assert.Contains("tờ trình kiện toàn", problem.Detail);
    }

    [Fact]
    public async Task Add_a_member_then_find_them_without_diacritics_and_see_the_audit()
    {
        var group = await FirstGroupAsync(officerAnCu, "an-cu");
        var unique = "Khổng Thị Diệu Hiền " + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var request = new HttpRequestMessage(HttpMethod.Post, $"wards/an-cu/groups/{group.Id}/members")
        {
            Content = JsonContent.Create(new { fullName = unique, gender = "female", birthYear = 1985, address = "Số 7, hẻm 12, đường Mậu Thân", phone = "0939 123 456" }),
        };
        request.Headers.Add("x-requestid", "add-" + Guid.NewGuid().ToString("N")[..8]);
        var created = await (await officerAnCu.SendAsync(request)).ReadAsync<MemberView>();
        Assert.Equal(MemberRole.Member, created.Role);

        // The same request again (a retry) is recognised, not applied twice.
        var retry = new HttpRequestMessage(HttpMethod.Post, request.RequestUri) { Content = JsonContent.Create(new { fullName = unique, gender = "female", birthYear = 1985, address = "Số 7, hẻm 12, đường Mậu Thân" }) };
        retry.Headers.Add("x-requestid", request.Headers.GetValues("x-requestid").Single());
        Assert.Equal(created.Id, (await (await officerAnCu.SendAsync(retry)).ReadAsync<MemberView>()).Id);

        var folded = Shared.VietnameseText.Fold(unique);
        var hits = await (await officerAnCu.GetAsync($"members/search?q={Uri.EscapeDataString(folded)}")).ReadAsync<PageResult<SearchHit>>();
        Assert.Equal(unique, Assert.Single(hits.Items).FullName);

        var audit = await (await officerAnCu.GetAsync($"wards/an-cu/audit?entityId={created.Id}")).ReadAsync<PageResult<AuditView>>();
        var entry = Assert.Single(audit.Items);
        Assert.Equal("Thêm thành viên", entry.ActionName);
        Assert.Equal("Phạm Thị Lan (cán bộ phường An Cư)", entry.ActorName);
    }

    [Fact]
    public async Task Template_downloads_and_a_dry_run_import_reports_rows_over_HTTP()
    {
        var template = await fx.Client(As.OfficerAnCu).GetAsync("register/import-template");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType!.MediaType);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        var header = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().First().Keys;
        Assert.Contains("Họ và tên", header);

        var csv = await (await officerAnCu.GetAsync("register/import-template?format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("Tổ,Địa bàn,Số hộ", csv.TrimStart('\uFEFF'));

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.TrimStart('\uFEFF') + "Tổ mới,,,,,,Nam,1980,,,,Tổ trưởng,\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "thu.csv");
        var report = await (await officerAnCu.PostAsync("wards/an-cu/imports?mode=dry-run", form)).ReadAsync<ImportReport>();
        Assert.Equal("dry-run", report.Mode);
        Assert.Equal("thu.csv", report.FileName);
        Assert.Contains(report.Rows, r => r.Status == ImportRowStatus.Rejected && r.Messages.Contains("Thiếu họ và tên."));

        var commit = await officerAnCu.PostAsync("wards/an-cu/imports?mode=commit&fileName=thu.csv",
            new ByteArrayContent(Encoding.UTF8.GetBytes(csv.TrimStart('\uFEFF') + "Tổ mới,,,,,,Nam,1980,,,,Tổ trưởng,\n")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, commit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.Police).PostAsync("wards/an-cu/imports", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task Ward_and_district_exports_are_spreadsheets_with_Vietnamese_names()
    {
        var ward = await officerAnCu.GetAsync("wards/an-cu/export");
        Assert.Equal(HttpStatusCode.OK, ward.StatusCode);
        var rows = MiniExcel.Query(new MemoryStream(await ward.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "Danh sách")
            .Cast<IDictionary<string, object>>().ToList();
        Assert.True(rows.Count > 100);
        Assert.Contains(rows, r => ((string)r["Tổ"]).StartsWith("Tổ "));

        Assert.Equal(HttpStatusCode.Forbidden, (await officerAnCu.GetAsync("export")).StatusCode);
        var district = await fx.Client(As.Leader).GetAsync("export");
        var summary = MiniExcel.Query(new MemoryStream(await district.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "Tổng hợp")
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(summary, r => (string)r["Phường"] == "Xuân Khánh");
    }

    [Fact]
    public async Task Administrators_manage_wards_and_staff()
    {
        var admin = fx.Client(As.Admin);
        var id = "phuong-" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsJsonAsync("wards", new { id, name = "Phường Mới", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" })).ReadAsync<WardView>();
        Assert.Equal("Phường Mới", created.Name);
        await (await admin.PostAsJsonAsync("wards", new { id, name = "Lặp", approvingUnitId = "x", approvingUnitName = "y" })).ProblemAsync(409);
        await (await officerAnCu.PostAsJsonAsync("wards", new { id = "x", name = "X", approvingUnitId = "x", approvingUnitName = "y" })).ProblemAsync(403);

        var save = await admin.PutAsJsonAsync($"staff/officer-{id}", new { displayName = "Cán bộ phường mới", roles = new[] { "ward-officer" }, wardId = id });
        Assert.True(save.IsSuccessStatusCode, await save.Content.ReadAsStringAsync());
        var me = await (await fx.Client($"officer-{id}").GetAsync("me")).ReadAsync<Identity.MeResponse>();
        Assert.Equal(id, me.WardId);

        var noWard = await (await admin.PutAsJsonAsync("staff/x1", new { displayName = "X", roles = new[] { "ward-chairman" } })).ProblemAsync(400);
        Assert.Contains("wardId", noWard.Errors!.Keys);
    }

    [Fact]
    public async Task A_ward_of_more_than_200_groups_is_searched_on_the_server_and_paged()
    {
        var csv = new StringBuilder("Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n");
        for (var g = 1; g <= 230; g++) csv.Append($"\"Tổ {g}, khu vực {1 + g / 100}\",30,Người Đứng Đầu {g},1960,Số {g},Tổ trưởng\n");
        var (ward, officer, _) = await fx.NewWardAsync("nhieu-to", "Phường Nhiều Tổ", csv.ToString());
        async Task<List<GroupView>> AllAsync(string query)
        {
            var (items, token) = (new List<GroupView>(), (string?)null);
            do
            {
                var page = await (await officer.GetAsync($"wards/{ward}/groups?{query}{(token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}")}")).ReadAsync<PageResult<GroupView>>();
                Assert.True(page.Items.Count <= 10 || !query.Contains("pageSize=10"), "a page holds at most pageSize groups");
                items.AddRange(page.Items);
                token = page.ContinuationToken;
            } while (token is not null);
            return items;
        }

        var first = await (await officer.GetAsync($"wards/{ward}/groups?status=active&pageSize=200")).ReadAsync<PageResult<GroupView>>();
        Assert.Equal(200, first.Items.Count);
        Assert.NotNull(first.ContinuationToken); // never a silent cap: the rest is a page away
        Assert.Equal(230, (await AllAsync("status=active&pageSize=200")).Select(g => g.Id).Distinct().Count());

        // Words of the name in their order, diacritics, case and punctuation ignored: one group, whichever page of the ward it is on.
        Assert.Equal("Tổ 217, khu vực 3", Assert.Single((await (await officer.GetAsync($"wards/{ward}/groups?q={Uri.EscapeDataString("tổ 217")}")).ReadAsync<PageResult<GroupView>>()).Items).Name);
        Assert.Equal("Tổ 217, khu vực 3", Assert.Single(await AllAsync("q=TO%20217%20KHU%20VUC")).Name);
        // A search with many matches is paged like the list.
        var third = await AllAsync($"q={Uri.EscapeDataString("khu vực 3")}&pageSize=10");
        Assert.Equal(31, third.Select(g => g.Id).Distinct().Count());
        Assert.All(third, g => Assert.EndsWith("khu vực 3", g.Name));
        Assert.Empty(await AllAsync("q=kh%C3%B4ng-c%C3%B3-t%E1%BB%95-n%C3%A0y"));
        Assert.Equal(["Tổ 21, khu vực 1"], (await AllAsync("q=t%E1%BB%95%2021%2C%20khu")).Select(g => g.Name)); // not Tổ 121, nor Tổ 2, khu vực 1

        // A group's members are searched the same way.
        var group = third.Single(g => g.Name.StartsWith("Tổ 217,", StringComparison.Ordinal));
        var members = await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?q=dung%20dau")).ReadAsync<PageResult<MemberView>>();
        Assert.Equal("Người Đứng Đầu 217", Assert.Single(members.Items).FullName);
        Assert.Empty((await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?q=ai%20khac")).ReadAsync<PageResult<MemberView>>()).Items);
        Assert.Contains("q", (await (await officer.GetAsync($"wards/{ward}/groups?q={new string('a', 101)}")).ProblemAsync(400)).Errors!.Keys);
    }

    [Fact]
    public async Task A_hundred_concurrent_member_additions_to_one_ward_all_land_and_its_counters_equal_the_recount()
    {
        var csv = new StringBuilder("Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n");
        for (var g = 1; g <= 10; g++) csv.Append($"\"Tổ {g}, khu vực 1\",30,Người Đứng Đầu {g},1960,Số {g},Tổ trưởng\n");
        var (ward, officer, _) = await fx.NewWardAsync("dong-thoi", "Phường Đồng Thời", csv.ToString());
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Select(g => g.Id).ToList();
        Assert.Equal(10, groups.Count);

        var responses = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => officer.PostAsJsonAsync($"wards/{ward}/groups/{groups[i % 10]}/members",
            new { fullName = $"Thành Viên Thứ {i}", birthYear = 1950 + i % 50, address = $"Số {i}, đường Mới" })));
        var failures = new List<string>();
        foreach (var r in responses) if (r.StatusCode != HttpStatusCode.Created) failures.Add($"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Empty(failures);

        var check = await (await officer.GetAsync($"wards/{ward}/counters/check")).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
        Assert.Equal(110, check.GetProperty("recount").GetProperty("activeMembers").GetInt32());
    }
}
