using Azure;
using Tndtq.Shared;

namespace Tndtq.Register;

public enum WriteKind { Insert, Replace, Upsert, Delete }

/// <summary>What a write is for: decides how a failed batch is read (stale data, repeat, repairable index).</summary>
public enum WriteRole { Primary, Counters, Derived, Log, Marker }

/// <summary>
/// One row to write: in the ward's partition (<paramref name="Partition"/> null) or in another
/// partition of the table. Property values are string, int, long, bool or DateTimeOffset.
/// </summary>
public sealed record PlannedWrite(WriteKind Kind, string RowKey, Dictionary<string, object?>? Properties, string? ETag, WriteRole Role,
    string? Partition = null);

/// <summary>A ward as loaded: its state and the ETags of its rows.</summary>
public sealed class LoadedWard(WardState state, Dictionary<string, ETag> etags, ETag? countersETag)
{
    public WardState State { get; } = state;
    /// <summary>ETag by row key of every group and member row.</summary>
    public Dictionary<string, ETag> ETags { get; } = etags;
    public ETag? CountersETag { get; } = countersETag;

    public ETag GroupETag(string groupId) => ETags[RegisterTable.GroupKey(groupId)];
    public ETag MemberETag(Member m) => ETags[RegisterTable.MemberKey(m.GroupId, m.Id)];
}

/// <summary>What an operation is, for the audit log.</summary>
public sealed record OperationInfo(string OperationId, Actor Actor, DateTimeOffset At, string Description, string? Result = null);

/// <summary>
/// Turns "the ward before" and "the ward after" into the rows to write: changed groups and
/// members (ETag-checked), their index rows, group history snapshots, audit entries, counters and
/// the operation marker. The one place that knows how a change becomes rows.
/// </summary>
public static class RegisterPlan
{
    /// <summary>Above this many changed entities the ward audit gets one summary row instead of one per entity.</summary>
    const int DetailedWardAuditLimit = 50;

    public static List<PlannedWrite> Build(LoadedWard loaded, WardState next, OperationInfo op)
    {
        var before = loaded.State;
        var writes = new List<PlannedWrite>();
        var changedGroups = Changed(before.Groups, next.Groups).ToList();
        var changedMembers = Changed(before.Members, next.Members).ToList();
        if (changedGroups.Count == 0 && changedMembers.Count == 0) return writes;

        // Primary rows, each conditional on the ETag it was read with.
        foreach (var id in changedGroups)
        {
            var (old, now) = (before.Groups.GetValueOrDefault(id), next.Groups.GetValueOrDefault(id));
            var key = RegisterTable.GroupKey(id);
            writes.Add(old is null ? new(WriteKind.Insert, key, GroupRow(now!, op), null, WriteRole.Primary)
                : now is null ? new(WriteKind.Delete, key, null, loaded.ETags[key].ToString(), WriteRole.Primary)
                : new(WriteKind.Replace, key, GroupRow(now, op), loaded.ETags[key].ToString(), WriteRole.Primary));
        }
        foreach (var id in changedMembers)
        {
            var (old, now) = (before.Members.GetValueOrDefault(id), next.Members.GetValueOrDefault(id));
            var oldKey = old is null ? null : RegisterTable.MemberKey(old.GroupId, id);
            var newKey = now is null ? null : RegisterTable.MemberKey(now.GroupId, id);
            if (oldKey is not null && oldKey != newKey) writes.Add(new(WriteKind.Delete, oldKey, null, loaded.ETags[oldKey].ToString(), WriteRole.Primary));
            if (newKey is not null)
                writes.Add(oldKey == newKey
                    ? new(WriteKind.Replace, newKey, MemberRow(now!, op), loaded.ETags[oldKey!].ToString(), WriteRole.Primary)
                    : new(WriteKind.Insert, newKey, MemberRow(now!, op), null, WriteRole.Primary));
        }

        // Index rows: derived from the state, so computed for before and after and diffed.
        var touchedGroups = changedGroups
            .Concat(changedMembers.SelectMany(id => new[] { before.Members.GetValueOrDefault(id)?.GroupId, next.Members.GetValueOrDefault(id)?.GroupId }))
            .OfType<string>().Distinct().ToList();
        var changedGroupSet = changedGroups.ToHashSet();
        var indexMembers = changedMembers.Concat(next.Members.Values.Where(m => changedGroupSet.Contains(m.GroupId)).Select(m => m.Id)).Distinct().ToList();
        var oldIndex = IndexRows(before, indexMembers, touchedGroups);
        var newIndex = IndexRows(next, indexMembers, touchedGroups);
        foreach (var key in oldIndex.Keys.Except(newIndex.Keys))
            writes.Add(new(WriteKind.Delete, key.RowKey, null, "*", WriteRole.Derived, key.Partition));
        foreach (var (key, props) in newIndex)
            if (!oldIndex.TryGetValue(key, out var oldProps) || !SameProperties(oldProps, props))
                writes.Add(new(WriteKind.Upsert, key.RowKey, props, null, WriteRole.Derived, key.Partition));

        // History: a snapshot of every group whose picture changed.
        foreach (var groupId in touchedGroups.Where(next.Groups.ContainsKey))
        {
            var snapshot = next.Snapshot(groupId, op.At, op.Actor.DisplayName);
            var previous = before.Groups.ContainsKey(groupId) ? before.Snapshot(groupId, op.At, op.Actor.DisplayName) : null;
            if (previous is not null && previous.Group == snapshot.Group && previous.Members.SequenceEqual(snapshot.Members)) continue;
            writes.Add(new(WriteKind.Upsert, RegisterTable.HistoryKey(groupId, op.At),
                new() { ["Data"] = RegisterTable.ToJson(snapshot), ["ValidFrom"] = op.At }, null, WriteRole.Log));
        }

        // Audit: who, when, which entity, before and after.
        var entries = changedGroups.Select(id => Audit.Entry("group", id, id, before.Groups.GetValueOrDefault(id), next.Groups.GetValueOrDefault(id),
                next.Groups.GetValueOrDefault(id)?.Name ?? before.Groups[id].Name))
            .Concat(changedMembers.Select(id => Audit.Entry("member", id,
                (next.Members.GetValueOrDefault(id) ?? before.Members[id]).GroupId, before.Members.GetValueOrDefault(id), next.Members.GetValueOrDefault(id),
                (next.Members.GetValueOrDefault(id) ?? before.Members[id]).FullName)))
            .ToList();
        var n = 0;
        foreach (var e in entries)
        {
            var id = $"{op.OperationId}-{n++:D5}";
            var props = Audit.Row(e, op);
            writes.Add(new(WriteKind.Upsert, RegisterTable.EntityAuditKey(e.EntityId, op.At, id), props, null, WriteRole.Log,
                RegisterTable.EntityAuditPartition(next.WardId, e.EntityId)));
            if (entries.Count <= DetailedWardAuditLimit)
                writes.Add(new(WriteKind.Upsert, RegisterTable.WardAuditKey(op.At, id), new(props), null, WriteRole.Log));
        }
        if (entries.Count > DetailedWardAuditLimit)
            writes.Add(new(WriteKind.Upsert, RegisterTable.WardAuditKey(op.At, $"{op.OperationId}-summary"),
                Audit.SummaryRow(op, entries), null, WriteRole.Log));

        // Counters of the whole ward after the change; ETag-checked, so concurrent writers in one ward serialise here.
        var counters = new Dictionary<string, object?> { ["Data"] = RegisterTable.ToJson(next.Counters()), ["UpdatedAt"] = op.At };
        writes.Add(loaded.CountersETag is { } ce
            ? new(WriteKind.Replace, RegisterTable.CountersKey, counters, ce.ToString(), WriteRole.Counters)
            : new(WriteKind.Insert, RegisterTable.CountersKey, counters, null, WriteRole.Counters));

        // The operation marker: applying the same operation twice fails here, harmlessly.
        writes.Add(new(WriteKind.Insert, RegisterTable.OperationKey(op.OperationId),
            new() { ["At"] = op.At, ["Description"] = op.Description, ["ActorId"] = op.Actor.ObjectId, ["Result"] = op.Result }, null, WriteRole.Marker));
        return writes;
    }

    static IEnumerable<string> Changed<T>(Dictionary<string, T> before, Dictionary<string, T> after) where T : class =>
        before.Keys.Union(after.Keys).Where(id => !Equals(before.GetValueOrDefault(id), after.GetValueOrDefault(id)));

    public static Dictionary<string, object?> GroupRow(Group g, OperationInfo op) => new()
    {
        ["Kind"] = "group",
        ["Status"] = RegisterTable.Kebab(g.Status),
        ["Data"] = RegisterTable.ToJson(g),
        ["UpdatedAt"] = op.At,
        ["UpdatedBy"] = op.Actor.DisplayName,
    };

    public static Dictionary<string, object?> MemberRow(Member m, OperationInfo op) => new()
    {
        ["Kind"] = "member",
        ["GroupId"] = m.GroupId,
        ["Status"] = RegisterTable.Kebab(m.Status),
        ["Role"] = RegisterTable.Kebab(m.Role),
        ["Data"] = RegisterTable.ToJson(m),
        ["UpdatedAt"] = op.At,
        ["UpdatedBy"] = op.Actor.DisplayName,
    };

    /// <summary>The index rows that the given groups and members have in a state.</summary>
    static Dictionary<(string? Partition, string RowKey), Dictionary<string, object?>> IndexRows(WardState state, IEnumerable<string> memberIds,
        IEnumerable<string> summaryGroupIds)
    {
        var rows = new Dictionary<(string?, string), Dictionary<string, object?>>();
        foreach (var g in summaryGroupIds.Where(state.Groups.ContainsKey))
            rows[(null, RegisterTable.GroupSummaryKey(g))] = new() { ["Data"] = RegisterTable.ToJson(GroupSummary.Of(state, g)) };
        foreach (var m in memberIds.Select(id => state.Members.GetValueOrDefault(id)).OfType<Member>())
        {
            var groupName = state.Groups.GetValueOrDefault(m.GroupId)?.Name ?? "";
            foreach (var suffix in VietnameseText.WordSuffixes(VietnameseText.Fold(m.FullName)))
                rows[(RegisterTable.SearchPartition(state.WardId, suffix), RegisterTable.SearchKey(suffix, m.Id))] = new()
                {
                    ["MemberId"] = m.Id, ["GroupId"] = m.GroupId, ["GroupName"] = groupName, ["FullName"] = m.FullName,
                    ["Role"] = RegisterTable.Kebab(m.Role), ["Status"] = RegisterTable.Kebab(m.Status), ["BirthYear"] = m.BirthYear,
                };
        }
        return rows;
    }

    static bool SameProperties(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v));
}
