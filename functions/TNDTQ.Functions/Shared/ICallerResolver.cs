using Microsoft.AspNetCore.Http;

namespace Tndtq.Shared;

/// <summary>
/// Turns a request into the <see cref="Caller"/> (or a 401/403 <see cref="ProblemException"/>): what <see cref="Api"/> needs
/// to know who asks. The identity slice implements it (from the sign-in principal and the staff directory).
/// </summary>
public interface ICallerResolver
{
    Task<Caller> ResolveAsync(HttpRequest request, CancellationToken ct = default);
}
