using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Support;

/// <summary>
/// HTTP API of support rounds (hỗ trợ kinh phí hoạt động, thăm hỏi dịp Lễ, Tết from non-budget sources); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class SupportFunctions(Api api, SupportService support)
{
    const string Ward = Api.Prefix + "wards/{wardId}";
    const string One = Ward + "/support-rounds/{roundId}";

    [ApiOperation("Các đợt hỗ trợ của phường", Response = typeof(SupportRoundList), Query = ["year", "status", "continuationToken", "pageSize"])]
    [Function("ListSupportRounds")]
    public Task<IActionResult> List([HttpTrigger(Anonymous, "get", Route = Ward + "/support-rounds")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await support.ListAsync(c, wardId, Api.Query(req, "year", 10), Api.Query(req, "status", 20),
            Api.Query(req, "continuationToken", 2048), Api.PageSize(req), Aborted(req))));

    [ApiOperation("Lập đợt hỗ trợ", Body = typeof(SupportRoundBody), Response = typeof(SupportRoundView), Status = 201, RequestId = true, Errors = [409])]
    [Function("CreateSupportRound")]
    public Task<IActionResult> Create([HttpTrigger(Anonymous, "post", Route = Ward + "/support-rounds")] HttpRequest req, string wardId) =>
        api.Run(req, async c => Api.Versioned(req, await support.CreateAsync(c, wardId, Api.RequestId(req, c), await Api.ReadBodyAsync<SupportRoundBody>(req), Aborted(req)),
            StatusCodes.Status201Created));

    [ApiOperation("Một đợt hỗ trợ", Response = typeof(SupportRoundView))]
    [Function("GetSupportRound")]
    public Task<IActionResult> Get([HttpTrigger(Anonymous, "get", Route = One)] HttpRequest req, [DurableClient] DurableTaskClient durable, string wardId, string roundId) =>
        api.Run(req, async c => Api.Versioned(req, await support.GetAsync(durable, c, wardId, roundId, Aborted(req))));

    [ApiOperation("Sửa đợt hỗ trợ (bản nháp hoặc bị trả lại)", Body = typeof(SupportRoundBody), Response = typeof(SupportRoundView), IfMatch = true, Errors = [409])]
    [Function("EditSupportRound")]
    public Task<IActionResult> Edit([HttpTrigger(Anonymous, "put", Route = One)] HttpRequest req, string wardId, string roundId) =>
        api.Run(req, async c => Api.Versioned(req, await support.EditAsync(c, wardId, roundId, Api.IfMatch(req), await Api.ReadBodyAsync<SupportRoundBody>(req), Aborted(req))));

    [ApiOperation("Gửi đợt hỗ trợ lên chủ tịch phường", Response = typeof(SupportRoundView), Status = 202, Errors = [409])]
    [Function("SubmitSupportRound")]
    public Task<IActionResult> Submit([HttpTrigger(Anonymous, "post", Route = One + "/submit")] HttpRequest req, [DurableClient] DurableTaskClient durable, string wardId, string roundId) =>
        api.Run(req, async c => Api.Versioned(req, await support.SubmitAsync(durable, c, wardId, roundId, Aborted(req)), StatusCodes.Status202Accepted));

    [ApiOperation("Duyệt, trả lại hoặc gửi lại đợt hỗ trợ", Body = typeof(SupportDecisionBody), Response = typeof(SupportRoundView), Status = 202, Errors = [409])]
    [Function("DecideSupportRound")]
    public Task<IActionResult> Decide([HttpTrigger(Anonymous, "post", Route = One + "/decisions/{step}")] HttpRequest req, [DurableClient] DurableTaskClient durable,
        string wardId, string roundId, string step) =>
        api.Run(req, async c => Api.Versioned(req, await support.DecideAsync(durable, c, wardId, roundId, step, await Api.ReadBodyAsync<SupportDecisionBody>(req), Aborted(req)),
            StatusCodes.Status202Accepted));

    [ApiOperation("Rút đợt hỗ trợ", Response = typeof(SupportRoundView), Status = 202, Query = ["comment"], Errors = [409])]
    [Function("WithdrawSupportRound")]
    public Task<IActionResult> Withdraw([HttpTrigger(Anonymous, "post", Route = One + "/withdraw")] HttpRequest req, [DurableClient] DurableTaskClient durable, string wardId, string roundId) =>
        api.Run(req, async c => Api.Versioned(req, await support.WithdrawAsync(durable, c, wardId, roundId, Api.Query(req, "comment", Limits.Comment), Aborted(req)),
            StatusCodes.Status202Accepted));

    [ApiOperation("Danh sách ký nhận (xlsx, pdf, docx)",
        File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document", Errors = [409])]
    [Function("GetSupportReceiptList")]
    public Task<IActionResult> ReceiptList([HttpTrigger(Anonymous, "get", Route = One + "/receipt-list/{format}")] HttpRequest req, string wardId, string roundId, string format) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await support.ReceiptListAsync(c, wardId, roundId, format, Aborted(req));
            return new FileContentResult(content, type) { FileDownloadName = name };
        });

    [ApiOperation("Đính kèm danh sách đã ký nhận: ghi nhận đã chi", Response = typeof(SupportRoundView), Upload = true, RequestId = true, Errors = [409])]
    [Function("UploadSupportSignedList")]
    public Task<IActionResult> UploadSigned([HttpTrigger(Anonymous, "post", Route = One + "/signed-list")] HttpRequest req, string wardId, string roundId) =>
        api.Run(req, async c =>
        {
            var requestId = Api.RequestId(req, c);
            var (content, name, _) = await Api.ReadFileAsync(req, Attachments.MaxBytes);
            return Api.Versioned(req, await support.UploadSignedAsync(c, wardId, roundId, requestId, name, content, Aborted(req)));
        });

    [ApiOperation("Tải danh sách đã ký nhận", File = "application/octet-stream")]
    [Function("GetSupportSignedList")]
    public Task<IActionResult> Signed([HttpTrigger(Anonymous, "get", Route = One + "/signed-list")] HttpRequest req, string wardId, string roundId) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await support.SignedListAsync(c, wardId, roundId, Aborted(req));
            return new FileContentResult(content, type) { FileDownloadName = name };
        });

    [ApiOperation("Lịch sử hỗ trợ của một tổ hoặc một người", Response = typeof(IReadOnlyList<SupportHistoryEntry>))]
    [Function("GetSupportHistory")]
    public Task<IActionResult> History([HttpTrigger(Anonymous, "get", Route = Ward + "/support-history/{beneficiaryId}")] HttpRequest req, string wardId, string beneficiaryId) =>
        api.Run(req, async c => new OkObjectResult(await support.HistoryAsync(c, wardId, beneficiaryId, Aborted(req))));

    [ApiOperation("Số liệu hỗ trợ theo năm", Response = typeof(SupportSummary), Query = ["year"])]
    [Function("GetSupportSummary")]
    public Task<IActionResult> Summary([HttpTrigger(Anonymous, "get", Route = Ward + "/support-summary")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await support.SummaryAsync(c, wardId, Api.Query(req, "year", 10), Aborted(req))));

    [ApiOperation("Đối chiếu số liệu hỗ trợ đã lưu với số đếm lại", Response = typeof(object))]
    [Function("CheckSupportFigures")]
    public Task<IActionResult> Check([HttpTrigger(Anonymous, "get", Route = Ward + "/support-summary/check")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await support.CheckAsync(c, wardId, Aborted(req))));

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}

/// <summary>The support slice registers itself.</summary>
public static class SupportSetup
{
    public static IServiceCollection AddSupport(this IServiceCollection services)
    {
        services.AddSingleton<SupportStore>();
        services.AddSingleton<SupportService>();
        services.AddSingleton<Shared.Workflows.IStepObserver, SupportRecords>();
        return services;
    }
}
