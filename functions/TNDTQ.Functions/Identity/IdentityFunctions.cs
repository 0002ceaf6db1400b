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

/// <param name="Words">The caller's approving unit's words, for the pages' fixed sentences ("Công an quận", "Toàn quận").</param>
public sealed record MeResponse(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, IReadOnlyList<string> RoleNames, string? WardId,
    UnitWords Words)
{
    /// <summary>The caller, their roles named in their unit's words (<see cref="UnitTerms.ForCallerAsync"/>).</summary>
    public static MeResponse From(Caller c, WardTerms? terms) =>
        new(c.ObjectId, c.DisplayName, c.Roles, c.Roles.Select(r => Texts.RoleName(r, terms)).ToList(), c.WardId, UnitWords.From(terms));
}

/// <summary>
/// The words a page writes about the approving unit: in 2021 "quận Ninh Kiều", "Công an quận", "Lãnh đạo UBND quận", "Toàn quận"; since
/// 2025 a commune-level phường's own ("Công an phường"). Where several approving units are in view (no one unit's words), level-free.
/// </summary>
/// <param name="ApprovingUnit">"quận Ninh Kiều"; null where several units are in view.</param>
/// <param name="ApprovesItself">True when the caller's ward approves its own groups (the two-tier government).</param>
public sealed record UnitWords(string? ApprovingUnit, bool ApprovesItself, string Police, string Leader, string Total, IReadOnlyList<RoleWord> Roles)
{
    public static UnitWords From(WardTerms? t) => new(t?.ApprovingUnit, t?.ApprovesItself ?? false, Texts.PoliceShort(t), Texts.LeaderShort(t),
        Texts.UnitTotal(t), Enum.GetValues<Role>().Select(r => new RoleWord(r, Texts.RoleName(r, t))).ToList());
}

public sealed record RoleWord(Role Role, string Name);
