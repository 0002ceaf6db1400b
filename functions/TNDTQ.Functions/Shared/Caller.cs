namespace Tndtq.Shared;

/// <summary>
/// The signed-in person and what they may do. Every endpoint asks this one object, so the rules
/// ("ward roles only in their own ward") are written once.
/// </summary>
public sealed record Caller(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, string? WardId)
{
    public bool Has(Role role) => Roles.Contains(role);
    public bool HasAny(params Role[] roles) => roles.Any(Has);
    public bool IsDistrictWide => Roles.Any(r => !r.IsWardScoped());

    /// <summary>403 unless the caller has one of the roles.</summary>
    public Caller Require(params Role[] roles)
    {
        if (!HasAny(roles)) throw ProblemException.Forbidden(Texts.RequiresRole(roles));
        return this;
    }

    /// <summary>May the caller see this ward's data? District roles see every ward.</summary>
    public bool CanRead(string wardId) => IsDistrictWide || string.Equals(WardId, wardId, StringComparison.Ordinal);

    /// <summary>Does the caller have one of the roles and, for a ward role, is it their ward?</summary>
    public bool MayActIn(string wardId, params Role[] roles) =>
        roles.Any(r => Has(r) && (!r.IsWardScoped() || string.Equals(WardId, wardId, StringComparison.Ordinal)));

    /// <summary>403 unless the caller has one of the roles and, for a ward role, it is their ward.</summary>
    public Caller RequireInWard(string wardId, params Role[] roles)
    {
        if (MayActIn(wardId, roles)) return this;
        if (HasAny(roles)) throw ProblemException.Forbidden(Texts.OtherWardForbidden);
        throw ProblemException.Forbidden(Texts.RequiresRole(roles));
    }

    /// <summary>403 unless the caller may read the ward.</summary>
    public Caller RequireRead(string wardId)
    {
        if (!CanRead(wardId)) throw ProblemException.Forbidden(Texts.OtherWardForbidden);
        return this;
    }
}
