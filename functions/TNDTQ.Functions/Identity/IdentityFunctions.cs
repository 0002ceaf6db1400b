using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;

namespace Tndtq.Identity;

public sealed class IdentityFunctions(Api api)
{
    [ApiOperation("Người đang đăng nhập: vai trò, phường", Response = typeof(MeResponse))]
    [Function("GetMe")]
    public Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Prefix + "me")] HttpRequest req) =>
        api.Run(req, caller => Task.FromResult<IActionResult>(new OkObjectResult(MeResponse.From(caller))));
}

public sealed record MeResponse(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, IReadOnlyList<string> RoleNames, string? WardId)
{
    public static MeResponse From(Caller c) => new(c.ObjectId, c.DisplayName, c.Roles, c.Roles.Select(Texts.RoleName).ToList(), c.WardId);
}
