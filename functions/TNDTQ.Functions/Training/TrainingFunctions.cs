using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Training;

/// <summary>
/// HTTP API of training by the district police (hội nghị tập huấn); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class TrainingFunctions(Api api, TrainingService training)
{
    const string Sessions = Api.Prefix + "training/sessions";
    const string One = Sessions + "/{sessionId}";

    [ApiOperation("Các buổi tập huấn", Response = typeof(TrainingSessionList), Query = ["year", "continuationToken", "pageSize"])]
    [Function("ListTrainingSessions")]
    public Task<IActionResult> List([HttpTrigger(Anonymous, "get", Route = Sessions)] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await training.ListAsync(c, Api.Query(req, "year", 10), Api.Query(req, "continuationToken", 2048), Api.PageSize(req), Aborted(req))));

    [ApiOperation("Lập kế hoạch một buổi tập huấn", Body = typeof(TrainingSessionBody), Response = typeof(TrainingSessionView), Status = 201, RequestId = true, Errors = [409])]
    [Function("PlanTrainingSession")]
    public Task<IActionResult> Plan([HttpTrigger(Anonymous, "post", Route = Sessions)] HttpRequest req) =>
        api.Run(req, async c => Api.Versioned(req, await training.PlanAsync(c, Api.RequestId(req, c), await Api.ReadBodyAsync<TrainingSessionBody>(req), Aborted(req)),
            StatusCodes.Status201Created));

    [ApiOperation("Một buổi tập huấn", Response = typeof(TrainingSessionView))]
    [Function("GetTrainingSession")]
    public Task<IActionResult> Get([HttpTrigger(Anonymous, "get", Route = One)] HttpRequest req, [DurableClient] DurableTaskClient durable, string sessionId) =>
        api.Run(req, async c => Api.Versioned(req, await training.GetAsync(durable, c, sessionId, Aborted(req))));

    [ApiOperation("Sửa buổi tập huấn (khi còn là kế hoạch)", Body = typeof(TrainingSessionBody), Response = typeof(TrainingSessionView), IfMatch = true, Errors = [409])]
    [Function("EditTrainingSession")]
    public Task<IActionResult> Edit([HttpTrigger(Anonymous, "put", Route = One)] HttpRequest req, string sessionId) =>
        api.Run(req, async c => Api.Versioned(req, await training.EditAsync(c, sessionId, Api.IfMatch(req), await Api.ReadBodyAsync<TrainingSessionBody>(req), Aborted(req))));

    [ApiOperation("Gửi giấy mời: một quy trình cho mỗi phường", Response = typeof(TrainingSessionView), IfMatch = true, Errors = [409])]
    [Function("PublishTrainingSession")]
    public Task<IActionResult> Publish([HttpTrigger(Anonymous, "post", Route = One + "/publish")] HttpRequest req, [DurableClient] DurableTaskClient durable, string sessionId) =>
        api.Run(req, async c => Api.Versioned(req, await training.PublishAsync(durable, c, sessionId, Api.IfMatch(req), Aborted(req))));

    [ApiOperation("Hủy buổi tập huấn (có lý do)", Body = typeof(CancelSessionBody), Response = typeof(TrainingSessionView), Errors = [409])]
    [Function("CancelTrainingSession")]
    public Task<IActionResult> Cancel([HttpTrigger(Anonymous, "post", Route = One + "/cancel")] HttpRequest req, [DurableClient] DurableTaskClient durable, string sessionId) =>
        api.Run(req, async c => Api.Versioned(req, await training.CancelAsync(durable, c, sessionId, await Api.ReadBodyAsync<CancelSessionBody>(req), Aborted(req))));

    [ApiOperation("Phường xác nhận người dự", Body = typeof(ConfirmAttendeesBody), Response = typeof(TrainingSessionView), Errors = [409])]
    [Function("ConfirmTrainingAttendees")]
    public Task<IActionResult> Confirm([HttpTrigger(Anonymous, "post", Route = One + "/wards/{wardId}/confirm")] HttpRequest req, [DurableClient] DurableTaskClient durable,
        string sessionId, string wardId) =>
        api.Run(req, async c => Api.Versioned(req, await training.ConfirmAsync(durable, c, sessionId, wardId, await Api.ReadBodyAsync<ConfirmAttendeesBody>(req), Aborted(req))));

    [ApiOperation("Ghi nhận người đã dự", Body = typeof(TrainingAttendanceBody), Response = typeof(TrainingSessionView), RequestId = true, Errors = [409])]
    [Function("RecordTrainingAttendance")]
    public Task<IActionResult> Attendance([HttpTrigger(Anonymous, "post", Route = One + "/attendance")] HttpRequest req, [DurableClient] DurableTaskClient durable, string sessionId) =>
        api.Run(req, async c => Api.Versioned(req, await training.RecordAttendanceAsync(durable, c, sessionId, Api.RequestId(req, c),
            await Api.ReadBodyAsync<TrainingAttendanceBody>(req, 256 * 1024), Aborted(req))));

    [ApiOperation("Sửa điểm danh sau hội nghị (có lý do)", Body = typeof(CorrectAttendanceBody), Response = typeof(TrainingSessionView), RequestId = true, Errors = [409])]
    [Function("CorrectTrainingAttendance")]
    public Task<IActionResult> CorrectAttendance([HttpTrigger(Anonymous, "post", Route = One + "/attendance/corrections")] HttpRequest req, [DurableClient] DurableTaskClient durable,
        string sessionId) =>
        api.Run(req, async c => Api.Versioned(req, await training.CorrectAttendanceAsync(durable, c, sessionId, Api.RequestId(req, c),
            await Api.ReadBodyAsync<CorrectAttendanceBody>(req, 256 * 1024), Aborted(req))));

    [ApiOperation("Đính kèm danh sách ký dự, tài liệu", Response = typeof(TrainingSessionView), Upload = true, RequestId = true, Errors = [409])]
    [Function("UploadTrainingFile")]
    public Task<IActionResult> Upload([HttpTrigger(Anonymous, "post", Route = One + "/files")] HttpRequest req, string sessionId) =>
        api.Run(req, async c =>
        {
            var requestId = Api.RequestId(req, c);
            var (content, name, _) = await Api.ReadFileAsync(req, Attachments.MaxBytes);
            return Api.Versioned(req, await training.AddFileAsync(c, sessionId, requestId, name, content, Aborted(req)));
        });

    [ApiOperation("Tải một tệp của buổi tập huấn", Query = ["blob!"], File = "application/octet-stream")]
    [Function("DownloadTrainingFile")]
    public Task<IActionResult> Download([HttpTrigger(Anonymous, "get", Route = One + "/files")] HttpRequest req, string sessionId) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await training.FileAsync(c, sessionId, Api.Query(req, "blob", 400) ?? "", Aborted(req));
            return new FileContentResult(content, type) { FileDownloadName = name };
        });

    [ApiOperation("Tỷ lệ tổ trưởng, tổ phó đã được tập huấn", Response = typeof(TrainingCoverage), Query = ["wardId"])]
    [Function("GetTrainingCoverage")]
    public Task<IActionResult> Coverage([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "training/coverage")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await training.CoverageAsync(c, Api.Query(req, "wardId", Input.MaxIdLength), Aborted(req))));

    [ApiOperation("Lịch sử tập huấn của một người", Response = typeof(MemberTrainingView))]
    [Function("GetMemberTraining")]
    public Task<IActionResult> Member([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "wards/{wardId}/groups/{groupId}/members/{memberId}/training")] HttpRequest req,
        string wardId, string groupId, string memberId) =>
        api.Run(req, async c => new OkObjectResult(await training.MemberAsync(c, wardId, groupId, memberId, Aborted(req))));

    [ApiOperation("Tình trạng tập huấn của nhiều người", Response = typeof(IReadOnlyList<PersonTrainingStatus>), Query = ["ids"])]
    [Function("GetPeopleTraining")]
    public Task<IActionResult> People([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "wards/{wardId}/training/people")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await training.PeopleAsync(c, wardId, Api.Query(req, "ids", (Input.MaxIdLength + 1) * TrainingService.MaxPeopleAsked), Aborted(req))));

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}

/// <summary>The training slice registers itself (its setting is read here, in the composition).</summary>
public static class TrainingSetup
{
    public static IServiceCollection AddTraining(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddSingleton(TrainingOptions.From(configuration));
        services.AddSingleton<TrainingStore>();
        services.AddSingleton<TrainingRegister>();
        services.AddSingleton<TrainingService>();
        return services;
    }
}
