using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Register;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Identity;

/// <summary>
/// The staff directory, managed by administrators:
/// <code>
/// GET staff               ListStaff
/// PUT staff/{objectId}    SaveStaff   body {displayName, roles, wardId, email}
/// </code>
/// </summary>
public sealed class StaffFunctions(Api api, StaffDirectory staff, RegisterStore register)
{
    [Function("ListStaff")]
    public Task<IActionResult> ListStaff([HttpTrigger(Anonymous, "get", Route = "staff")] HttpRequest req) =>
        api.Run(req, async caller =>
        {
            caller.Require(Role.Administrator);
            return new OkObjectResult((await staff.ListAsync(req.HttpContext.RequestAborted)).OrderBy(s => s.DisplayName, NaturalVietnameseComparer.Instance));
        });

    [Function("SaveStaff")]
    public Task<IActionResult> SaveStaff([HttpTrigger(Anonymous, "put", Route = "staff/{objectId}")] HttpRequest req, string objectId) =>
        api.Run(req, async caller =>
        {
            caller.Require(Role.Administrator);
            var body = await Api.ReadBodyAsync<SaveStaffBody>(req);
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(objectId) || objectId.Length > 128) errors["objectId"] = [Texts.StaffObjectIdInvalid];
            if (string.IsNullOrWhiteSpace(body.DisplayName)) errors["displayName"] = [Texts.StaffNameRequired];
            var roles = body.Roles ?? [];
            if (roles.Count == 0) errors["roles"] = [Texts.StaffRolesRequired];
            var wardScoped = roles.Any(r => r.IsWardScoped());
            if (wardScoped && (body.WardId is null || await register.GetWardAsync(body.WardId, req.HttpContext.RequestAborted) is null))
                errors["wardId"] = [Texts.StaffWardRequired];
            if (wardScoped && roles.Any(r => !r.IsWardScoped())) errors["roles"] = [Texts.StaffMixedRoles];
            if (errors.Count > 0) throw ProblemException.Validation(errors);
            var member = new StaffMember(objectId, VietnameseText.Tidy(body.DisplayName), roles.Distinct().ToList(), wardScoped ? body.WardId : null, body.Email);
            await staff.UpsertAsync(member, req.HttpContext.RequestAborted);
            return new OkObjectResult(member);
        });
}

public sealed record SaveStaffBody(string? DisplayName, IReadOnlyList<Role>? Roles, string? WardId, string? Email);
