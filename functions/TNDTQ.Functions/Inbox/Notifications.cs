using Azure;
using Azure.Data.Tables;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Inbox;

/// <summary>A notice in the inbox. <see cref="Id"/> is deterministic (workflow, step, kind, offset): sending it twice stores it once.</summary>
public sealed record Notice(string Id, string Kind, string Title, string Body, string WardId, string Link, DateTimeOffset At)
{
    public static Notice StepOpened(OpenStep s) => new($"{s.InstanceId}|{s.StepId}|open|{s.DueAt:O}", "task",
        Texts.NoticeTaskTitle(s.StepName), Texts.NoticeTaskBody(s.Subject, s.DueAt), s.WardId, s.Link, s.DueAt);

    public static Notice Alarm(StepAlarm a) => a.Kind == "reminder"
        ? new($"{a.Step.InstanceId}|{a.Step.StepId}|remind|{a.Offset}|{a.Step.DueAt:O}", "reminder", Texts.NoticeReminderTitle(a.Step.StepName, a.Offset!.Value),
            Texts.NoticeTaskBody(a.Step.Subject, a.Step.DueAt), a.Step.WardId, a.Step.Link, a.At)
        : new($"{a.Step.InstanceId}|{a.Step.StepId}|overdue|{a.Step.DueAt:O}", "overdue", Texts.NoticeOverdueTitle(a.Step.StepName),
            Texts.NoticeTaskBody(a.Step.Subject, a.Step.DueAt), a.Step.WardId, a.Step.Link, a.At);

    public static Notice Escalation(StepAlarm a) => new($"{a.Step.InstanceId}|{a.Step.StepId}|escalate|{a.Step.DueAt:O}", "escalation",
        Texts.NoticeEscalationTitle(a.Step.StepName), Texts.NoticeEscalationBody(a.Step.Subject, a.Step.WaitingFor, a.Step.DueAt), a.Step.WardId, a.Step.Link, a.At);
}

/// <summary>
/// The inbox store: table <c>Inbox</c>, PartitionKey = audience, RowKey = inverted time + notice id
/// (newest first; the time comes from the workflow, so a replayed activity writes the same row).
/// </summary>
public sealed class Notifications(TableServiceClient tables)
{
    public const string TableName = "Inbox";
    readonly TableClient table = tables.GetTableClient(TableName);

    public async Task SendAsync(string audience, Notice notice)
    {
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity(audience, $"{RegisterTable.Inverted(notice.At)}|{Hash(notice.Id)}")
        {
            ["NoticeId"] = notice.Id, ["Kind"] = notice.Kind, ["Title"] = notice.Title, ["Body"] = notice.Body, ["WardId"] = notice.WardId,
            ["Link"] = notice.Link, ["At"] = notice.At,
        }, TableUpdateMode.Replace);
    }

    public async Task<PageResult<Notice>> ForAsync(Caller caller, string? token, int pageSize, CancellationToken ct)
    {
        // Newest first across the caller's audiences: each audience is one partition, read in order and merged.
        var list = new List<Notice>();
        try
        {
            foreach (var audience in Audience.Of(caller))
                await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == audience, maxPerPage: pageSize, cancellationToken: ct).AsPages(pageSizeHint: pageSize))
                {
                    list.AddRange(e.Values.Select(v => new Notice(v.GetString("NoticeId") ?? "", v.GetString("Kind") ?? "", v.GetString("Title") ?? "",
                        v.GetString("Body") ?? "", v.GetString("WardId") ?? "", v.GetString("Link") ?? "", v.GetDateTimeOffset("At") ?? default)));
                    break;
                }
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return new PageResult<Notice>(list.OrderByDescending(n => n.At).Take(pageSize).ToList(), null);
    }

    static string Hash(string id) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..24];
}
