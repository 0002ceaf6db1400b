using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Identity;

/// <param name="UnitId">For approving-level staff of one approving unit (since 2025 a commune-level phường): the unit they work for;
/// empty: the whole deployment.</param>
public sealed record SaveStaffBody([Text(Limits.Name)] string? DisplayName, [MaxCount(6)] IReadOnlyList<Role>? Roles, [Id] string? WardId,
    [Text(Limits.Email)] string? Email, [Id] string? UnitId = null);

/// <summary>What the staff endpoints do: administrators list and save staff, with the rules of who may hold which role where.</summary>
public sealed class StaffService(StaffDirectory staff, RegisterStore register, UnitTerms units)
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
        if (string.IsNullOrWhiteSpace(objectId) || objectId.Length > 128) errors["objectId"] = [IdentityTexts.StaffObjectIdInvalid];
        if (string.IsNullOrWhiteSpace(body.DisplayName)) errors["displayName"] = [IdentityTexts.StaffNameRequired];
        // No roles: the person keeps their entry (for the record) but may no longer use the system.
        var roles = body.Roles ?? [];
        if (body.Email is { Length: > 0 } email && !IsEmail(email)) errors["email"] = [IdentityTexts.StaffEmailInvalid];
        var wardScoped = roles.Any(r => r.IsWardScoped());
        if (wardScoped && (body.WardId is null || await register.GetWardAsync(body.WardId, ct) is null)) errors["wardId"] = [IdentityTexts.StaffWardRequired];
        if (wardScoped && roles.Any(r => !r.IsWardScoped())) errors["roles"] = [IdentityTexts.StaffMixedRoles];
        var unitId = string.IsNullOrEmpty(body.UnitId) ? null : body.UnitId;
        if (unitId is not null && wardScoped) errors["unitId"] = [IdentityTexts.StaffUnitForWardRole];
        else if (unitId is not null && !await units.UnitExistsAsync(unitId, ct)) errors["unitId"] = [IdentityTexts.StaffUnitNotFound];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        if (objectId == caller.ObjectId && !roles.Contains(Role.Administrator)) throw ProblemException.Conflict(IdentityTexts.StaffCannotRevokeSelf, "revoke-self");
        var member = new StaffMember(objectId, VietnameseText.Tidy(body.DisplayName), roles.Distinct().ToList(), wardScoped ? body.WardId : null,
            string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim(), wardScoped ? null : unitId);
        await staff.UpsertAsync(member, ct);
        return member;
    }

    /// <summary>Removes a person from the staff directory: from their next request on they have no access.</summary>
    public async Task RevokeAsync(Caller caller, string objectId, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        if (objectId == caller.ObjectId) throw ProblemException.Conflict(IdentityTexts.StaffCannotRevokeSelf, "revoke-self");
        if (!await staff.DeleteAsync(objectId, ct)) throw ProblemException.NotFound(IdentityTexts.StaffNotFound);
    }

    static bool IsEmail(string s) => System.Net.Mail.MailAddress.TryCreate(s.Trim(), out var a) && a.Address == s.Trim() && s.Contains('.');
}
