using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Identity;

/// <summary>
/// The staff directory, managed by administrators:
/// <code>
/// GET staff               ListStaff
/// PUT staff/{objectId}    SaveStaff   body {displayName, roles, wardId, email}; roles [] keeps the entry without access
/// DELETE staff/{objectId} RevokeStaff removes the person: no access from their next request
/// </code>
/// </summary>
public sealed class StaffFunctions(Api api, StaffService staff)
{
    [Function("ListStaff")]
    public Task<IActionResult> ListStaff([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "staff")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(await staff.ListAsync(caller, req.HttpContext.RequestAborted)));

    [Function("SaveStaff")]
    public Task<IActionResult> SaveStaff([HttpTrigger(Anonymous, "put", Route = Api.Prefix + "staff/{objectId}")] HttpRequest req, string objectId) =>
        api.Run(req, async caller => new OkObjectResult(await staff.SaveAsync(caller, objectId, await Api.ReadBodyAsync<SaveStaffBody>(req), req.HttpContext.RequestAborted)));

    [Function("RevokeStaff")]
    public Task<IActionResult> RevokeStaff([HttpTrigger(Anonymous, "delete", Route = Api.Prefix + "staff/{objectId}")] HttpRequest req, string objectId) =>
        api.Run(req, async caller => { await staff.RevokeAsync(caller, objectId, req.HttpContext.RequestAborted); return new NoContentResult(); });
}
