using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;

namespace Tndtq.SignOffs;

/// <summary>
/// HTTP API of the sign-off workflow; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class SignOffFunctions(Api api, SignOffService signOffs)
{
    const string Base = Api.Prefix + "wards/{wardId}/sign-offs";

    [ApiOperation("Trình ký một văn bản", Body = typeof(CreateSignOffBody), Response = typeof(SignOffView), Status = 202, RequestId = true, Location = true, Errors = [409], Description = "200 khi cùng x-requestid đã được nhận trước đó.")]
    [Function("CreateSignOff")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Base)] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string wardId) =>
        api.Run(req, async caller =>
        {
            var (view, created) = await signOffs.CreateAsync(durable, caller, wardId, Api.RequestId(req, caller), await Api.ReadBodyAsync<CreateSignOffBody>(req), req.HttpContext.RequestAborted);
            // A retried request (same x-requestid) answers 200 with the sign-off it had started.
            return created ? new AcceptedResult(Url(wardId, view.Id), view) : new OkObjectResult(view);
        });

    [ApiOperation("Các văn bản trình ký của phường", Response = typeof(SignOffList), Query = ["continuationToken", "pageSize"])]
    [Function("ListSignOffs")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Base)] HttpRequest req, string wardId) =>
        api.Run(req, async caller => new OkObjectResult(await signOffs.ListAsync(caller, wardId,
            Api.Query(req, "continuationToken", 2048), Api.PageSize(req), req.HttpContext.RequestAborted)));

    [ApiOperation("Một văn bản trình ký", Response = typeof(SignOffView))]
    [Function("GetSignOff")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Base + "/{id}")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string wardId, string id) =>
        api.Run(req, async caller => new OkObjectResult(await signOffs.GetAsync(durable, caller, wardId, id, req.HttpContext.RequestAborted)));

    [ApiOperation("Chủ tịch phường duyệt hoặc trả lại văn bản", Body = typeof(DecideSignOffBody), Response = typeof(SignOffView), Status = 202, Location = true, Errors = [409])]
    [Function("DecideSignOff")]
    public Task<IActionResult> Decide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Base + "/{id}/decision")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string wardId, string id) =>
        api.Run(req, async caller => await Api.Accepted(signOffs.DecideAsync(durable, caller, wardId, id, await Api.ReadBodyAsync<DecideSignOffBody>(req), req.HttpContext.RequestAborted), Url(wardId, id)));

    /// <summary>Where a sign-off shows how it goes on (the <c>Location</c> of an accepted request or decision).</summary>
    static string Url(string wardId, string id) => $"/api/wards/{wardId}/sign-offs/{id}";
}
