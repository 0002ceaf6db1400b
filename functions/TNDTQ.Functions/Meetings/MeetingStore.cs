using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Register;
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
/// </code>
/// The outbox row is written in the transaction and removed once its inbox writes are made; a crash in
/// between is finished by <see cref="PendingOutboxesAsync"/> before the ward's next meeting write and by the
/// daily scan. Minutes are blobs in <c>meetings/{wardId}/{meetingId}/…</c>.
/// </summary>
public sealed class MeetingStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Meetings";
    public const string Container = "meetings";
    readonly TableClient table = tables.GetTableClient(TableName);
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
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, MeetingKey(meetingId), cancellationToken: ct);
        return row.HasValue ? new Stored<Meeting>(RegisterTable.FromJson<Meeting>(ReadJson(row.Value!, "Data")), row.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<Meeting>> VersionsAsync(string wardId, string meetingId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var list = new List<Meeting>();
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.PrefixFilter(wardId, $"v|{meetingId}|"), cancellationToken: ct))
            list.Add(RegisterTable.FromJson<Meeting>(ReadJson(e, "Data")));
        return list;
    }

    /// <summary>The ward's meetings of one year (list columns only), optionally of one group or one scope.</summary>
    public async Task<IReadOnlyList<MeetingRow>> ListAsync(string wardId, int year, string? groupId, string? scope, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var filter = RegisterTable.PrefixFilter(wardId, "m|") + " and " + TableClient.CreateQueryFilter($"Year eq {year}");
        if (groupId is not null) filter += " and " + TableClient.CreateQueryFilter($"GroupId eq {groupId}");
        if (scope is not null) filter += " and " + TableClient.CreateQueryFilter($"Scope eq {scope}");
        var list = new List<MeetingRow>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ListColumns, cancellationToken: ct))
            list.Add(new MeetingRow(e.RowKey["m|".Length..], e.GetString("Scope") ?? "", e.GetString("GroupId"), e.GetString("GroupName"),
                DateOnly.ParseExact(e.GetString("Date")!, "yyyy-MM-dd"), e.GetString("Kind") ?? "", e.GetString("Chair") ?? "", e.GetInt32("Present") ?? 0,
                e.GetInt32("Attendees") ?? 0, e.GetInt32("TasksOpen") ?? 0, e.GetInt32("TasksTotal") ?? 0, e.GetBoolean("HasMinutes") ?? false, e.GetInt32("Version") ?? 1));
        return list;
    }

    static readonly string[] ListColumns = ["RowKey", "Scope", "GroupId", "GroupName", "Date", "Kind", "Chair", "Present", "Attendees", "TasksOpen", "TasksTotal", "HasMinutes", "Version"];

    public async Task<Stored<GroupMeetingCounters>?> GroupCountersAsync(string wardId, string groupId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, GroupCountersKey(groupId), cancellationToken: ct);
        return row.HasValue ? new Stored<GroupMeetingCounters>(RegisterTable.FromJson<GroupMeetingCounters>(ReadJson(row.Value!, "Data")), row.Value!.ETag) : null;
    }

    public async Task<Stored<WardMeetingCounters>?> WardCountersAsync(string wardId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, WardCountersKey, cancellationToken: ct);
        return row.HasValue ? new Stored<WardMeetingCounters>(RegisterTable.FromJson<WardMeetingCounters>(ReadJson(row.Value!, "Data")), row.Value!.ETag) : null;
    }

    /// <summary>The meeting a request wrote, when that request was applied before (null: it was not).</summary>
    public async Task<string?> AppliedAsync(string wardId, string operationId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, OperationKey(operationId), cancellationToken: ct);
        return row.HasValue ? row.Value!.GetString("MeetingId") : null;
    }

    /// <summary>
    /// Commits one request's rows in one transaction (the marker first, so a retried request fails on
    /// it and is recognised), then applies its outbox with <paramref name="applyOutbox"/> and removes the outbox row.
    /// </summary>
    public async Task CommitAsync(string wardId, MeetingWrite w, Func<IReadOnlyList<TaskChange>, Task> applyOutbox, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var m = w.Meeting;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(wardId, OperationKey(w.OperationId)) { ["MeetingId"] = m.Id, ["At"] = w.Audit.At }),
        };
        var meeting = new TableEntity(wardId, MeetingKey(m.Id))
        {
            ["Scope"] = m.Scope, ["GroupId"] = m.GroupId, ["GroupName"] = m.GroupName, ["Date"] = m.Date.ToString("yyyy-MM-dd"), ["Year"] = m.Date.Year,
            ["Kind"] = m.Kind, ["Chair"] = m.Chair, ["Present"] = m.Attendance.Count(a => a.Status == AttendanceStatus.Present), ["Attendees"] = m.Attendance.Count,
            ["TasksOpen"] = m.Tasks.Count(t => !t.Done), ["TasksTotal"] = m.Tasks.Count, ["HasMinutes"] = m.Minutes.Count > 0, ["Version"] = m.Version,
        };
        PutJson(meeting, "Data", RegisterTable.ToJson(m));
        actions.Add(w.MeetingETag is { } etag ? new(TableTransactionActionType.UpdateReplace, meeting, etag) : new(TableTransactionActionType.Add, meeting));
        if (w.PreviousVersion is { } previous)
        {
            var v = new TableEntity(wardId, VersionKey(m.Id, previous.Version));
            PutJson(v, "Data", RegisterTable.ToJson(previous));
            actions.Add(new(TableTransactionActionType.Add, v));
        }
        if (w.GroupCounters is { } gc) actions.Add(Counter(wardId, GroupCountersKey(gc.GroupId), gc, w.GroupCountersETag));
        if (w.WardCounters is { } wc) actions.Add(Counter(wardId, WardCountersKey, wc, w.WardCountersETag));
        var a = w.Audit;
        actions.Add(new(TableTransactionActionType.Add, new TableEntity(wardId, $"a|{RegisterTable.Inverted(a.At)}|{a.OperationId}")
        {
            ["At"] = a.At, ["ActorId"] = a.ActorId, ["ActorName"] = a.ActorName, ["Action"] = a.Action, ["MeetingId"] = a.MeetingId,
            ["Version"] = a.Version, ["Description"] = a.Description, ["OperationId"] = a.OperationId,
        }));
        if (w.Outbox.Count > 0)
        {
            var outbox = new TableEntity(wardId, OutboxKey(w.OperationId));
            PutJson(outbox, "Outbox", RegisterTable.ToJson(w.Outbox));
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
        PutJson(e, "Data", RegisterTable.ToJson(value));
        return etag is { } t ? new(TableTransactionActionType.UpdateReplace, e, t) : new(TableTransactionActionType.Add, e);
    }

    /// <summary>Outboxes a crash left behind: (operation id, inbox changes still to make).</summary>
    public async Task<IReadOnlyList<(string OperationId, IReadOnlyList<TaskChange> Changes)>> PendingOutboxesAsync(string wardId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var list = new List<(string, IReadOnlyList<TaskChange>)>();
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.PrefixFilter(wardId, "j|"), cancellationToken: ct))
            list.Add((e.RowKey["j|".Length..], RegisterTable.FromJson<List<TaskChange>>(ReadJson(e, "Outbox"))));
        return list;
    }

    public async Task DeleteOutboxAsync(string wardId, string operationId, CancellationToken ct)
    {
        try { await table.DeleteEntityAsync(wardId, OutboxKey(operationId), ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>Every meeting of the ward, read whole: only for the recount check, never for figures.</summary>
    public async Task<IReadOnlyList<Meeting>> AllForRecountAsync(string wardId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var list = new List<Meeting>();
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.PrefixFilter(wardId, "m|"), cancellationToken: ct))
            list.Add(RegisterTable.FromJson<Meeting>(ReadJson(e, "Data")));
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
