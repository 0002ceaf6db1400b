using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;

namespace Tndtq.Admin;

/// <summary>
/// HTTP API for administrators looking after the workflows (the operations page); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class AdminFunctions(Api api, WorkflowAdmin workflows)
{
    [ApiOperation("Các quy trình cần xử lý: gặp lỗi, dừng do lỗi, quá hạn lâu hoặc đã bị kết thúc (quản trị)", Response = typeof(PageResult<TroubledWorkflow>),
        Query = ["state", "workflow", "wardId", "olderThanDays", "continuationToken", "pageSize"])]
    [Function("ListTroubledWorkflows")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Prefix + "admin/workflows")] HttpRequest req,
        [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async caller => new OkObjectResult(await workflows.ListAsync(durable, caller, Filter(req), req.HttpContext.RequestAborted)));

    [ApiOperation("Một quy trình và diễn biến của nó (quản trị)", Response = typeof(WorkflowDetail), Errors = [404])]
    [Function("GetTroubledWorkflow")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Prefix + "admin/workflows/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string instanceId) =>
        api.Run(req, async caller => new OkObjectResult(await workflows.GetAsync(durable, caller, instanceId, req.HttpContext.RequestAborted)));

    [ApiOperation("Chạy lại bước lỗi của một quy trình (quản trị)", Status = 202, Errors = [409])]
    [Function("RetryWorkflow")]
    public Task<IActionResult> Retry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Api.Prefix + "admin/workflows/{instanceId}/retry")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string instanceId) =>
        api.Run(req, caller => Api.Accepted(workflows.RetryAsync(durable, caller, instanceId, req.HttpContext.RequestAborted)));

    [ApiOperation("Bỏ qua bước lỗi của một quy trình, có lý do (quản trị; chỉ bước gửi nhắc việc)", Body = typeof(ReasonBody), Status = 202, Errors = [409])]
    [Function("SkipWorkflowStep")]
    public Task<IActionResult> Skip([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Api.Prefix + "admin/workflows/{instanceId}/skip")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string instanceId) =>
        api.Run(req, async caller => await Api.Accepted(workflows.SkipAsync(durable, caller, instanceId, await Api.ReadBodyAsync<ReasonBody>(req), req.HttpContext.RequestAborted)));

    [ApiOperation("Kết thúc một quy trình, có lý do (quản trị)", Body = typeof(ReasonBody), Response = typeof(AdminAction), Errors = [409])]
    [Function("EndWorkflow")]
    public Task<IActionResult> End([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Api.Prefix + "admin/workflows/{instanceId}/end")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string instanceId) =>
        api.Run(req, async caller => new OkObjectResult(await workflows.EndAsync(durable, caller, instanceId, await Api.ReadBodyAsync<ReasonBody>(req), req.HttpContext.RequestAborted)));

    static WorkflowFilter Filter(HttpRequest req)
    {
        var ward = Api.Query(req, "wardId");
        if (Input.IdProblem(ward) is { } bad) throw ProblemException.Validation(new Dictionary<string, string[]> { ["wardId"] = [bad] });
        int? days = Api.Query(req, "olderThanDays") is { } d ? int.TryParse(d, out var n) ? n : throw ProblemException.BadRequest(AdminTexts.InvalidAge, "invalid-age") : null;
        return new(Api.Query(req, "state") ?? WorkflowAdmin.NeedsAttention, Api.Query(req, "workflow"), ward, days, Api.Query(req, "continuationToken", 2048), Api.PageSize(req, 25));
    }
}
