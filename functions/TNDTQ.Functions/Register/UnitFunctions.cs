using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Register;

/// <summary>The levels and approving units (docs/units.md): read by everyone signed in, edited by administrators.</summary>
public sealed class UnitFunctions(Api api, UnitService units)
{
    [ApiOperation("Các cấp và đơn vị phê duyệt, kèm các phường mỗi đơn vị phê duyệt", Response = typeof(UnitsView))]
    [Function("ListUnits")]
    public Task<IActionResult> ListUnits([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "units")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(await units.ListAsync(caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Thêm hoặc sửa một cấp (quản trị)", Body = typeof(SaveLevelBody), Response = typeof(Level))]
    [Function("SaveLevel")]
    public Task<IActionResult> SaveLevel([HttpTrigger(Anonymous, "put", Route = Api.Prefix + "admin/levels/{levelId}")] HttpRequest req, string levelId) =>
        api.Run(req, async caller => new OkObjectResult(await units.SaveLevelAsync(caller, levelId, await Api.ReadBodyAsync<SaveLevelBody>(req), req.HttpContext.RequestAborted)));

    [ApiOperation("Thêm (không gửi If-Match) hoặc sửa (gửi If-Match là ETag đã đọc) một đơn vị phê duyệt và các cơ quan của nó (quản trị)",
        Body = typeof(SaveUnitBody), Response = typeof(UnitView), Errors = [409, 412])]
    [Function("SaveUnit")]
    public Task<IActionResult> SaveUnit([HttpTrigger(Anonymous, "put", Route = Api.Prefix + "admin/units/{unitId}")] HttpRequest req, string unitId) =>
        api.Run(req, async caller => Api.Versioned(req,
            await units.SaveUnitAsync(caller, unitId, Api.IfMatch(req), await Api.ReadBodyAsync<SaveUnitBody>(req), req.HttpContext.RequestAborted)));
}
