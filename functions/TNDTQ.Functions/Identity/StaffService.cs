using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Identity;

public sealed record SaveStaffBody([Text(Limits.Name)] string? DisplayName, [MaxCount(6)] IReadOnlyList<Role>? Roles, [Id] string? WardId,
    [Text(Limits.Email)] string? Email);

/// <summary>What the staff endpoints do: administrators list and save staff, with the rules of who may hold which role where.</summary>
public sealed class StaffService(StaffDirectory staff, RegisterStore register)
{
    public async Task<IReadOnlyList<StaffMember>> ListAsync(Caller caller, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        return (await staff.ListAsync(ct)).OrderBy(s => s.DisplayName, NaturalVietnameseComparer.Instance).ToList();
    }

    public async Task<StaffMember> SaveAsync(Caller caller, string objectId, SaveStaffBody body, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(objectId) || objectId.Length > 128) errors["objectId"] = [Texts.StaffObjectIdInvalid];
        if (string.IsNullOrWhiteSpace(body.DisplayName)) errors["displayName"] = [Texts.StaffNameRequired];
        var roles = body.Roles ?? [];
        if (roles.Count == 0) errors["roles"] = [Texts.StaffRolesRequired];
        var wardScoped = roles.Any(r => r.IsWardScoped());
        if (wardScoped && (body.WardId is null || await register.GetWardAsync(body.WardId, ct) is null)) errors["wardId"] = [Texts.StaffWardRequired];
        if (wardScoped && roles.Any(r => !r.IsWardScoped())) errors["roles"] = [Texts.StaffMixedRoles];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var member = new StaffMember(objectId, VietnameseText.Tidy(body.DisplayName), roles.Distinct().ToList(), wardScoped ? body.WardId : null, body.Email);
        await staff.UpsertAsync(member, ct);
        return member;
    }
}
