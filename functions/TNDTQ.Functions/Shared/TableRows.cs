using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Tndtq.Shared;

/// <summary>
/// Helpers for rows of any table: JSON documents in properties, keys Table Storage accepts, row keys
/// that sort newest first, "row key starts with" filters. Keys of one table (e.g. <c>RegisterTable</c>)
/// stay in its slice.
/// </summary>
public static class TableRows
{
    /// <summary>Ticks counted down from the end of time, so the newest row sorts first.</summary>
    public static string Inverted(DateTimeOffset at) => (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19");

    /// <summary>Characters Table Storage forbids in keys are replaced.</summary>
    public static string Safe(string s) => new(s.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());

    /// <summary>OData filter for "row key starts with prefix" in one partition.</summary>
    public static string PrefixFilter(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {UpperBound(prefix)}");

    public static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json.Options);
    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json.Options)!;

    /// <summary>An enum value as the API writes it (kebab-case).</summary>
    public static string Kebab<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>
/// Opaque continuation tokens for the API: <c>{check}.{base64url of Table Storage's token}</c>, the check
/// being a hash of the list and the token. A token is accepted only by the list that issued it, whole,
/// and in the shape Table Storage gives, so a made-up, cut or mangled token is a 400, never a wrong page.
/// </summary>
public static class ContinuationToken
{
    public static string? Encode(string? token, string scope) => token is null ? null : $"{Check(scope, token)}.{Base64Url(System.Text.Encoding.UTF8.GetBytes(token))}";

    /// <summary>The token's content, or null for the first page; 400 when it is not a token of this list (or not of the shape <paramref name="isValid"/> wants: by default Table Storage's).</summary>
    public static string? Decode(string? token, string scope, Func<string, bool>? isValid = null)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var dot = token.IndexOf('.');
        if (dot < 0) throw Invalid();
        string raw;
        try
        {
            var b64 = token[(dot + 1)..].Replace('-', '+').Replace('_', '/');
            raw = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
        }
        catch (FormatException) { throw Invalid(); }
        if (token[..dot] != Check(scope, raw) || !(isValid ?? IsTableToken)(raw)) throw Invalid();
        return raw;
    }

    /// <summary>
    /// A list read across several partitions one after another (a district role's wards): the token is "{partition index}:{the
    /// token within that partition}", its inner part of the shape <paramref name="shape"/>; (0, null) for the first page.
    /// </summary>
    public static (int Index, string? Inner) DecodeAcross(string? token, string scope, int partitions, System.Text.RegularExpressions.Regex shape)
    {
        if (Decode(token, scope, shape.IsMatch) is not { } decoded) return (0, null);
        var colon = decoded.IndexOf(':');
        if (colon < 0 || !int.TryParse(decoded[..colon], out var index) || index >= partitions) throw Invalid();
        return (index, decoded[(colon + 1)..] is { Length: > 0 } t ? t : null);
    }

    /// <summary>The token of the next page of a list read across partitions (null: the last partition was read to its end).</summary>
    public static string? EncodeAcross(int index, string? inner, string scope, int partitions) => index < partitions ? Encode($"{index}:{inner}", scope) : null;

    /// <summary>"{next partition key} {next row key}" as Table Storage sends them (the row key may be absent).</summary>
    static bool IsTableToken(string raw)
    {
        var parts = raw.Split(' ');
        return raw.Length <= 2048 && parts.Length is 1 or 2 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '!' or '+' or '/' or '=' or '-' or '_' or '*' or '.'));
    }

    static ProblemException Invalid() => ProblemException.BadRequest(Texts.InvalidContinuationToken, "invalid-continuation-token");

    static string Check(string scope, string raw) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope + "\n" + raw)))[..12];

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A page of results with the token for the next one (null at the end).</summary>
public sealed record PageResult<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>ETag of a loaded row, so a write can require that nobody changed it since.</summary>
public readonly record struct Loaded<T>(T Value, ETag ETag);
