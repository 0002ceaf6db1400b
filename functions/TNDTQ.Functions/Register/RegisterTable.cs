using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>
/// Table <c>Register</c>. Each ward is one partition (<c>ward|{wardId}</c>), so every query a
/// ward's screens make is a range query inside one partition and a small change is one atomic
/// batch. Row keys (prefix → what):
/// <code>
/// g|{groupId}                     group (current)
/// m|{groupId}|{memberId}          member (current), so "members of a group" is one range
/// c                               ward counters (written with every change, ETag-checked)
/// gs|{groupId}                    group summary: leader, deputies, active member count (for lists)
/// gn|{folded name}                active group name → id (import matches groups by name)
/// p|{person key}                  active person → member (a person is active in one group)
/// n|{folded name suffix}|{id}     search index: every word-start suffix of the folded name
/// h|{groupId}|{inverted ticks}    group snapshots, newest first (history "as of" a date)
/// a|{inverted ticks}|{op}-{n}     audit log of the ward, newest first
/// e|{entityId}|{inv ticks}|{op}-{n} audit log of one entity, newest first
/// o|{operationId}                 operation applied (idempotency of retried requests/activities)
/// j|{operationId}                 journal of a large change being applied (resumed after a crash)
/// </code>
/// The list of wards is partition <c>wards</c>, row key = ward id.
/// </summary>
public static class RegisterTable
{
    public const string Name = "Register";
    public const string WardsPartition = "wards";

    public static string Partition(string wardId) => $"ward|{wardId}";
    public static string GroupKey(string groupId) => $"g|{groupId}";
    public static string MemberKey(string groupId, string memberId) => $"m|{groupId}|{memberId}";
    public const string CountersKey = "c";
    public static string GroupSummaryKey(string groupId) => $"gs|{groupId}";
    public static string GroupNameKey(string foldedName) => $"gn|{Safe(foldedName)}";
    public static string PersonKeyRow(string personKey) => $"p|{Safe(personKey)}";
    public static string SearchKey(string suffix, string memberId) => $"n|{Safe(suffix)}|{memberId}";
    public static string HistoryKey(string groupId, DateTimeOffset at) => $"h|{groupId}|{Inverted(at)}";
    public static string HistoryPrefix(string groupId) => $"h|{groupId}|";
    public static string WardAuditKey(DateTimeOffset at, string id) => $"a|{Inverted(at)}|{id}";
    public static string EntityAuditKey(string entityId, DateTimeOffset at, string id) => $"e|{entityId}|{Inverted(at)}|{id}";
    public static string EntityAuditPrefix(string entityId) => $"e|{entityId}|";
    public static string OperationKey(string operationId) => $"o|{operationId}";
    public static string JournalKey(string operationId) => $"j|{operationId}";

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

    public static string Kebab<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>Opaque continuation tokens for the API (base64url of Table Storage's token).</summary>
public static class ContinuationToken
{
    public static string? Encode(string? token) => token is null ? null : Base64Url(System.Text.Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        try { return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight(token.Length + (4 - token.Length % 4) % 4, '='))); }
        catch (FormatException) { throw ProblemException.BadRequest(Texts.InvalidContinuationToken, "invalid-continuation-token"); }
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A page of results with the token for the next one (null at the end).</summary>
public sealed record PageResult<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>ETag of a loaded row, so a write can require that nobody changed it since.</summary>
public readonly record struct Loaded<T>(T Value, ETag ETag);
