using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tndtq.Identity;

/// <summary>
/// The caller as App Service Authentication (Easy Auth) presents it: base64 JSON in the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header. Only who the person is comes from here; what they may do
/// comes from the staff directory.
/// </summary>
public sealed record ClientPrincipal(string ObjectId, string? Name)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    static readonly string[] ObjectIdClaimTypes =
        ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];
    static readonly string[] NameClaimTypes =
        ["name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "preferred_username"];

    sealed record Claim([property: JsonPropertyName("typ")] string Type, [property: JsonPropertyName("val")] string Value);
    sealed record Payload(
        [property: JsonPropertyName("auth_typ")] string? AuthType,
        [property: JsonPropertyName("claims")] List<Claim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType);

    /// <summary>Decodes the header; null when it is absent or not a principal.</summary>
    public static ClientPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
            var claims = payload?.Claims ?? [];
            string? Find(IEnumerable<string> types) =>
                types.Select(t => claims.FirstOrDefault(c => string.Equals(c.Type, t, StringComparison.OrdinalIgnoreCase))?.Value)
                     .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            var objectId = Find(ObjectIdClaimTypes);
            if (objectId is null) return null;
            var name = Find(payload?.NameType is { } nt ? [nt, .. NameClaimTypes] : NameClaimTypes);
            return new ClientPrincipal(objectId, name);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Encodes a principal the way Easy Auth does (used by the development sign-in and tests).</summary>
    public static string Encode(string objectId, string? name = null)
    {
        List<Claim> claims = [new("oid", objectId)];
        if (name is not null) claims.Add(new("name", name));
        var payload = new Payload("aad", claims, name is null ? null : "name");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload, EncodeOptions)));
    }

    static readonly JsonSerializerOptions EncodeOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
