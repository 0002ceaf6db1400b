using Azure;
using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.SignOffs;

/// <summary>
/// Table <c>SignOffs</c>: PartitionKey = ward id, RowKey = sign-off id. One ward's list is one
/// partition query; one sign-off is a point read. Writes are keyed by id — the opening an insert that leaves a row
/// already there alone, the outcome a merge — so an activity that runs twice writes the row once.
/// </summary>
public sealed class SignOffStore(TableServiceClient tables, TimeProvider clock)
{
    public const string TableName = "SignOffs";
    readonly TableClient table = tables.GetTableClient(TableName);

    public async Task RecordOpenedAsync(SignOffRequest r)
    {
        await table.EnsureCreatedAsync();
        try
        {
            await table.AddEntityAsync(new TableEntity(r.WardId, r.Id)
            {
                ["Title"] = r.Title,
                ["State"] = SignOffState.WaitingForChairman,
                ["RequestedBy"] = r.RequestedBy,
                ["RequestedByName"] = r.RequestedByName,
                ["RequestedAt"] = clock.GetUtcNow(),
                ["DueAt"] = r.DueAt,
            });
        }
        catch (RequestFailedException e) when (e.Status == 409) { } // a replayed activity must not reset a decided sign-off
    }

    public async Task RecordOutcomeAsync(SignOffRequest r, SignOffOutcome o)
    {
        await table.EnsureCreatedAsync();
        await table.UpsertEntityAsync(new TableEntity(r.WardId, r.Id)
        {
            ["State"] = o.State,
            ["Comment"] = o.Comment,
            ["DecidedBy"] = o.DecidedBy,
            ["DecidedByName"] = o.DecidedByName,
            ["DecidedAt"] = o.DecidedAt,
        }, TableUpdateMode.Merge);
    }

    public async Task<SignOffView?> GetAsync(string wardId, string id, CancellationToken ct)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, id, cancellationToken: ct);
            return row.HasValue ? ToView(row.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<IReadOnlyList<SignOffView>> ListAsync(string wardId, CancellationToken ct)
    {
        var list = new List<SignOffView>();
        try
        {
            await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == wardId, cancellationToken: ct))
                list.Add(ToView(e));
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return list.OrderByDescending(v => v.RequestedAt).ToList();
    }

    static SignOffView ToView(TableEntity e)
    {
        var state = e.GetString("State") ?? SignOffState.Starting;
        return new SignOffView(e.RowKey, e.PartitionKey, e.GetString("Title") ?? "", state, Texts.SignOffStateName(state),
            e.GetString("RequestedBy") ?? "", e.GetString("RequestedByName") ?? "",
            e.GetDateTimeOffset("RequestedAt") ?? e.Timestamp ?? default, e.GetDateTimeOffset("DueAt") ?? default,
            e.GetString("Comment"), e.GetString("DecidedByName"), e.GetDateTimeOffset("DecidedAt"));
    }
}
