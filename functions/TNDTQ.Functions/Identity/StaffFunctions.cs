using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Identity;

/// <summary>
/// The staff directory, managed by administrators; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class StaffFunctions(Api api, StaffService staff)
{
    [ApiOperation("Danh bạ cán bộ (quản trị)", Response = typeof(IReadOnlyList<StaffMember>))]
    [Function("ListStaff")]
    public Task<IActionResult> ListStaff([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "staff")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(await staff.ListAsync(caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Thêm hoặc sửa một cán bộ và vai trò (quản trị)", Body = typeof(SaveStaffBody), Response = typeof(StaffMember))]
    [Function("SaveStaff")]
    public Task<IActionResult> SaveStaff([HttpTrigger(Anonymous, "put", Route = Api.Prefix + "staff/{objectId}")] HttpRequest req, string objectId) =>
        api.Run(req, async caller => new OkObjectResult(await staff.SaveAsync(caller, objectId, await Api.ReadBodyAsync<SaveStaffBody>(req), req.HttpContext.RequestAborted)));

    [ApiOperation("Thu hồi quyền truy cập của một cán bộ (quản trị)", Status = 204)]
    [Function("RevokeStaff")]
    public Task<IActionResult> RevokeStaff([HttpTrigger(Anonymous, "delete", Route = Api.Prefix + "staff/{objectId}")] HttpRequest req, string objectId) =>
        api.Run(req, async caller => { await staff.RevokeAsync(caller, objectId, req.HttpContext.RequestAborted); return new NoContentResult(); });
}
