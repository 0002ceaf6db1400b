using Microsoft.AspNetCore.Http;
using Tndtq.Shared;

namespace Tndtq.Identity;

/// <summary>Turns a request into a <see cref="Caller"/>: who from the principal header, what from the staff directory.</summary>
public sealed class CallerResolver(AuthOptions options, StaffDirectory staff, Register.UnitTerms units) : ICallerResolver
{
    public async Task<Caller> ResolveAsync(HttpRequest request, CancellationToken ct = default)
    {
        if (!options.TrustPrincipalHeader) throw ProblemException.Unauthenticated();
        var header = request.Headers[ClientPrincipal.HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(header)) throw ProblemException.Unauthenticated();
        var principal = ClientPrincipal.Decode(header) ?? throw ProblemException.Unauthenticated(Texts.InvalidPrincipalHeader);
        // The object id keys the staff directory: anything but a plain id (an Entra object id is a GUID) is not a person we know.
        if (Input.IdProblem(principal.ObjectId) is not null) throw ProblemException.Unauthenticated(Texts.InvalidPrincipalHeader);
        var member = await staff.FindAsync(principal.ObjectId, ct);
        if (member is null || member.Roles.Count == 0) throw ProblemException.Forbidden(Texts.NotInStaffDirectory);
        var caller = member.Roles.Any(r => r.IsWardScoped()) ? new Caller(member.ObjectId, member.DisplayName, member.Roles, member.WardId)
            // An approving-level person of one unit reaches the wards it approves now (a ward re-attached to another unit leaves their reach).
            : member.UnitId is { } unit ? new Caller(member.ObjectId, member.DisplayName, member.Roles, null, unit, await units.WardsOfAsync(unit, ct))
            : new Caller(member.ObjectId, member.DisplayName, member.Roles, null);
        // Their unit's words (remembered rows: no storage request once read), for the refusals that name a role.
        return caller with { Terms = await units.ForCallerAsync(caller, ct) };
    }
}
