using Azure;
using Azure.Data.Tables;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Inbox;

/// <summary>
/// A notice in the inbox. <see cref="Id"/> and <see cref="At"/> are deterministic (workflow, step,
/// kind, offset, deadline): the durable timer of a step and the daily safety-net scan produce the
/// same notice, so it is stored and delivered once.
/// </summary>
public sealed record Notice(string Id, string Kind, string Title, string Body, string WardId, string Link, DateTimeOffset At)
{
    public static Notice StepOpened(OpenStep s) => new($"{s.InstanceId}|{s.StepId}|open|{s.DueAt:O}", "task",
        InboxTexts.NoticeTaskTitle(s.StepName), InboxTexts.NoticeTaskBody(s.Subject, s.DueAt), s.WardId, s.Link, s.OpenedAt == default ? s.DueAt : s.OpenedAt);

    public static Notice Reminder(OpenStep s, TimeSpan before) => new($"{s.InstanceId}|{s.StepId}|remind|{before}|{s.DueAt:O}", "reminder",
        InboxTexts.NoticeReminderTitle(s.StepName, before), InboxTexts.NoticeTaskBody(s.Subject, s.DueAt), s.WardId, s.Link, s.DueAt - before);

    public static Notice Overdue(OpenStep s) => new($"{s.InstanceId}|{s.StepId}|overdue|{s.DueAt:O}", "overdue",
        InboxTexts.NoticeOverdueTitle(s.StepName), InboxTexts.NoticeTaskBody(s.Subject, s.DueAt), s.WardId, s.Link, s.DueAt);

    public static Notice Escalation(OpenStep s) => new($"{s.InstanceId}|{s.StepId}|escalate|{s.DueAt:O}", "escalation",
        InboxTexts.NoticeEscalationTitle(s.StepName), InboxTexts.NoticeEscalationBody(s.Subject, s.WaitingFor, s.DueAt), s.WardId, s.Link, s.DueAt);

    public static Notice Alarm(StepAlarm a) => a.Kind == "reminder" ? Reminder(a.Step, a.Offset!.Value) : Overdue(a.Step);
}

/// <summary>A notice as a person sees it in their inbox.</summary>
public sealed record NoticeView(string Id, string Kind, string Title, string Body, string WardId, string Link, DateTimeOffset At, bool Read);

/// <summary>
/// The inbox: table <c>Inbox</c>, PartitionKey = audience, RowKey = inverted time + notice hash
/// (newest first; time and id come from the workflow, so a notice raised twice is stored once).
/// Read marks are per person: table <c>InboxReads</c>, PartitionKey = object id, RowKey = the notice's row key.
/// </summary>
public sealed class Notifications(TableServiceClient tables, Deliveries deliveries)
{
    public const string TableName = "Inbox";
    public const string ReadsTableName = "InboxReads";
    readonly JsonTable storage = new(tables, TableName);
    readonly JsonTable readMarks = new(tables, ReadsTableName);

    public static string Key(Notice n) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(n.Id)))[..24];
    static string RowKey(Notice n) => $"{TableRows.Inverted(n.At)}|{Key(n)}";

    /// <summary>Stores the notice for its audience and delivers it on the other channels (once).</summary>
    public async Task SendAsync(string audience, Notice notice)
    {
        var table = await storage.ClientAsync();
        await table.UpsertEntityAsync(new TableEntity(audience, RowKey(notice))
        {
            ["NoticeId"] = notice.Id, ["Kind"] = notice.Kind, ["Title"] = notice.Title, ["Body"] = notice.Body, ["WardId"] = notice.WardId,
            ["Link"] = notice.Link, ["At"] = notice.At,
        }, TableUpdateMode.Replace);
        await deliveries.DeliverAsync(audience, notice, $"{audience}|{Key(notice)}");
    }

    /// <summary>The caller's newest notices across their audiences, with their own read marks.</summary>
    public async Task<IReadOnlyList<NoticeView>> ForAsync(Caller caller, int count, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        try
        {
            foreach (var audience in Audience.Of(caller))
            {
                // Newest first: one page per audience is enough for the newest `count`; a person of one approving unit sees its wards'
                // notices only (an approving role's notices are kept for the role), so for them a few more pages are read.
                var (found, pages) = (0, 0);
                await foreach (var page in storage.Client.QueryAsync<TableEntity>(x => x.PartitionKey == audience, maxPerPage: count, cancellationToken: ct).AsPages(pageSizeHint: count))
                {
                    var mine = page.Values.Where(v => v.GetString("WardId") is not { Length: > 0 } ward || caller.CanRead(ward)).ToList();
                    rows.AddRange(mine);
                    found += mine.Count;
                    if (caller.Wards is null || found >= count || ++pages >= 10) break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        var newest = rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Take(count).ToList();
        var read = await ReadMarksAsync(caller.ObjectId, newest.Select(r => r.RowKey).ToList(), ct);
        return newest.Select(v => new NoticeView(ViewId(v.RowKey), v.GetString("Kind") ?? "", v.GetString("Title") ?? "", v.GetString("Body") ?? "",
            v.GetString("WardId") ?? "", v.GetString("Link") ?? "", v.GetDateTimeOffset("At") ?? default, read.Contains(v.RowKey))).ToList();
    }

    async Task<HashSet<string>> ReadMarksAsync(string objectId, List<string> keys, CancellationToken ct)
    {
        var set = new HashSet<string>();
        if (keys.Count == 0) return set;
        try
        {
            // One range of the person's partition, spanning the notices shown.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {objectId} and RowKey ge {keys.Min(StringComparer.Ordinal)} and RowKey le {keys.Max(StringComparer.Ordinal)}");
            await foreach (var e in readMarks.Client.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct)) set.Add(e.RowKey);
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return set;
    }

    /// <summary>A notice's id as the API shows it: its row key with '-' for '|', so that it is a plain id in a URL or a body.</summary>
    static string ViewId(string rowKey) => rowKey.Replace('|', '-');

    /// <summary>Marks notices read for the caller, in batches of the person's partition; ids that name no notice are ignored.</summary>
    public async Task MarkReadAsync(Caller caller, IEnumerable<string> ids, CancellationToken ct)
    {
        var reads = await readMarks.ClientAsync();
        var at = DateTimeOffset.UtcNow;
        var keys = ids.Select(id => id.Replace('-', '|')).Where(k => k.Length is > 0 and < 200).Distinct().ToList();
        foreach (var batch in keys.Chunk(100))
            await reads.SubmitTransactionAsync(batch.Select(k =>
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(caller.ObjectId, TableRows.Safe(k)) { ["At"] = at })), ct);
    }
}
