using Microsoft.AspNetCore.Http;
using Tndtq.Shared;

namespace Tndtq.Identity;

/// <summary>Turns a request into a <see cref="Caller"/>: who from the principal header, what from the staff directory.</summary>
public sealed class CallerResolver(AuthOptions options, StaffDirectory staff) : ICallerResolver
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
        return new Caller(member.ObjectId, member.DisplayName, member.Roles,
            member.Roles.Any(r => r.IsWardScoped()) ? member.WardId : null);
    }
}
