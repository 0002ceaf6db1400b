using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// What the HTTP functions answer for the results their services return, exactly: the status, the
/// <c>Location</c> header and the body of each step handed to a workflow (202), of a retried request (200)
/// and of the figure checks.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class AdapterAnswersTests(HostFixture fx)
{
    const string Csv = """
        Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò,Ngày tham gia
        "Tổ 4, khu vực 3",Hẻm 40,30,Trần Văn Phúc,Nam,1961,Số 1 hẻm 40,Tổ trưởng,01/01/2019
        "Tổ 4, khu vực 3",,,Lý Thị Mai,Nữ,1979,Số 2 hẻm 40,Thành viên,01/06/2020
        """;

    sealed record Answer(HttpStatusCode Status, string? Location, string Body);

    static async Task<Answer> AnswerOf(Task<HttpResponseMessage> sent)
    {
        var response = await sent;
        return new(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    static IEnumerable<string> Names(string json) => JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name);

    [Fact]
    public async Task A_sign_off_request_answers_202_with_where_to_watch_it_a_retried_one_200_and_a_decision_202()
    {
        var officer = fx.Client(As.OfficerAnCu);
        var requestId = "aa-" + Guid.NewGuid().ToString("N")[..8];
        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "wards/an-cu/sign-offs") { Content = JsonContent.Create(new { title = "Tờ trình thử câu trả lời" }) };
            request.Headers.Add("x-requestid", requestId);
            return request;
        }

        var first = await AnswerOf(officer.SendAsync(Create()));
        var created = JsonSerializer.Deserialize<SignOffView>(first.Body, Json.Options)!;
        Assert.Equal((HttpStatusCode.Accepted, $"/api/wards/an-cu/sign-offs/{created.Id}", SignOffState.Starting), (first.Status, first.Location, created.State));

        var again = await AnswerOf(officer.SendAsync(Create()));
        Assert.Equal((HttpStatusCode.OK, (string?)null), (again.Status, again.Location));
        Assert.Equal(created.Id, JsonSerializer.Deserialize<SignOffView>(again.Body, Json.Options)!.Id);

        await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>(),
            v => v.State == SignOffState.WaitingForChairman);
        var decided = await AnswerOf(fx.Client(As.ChairmanAnCu).PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = true }));
        Assert.Equal((HttpStatusCode.Accepted, $"/api/wards/an-cu/sign-offs/{created.Id}"), (decided.Status, decided.Location));
        var seen = JsonSerializer.Deserialize<SignOffView>(decided.Body, Json.Options)!;
        Assert.Equal((created.Id, SignOffState.WaitingForChairman), (seen.Id, seen.State)); // the request as it was when decided
    }

    [Fact]
    public async Task The_steps_of_a_review_answer_202_with_the_ward_s_review_as_Location_and_what_was_accepted()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("aw", "Phường Câu Trả Lời", Csv);
        var police = fx.Client(As.Police);
        var cycle = "aw-" + Guid.NewGuid().ToString("N")[..8];
        var at = $"restructure/cycles/{cycle}/wards/{ward}";
        var location = "/api/" + at;
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát thử câu trả lời", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }
        })).EnsureSuccessStatusCode();
        async Task<WardCycleView> At(string step) => await HttpAssertions.EventuallyAsync(
            async () => await (await officer.GetAsync(at)).ReadAsync<WardCycleView>(), v => v.Step == step, TimeSpan.FromSeconds(30));

        await At(RestructureStep.Assessment);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        (await officer.PutAsJsonAsync($"{at}/assessments/{group.Id}", new { rating = "fair", recommendation = "consolidate" })).EnsureSuccessStatusCode();
        Assert.Equal(new Answer(HttpStatusCode.Accepted, null, ""), await AnswerOf(officer.PostAsync($"{at}/assessments/submit", null)));

        await At(RestructureStep.Proposal);
        Assert.Equal(new Answer(HttpStatusCode.Accepted, null, ""),
            await AnswerOf(police.PutAsJsonAsync($"{at}/deadline", new { dueAt = DateTimeOffset.UtcNow.AddDays(30) })));
        var mai = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>()).Items.Single();
        var candidate = new {
            fullName = "Lý Thị Mai", memberId = mai.Id, birthYear = 1979, livesInArea = true, yearsOfResidence = 10,
            endorsedByResidents = true, endorsedByFrontCommittee = true, endorsementNote = "Họp dân thống nhất"
        };
        var draft = await (await officer.PutAsJsonAsync($"{at}/proposal", new {
            title = "Tờ trình kiện toàn Tổ 4, khu vực 3", changes = new[]
        {
            new { change = new { type = "consolidate", groupId = group.Id, leader = new { memberId = mai.Id } }, reason = "Tổ trưởng xin nghỉ", candidates = new[] { candidate } },
        }
        })).ReadAsync<DraftSaved>();
        Assert.Empty(draft.Problems);
        Assert.Equal(new Answer(HttpStatusCode.Accepted, location, """{"version":1}"""), await AnswerOf(officer.PostAsync($"{at}/proposal/submit", null)));

        await At(RestructureStep.ChairmanSignOff);
        Assert.Equal(new Answer(HttpStatusCode.Accepted, location, """{"step":"chairman-sign-off","outcome":"return"}"""),
            await AnswerOf(chairman.PostAsJsonAsync($"{at}/decisions/chairman-sign-off", new { outcome = "return", comment = "Bổ sung biên bản" })));

        await At(RestructureStep.Proposal);
        Assert.Equal(new Answer(HttpStatusCode.Accepted, location, ""), await AnswerOf(officer.PostAsync($"{at}/withdraw?comment=Chưa%20cần", null)));
    }

    [Fact]
    public async Task A_nomination_s_decision_and_withdrawal_answer_202_with_the_nomination_as_Location()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("an", "Phường Đề Cử Thử", Csv);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        var member = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>()).Items.Single();
        var cycle = "an-" + Guid.NewGuid().ToString("N")[..8];
        (await fx.Client(As.Police).PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát thử", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9) }
        })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(async () => (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{group.Id}",
            new { rating = "good", recommendation = "keep" })).StatusCode, s => s == HttpStatusCode.OK);
        var nominated = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = group.Id, memberId = member.Id,
            awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Vận động 30 hộ tham gia phòng cháy chữa cháy"
        })).ReadAsync<NominationView>();
        var at = $"commendations/nominations/{nominated.Id}";
        async Task At(string step) => await HttpAssertions.EventuallyAsync(
            async () => await (await officer.GetAsync(at)).ReadAsync<NominationView>(), v => v.Step == step, TimeSpan.FromSeconds(30));

        await At(NominationStep.ChairmanEndorsement);
        Assert.Equal(new Answer(HttpStatusCode.Accepted, "/api/" + at, """{"step":"chairman-endorsement","outcome":"endorse"}"""),
            await AnswerOf(chairman.PostAsJsonAsync($"{at}/decisions/chairman-endorsement", new { outcome = "endorse" })));

        await At(NominationStep.PoliceReview);
        Assert.Equal(new Answer(HttpStatusCode.Accepted, "/api/" + at, ""), await AnswerOf(officer.PostAsync($"{at}/withdraw?comment=Nhầm", null)));
    }

    [Fact]
    public async Task The_figure_checks_answer_the_stored_figures_the_recount_and_whether_they_agree()
    {
        var (ward, officer, _) = await fx.NewWardAsync("af", "Phường Đếm Lại", Csv);
        foreach (var check in new[] { $"wards/{ward}/counters/check", $"wards/{ward}/meeting-summary/check", $"wards/{ward}/support-summary/check" })
        {
            var answer = await AnswerOf(officer.GetAsync(check));
            Assert.Equal((HttpStatusCode.OK, (string?)null), (answer.Status, answer.Location));
            Assert.Equal(["stored", "recount", "consistent"], Names(answer.Body));
            Assert.True(JsonDocument.Parse(answer.Body).RootElement.GetProperty("consistent").GetBoolean(), check);
        }
    }

    [Fact]
    public async Task A_group_s_history_is_a_list_and_at_a_date_the_one_picture_of_that_day()
    {
        var (ward, officer, _) = await fx.NewWardAsync("ah", "Phường Lịch Sử", Csv);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        var all = await officer.GetAsync($"wards/{ward}/groups/{group.Id}/history");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var list = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.NotEqual(0, list.GetArrayLength());

        var today = DateTimeOffset.UtcNow.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd");
        var one = await officer.GetAsync($"wards/{ward}/groups/{group.Id}/history?at={today}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var picture = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(group.Id, picture.GetProperty("group").GetProperty("id").GetString());

        Assert.Equal("invalid-date", (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/history?at=hom-nay")).ProblemAsync(400)).Code);
        await (await officer.GetAsync($"wards/{ward}/groups/khong-co/history")).ProblemAsync(404);
    }
}
