using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Identity;

public sealed class IdentityFunctions(Api api, UnitTerms terms)
{
    [ApiOperation("Người đang đăng nhập: vai trò, phường", Response = typeof(MeResponse))]
    [Function("GetMe")]
    public Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Prefix + "me")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(MeResponse.From(caller, await terms.ForCallerAsync(caller, req.HttpContext.RequestAborted))));
}

public sealed record MeResponse(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, IReadOnlyList<string> RoleNames, string? WardId)
{
    /// <summary>The caller, their roles named in their unit's words (<see cref="UnitTerms.ForCallerAsync"/>).</summary>
    public static MeResponse From(Caller c, WardTerms? terms) =>
        new(c.ObjectId, c.DisplayName, c.Roles, c.Roles.Select(r => UnitTerms.RoleName(terms, r)).ToList(), c.WardId);
}
