using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Tndtq.Identity;

/// <summary>
/// When may the app trust the <c>X-MS-CLIENT-PRINCIPAL</c> header?
/// <list type="bullet">
/// <item>In Azure, behind App Service Authentication on every path (none excluded, see docs/deployment.md):
/// App Service sets <c>WEBSITE_AUTH_ENABLED=True</c>, and the header is present only if App Service set it.</item>
/// <item>Locally, with <c>Tndtq:DevelopmentSignIn=true</c>: the caller sends the header itself
/// (see README). Refused in a Production environment, so it can never be switched on in Azure.</item>
/// </list>
/// Otherwise every call is anonymous (401).
/// </summary>
public sealed record AuthOptions(bool TrustPrincipalHeader, bool DevelopmentSignIn)
{
    public const string DevelopmentSignInKey = "Tndtq:DevelopmentSignIn";

    public static AuthOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var easyAuth = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);
        var devSignIn = configuration.GetValue<bool>(DevelopmentSignInKey);
        if (devSignIn && environment.IsProduction())
            throw new InvalidOperationException(
                $"{DevelopmentSignInKey}=true is refused in the Production environment: the development sign-in lets any caller " +
                "claim any identity. Set AZURE_FUNCTIONS_ENVIRONMENT=Development for local runs, or remove the setting.");
        return new AuthOptions(easyAuth || devSignIn, devSignIn);
    }
}
