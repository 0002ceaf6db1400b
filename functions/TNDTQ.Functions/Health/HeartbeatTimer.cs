using Tndtq.Shared;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace Tndtq.Health;

/// <summary>
/// Proves the scheduler is alive: on the schedule in the <c>HeartbeatSchedule</c> setting
/// (NCRONTAB, six fields, e.g. "0 */5 * * * *"), records when timers last ran; /api/health shows it.
/// </summary>
public sealed class HeartbeatTimer(HeartbeatStore store, TimeProvider clock)
{
    [Function("Heartbeat")]
    public Task Run([TimerTrigger("%HeartbeatSchedule%")] TimerInfo timer) =>
        store.RecordAsync("Heartbeat", clock.GetUtcNow(), timer.IsPastDue);
}

/// <summary>Table <c>Heartbeats</c>: PartitionKey "timers", RowKey = timer function name. Point reads only.</summary>
public sealed class HeartbeatStore(TableServiceClient tables)
{
    public const string TableName = "Heartbeats";
    readonly JsonTable storage = new(tables, TableName);

    public async Task RecordAsync(string timer, DateTimeOffset at, bool pastDue)
    {
        var table = await storage.ClientAsync();
        await table.UpsertEntityAsync(new TableEntity("timers", timer) { ["LastRunAt"] = at, ["IsPastDue"] = pastDue }, TableUpdateMode.Replace);
    }

    public async Task<DateTimeOffset?> LastRunAsync(string timer, CancellationToken ct = default)
    {
        try
        {
            var row = await storage.Client.GetEntityIfExistsAsync<TableEntity>("timers", timer, cancellationToken: ct);
            return row.HasValue ? row.Value!.GetDateTimeOffset("LastRunAt") : null;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404) { return null; }
    }
}
