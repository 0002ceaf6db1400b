using Azure;
using Azure.Data.Tables;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Inbox;

/// <summary>
/// Open steps by due day: table <c>DueIndex</c>, PartitionKey = the due date in Vietnam time
/// (yyyy-MM-dd), RowKey = instance id + step id. Written when a step opens or its deadline moves,
/// removed when it is decided. The daily scan reads one key range — everything due up to the end of
/// its window, overdue included — so it costs what is due, not the size of the register.
/// </summary>
public sealed class DueIndex(TableServiceClient tables)
{
    public const string TableName = "DueIndex";
    readonly JsonTable storage = new(tables, TableName);

    public static string Day(DateTimeOffset at) => VietnamTime.ToVietnam(at).ToString("yyyy-MM-dd");
    static string Key(OpenStep s) => TableRows.Safe($"{s.InstanceId}|{s.StepId}");

    public async Task PutAsync(OpenStep step, DateTimeOffset? previousDue)
    {
        var table = await storage.ClientAsync();
        if (previousDue is { } before && Day(before) != Day(step.DueAt)) await DeleteAsync(Day(before), Key(step));
        await table.UpsertEntityAsync(new TableEntity(Day(step.DueAt), Key(step))
        {
            ["Data"] = TableRows.ToJson(step), ["WardId"] = step.WardId, ["DueAt"] = step.DueAt,
        }, TableUpdateMode.Replace);
    }

    public Task RemoveAsync(OpenStep step) => DeleteAsync(Day(step.DueAt), Key(step));

    async Task DeleteAsync(string pk, string rk)
    {
        try { await storage.Client.DeleteEntityAsync(pk, rk); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>One page of open steps matching <paramref name="filter"/> (a due-day range, optionally a ward), in due-day order: the operations page's stuck steps.</summary>
    public async Task<(IReadOnlyList<OpenStep> Steps, string? Next)> PageAsync(string filter, string? token, int pageSize, CancellationToken ct)
    {
        try
        {
            var (rows, next) = await JsonTable.OnePageAsync(storage.Client, filter, token, pageSize, ct);
            return (rows.Select(JsonTable.Read<OpenStep>).ToList(), next);
        }
        catch (RequestFailedException e) when (e.Status == 404) { return ([], null); }
    }

    /// <summary>Every open step due on or before <paramref name="lastDay"/> (overdue ones included).</summary>
    public async Task<IReadOnlyList<OpenStep>> DueUpToAsync(DateOnly lastDay, CancellationToken ct)
    {
        var list = new List<OpenStep>();
        try
        {
            var day = lastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey le {day}");
            await foreach (var e in storage.Client.QueryAsync<TableEntity>(filter, cancellationToken: ct)) list.Add(JsonTable.Read<OpenStep>(e));
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return list;
    }
}
