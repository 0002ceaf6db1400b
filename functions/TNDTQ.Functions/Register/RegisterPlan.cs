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

/// <summary>
/// What a change reads of its ward instead of the whole ward: <paramref name="GroupIds"/> (each with its summary and members),
/// the uniqueness index rows <paramref name="IndexKeys"/> (p|, n|) and the groups holding them. A change that moves
/// <paramref name="MemberIds"/> must find them in what was read, else it is redone on the whole ward (a member is found
/// by id only through its group).
/// </summary>
public sealed record ChangeScope(IReadOnlyCollection<string> GroupIds, IReadOnlyCollection<string> IndexKeys, IReadOnlyCollection<string>? MemberIds = null);

/// <summary>
/// A ward as loaded for a change: the whole ward (<see cref="Complete"/>), or one group and its members;
/// the ETags of the rows read; the uniqueness index rows read; the counter shard the change will add to.
/// </summary>
public sealed class LoadedWard(WardState state, Dictionary<string, ETag> etags, bool complete) : IWardIndex
{
    public WardState State { get; } = state;
    /// <summary>ETag by row key of every group, group summary and member row read.</summary>
    public Dictionary<string, ETag> ETags { get; } = etags;
    /// <summary>True when every group and member of the ward was read (and every index row).</summary>
    public bool Complete { get; } = complete;
    /// <summary>Index rows (p|, n|) read, by row key. A complete load has them all; a missing key means no row.</summary>
    public Dictionary<string, IndexEntry> Index { get; } = new(StringComparer.Ordinal);
    /// <summary>Names of groups not loaded that hold an index row the change met (for messages).</summary>
    public Dictionary<string, string> OtherGroupNames { get; } = new(StringComparer.Ordinal);
    public CounterShard? Shard { get; set; }
    /// <summary>The per-year figures shard the change will add to (the same shard number as <see cref="Shard"/>).</summary>
    public YearsShard? YearsShard { get; set; }

    public ETag GroupETag(string groupId) => ETags[RegisterTable.GroupKey(groupId)];
    public ETag MemberETag(Member m) => ETags[RegisterTable.MemberKey(m.GroupId, m.Id)];

    public IndexEntry IndexRow(string rowKey) => Index.GetValueOrDefault(rowKey) ?? IndexEntry.None;

    /// <summary>Who else holds a person key, as the index says, when that holder is not in the loaded state (else the state says).</summary>
    public (string MemberId, string GroupId)? PersonHolder(string personKey) =>
        IndexRow(RegisterTable.PersonIndexKey(personKey)) is { Holder.Length: > 0 } e && !State.Members.ContainsKey(e.Holder) ? (e.Holder, e.GroupId ?? "") : null;

    public string? GroupNameHolder(string groupName) =>
        IndexRow(RegisterTable.GroupNameIndexKey(groupName)) is { Holder.Length: > 0 } e && !State.Groups.ContainsKey(e.Holder) ? e.Holder : null;

    public string GroupName(string groupId) => State.Groups.GetValueOrDefault(groupId)?.Name ?? OtherGroupNames.GetValueOrDefault(groupId) ?? groupId;
}

/// <summary>What the rules know beyond the state they check: holders of person keys and group names elsewhere in the ward.</summary>
public interface IWardIndex
{
    (string MemberId, string GroupId)? PersonHolder(string personKey);
    string? GroupNameHolder(string groupName);
    string GroupName(string groupId);
}

/// <summary>An index row as read: its holder ("" for nobody), the holder's group (person keys), and ETag (null: no row).</summary>
public sealed record IndexEntry(string Holder, string? GroupId, ETag? ETag)
{
    public static readonly IndexEntry None = new("", null, null);
}

/// <summary>The counter shard a change adds its difference to, as read.</summary>
public sealed record CounterShard(string RowKey, WardCounters Value, ETag? ETag);

/// <summary>The per-year figures shard a change adds its difference to, as read.</summary>
public sealed record YearsShard(string RowKey, RegisterYears Value, ETag? ETag);

/// <summary>What an operation is, for the audit log (<paramref name="Structural"/>: what a structural change says beyond its rows).</summary>
public sealed record OperationInfo(string OperationId, Actor Actor, DateTimeOffset At, string Description, string? Result = null,
    StructuralInfo? Structural = null)
{
    /// <summary>The day the operation counts in when its records carry no date (<see cref="RegisterYears.Of"/>).</summary>
    public DateOnly On => RegisterYears.DayOf(At, Structural?.On);
}

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

        // Search rows: derived from the state, so computed for before and after and diffed.
        var touchedGroups = TouchedGroups(before, next, changedGroups, changedMembers);
        var changedGroupSet = changedGroups.ToHashSet();
        var indexMembers = changedMembers.Concat(next.Members.Values.Where(m => changedGroupSet.Contains(m.GroupId)).Select(m => m.Id)).Distinct().ToList();
        var oldIndex = SearchRows(before, indexMembers);
        var newIndex = SearchRows(next, indexMembers);
        foreach (var key in oldIndex.Keys.Except(newIndex.Keys))
            writes.Add(new(WriteKind.Delete, key.RowKey, null, "*", WriteRole.Derived, key.Partition));
        foreach (var (key, props) in newIndex)
            if (!oldIndex.TryGetValue(key, out var oldProps) || !SameProperties(oldProps, props))
                writes.Add(new(WriteKind.Upsert, key.RowKey, props, null, WriteRole.Derived, key.Partition));

        // Group summaries: rewritten for every group the change touches, ETag-checked, so two changes to one group
        // serialise here (its rules — one leader, a closed group has no members — are checked on a current picture).
        foreach (var groupId in touchedGroups)
        {
            var key = RegisterTable.GroupSummaryKey(groupId);
            var etag = loaded.ETags.TryGetValue(key, out var e) ? e.ToString() : null;
            if (!next.Groups.ContainsKey(groupId))
            {
                if (etag is not null) writes.Add(new(WriteKind.Delete, key, null, etag, WriteRole.Primary));
                continue;
            }
            var props = new Dictionary<string, object?> { ["Data"] = TableRows.ToJson(GroupSummary.Of(next, groupId)) };
            writes.Add(etag is null ? new(WriteKind.Insert, key, props, null, WriteRole.Primary) : new(WriteKind.Replace, key, props, etag, WriteRole.Primary));
        }

        // Uniqueness indexes: a person key is held by one active member, a group name by one active group. Taking a key is
        // an insert, or a replace under the ETag read, so two changes taking the same key cannot both land.
        foreach (var (key, wanted) in IndexHolders(before, next, changedGroups, changedMembers))
        {
            var current = loaded.IndexRow(key);
            if (current.Holder == wanted.Holder && current.GroupId == wanted.GroupId) continue;
            if (wanted.Holder.Length == 0 && current.Holder != wanted.ReleasedBy) continue; // not ours to release
            var props = new Dictionary<string, object?> { ["Holder"] = wanted.Holder, ["GroupId"] = wanted.GroupId };
            writes.Add(current.ETag is { } etag ? new(WriteKind.Replace, key, props, etag.ToString(), WriteRole.Primary) : new(WriteKind.Insert, key, props, null, WriteRole.Primary));
        }

        // History: a snapshot of every group whose picture changed.
        foreach (var groupId in touchedGroups.Where(next.Groups.ContainsKey))
        {
            var snapshot = next.Snapshot(groupId, op.At, op.Actor.DisplayName);
            var previous = before.Groups.ContainsKey(groupId) ? before.Snapshot(groupId, op.At, op.Actor.DisplayName) : null;
            if (previous is not null && previous.Group == snapshot.Group && previous.Members.SequenceEqual(snapshot.Members)) continue;
            writes.Add(new(WriteKind.Upsert, RegisterTable.HistoryKey(groupId, op.At),
                new() { ["Data"] = TableRows.ToJson(snapshot), ["ValidFrom"] = op.At }, null, WriteRole.Log));
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

        // Counters: the change's difference, added to one counter shard under its ETag (a retry is cheap: another shard, likely free).
        var delta = WardCounters.Recount(changedGroups.Select(next.Groups.GetValueOrDefault).OfType<Group>(), changedMembers.Select(next.Members.GetValueOrDefault).OfType<Member>())
            - WardCounters.Recount(changedGroups.Select(before.Groups.GetValueOrDefault).OfType<Group>(), changedMembers.Select(before.Members.GetValueOrDefault).OfType<Member>());
        if (delta != WardCounters.Zero)
        {
            var shard = loaded.Shard ?? throw new InvalidOperationException("A change of the counters needs the counter shard read.");
            var counters = new Dictionary<string, object?> { ["Data"] = TableRows.ToJson(shard.Value + delta), ["Delta"] = TableRows.ToJson(delta), ["UpdatedAt"] = op.At };
            writes.Add(shard.ETag is { } ce
                ? new(WriteKind.Replace, shard.RowKey, counters, ce.ToString(), WriteRole.Counters)
                : new(WriteKind.Insert, shard.RowKey, counters, null, WriteRole.Counters));
        }

        // Per-year figures: the same way, to the years shard of the same number (a consolidation moves these and no counter).
        var years = RegisterYears.Of(
            changedGroups.Select(id => (before.Groups.GetValueOrDefault(id), next.Groups.GetValueOrDefault(id))).ToList(),
            changedMembers.Select(id => (before.Members.GetValueOrDefault(id), next.Members.GetValueOrDefault(id))).ToList(),
            op.Structural?.Consolidated ?? [], op.On);
        if (!years.IsZero)
        {
            var shard = loaded.YearsShard ?? throw new InvalidOperationException("A change of the per-year figures needs the years shard read.");
            var row = new Dictionary<string, object?> { ["Data"] = TableRows.ToJson(shard.Value.Plus(years)), ["Delta"] = TableRows.ToJson(years), ["UpdatedAt"] = op.At };
            writes.Add(shard.ETag is { } ye
                ? new(WriteKind.Replace, shard.RowKey, row, ye.ToString(), WriteRole.Counters)
                : new(WriteKind.Insert, shard.RowKey, row, null, WriteRole.Counters));
        }

        // The operation marker: applying the same operation twice fails here, harmlessly. "Years": its per-year figures are kept
        // (so the one-off rebuild of older history leaves it out).
        writes.Add(new(WriteKind.Insert, RegisterTable.OperationKey(op.OperationId),
            new() { ["At"] = op.At, ["Description"] = op.Description, ["ActorId"] = op.Actor.ObjectId, ["Result"] = op.Result, ["Years"] = true }, null, WriteRole.Marker));
        return writes;
    }

    /// <summary>Groups whose picture a change may alter: the changed groups, and the groups changed members were and are in.</summary>
    public static List<string> TouchedGroups(WardState before, WardState next, IEnumerable<string> changedGroups, IEnumerable<string> changedMembers) =>
        changedGroups.Concat(changedMembers.SelectMany(id => new[] { before.Members.GetValueOrDefault(id)?.GroupId, next.Members.GetValueOrDefault(id)?.GroupId }))
            .OfType<string>().Distinct().ToList();

    /// <summary>A uniqueness index row as a change wants it: held by <paramref name="Holder"/> ("": released by <paramref name="ReleasedBy"/>).</summary>
    public sealed record WantedIndex(string Holder, string? GroupId, string? ReleasedBy);

    /// <summary>
    /// The uniqueness index rows (row key → wanted holder) a change affects: the person keys of changed members and the
    /// names of changed groups, before (released) and after (held, while active).
    /// </summary>
    public static Dictionary<string, WantedIndex> IndexHolders(WardState before, WardState next, IEnumerable<string> changedGroups, IEnumerable<string> changedMembers)
    {
        var rows = new Dictionary<string, WantedIndex>(StringComparer.Ordinal);
        foreach (var id in changedMembers)
        {
            if (before.Members.GetValueOrDefault(id) is { IsActive: true } old)
                foreach (var k in PersonKey.All(old)) rows.TryAdd(RegisterTable.PersonIndexKey(k), new("", null, id)); // unless another takes it
            if (next.Members.GetValueOrDefault(id) is { IsActive: true } now)
                foreach (var k in PersonKey.All(now)) rows[RegisterTable.PersonIndexKey(k)] = new(id, now.GroupId, null);
        }
        foreach (var id in changedGroups)
        {
            if (before.Groups.GetValueOrDefault(id) is { Status: GroupStatus.Active } old) rows.TryAdd(RegisterTable.GroupNameIndexKey(old.Name), new("", null, id));
            if (next.Groups.GetValueOrDefault(id) is { Status: GroupStatus.Active } now) rows[RegisterTable.GroupNameIndexKey(now.Name)] = new(id, null, null);
        }
        return rows;
    }

    /// <summary>Every uniqueness index row a whole ward has (for building the indexes).</summary>
    public static Dictionary<string, WantedIndex> AllIndexHolders(WardState state) =>
        IndexHolders(new WardState(state.WardId, [], []), state, state.Groups.Keys, state.Members.Keys);

    static IEnumerable<string> Changed<T>(Dictionary<string, T> before, Dictionary<string, T> after) where T : class =>
        before.Keys.Union(after.Keys).Where(id => !Equals(before.GetValueOrDefault(id), after.GetValueOrDefault(id)));

    public static Dictionary<string, object?> GroupRow(Group g, OperationInfo op) => new()
    {
        ["Kind"] = "group",
        ["Status"] = TableRows.Kebab(g.Status),
        ["Data"] = TableRows.ToJson(g),
        ["UpdatedAt"] = op.At,
        ["UpdatedBy"] = op.Actor.DisplayName,
    };

    public static Dictionary<string, object?> MemberRow(Member m, OperationInfo op) => new()
    {
        ["Kind"] = "member",
        ["GroupId"] = m.GroupId,
        ["Status"] = TableRows.Kebab(m.Status),
        ["Role"] = TableRows.Kebab(m.Role),
        ["Data"] = TableRows.ToJson(m),
        ["UpdatedAt"] = op.At,
        ["UpdatedBy"] = op.Actor.DisplayName,
    };

    /// <summary>The search rows that the given members have in a state.</summary>
    static Dictionary<(string? Partition, string RowKey), Dictionary<string, object?>> SearchRows(WardState state, IEnumerable<string> memberIds)
    {
        var rows = new Dictionary<(string?, string), Dictionary<string, object?>>();
        foreach (var m in memberIds.Select(id => state.Members.GetValueOrDefault(id)).OfType<Member>())
        {
            var groupName = state.Groups.GetValueOrDefault(m.GroupId)?.Name ?? "";
            foreach (var suffix in VietnameseText.WordSuffixes(VietnameseText.Fold(m.FullName)))
                rows[(RegisterTable.SearchPartition(state.WardId, suffix), RegisterTable.SearchKey(suffix, m.Id))] = new()
                {
                    ["MemberId"] = m.Id, ["GroupId"] = m.GroupId, ["GroupName"] = groupName, ["FullName"] = m.FullName,
                    ["Role"] = TableRows.Kebab(m.Role), ["Status"] = TableRows.Kebab(m.Status), ["BirthYear"] = m.BirthYear,
                };
        }
        return rows;
    }

    static bool SameProperties(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v));
}
