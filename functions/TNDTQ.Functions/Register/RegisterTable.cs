using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>
/// Table <c>Register</c>. Each ward is one partition (<c>ward|{wardId}</c>) holding what must
/// change together, so a small change is one atomic batch and every screen of a ward is a range
/// query inside one partition. Row keys (prefix → what):
/// <code>
/// g|{groupId}                     group (current)
/// gs|{groupId}                    group summary: leader, deputies, active member count (for lists); rewritten, ETag-checked,
///                                 by every change to the group or its members, so changes to one group serialise here
/// m|{groupId}|{memberId}          member (current), so "members of a group" is one range
/// c                               ward counters as of the indexes' build (older data: as the last change before it left them)
/// c|{shard}                       counter shards (16): a change adds its difference to one, ETag-checked; the counters are c + every c|…
/// c|op|{operationId}              a large (journaled) change's difference, as earlier versions wrote it (now added to a shard
///                                 in the journal's last transaction, with the operation's marker)
/// y|{shard}, y|op|{operationId}   per-year figures (RegisterYears), kept as the counters are, with the same shard number (y|op|: earlier versions' journaled changes)
/// y|rebuild                       per-year figures of the operations before they were kept, from the audit (RegisterYearFigures)
/// yr                              the ward's per-year figures were rebuilt (never twice)
/// p|{person key}                  who holds a person key: Holder = member id, GroupId ("" once nobody does), so a person is active once
/// n|{folded group name}           which active group holds a name: Holder = group id ("" once none does)
/// ix                              the p| and n| indexes are complete (built before the ward's first change, see RegisterStore.EnsureIndexedAsync)
/// h|{groupId}|{inverted ticks}    group snapshots, newest first (history "as of" a date)
/// a|{inverted ticks}|{op}-{n}     audit log of the ward, newest first
/// o|{operationId}                 operation applied (idempotency of retried requests/activities)
/// j|{operationId}                 outbox/journal: rows still to write elsewhere, or a large change being applied
/// jx|{operationId}                a journal storage refused for good, set aside (never replayed)
/// </code>
/// Rows that would crowd the ward partition live in their own partitions (and tables:
/// <c>RegisterSearch</c>, <c>RegisterAudit</c>), written from the
/// outbox row committed in the same batch as the change (so a crash cannot lose them):
/// <code>
/// search|{wardId}|{first 2 chars}  RowKey {folded name suffix}|{memberId}: name search, every word start
/// audit|{wardId}|{bucket}         RowKey {entityId}|{inverted ticks}|{op}-{n}: audit log of one entity, newest first
///                                  (16 buckets by a hash of the entity id, so a bulk change writes few batches)
/// </code>
/// The list of wards is partition <c>wards</c>, row key = ward id.
/// </summary>
public static class RegisterTable
{
    public const string Name = "Register";
    public const string SearchTableName = "RegisterSearch";
    public const string AuditTableName = "RegisterAudit";
    public const string WardsPartition = "wards";

    public static string Partition(string wardId) => $"ward|{wardId}";
    public static string GroupKey(string groupId) => $"g|{groupId}";
    public static string MemberKey(string groupId, string memberId) => $"m|{groupId}|{memberId}";
    public const string CountersKey = "c";
    public const int CounterShards = 16;
    public static string CounterShardKey(int shard) => $"c|{shard:x}";
    public static string CounterDeltaKey(string operationId) => $"c|op|{operationId}";
    /// <summary>Every counters row: "c" and "c|…" (RowKey ge "c" and lt "c}").</summary>
    public static string CountersFilter(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CountersKey} and RowKey lt {"c}"}");
    public static string YearsShardKey(int shard) => $"y|{shard:x}";
    public const string YearsPrefix = "y|";
    public const string YearsRebuildKey = "y|rebuild";
    public const string YearsRebuiltKey = "yr";
    /// <summary>Where a journaled change writes the difference planned for a counters or years shard row, once.</summary>
    public static string DeltaKey(string shardKey, string operationId) =>
        shardKey.StartsWith(YearsPrefix, StringComparison.Ordinal) ? $"y|op|{operationId}" : CounterDeltaKey(operationId);
    public static string PersonIndexKey(string personKey) => $"p|{Safe(personKey)}";
    public static string GroupNameIndexKey(string groupName) => $"n|{Safe(VietnameseText.Fold(groupName))}";
    public const string IndexedKey = "ix";
    public static string GroupSummaryKey(string groupId) => $"gs|{groupId}";
    public static string SearchPartition(string wardId, string foldedText) => $"search|{wardId}|{foldedText[..Math.Min(2, foldedText.Length)]}";
    public static string SearchKey(string suffix, string memberId) => $"{Safe(suffix)}|{memberId}";
    public static string HistoryKey(string groupId, DateTimeOffset at) => $"h|{groupId}|{Inverted(at)}";
    public static string HistoryPrefix(string groupId) => $"h|{groupId}|";
    public static string WardAuditKey(DateTimeOffset at, string id) => $"a|{Inverted(at)}|{id}";
    public static string EntityAuditPartition(string wardId, string entityId) => $"audit|{wardId}|{Bucket(entityId):x}";
    public static string EntityAuditKey(string entityId, DateTimeOffset at, string id) => $"{entityId}|{Inverted(at)}|{id}";
    public static string EntityAuditPrefix(string entityId) => $"{entityId}|";

    /// <summary>A stable 0–15 bucket of an id (string.GetHashCode differs between processes).</summary>
    static int Bucket(string id) { unchecked { var h = 17; foreach (var c in id) h = h * 31 + c; return h & 0xF; } }
    public static string OperationKey(string operationId) => $"o|{operationId}";
    public static string JournalKey(string operationId) => $"j|{operationId}";
    /// <summary>A journal storage refused for good, set aside so that the ward's changes go on (see <see cref="RegisterStore.ResumeJournalsAsync"/>).</summary>
    public static string FailedJournalKey(string operationId) => $"jx|{operationId}";

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
