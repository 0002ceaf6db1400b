using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Meetings;

/// <summary>A change of the inbox that a meeting write owes: list an agreed task (or move its deadline), or take it off.</summary>
public sealed record TaskChange(OpenStep Step, bool Remove, DateTimeOffset? PreviousDue);

/// <summary>One audit line of the ward's meetings.</summary>
public sealed record MeetingAudit(DateTimeOffset At, string ActorId, string ActorName, string Action, string MeetingId, int Version, string Description, string OperationId);

/// <summary>Everything one request writes, committed as one transaction of the ward's partition.</summary>
public sealed record MeetingWrite(
    string OperationId, Meeting Meeting, ETag? MeetingETag, Meeting? PreviousVersion,
    GroupMeetingCounters? GroupCounters, ETag? GroupCountersETag, WardMeetingCounters? WardCounters, ETag? WardCountersETag,
    MeetingAudit Audit, IReadOnlyList<TaskChange> Outbox);

/// <summary>The row named changed since it was read: the caller's meeting (412) or a counter row (reload and try again).</summary>
public sealed class MeetingWriteConflict(string rowKey) : Exception($"Row {rowKey} changed since it was read.")
{
    public string RowKey { get; } = rowKey;
    public bool IsMeeting => RowKey.StartsWith("m|", StringComparison.Ordinal);
}

/// <summary>The request (its x-requestid) was applied before; <see cref="MeetingId"/> is the meeting it wrote.</summary>
public sealed class MeetingAlreadyApplied(string meetingId) : Exception($"Already applied to meeting {meetingId}.")
{
    public string MeetingId { get; } = meetingId;
}

public sealed record Stored<T>(T Value, ETag ETag);

/// <summary>
/// Table <c>Meetings</c>: PartitionKey = ward id, so everything one request writes — the meeting,
/// its earlier version, the group's and the ward's counters, the operation marker, the audit line
/// and the outbox of inbox changes — is ONE entity-group transaction: all of it lands or none of it
/// does, whatever crashes when. Row keys:
/// <code>
/// m|{meetingId}            a meeting, current version (JSON in Data…, list columns beside it)
/// v|{meetingId}|{version}  an earlier version, kept when the meeting is corrected (D4: oldest first)
/// gc|{groupId}             a group's meeting counters (every meeting's date and kind: last meeting, per year)
/// wc                       the ward's counters (per year; each group's last meeting date)
/// o|{operationId}          a request applied (x-requestid): a retry finds it and writes nothing
/// a|{inverted ticks}|{op}  audit, newest first
/// j|{operationId}          outbox: agreed tasks still to list in (or take off) the inbox and the due index
/// ly|, lg|, ls|            the list's rows (<see cref="ListAsync"/>), in the meeting's transaction
/// </code>
/// The outbox row is written in the transaction and removed once its inbox writes are made; a crash in
/// between is finished by <see cref="PendingOutboxesAsync"/> before the ward's next meeting write and by the
/// daily scan. Minutes are blobs in <c>meetings/{wardId}/{meetingId}/…</c>.
/// </summary>
public sealed class MeetingStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Meetings";
    public const string Container = "meetings";
    readonly JsonTable storage = new(tables, TableName);
    readonly BlobFiles files = new(blobs, Container);

    public static string MeetingKey(string id) => $"m|{id}";
    static string VersionKey(string id, int version) => $"v|{id}|{version:D4}";
    static string GroupCountersKey(string groupId) => $"gc|{groupId}";
    const string WardCountersKey = "wc";
    static string OperationKey(string op) => $"o|{op}";
    static string OutboxKey(string op) => $"j|{op}";

    /// <summary>Fault injection for tests: runs after the transaction landed and before its outbox is applied (throw to simulate a crash).</summary>
    internal Func<Task>? AfterCommit { get; set; }

    public async Task<Stored<Meeting>?> GetAsync(string wardId, string meetingId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, MeetingKey(meetingId), cancellationToken: ct);
        return row.HasValue ? new Stored<Meeting>(JsonTable.Read<Meeting>(row.Value!), row.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<Meeting>> VersionsAsync(string wardId, string meetingId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var list = new List<Meeting>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(wardId, $"v|{meetingId}|"), cancellationToken: ct))
            list.Add(JsonTable.Read<Meeting>(e));
        return list;
    }

    // ---- the list: rows that make the year, the group and the scope a range of keys ------------------

    /// <summary>
    /// A meeting's list rows, beside it in the ward's partition and written in its transaction (the list columns, no document):
    /// <c>ly|{year}|{newest first}|{id}</c>, <c>lg|{group}|{year}|…</c> (a group's meeting), <c>ls|{scope}|{year}|…</c>; newest first is
    /// 99999999 minus the date as yyyyMMdd.
    /// </summary>
    static IEnumerable<string> ListKeys(Meeting m)
    {
        var tail = $"{m.Date.Year}|{99999999 - int.Parse(m.Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)):D8}|{m.Id}";
        // A removed meeting is only in the year's list of removed minutes (lx|…).
        if (m.Removed is not null) { yield return $"lx|{tail}"; yield break; }
        yield return $"ly|{tail}";
        if (m.GroupId is { } g) yield return $"lg|{g}|{tail}";
        yield return $"ls|{m.Scope}|{tail}";
    }

    static TableEntity Columns(TableEntity e, Meeting m)
    {
        e["Scope"] = m.Scope; e["GroupId"] = m.GroupId; e["GroupName"] = m.GroupName; e["Date"] = m.Date.ToString("yyyy-MM-dd"); e["Year"] = m.Date.Year;
        e["Kind"] = m.Kind; e["Chair"] = m.Chair; e["Present"] = m.Attendance.Count(a => a.Status == AttendanceStatus.Present); e["Attendees"] = m.Attendance.Count;
        e["TasksOpen"] = m.Tasks.Count(t => !t.Done); e["TasksTotal"] = m.Tasks.Count; e["HasMinutes"] = m.Minutes.Count > 0; e["Version"] = m.Version;
        return e;
    }

    static TableEntity ListRow(string wardId, string key, Meeting m)
    {
        var e = Columns(new TableEntity(wardId, key), m);
        e["MeetingId"] = m.Id;
        return e;
    }

    /// <summary>Marks a meeting row whose list rows are written.</summary>
    const string ListedProperty = "Listed";
    const string ListedMarkKey = "l-listed";

    /// <summary>
    /// One page of the ward's meetings of a year (list columns only), newest first, optionally of one group or one scope: one range of
    /// list rows, at most <paramref name="pageSize"/> read. <paramref name="token"/> is the API's (null: the first page), valid only for
    /// this list and these filters (a 400 otherwise).
    /// </summary>
    /// <remarks><paramref name="removed"/>: the year's removed minutes instead (the filters do not apply to them).</remarks>
    public async Task<PageResult<MeetingRow>> ListAsync(string wardId, int year, string? groupId, string? scope, string? token, int pageSize, CancellationToken ct,
        bool removed = false)
    {
        var table = await storage.ClientAsync();
        if (removed) (groupId, scope) = (null, null);
        var prefix = removed ? $"lx|{year}|" : groupId is not null ? $"lg|{groupId}|{year}|" : scope is not null ? $"ls|{scope}|{year}|" : $"ly|{year}|";
        var filter = TableRows.PrefixFilter(wardId, prefix);
        if (groupId is not null && scope is not null) filter += " and " + TableClient.CreateQueryFilter($"Scope eq {scope}");
        var check = $"meetings|{wardId}|{filter}";
        var (rows, next) = await JsonTable.OnePageAsync(table, filter, ContinuationToken.Decode(token, check), pageSize, ct);
        return new PageResult<MeetingRow>(rows.Select(e => new MeetingRow(e.GetString("MeetingId") ?? "", e.GetString("Scope") ?? "", e.GetString("GroupId"),
            e.GetString("GroupName"), DateOnly.ParseExact(e.GetString("Date")!, "yyyy-MM-dd"), e.GetString("Kind") ?? "", e.GetString("Chair") ?? "",
            e.GetInt32("Present") ?? 0, e.GetInt32("Attendees") ?? 0, e.GetInt32("TasksOpen") ?? 0, e.GetInt32("TasksTotal") ?? 0,
            e.GetBoolean("HasMinutes") ?? false, e.GetInt32("Version") ?? 1)).ToList(), ContinuationToken.Encode(next, check));
    }

    /// <summary>
    /// The one-off listing of a ward's meetings recorded before they had list rows: each meeting's rows in a transaction with its own row
    /// (ETag-checked and marked <c>Listed</c>; a meeting changed meanwhile was listed by that change), then the mark <c>l-listed</c>.
    /// False when the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RebuildListAsync(string wardId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        if ((await table.GetEntityIfExistsAsync<TableEntity>(wardId, ListedMarkKey, cancellationToken: ct)).HasValue) return false;
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(wardId, "m|"), cancellationToken: ct))
        {
            if (e.GetBoolean(ListedProperty) == true) continue;
            var m = JsonTable.Read<Meeting>(e);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateMerge, new TableEntity(wardId, e.RowKey) { [ListedProperty] = true }, e.ETag),
            };
            actions.AddRange(ListKeys(m).Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ListRow(wardId, k, m))));
            try { await table.SubmitTransactionAsync(actions, ct); }
            catch (TableTransactionFailedException x) when (x.Status is 412 or 404) { } // changed meanwhile: that change listed it
        }
        await table.UpsertEntityAsync(new TableEntity(wardId, ListedMarkKey), cancellationToken: ct);
        return true;
    }

    public async Task<Stored<GroupMeetingCounters>?> GroupCountersAsync(string wardId, string groupId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, GroupCountersKey(groupId), cancellationToken: ct);
        return row.HasValue ? new Stored<GroupMeetingCounters>(JsonTable.Read<GroupMeetingCounters>(row.Value!), row.Value!.ETag) : null;
    }

    public async Task<Stored<WardMeetingCounters>?> WardCountersAsync(string wardId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, WardCountersKey, cancellationToken: ct);
        return row.HasValue ? new Stored<WardMeetingCounters>(JsonTable.Read<WardMeetingCounters>(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>The meeting a request wrote, when that request was applied before (null: it was not).</summary>
    public async Task<string?> AppliedAsync(string wardId, string operationId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, OperationKey(operationId), cancellationToken: ct);
        return row.HasValue ? row.Value!.GetString("MeetingId") : null;
    }

    /// <summary>
    /// Commits one request's rows in one transaction (the marker first, so a retried request fails on
    /// it and is recognised), then applies its outbox with <paramref name="applyOutbox"/> and removes the outbox row.
    /// </summary>
    public async Task CommitAsync(string wardId, MeetingWrite w, Func<IReadOnlyList<TaskChange>, Task> applyOutbox, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var m = w.Meeting;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(wardId, OperationKey(w.OperationId)) { ["MeetingId"] = m.Id, ["At"] = w.Audit.At }),
        };
        var meeting = Columns(new TableEntity(wardId, MeetingKey(m.Id)), m);
        PutJson(meeting, "Data", TableRows.ToJson(m));
        meeting[ListedProperty] = true;
        actions.Add(w.MeetingETag is { } etag ? new(TableTransactionActionType.UpdateReplace, meeting, etag) : new(TableTransactionActionType.Add, meeting));
        // Its list rows, and the ones a correction of its date (or group) leaves behind, when the meeting had them.
        var keys = ListKeys(m).ToHashSet(StringComparer.Ordinal);
        var stale = w.PreviousVersion is { } before ? ListKeys(before).Where(k => !keys.Contains(k)).ToList() : [];
        if (stale.Count > 0 && (await table.GetEntityIfExistsAsync<TableEntity>(wardId, stale[0], select: ["RowKey"], cancellationToken: ct)).HasValue)
            actions.AddRange(stale.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(wardId, k), ETag.All)));
        actions.AddRange(keys.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ListRow(wardId, k, m))));
        if (w.PreviousVersion is { } previous)
        {
            var v = new TableEntity(wardId, VersionKey(m.Id, previous.Version));
            PutJson(v, "Data", TableRows.ToJson(previous));
            actions.Add(new(TableTransactionActionType.Add, v));
        }
        if (w.GroupCounters is { } gc) actions.Add(Counter(wardId, GroupCountersKey(gc.GroupId), gc, w.GroupCountersETag));
        if (w.WardCounters is { } wc) actions.Add(Counter(wardId, WardCountersKey, wc, w.WardCountersETag));
        var a = w.Audit;
        actions.Add(new(TableTransactionActionType.Add, new TableEntity(wardId, $"a|{TableRows.Inverted(a.At)}|{a.OperationId}")
        {
            ["At"] = a.At, ["ActorId"] = a.ActorId, ["ActorName"] = a.ActorName, ["Action"] = a.Action, ["MeetingId"] = a.MeetingId,
            ["Version"] = a.Version, ["Description"] = a.Description, ["OperationId"] = a.OperationId,
        }));
        if (w.Outbox.Count > 0)
        {
            var outbox = new TableEntity(wardId, OutboxKey(w.OperationId));
            PutJson(outbox, "Outbox", TableRows.ToJson(w.Outbox));
            actions.Add(new(TableTransactionActionType.Add, outbox));
        }
        // Nothing storage would refuse is sent: the limits at the edge keep every meeting far below this.
        if (actions.Select(x => StorageLimits.Problem(x.Entity.RowKey, (TableEntity)x.Entity)).Any(p => p is not null)) throw StorageLimits.TooLarge();

        try
        {
            await table.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } i && i < actions.Count)
        {
            var key = actions[i].Entity.RowKey;
            if (i == 0 && e.Status == 409) throw new MeetingAlreadyApplied(await AppliedAsync(wardId, w.OperationId, ct) ?? m.Id);
            if (e.Status is 404 or 409 or 412 && (key.StartsWith("m|") || key.StartsWith("gc|") || key == WardCountersKey || key.StartsWith("v|")))
                throw new MeetingWriteConflict(key);
            throw;
        }
        if (w.Outbox.Count == 0) return;
        if (AfterCommit is { } crash) await crash();
        await applyOutbox(w.Outbox);
        await DeleteOutboxAsync(wardId, w.OperationId, ct);
    }

    static TableTransactionAction Counter<T>(string wardId, string key, T value, ETag? etag)
    {
        var e = new TableEntity(wardId, key);
        PutJson(e, "Data", TableRows.ToJson(value));
        return etag is { } t ? new(TableTransactionActionType.UpdateReplace, e, t) : new(TableTransactionActionType.Add, e);
    }

    /// <summary>Outboxes a crash left behind: (operation id, inbox changes still to make).</summary>
    public async Task<IReadOnlyList<(string OperationId, IReadOnlyList<TaskChange> Changes)>> PendingOutboxesAsync(string wardId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var list = new List<(string, IReadOnlyList<TaskChange>)>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(wardId, "j|"), cancellationToken: ct))
            list.Add((e.RowKey["j|".Length..], TableRows.FromJson<List<TaskChange>>(ReadJson(e, "Outbox"))));
        return list;
    }

    public async Task DeleteOutboxAsync(string wardId, string operationId, CancellationToken ct)
    {
        try { await storage.Client.DeleteEntityAsync(wardId, OutboxKey(operationId), ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>Every meeting of the ward that counts (removed ones left out), read whole: only for the recount check, never for figures.</summary>
    public async Task<IReadOnlyList<Meeting>> AllForRecountAsync(string wardId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var list = new List<Meeting>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(wardId, "m|"), cancellationToken: ct))
            if (JsonTable.Read<Meeting>(e) is { Removed: null } m) list.Add(m);
        return list;
    }

    public Task<string> PutFileAsync(string name, byte[] content, string contentType) => files.PutAsync(name, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetFileAsync(string name) => files.GetAsync(name);

    static void PutJson(TableEntity e, string name, string json) => JsonTable.PutJson(e, name, json);

    static string ReadJson(TableEntity e, string name) => JsonTable.ReadJson(e, name);
}

/// <summary>A meeting's list columns.</summary>
public sealed record MeetingRow(string Id, string Scope, string? GroupId, string? GroupName, DateOnly Date, string Kind, string Chair, int Present, int Attendees,
    int TasksOpen, int TasksTotal, bool HasMinutes, int Version);
