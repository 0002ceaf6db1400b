namespace Tndtq.Shared;

/// <summary>
/// The signed-in person and what they may do. Every endpoint asks this one object, so the rules
/// ("ward roles only in their own ward", "the approving level only in the wards its unit approves") are written once.
/// </summary>
/// <param name="UnitId">For the approving level's staff of one approving unit (a commune-level phường since 2025): the unit's id;
/// null for approving-level staff of the whole deployment (the 2021 quận).</param>
/// <param name="Wards">The wards that unit approves, the only ones such a person reaches; null: every ward.</param>
/// <param name="Terms">The caller's unit's words, so that a refusal names the roles as they read them ("Công an quận"); null: level-free.</param>
public sealed record Caller(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, string? WardId, string? UnitId = null,
    IReadOnlySet<string>? Wards = null, WardTerms? Terms = null)
{
    public bool Has(Role role) => Roles.Contains(role);
    public bool HasAny(params Role[] roles) => roles.Any(Has);
    public bool IsDistrictWide => Roles.Any(r => !r.IsWardScoped());

    /// <summary>403 unless the caller has one of the roles.</summary>
    public Caller Require(params Role[] roles)
    {
        if (!HasAny(roles)) throw ProblemException.Forbidden(Texts.RequiresRole(roles, Terms));
        return this;
    }

    /// <summary>Does an approving-level role of the caller reach this ward (every ward, or the wards of their unit)?</summary>
    bool Reaches(string wardId) => Wards is null || Wards.Contains(wardId);

    /// <summary>May the caller see this ward's data? Approving-level roles see every ward of their unit (of the deployment, without one).</summary>
    public bool CanRead(string wardId) => IsDistrictWide ? Reaches(wardId) : string.Equals(WardId, wardId, StringComparison.Ordinal);

    /// <summary>Does the caller have one of the roles and, for a ward role, is it their ward (for an approving-level role, a ward of their unit)?</summary>
    public bool MayActIn(string wardId, params Role[] roles) =>
        roles.Any(r => Has(r) && (r.IsWardScoped() ? string.Equals(WardId, wardId, StringComparison.Ordinal) : Reaches(wardId)));

    /// <summary>403 unless the caller has one of the roles and, for a ward role, it is their ward.</summary>
    public Caller RequireInWard(string wardId, params Role[] roles)
    {
        if (MayActIn(wardId, roles)) return this;
        if (HasAny(roles)) throw ProblemException.Forbidden(Texts.OtherWardForbidden);
        throw ProblemException.Forbidden(Texts.RequiresRole(roles, Terms));
    }

    /// <summary>403 unless the caller may read the ward.</summary>
    public Caller RequireRead(string wardId)
    {
        if (!CanRead(wardId)) throw ProblemException.Forbidden(Texts.OtherWardForbidden);
        return this;
    }
}
