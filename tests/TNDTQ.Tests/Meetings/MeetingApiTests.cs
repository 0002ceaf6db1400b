using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Tndtq.Inbox;
using Tndtq.Meetings;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Meetings;

/// <summary>Meetings over HTTP on the demo data, as the web app reaches them.</summary>
[Collection(SharedHost.Name)]
public sealed class MeetingApiTests(HostFixture fx)
{
    readonly HttpClient officer = fx.Client(As.OfficerAnCu);

    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    async Task<(GroupView Group, List<MemberView> Members)> GroupAsync(int index = 0)
    {
        var group = (await (await officer.GetAsync("wards/an-cu/groups")).ReadAsync<PageResult<GroupView>>()).Items[index];
        var members = (await (await officer.GetAsync($"wards/an-cu/groups/{group.Id}/members?status=active")).ReadAsync<PageResult<MemberView>>()).Items.ToList();
        return (group, members);
    }

    static object Body(GroupView g, IEnumerable<MemberView> members, DateOnly date, object[]? tasks = null, string? reason = null) => new {
        scope = "group", groupId = g.Id, date, kind = "regular", chair = g.Leader!.FullName,
        attendance = members.Select((m, i) => new { memberId = m.Id, status = i == 1 ? "excused" : "present" }).ToArray(),
        guests = new[] { "Bí thư chi bộ khu vực" }, content = "Phổ biến quy định phòng cháy, chữa cháy; phân công trực tết.", tasks = tasks ?? [], reason,
    };

    static HttpRequestMessage Send(HttpMethod method, string url, object? body, string? requestId = null, string? ifMatch = null)
    {
        var r = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (requestId is not null) r.Headers.Add("x-requestid", requestId);
        if (ifMatch is not null) r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return r;
    }

    [Fact]
    public async Task Record_once_under_a_retried_request_id_correct_with_If_Match_attach_minutes_and_finish_a_task()
    {
        var (group, members) = await GroupAsync(1);
        var requestId = "hop-" + Guid.NewGuid().ToString("N")[..12];
        var body = Body(group, members, Today.AddDays(-1), [new { what = "Nhắc các hộ dọn vệ sinh hẻm", who = group.Leader!.FullName, dueOn = Today.AddDays(14) }]);
        var first = await officer.SendAsync(Send(HttpMethod.Post, "wards/an-cu/meetings", body, requestId));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var meeting = await first.ReadAsync<MeetingView>();
        var retried = await (await officer.SendAsync(Send(HttpMethod.Post, "wards/an-cu/meetings", body, requestId))).ReadAsync<MeetingView>();
        Assert.Equal(meeting.Id, retried.Id);
        var list = await (await officer.GetAsync($"wards/an-cu/meetings?groupId={group.Id}")).ReadAsync<PageResult<MeetingListItem>>();
        Assert.Single(list.Items, m => m.Id == meeting.Id);
        Assert.Equal(members.Count - 1, meeting.Present);
        Assert.Equal("Họp tổ", meeting.ScopeName);
        Assert.Equal("Định kỳ", meeting.KindName);

        // The task is in the officer's tasks, with a link to the meeting.
        var tasks = await (await officer.GetAsync("tasks?workflow=meeting")).ReadAsync<List<TaskItem>>();
        Assert.Contains(tasks, t => t.Link == $"/api/wards/an-cu/meetings/{meeting.Id}" && t.Subject.Contains("Nhắc các hộ dọn vệ sinh hẻm"));

        // Correct: If-Match required (428), a stale one refused (412), the current one accepted.
        var url = $"wards/an-cu/meetings/{meeting.Id}";
        var get = await officer.GetAsync(url);
        var etag = get.Headers.ETag!.ToString();
        await (await officer.SendAsync(Send(HttpMethod.Put, url, Body(group, members, Today, reason: "Sửa ngày")))).ProblemAsync(428);
        var corrected = await (await officer.SendAsync(Send(HttpMethod.Put, url,
            Body(group, members, Today, [new { id = "t1", what = "Nhắc các hộ dọn vệ sinh hẻm", who = group.Leader!.FullName, dueOn = Today.AddDays(14) }], "Sửa ngày họp"),
            ifMatch: etag))).ReadAsync<MeetingView>();
        Assert.Equal(2, corrected.Version);
        var stale = await (await officer.SendAsync(Send(HttpMethod.Put, url, Body(group, members, Today, reason: "Lần nữa"), ifMatch: etag))).ProblemAsync(412);
        Assert.Equal(Texts.StaleETag, stale.Detail);
        var versions = await (await officer.GetAsync(url + "/versions")).ReadAsync<List<MeetingView>>();
        Assert.Equal(Today.AddDays(-1), Assert.Single(versions).Date);

        // Minutes: a PDF is kept and served back; a file that is not a document is refused.
        var pdf = TestFiles.Pdf("bien-ban-hop-to");
        var upload = new ByteArrayContent(pdf);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var withMinutes = await (await officer.PostAsync(url + "/minutes?fileName=" + Uri.EscapeDataString("Biên bản họp tổ.pdf"), upload)).ReadAsync<MeetingView>();
        var file = Assert.Single(withMinutes.Minutes);
        Assert.Equal("Biên bản họp tổ.pdf", file.Name);
        Assert.Equal(pdf, await (await officer.GetAsync(url + "/minutes?blob=" + Uri.EscapeDataString(file.BlobName))).Content.ReadAsByteArrayAsync());
        var notDocument = await (await officer.PostAsync(url + "/minutes?fileName=x.exe", new ByteArrayContent(new byte[500]))).ProblemAsync(400);
        Assert.Equal(Texts.DocumentTypeNotAllowed, notDocument.Detail);

        // Done: the task leaves the officer's list.
        var done = await (await officer.PostAsJsonAsync(url + "/tasks/t1/done", new { note = "Đã nhắc 20 hộ" })).ReadAsync<MeetingView>();
        Assert.True(done.Tasks[0].Done);
        Assert.DoesNotContain(await (await officer.GetAsync("tasks?workflow=meeting")).ReadAsync<List<TaskItem>>(), t => t.Link.EndsWith(meeting.Id));

        // The group shows its last meeting and its count this year; the counters equal a recount.
        var summary = await (await officer.GetAsync($"wards/an-cu/groups/{group.Id}/meeting-summary")).ReadAsync<GroupMeetingSummary>();
        Assert.Equal(Today, summary.LastMeeting);
        Assert.True(summary.MeetingsThisYear >= 1);
        var check = await (await officer.GetAsync("wards/an-cu/meeting-summary/check")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
        var ward = await (await fx.Client(As.Police).GetAsync("wards/an-cu/meeting-summary")).ReadAsync<WardMeetingSummary>();
        Assert.Contains(ward.Groups, g => g.GroupId == group.Id && g.MetWithinPeriod);
        Assert.Null(ward.Record);                                   // the police read; only the ward's officer records
    }

    [Fact]
    public async Task Removed_minutes_leave_the_lists_the_figures_and_the_tasks_and_stay_readable_with_who_when_and_why()
    {
        const string csv = """
            Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò
            "Tổ 1, khu vực 1",Hẻm 10,40,Châu Văn Họp,Nam,1960,Số 1 hẻm 10,Tổ trưởng
            "Tổ 1, khu vực 1",,,Lê Thị Dự,Nữ,1975,Số 2 hẻm 10,Thành viên
            """;
        var (wardId, wardOfficer, _) = await fx.NewWardAsync("hx", "Phường Xóa Biên Bản", csv);
        var group = Assert.Single((await (await wardOfficer.GetAsync($"wards/{wardId}/groups")).ReadAsync<PageResult<GroupView>>()).Items);
        var members = (await (await wardOfficer.GetAsync($"wards/{wardId}/groups/{group.Id}/members?status=active")).ReadAsync<PageResult<MemberView>>()).Items;
        var body = Body(group, members, Today.AddDays(-2), [new { what = "Rà soát hộ mới đến", who = group.Leader!.FullName, dueOn = Today.AddDays(10) }]);
        var kept = await (await wardOfficer.PostAsJsonAsync($"wards/{wardId}/meetings", Body(group, members, Today.AddDays(-5)))).ReadAsync<MeetingView>();
        var twice = await (await wardOfficer.PostAsJsonAsync($"wards/{wardId}/meetings", body)).ReadAsync<MeetingView>();
        Assert.Contains(twice.Actions, a => a.Name == "remove");
        var url = $"wards/{wardId}/meetings/{twice.Id}";
        Assert.Equal(2, (await (await wardOfficer.GetAsync($"wards/{wardId}/groups/{group.Id}/meeting-summary")).ReadAsync<GroupMeetingSummary>()).MeetingsThisYear);
        Assert.Contains(await (await wardOfficer.GetAsync("tasks?workflow=meeting")).ReadAsync<List<TaskItem>>(), t => t.Link == $"/api/{url}");

        // A reason and the meeting's ETag are required; the police may not remove the ward's minutes.
        await (await wardOfficer.SendAsync(Send(HttpMethod.Post, url + "/remove", new { reason = "Ghi trùng" }))).ProblemAsync(428);
        var noReason = await (await wardOfficer.SendAsync(Send(HttpMethod.Post, url + "/remove", new { reason = " " }, ifMatch: twice.ETag))).ProblemAsync(400);
        Assert.Equal(MeetingTexts.MeetingRemovalReasonRequired, noReason.Errors!["reason"].Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.Police).SendAsync(Send(HttpMethod.Post, url + "/remove", new { reason = "x" }, ifMatch: twice.ETag))).StatusCode);

        var removed = await (await wardOfficer.SendAsync(Send(HttpMethod.Post, url + "/remove", new { reason = "Ghi trùng với cuộc họp ngày trước" }, "xoa-" + twice.Id,
            twice.ETag))).ReadAsync<MeetingView>();
        Assert.Equal("Ghi trùng với cuộc họp ngày trước", removed.Removed!.Reason);
        Assert.Equal("Cán bộ Phường Xóa Biên Bản", removed.Removed.ByName);
        Assert.Empty(removed.Actions);                                                  // nothing more to do on removed minutes
        // A retry of the same request changes nothing; correcting removed minutes is refused in Vietnamese.
        Assert.Equal(removed.Version, (await (await wardOfficer.SendAsync(Send(HttpMethod.Post, url + "/remove", new { reason = "Ghi trùng với cuộc họp ngày trước" },
            "xoa-" + twice.Id, twice.ETag))).ReadAsync<MeetingView>()).Version);
        var refused = await (await wardOfficer.SendAsync(Send(HttpMethod.Put, url, Body(group, members, Today, reason: "Sửa"), ifMatch: removed.ETag))).ProblemAsync(409);
        Assert.Equal(MeetingTexts.MeetingRemoved, refused.Detail);

        // Out of the lists (into the year's removed minutes), the figures and the tasks; still readable with its history.
        var list = await (await wardOfficer.GetAsync($"wards/{wardId}/meetings")).ReadAsync<PageResult<MeetingListItem>>();
        Assert.Equal([kept.Id], list.Items.Select(m => m.Id));
        Assert.DoesNotContain((await (await wardOfficer.GetAsync($"wards/{wardId}/meetings?groupId={group.Id}")).ReadAsync<PageResult<MeetingListItem>>()).Items, m => m.Id == twice.Id);
        Assert.Equal([twice.Id], (await (await wardOfficer.GetAsync($"wards/{wardId}/meetings?removed=true")).ReadAsync<PageResult<MeetingListItem>>()).Items.Select(m => m.Id));
        var summary = await (await wardOfficer.GetAsync($"wards/{wardId}/groups/{group.Id}/meeting-summary")).ReadAsync<GroupMeetingSummary>();
        Assert.Equal((1, Today.AddDays(-5)), (summary.MeetingsThisYear, summary.LastMeeting));
        var ward = await (await wardOfficer.GetAsync($"wards/{wardId}/meeting-summary")).ReadAsync<WardMeetingSummary>();
        Assert.Equal(1, ward.YearCounts.GroupMeetings);
        var check = await (await wardOfficer.GetAsync($"wards/{wardId}/meeting-summary/check")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
        Assert.DoesNotContain(await (await wardOfficer.GetAsync("tasks?workflow=meeting")).ReadAsync<List<TaskItem>>(), t => t.Link.EndsWith(twice.Id));
        var read = await (await fx.Client(As.Police).GetAsync(url)).ReadAsync<MeetingView>();
        Assert.Equal(("Ghi trùng với cuộc họp ngày trước", twice.Content), (read.Removed!.Reason, read.Content));
        var history = await (await wardOfficer.GetAsync(url + "/versions")).ReadAsync<List<MeetingView>>();
        Assert.Null(Assert.Single(history).Removed);                                    // the version before the removal
    }

    [Fact]
    public async Task Another_wards_officer_and_district_roles_are_scoped_and_errors_name_fields_in_Vietnamese()
    {
        var (group, members) = await GroupAsync();
        var meeting = await (await officer.PostAsJsonAsync("wards/an-cu/meetings", Body(group, members, Today))).ReadAsync<MeetingView>();
        var caiKhe = fx.Client(As.OfficerCaiKhe);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.GetAsync("wards/an-cu/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.GetAsync($"wards/an-cu/meetings/{meeting.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.PostAsJsonAsync("wards/an-cu/meetings", Body(group, members, Today))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caiKhe.GetAsync($"wards/an-cu/groups/{group.Id}/meeting-summary")).StatusCode);
        var police = fx.Client(As.Police);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"wards/an-cu/meetings/{meeting.Id}")).StatusCode);
        var refused = await (await police.PostAsJsonAsync("wards/an-cu/meetings", Body(group, members, Today))).ProblemAsync(403);
        Assert.Contains("Cán bộ UBND phường", refused.Detail);

        var bad = await (await officer.PostAsJsonAsync("wards/an-cu/meetings", new {
            groupId = group.Id, date = Today.AddDays(3), kind = "regular", chair = "Tổ trưởng", content = "Nội dung",
            attendance = new[] { new { memberId = "khong-co", status = "present" } },
        })).ProblemAsync(400);
        Assert.Equal(MeetingTexts.MeetingDateInFuture, bad.Errors!["date"][0]);
        Assert.Equal(MeetingTexts.MeetingAttendeeNotMember, bad.Errors["attendance[0].memberId"][0]);
        var tooLong = await (await officer.PostAsJsonAsync("wards/an-cu/meetings", new { groupId = group.Id, content = new string('x', 4001) })).ProblemAsync(400);
        Assert.True(tooLong.Errors!.ContainsKey("content"));
        var tooMany = await (await officer.PostAsJsonAsync("wards/an-cu/meetings", new { groupId = group.Id, tasks = Enumerable.Range(0, 31).Select(_ => new { what = "x" }) })).ProblemAsync(400);
        Assert.True(tooMany.Errors!.ContainsKey("tasks"));
        await (await officer.GetAsync("wards/an-cu/meetings?year=19")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/an-cu/meetings/khong-co-cuoc-hop")).ProblemAsync(404);
    }
}
