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
    /// <summary>The levels of local government (row key = level id) and the approving units (row key = unit id): docs/units.md.</summary>
    public const string LevelsPartition = "levels", UnitsPartition = "units";

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
    public static string PersonIndexKey(string personKey) => $"p|{TableRows.Safe(personKey)}";
    public static string GroupNameIndexKey(string groupName) => $"n|{TableRows.Safe(VietnameseText.Fold(groupName))}";
    public const string IndexedKey = "ix";
    public static string GroupSummaryKey(string groupId) => $"gs|{groupId}";
    public static string SearchPartition(string wardId, string foldedText) => $"search|{wardId}|{foldedText[..Math.Min(2, foldedText.Length)]}";
    public static string SearchKey(string suffix, string memberId) => $"{TableRows.Safe(suffix)}|{memberId}";
    public static string HistoryKey(string groupId, DateTimeOffset at) => $"h|{groupId}|{TableRows.Inverted(at)}";
    public static string HistoryPrefix(string groupId) => $"h|{groupId}|";
    public static string WardAuditKey(DateTimeOffset at, string id) => $"a|{TableRows.Inverted(at)}|{id}";
    public static string EntityAuditPartition(string wardId, string entityId) => $"audit|{wardId}|{Bucket(entityId):x}";
    public static string EntityAuditKey(string entityId, DateTimeOffset at, string id) => $"{entityId}|{TableRows.Inverted(at)}|{id}";
    public static string EntityAuditPrefix(string entityId) => $"{entityId}|";

    /// <summary>A stable 0–15 bucket of an id (string.GetHashCode differs between processes).</summary>
    static int Bucket(string id) { unchecked { var h = 17; foreach (var c in id) h = h * 31 + c; return h & 0xF; } }
    public static string OperationKey(string operationId) => $"o|{operationId}";
    public static string JournalKey(string operationId) => $"j|{operationId}";
    /// <summary>A journal storage refused for good, set aside so that the ward's changes go on (see <see cref="RegisterStore.ResumeJournalsAsync"/>).</summary>
    public static string FailedJournalKey(string operationId) => $"jx|{operationId}";
}
