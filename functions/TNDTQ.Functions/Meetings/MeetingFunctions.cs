using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Meetings;

/// <summary>
/// HTTP API of meetings (họp tổ định kỳ, họp giao ban); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class MeetingFunctions(Api api, MeetingService meetings)
{
    const string Ward = Api.Prefix + "wards/{wardId}";
    const string One = Ward + "/meetings/{meetingId}";

    [ApiOperation("Danh sách cuộc họp tổ (removed=true: các biên bản đã xóa)", Response = typeof(PageResult<MeetingListItem>),
        Query = ["year", "groupId", "scope", "removed", "continuationToken", "pageSize"])]
    [Function("ListMeetings")]
    public Task<IActionResult> List([HttpTrigger(Anonymous, "get", Route = Ward + "/meetings")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await meetings.ListAsync(c, wardId, Api.Query(req, "year", 10), Api.Query(req, "groupId", Input.MaxIdLength),
            Api.Query(req, "scope", 20), Api.Query(req, "continuationToken", 2048), Api.PageSize(req), Aborted(req), Api.Query(req, "removed", 5))));

    [ApiOperation("Ghi một cuộc họp", Body = typeof(MeetingBody), Response = typeof(MeetingView), Status = 201, RequestId = true, Errors = [409])]
    [Function("RecordMeeting")]
    public Task<IActionResult> Record([HttpTrigger(Anonymous, "post", Route = Ward + "/meetings")] HttpRequest req, string wardId) =>
        api.Run(req, async c => Api.Versioned(req, await meetings.RecordAsync(c, wardId, Api.RequestId(req, c), await Api.ReadBodyAsync<MeetingBody>(req), Aborted(req)),
            StatusCodes.Status201Created));

    [ApiOperation("Một cuộc họp", Response = typeof(MeetingView))]
    [Function("GetMeeting")]
    public Task<IActionResult> Get([HttpTrigger(Anonymous, "get", Route = One)] HttpRequest req, string wardId, string meetingId) =>
        api.Run(req, async c => Api.Versioned(req, await meetings.GetAsync(c, wardId, meetingId, Aborted(req))));

    [ApiOperation("Sửa biên bản cuộc họp (có lý do)", Body = typeof(MeetingBody), Response = typeof(MeetingView), IfMatch = true, RequestId = true, Errors = [409])]
    [Function("CorrectMeeting")]
    public Task<IActionResult> Correct([HttpTrigger(Anonymous, "put", Route = One)] HttpRequest req, string wardId, string meetingId) =>
        api.Run(req, async c => Api.Versioned(req, await meetings.CorrectAsync(c, wardId, meetingId, Api.IfMatch(req), Api.RequestId(req, c),
            await Api.ReadBodyAsync<MeetingBody>(req), Aborted(req))));

    [ApiOperation("Xóa biên bản cuộc họp (có lý do; vẫn xem được trong lịch sử)", Body = typeof(RemoveMeetingBody), Response = typeof(MeetingView), IfMatch = true,
        RequestId = true, Errors = [409])]
    [Function("RemoveMeeting")]
    public Task<IActionResult> Remove([HttpTrigger(Anonymous, "post", Route = One + "/remove")] HttpRequest req, string wardId, string meetingId) =>
        api.Run(req, async c => Api.Versioned(req, await meetings.RemoveAsync(c, wardId, meetingId, Api.IfMatch(req), Api.RequestId(req, c),
            await Api.ReadBodyAsync<RemoveMeetingBody>(req), Aborted(req))));

    [ApiOperation("Các phiên bản trước của cuộc họp, mới nhất trước", Response = typeof(IReadOnlyList<MeetingView>))]
    [Function("ListMeetingVersions")]
    public Task<IActionResult> Versions([HttpTrigger(Anonymous, "get", Route = One + "/versions")] HttpRequest req, string wardId, string meetingId) =>
        api.Run(req, async c => new OkObjectResult(await meetings.VersionsAsync(c, wardId, meetingId, Aborted(req))));

    [ApiOperation("Đính kèm biên bản họp (PDF, DOCX, JPG, PNG)", Response = typeof(MeetingView), Upload = true, RequestId = true, Errors = [409])]
    [Function("UploadMeetingMinutes")]
    public Task<IActionResult> Upload([HttpTrigger(Anonymous, "post", Route = One + "/minutes")] HttpRequest req, string wardId, string meetingId) =>
        api.Run(req, async c =>
        {
            var requestId = Api.RequestId(req, c);
            var (content, name, _) = await Api.ReadFileAsync(req, Attachments.MaxBytes);
            return Api.Versioned(req, await meetings.AddMinutesAsync(c, wardId, meetingId, requestId, name, content, Aborted(req)));
        });

    [ApiOperation("Tải biên bản họp", Query = ["blob!"], File = "application/octet-stream")]
    [Function("DownloadMeetingMinutes")]
    public Task<IActionResult> Download([HttpTrigger(Anonymous, "get", Route = One + "/minutes")] HttpRequest req, string wardId, string meetingId) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await meetings.MinutesAsync(c, wardId, meetingId, Api.Query(req, "blob", 400) ?? "", Aborted(req));
            return new FileContentResult(content, type) { FileDownloadName = name };
        });

    [ApiOperation("Đánh dấu xong một việc giao trong cuộc họp", Body = typeof(CompleteTaskBody), Response = typeof(MeetingView), RequestId = true, Errors = [409])]
    [Function("CompleteMeetingTask")]
    public Task<IActionResult> Complete([HttpTrigger(Anonymous, "post", Route = One + "/tasks/{taskId}/done")] HttpRequest req, string wardId, string meetingId, string taskId) =>
        api.Run(req, async c => Api.Versioned(req, await meetings.CompleteTaskAsync(c, wardId, meetingId, taskId, Api.RequestId(req, c),
            req.ContentLength is > 0 ? await Api.ReadBodyAsync<CompleteTaskBody>(req) : null, Aborted(req))));

    [ApiOperation("Tỷ lệ tổ đã họp theo năm của phường", Response = typeof(WardMeetingSummary), Query = ["year"])]
    [Function("GetWardMeetingSummary")]
    public Task<IActionResult> WardSummary([HttpTrigger(Anonymous, "get", Route = Ward + "/meeting-summary")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await meetings.WardSummaryAsync(c, wardId, Api.Query(req, "year", 10), Aborted(req))));

    [ApiOperation("Đối chiếu số liệu họp đã lưu với số đếm lại", Response = typeof(object))]
    [Function("CheckMeetingCounters")]
    public Task<IActionResult> Check([HttpTrigger(Anonymous, "get", Route = Ward + "/meeting-summary/check")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await meetings.CheckCountersAsync(c, wardId, Aborted(req))));

    [ApiOperation("Cuộc họp gần nhất và số cuộc họp trong năm của tổ", Response = typeof(GroupMeetingSummary))]
    [Function("GetGroupMeetingSummary")]
    public Task<IActionResult> GroupSummary([HttpTrigger(Anonymous, "get", Route = Ward + "/groups/{groupId}/meeting-summary")] HttpRequest req, string wardId, string groupId) =>
        api.Run(req, async c => new OkObjectResult(await meetings.GroupSummaryAsync(c, wardId, groupId, Aborted(req))));

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}

/// <summary>The meetings slice registers itself; it supplies the daily scan's meeting records.</summary>
public static class MeetingSetup
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<MeetingRegister>();
        services.AddSingleton<MeetingTasks>();
        services.AddSingleton<MeetingService>();
        services.AddSingleton<Inbox.IMeetingRecords, MeetingRecords>();
        return services;
    }
}
