using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The defects acceptance runs found, each as the user met it: a poison write, a stolen request id,
/// access that could not be revoked, a half-started campaign, two awards for one achievement,
/// reasons nobody could see, evidence reviewers could not open — and what the pages are told they may do.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class HardeningTests(HostFixture fx)
{
    const string Csv = """
        Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò,Ngày tham gia
        "Tổ 3, khu vực 1",Hẻm 12,30,Lâm Văn Hậu,Nam,1965,Số 1 hẻm 12,Tổ trưởng,01/01/2018
        ,,,Đỗ Thị Mai,Nữ,1980,Số 7 hẻm 12,Thành viên,01/02/2019
        ,,,Phan Văn Lộc,Nam,1972,Số 9 hẻm 12,Thành viên,01/03/2019
        """;

    [Fact]
    public async Task A_write_storage_would_refuse_is_a_400_and_the_ward_keeps_working_even_with_a_poisoned_journal()
    {
        var (ward, officer, _) = await fx.NewWardAsync("pw", "Phường Ghi Lỗi", Csv);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        Assert.Equal(3, group.ActiveMembers); // the blank group cells belong to the group above

        foreach (var size in new[] { 201, 60_000, 1024 * 1024 })
        {
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"wards/{ward}/groups/{group.Id}") { Content = JsonContent.Create(new { establishedByDecision = new string('Q', size) }) };
            patch.Headers.TryAddWithoutValidation("If-Match", group.ETag);
            var response = await officer.SendAsync(patch);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{size}: {(int)response.StatusCode}");
        }

        // A journal storage refuses (as an older version could leave behind) is set aside, not replayed for ever.
        var connection = await TestAzurite.ConnectionStringAsync();
        var table = new TableServiceClient(connection).GetTableClient(RegisterTable.Name);
        var poison = JsonSerializer.Serialize(new[] { new { Kind = (int)WriteKind.Upsert, RowKey = "g|poison", Props = new Dictionary<string, object> { ["Data"] = new { T = "s", V = new string('x', 40_000) } }, ETag = (string?)null, Role = (int)WriteRole.Derived, Partition = (string?)null } });
        var journals = new Azure.Storage.Blobs.BlobServiceClient(connection).GetBlobContainerClient("register-journal");
        await journals.CreateIfNotExistsAsync();
        await journals.GetBlobClient($"{ward}/poison.json").UploadAsync(BinaryData.FromString(poison), overwrite: true);
        await table.AddEntityAsync(new TableEntity(RegisterTable.Partition(ward), RegisterTable.JournalKey("poison")) { ["Blob"] = $"{ward}/poison.json" });
        var added = await officer.PostAsJsonAsync($"wards/{ward}/groups/{group.Id}/members", new { fullName = "Trịnh Văn Tới", birthYear = 1990, address = "Số 3 hẻm 12" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(RegisterTable.Partition(ward), RegisterTable.FailedJournalKey("poison"))).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(RegisterTable.Partition(ward), RegisterTable.JournalKey("poison"))).HasValue);
        var current = await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}")).ReadAsync<GroupView>();
        var ok = new HttpRequestMessage(HttpMethod.Patch, $"wards/{ward}/groups/{group.Id}") { Content = JsonContent.Create(new { households = 31 }) };
        ok.Headers.TryAddWithoutValidation("If-Match", current.ETag);
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(ok)).StatusCode);
    }

    [Fact]
    public async Task Garbage_continuation_tokens_and_bad_read_marks_are_400()
    {
        var officer = fx.Client(As.OfficerAnCu);
        var group = (await (await officer.GetAsync("wards/an-cu/groups?pageSize=2")).ReadAsync<PageResult<GroupView>>());
        Assert.NotNull(group.ContinuationToken);
        var second = await (await officer.GetAsync($"wards/an-cu/groups?pageSize=2&continuationToken={group.ContinuationToken}")).ReadAsync<PageResult<GroupView>>();
        Assert.All(group.Items.Concat(second.Items), g => { Assert.NotNull(g.Leader); Assert.True(g.ActiveMembers > 0); }); // each page reads its own summaries
        foreach (var token in new[] { "abc", "AAAA", "x.y", group.ContinuationToken![..^2], Convert.ToBase64String(Encoding.UTF8.GetBytes("1!4!eA-- 1!4!eA--")) })
        {
            foreach (var url in new[] { "wards/an-cu/groups", $"wards/an-cu/groups/{group.Items[0].Id}/members", "wards/an-cu/audit", "members/search?q=nguyen" })
            {
                var sep = url.Contains('?') ? '&' : '?';
                var problem = await (await officer.GetAsync($"{url}{sep}continuationToken={Uri.EscapeDataString(token)}")).ProblemAsync(400);
                Assert.Equal("invalid-continuation-token", problem.Code);
            }
        }
        // A token of one list is not a token of another.
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"wards/an-cu/audit?continuationToken={group.ContinuationToken}")).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("inbox/read", new StringContent("{\"ids\":[null]}", Encoding.UTF8, "application/json"))).StatusCode);
        var many = await officer.PostAsJsonAsync("inbox/read", new { ids = Enumerable.Range(0, 201).Select(i => $"n{i}").ToArray() });
        Assert.Contains("ids", (await many.ProblemAsync(400)).Errors!.Keys);
        var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nbroken"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        Assert.Equal("broken-upload", (await (await officer.PostAsync("wards/an-cu/imports?mode=dry-run", broken)).ProblemAsync(400)).Code);
    }

    [Fact]
    public async Task A_request_id_never_reaches_another_persons_work()
    {
        var anCu = fx.Client(As.OfficerAnCu);
        var caiKhe = fx.Client(As.OfficerCaiKhe);
        async Task<NominationView> Nominate(HttpClient who, string ward)
        {
            var group = (await (await who.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[0];
            var request = new HttpRequestMessage(HttpMethod.Post, "commendations/nominations")
            {
                Content = JsonContent.Create(new { wardId = ward, groupId = group.Id, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2031", achievements = "Giữ gìn trật tự" }),
            };
            request.Headers.Add("x-requestid", "de-nghi-chung");
            return await (await who.SendAsync(request)).ReadAsync<NominationView>();
        }
        var mine = await Nominate(anCu, "an-cu");
        var theirs = await Nominate(caiKhe, "cai-khe");
        Assert.NotEqual(mine.Id, theirs.Id);
        Assert.Equal("an-cu", (await (await anCu.GetAsync($"commendations/nominations/{mine.Id}")).ReadAsync<NominationView>()).WardId);
        Assert.Equal("cai-khe", (await (await caiKhe.GetAsync($"commendations/nominations/{theirs.Id}")).ReadAsync<NominationView>()).WardId);
        // The same person retrying is recognised.
        Assert.Equal(mine.Id, (await Nominate(anCu, "an-cu")).Id);
    }

    [Fact]
    public async Task An_administrator_revokes_access_and_cannot_lock_themselves_out()
    {
        var admin = fx.Client(As.Admin);
        var id = "nghi-viec-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PutAsJsonAsync($"staff/{id}", new { displayName = "Cán bộ sắp nghỉ", roles = new[] { "ward-officer" }, wardId = "an-cu", email = "nghi@ninhkieu.gov.vn" })).EnsureSuccessStatusCode();
        var person = fx.Client(id);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("me")).StatusCode);
        (await admin.PutAsJsonAsync($"staff/{id}", new { displayName = "Cán bộ sắp nghỉ", roles = Array.Empty<string>() })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("me")).StatusCode);
        (await admin.PutAsJsonAsync($"staff/{id}", new { displayName = "Cán bộ sắp nghỉ", roles = new[] { "ward-officer" }, wardId = "an-cu" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"staff/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("wards/an-cu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"staff/{id}")).StatusCode);
        Assert.Equal("revoke-self", (await (await admin.DeleteAsync($"staff/{As.Admin}")).ProblemAsync(409)).Code);
        Assert.Contains("email", (await (await admin.PutAsJsonAsync($"staff/{id}", new { displayName = "X", roles = new[] { "district-police" }, email = "không phải thư" })).ProblemAsync(400)).Errors!.Keys);
        Assert.Contains("wardId", (await (await admin.PutAsJsonAsync($"staff/{id}", new { displayName = "X", roles = new[] { "ward-officer" }, wardId = "../../x" })).ProblemAsync(400)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("staff/a%5Cb", new { displayName = "X", roles = new[] { "district-police" } })).StatusCode);
    }

    [Fact]
    public async Task Deadlines_a_workflow_could_not_keep_are_refused()
    {
        var police = fx.Client(As.Police);
        foreach (var deadlines in new object[]
        {
            new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9), chairmanDays = int.MaxValue },
            new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9), policeDays = 0 },
            new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddYears(50) },
        })
        {
            var problem = await (await police.PostAsJsonAsync("restructure/cycles", new { name = "Rà soát sai hạn", wardIds = new[] { "an-cu" }, deadlines })).ProblemAsync(400);
            Assert.Contains("deadlines", problem.Errors!.Keys);
        }
        var farMove = await police.PutAsJsonAsync("restructure/cycles/khong-co/wards/an-cu/deadline", new { dueAt = DateTimeOffset.UtcNow.AddYears(5) });
        Assert.Contains("dueAt", (await farMove.ProblemAsync(400)).Errors!.Keys);
    }

    [Fact]
    public async Task A_campaign_with_one_bad_item_starts_nothing_and_names_the_item()
    {
        var officer = fx.Client(As.OfficerAnCu);
        var groups = (await (await officer.GetAsync("wards/an-cu/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var campaign = "dot-loi-" + Guid.NewGuid().ToString("N")[..6];
        var response = await officer.PostAsJsonAsync($"commendations/campaigns/{campaign}/nominations", new {
            awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2032",
            nominations = new object[]
            {
                new { wardId = "an-cu", groupId = groups[0].Id, achievements = "Tốt" },
                new { wardId = "an-cu", groupId = "khong-co-to-nay", achievements = "Tốt" },
                new { wardId = "an-cu", groupId = groups[1].Id, achievements = "Tốt" },
            },
        });
        var problem = await response.ProblemAsync(400);
        Assert.Contains("nominations[1].groupId", problem.Errors!.Keys);
        Assert.Empty((await (await officer.GetAsync($"commendations/nominations?campaign={campaign}")).ReadAsync<PageResult<NominationView>>()).Items);
    }

    [Fact]
    public async Task An_ineligible_nomination_says_why_where_the_police_look_and_reviewers_open_its_evidence()
    {
        var (ward, officer, _) = await fx.NewWardAsync("kd", "Phường Kiểm Điều Kiện", Csv);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = group.Id, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Giữ gìn vệ sinh",
        })).ReadAsync<NominationView>();
        var police = fx.Client(As.Police);
        var view = await HttpAssertions.EventuallyAsync(async () => await (await police.GetAsync($"commendations/nominations/{nomination.Id}")).ReadAsync<NominationView>(),
            v => v.Step == NominationStep.EligibilityOverride);
        Assert.Contains(view.EligibilityProblems, p => p.Contains("chưa có kết quả đánh giá"));
        Assert.Contains(view.Actions, a => a.Kind == "decide" && a.Outcome == NominationOutcomes.Override && a.CommentRequired);
        var tasks = await (await police.GetAsync("tasks?workflow=commendation")).ReadAsync<List<Tndtq.Inbox.TaskItem>>();
        Assert.Contains(tasks, t => t.InstanceId == NominationWorkflow.InstanceId(nomination.Id) && t.Subject.Contains("chưa có kết quả đánh giá"));

        var pdf = TestFiles.Pdf("biên bản họp tổ");
        var withEvidence = await (await officer.PostAsync($"commendations/nominations/{nomination.Id}/evidence?fileName=bien-ban.pdf", new ByteArrayContent(pdf))).ReadAsync<NominationView>();
        var evidence = Assert.Single(withEvidence.Evidence);
        var download = await police.GetAsync($"commendations/nominations/{nomination.Id}/evidence?blob={Uri.EscapeDataString(evidence.BlobName)}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("bien-ban.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client(As.OfficerCaiKhe).GetAsync($"commendations/nominations/{nomination.Id}/evidence?blob={Uri.EscapeDataString(evidence.BlobName)}")).StatusCode);
    }

    [Fact]
    public async Task One_award_per_nominee_form_and_period_whatever_the_concurrency()
    {
        var store = new CommendationStore(new TableServiceClient(await TestAzurite.ConnectionStringAsync()), new Azure.Storage.Blobs.BlobServiceClient(await TestAzurite.ConnectionStringAsync()));
        var form = DemoCommendations.Catalogue[0];
        var nominee = new Nominee(NomineeType.Individual, "g1", "m-" + Guid.NewGuid().ToString("N")[..8]);
        NominationInput Input(string id) => new(id, "an-cu", "An Cư", nominee, "Nguyễn Văn A", "Tổ 1", form, "2026", "Tốt", null, Tndtq.Shared.Role.WardOfficer,
            "o", "O", DateTimeOffset.UtcNow, new NominationDeadlines(), []);
        var holders = await Task.WhenAll(Enumerable.Range(0, 12).Select(n => store.ClaimAwardAsync(Input($"n{n}"))));
        var winner = Assert.Single(holders.Distinct());
        Assert.Equal(winner, await store.AwardHolderAsync("an-cu", nominee, form.Id, "2026"));
        Assert.True(await store.HasAwardAsync("an-cu", nominee, form.Id, "2026"));
        Assert.Null(await store.AwardHolderAsync("an-cu", nominee, form.Id, "2027"));
    }

    [Fact]
    public async Task The_pages_are_told_what_each_person_may_do_now()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("hd", "Phường Hành Động", Csv);
        var police = fx.Client(As.Police);

        var signOff = await officer.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title = "Tờ trình xin ý kiến", dueInMinutes = 600 });
        var location = signOff.Headers.Location!.ToString().Replace("/api/", "");
        var forChairman = await HttpAssertions.EventuallyAsync(async () => await (await chairman.GetAsync(location)).ReadAsync<SignOffView>(),
            v => v.State == SignOffState.WaitingForChairman);
        Assert.Equal([SignOffOutcomes.Approve, SignOffOutcomes.Return], forChairman.Actions!.Select(a => a.Outcome));
        Assert.True(forChairman.Actions!.Single(a => a.Outcome == SignOffOutcomes.Return).CommentRequired);
        Assert.Empty((await (await officer.GetAsync(location)).ReadAsync<SignOffView>()).Actions!);
        var decide = forChairman.Actions![0];
        Assert.Equal(HttpStatusCode.Accepted, (await chairman.PostAsJsonAsync(decide.Href.Replace("/api/", ""), new { outcome = decide.Outcome })).StatusCode);

        var cycle = "hd-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát hành động", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9) }
        })).EnsureSuccessStatusCode();
        var asOfficer = await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"restructure/cycles/{cycle}/wards/{ward}")).ReadAsync<WardCycleView>(),
            v => v.Step == RestructureStep.Assessment);
        Assert.Equal(["assess", "submit-assessments", "withdraw"], asOfficer.Actions.Select(a => a.Kind));
        var asPolice = await (await police.GetAsync($"restructure/cycles/{cycle}/wards/{ward}")).ReadAsync<WardCycleView>();
        Assert.Equal(["move-deadline", "cancel"], asPolice.Actions.Select(a => a.Kind));
        Assert.DoesNotContain(asPolice.Actions, a => a.Kind == "decide");
        Assert.Equal(["withdraw"], (await (await chairman.GetAsync($"restructure/cycles/{cycle}/wards/{ward}")).ReadAsync<WardCycleView>()).Actions.Select(a => a.Kind));
        // Opening a cycle is offered to the roles that may do it, and to no one else.
        Assert.Equal(["open-cycle"], (await (await police.GetAsync("restructure/actions")).ReadAsync<List<WorkflowAction>>()).Select(a => a.Kind));
        Assert.Empty(await (await officer.GetAsync("restructure/actions")).ReadAsync<List<WorkflowAction>>());
        Assert.Empty(await (await chairman.GetAsync("restructure/actions")).ReadAsync<List<WorkflowAction>>());
        // The cycle's wards say who is expected, in words, and whether the step is overdue.
        var summary = (await (await police.GetAsync($"restructure/cycles/{cycle}/wards")).ReadAsync<List<WardCycleSummary>>()).Single(w => w.WardId == ward);
        Assert.Equal(Texts.RoleName(Role.WardOfficer), summary.WaitingForName);
        Assert.False(summary.Overdue);

        // A ward sees its own ward among a cycle's wards, never the others.
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát hành động", wardIds = new[] { "cai-khe" },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9) }
        })).EnsureSuccessStatusCode();
        var seen = (await (await officer.GetAsync("restructure/cycles")).ReadAsync<List<ReviewCycle>>()).Single(c => c.Id == cycle);
        Assert.Equal([ward], seen.WardIds);
        Assert.Contains("cai-khe", (await (await police.GetAsync("restructure/cycles")).ReadAsync<List<ReviewCycle>>()).Single(c => c.Id == cycle).WardIds);
        Assert.All(RestructureService.Decisions.Values.SelectMany(r => r.Outcomes).Where(o => o.Outcome is Outcomes.Return or Outcomes.Reject), o => Assert.True(o.CommentRequired));
    }
    [Fact]
    public async Task The_lists_say_who_may_start_a_sign_off_and_a_nomination()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("bd", "Phường Bắt Đầu", Csv);
        var police = fx.Client(As.Police);

        // Sign-offs: the ward officer of the ward sends them; the chairman and the police read the list and start nothing.
        var create = (await (await officer.GetAsync($"wards/{ward}/sign-offs")).ReadAsync<SignOffList>()).Create;
        Assert.Equal(("create", "POST", $"/api/wards/{ward}/sign-offs"), (create?.Kind, create?.Method, create?.Href));
        Assert.Equal(SignOffTexts.ActionCreateSignOff, create!.Name);
        Assert.Null((await (await chairman.GetAsync($"wards/{ward}/sign-offs")).ReadAsync<SignOffList>()).Create);
        Assert.Null((await (await police.GetAsync($"wards/{ward}/sign-offs")).ReadAsync<SignOffList>()).Create);
        // What the list offers is what the API accepts.
        var sent = await officer.PostAsJsonAsync(create.Href.Replace("/api/", ""), new { title = "Tờ trình từ danh sách" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await (await chairman.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title = "Không phải việc của chủ tịch" })).ProblemAsync(403);

        // Nominations: the ward officer (in their ward) and the police (any ward) nominate, one by one or by campaign; others do not.
        async Task<List<string>> Kinds(HttpClient who, string query = "") =>
            (await (await who.GetAsync($"commendations/nominations?pageSize=1{query}")).ReadAsync<NominationList>()).Actions.Select(a => a.Kind).ToList();
        Assert.Equal(["nominate", "campaign"], await Kinds(officer));
        Assert.Equal(["nominate", "campaign"], await Kinds(officer, $"&wardId={ward}"));
        Assert.Empty(await Kinds(officer, "&wardId=cai-khe"));
        Assert.Equal(["nominate", "campaign"], await Kinds(police));
        Assert.Equal(["nominate", "campaign"], await Kinds(police, "&wardId=cai-khe"));
        Assert.Empty(await Kinds(chairman));
        Assert.Empty(await Kinds(fx.Client(As.Leader)));
        Assert.Empty(await Kinds(fx.Client(As.Admin)));
    }
}
