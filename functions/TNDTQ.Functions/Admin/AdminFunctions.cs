using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;

namespace Tndtq.Admin;

/// <summary>
/// HTTP API for administrators looking after the workflows; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class AdminFunctions(Api api, WorkflowAdmin workflows)
{
    [ApiOperation("Các quy trình gặp lỗi hoặc bị treo (quản trị)", Response = typeof(IReadOnlyList<TroubledWorkflow>), Query = ["state"])]
    [Function("ListTroubledWorkflows")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Prefix + "admin/workflows")] HttpRequest req,
        [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async caller => new OkObjectResult(await workflows.ListAsync(durable, caller, Api.Query(req, "state"), req.HttpContext.RequestAborted)));

    [ApiOperation("Chạy lại bước lỗi của một quy trình (quản trị)", Status = 202, Errors = [409])]
    [Function("RetryWorkflow")]
    public Task<IActionResult> Retry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Api.Prefix + "admin/workflows/{instanceId}/retry")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string instanceId) =>
        api.Run(req, caller => Api.Accepted(workflows.RetryAsync(durable, caller, instanceId, req.HttpContext.RequestAborted)));
}
