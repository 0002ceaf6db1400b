using Azure;
using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.SignOffs;

/// <summary>
/// Table <c>SignOffs</c>: PartitionKey = ward id. Row keys:
/// <code>
/// {id}                       a sign-off (its id: lowercase letters, digits and '-'); a point read
/// ~l|{newest first}|{id}     its list row, with the same columns, written in the same transaction as the sign-off's row
/// ~listed                    the mark of the one-off listing of the rows written before list rows (<see cref="RebuildListAsync"/>)
/// </code>
/// Newest first is <c>DateTimeOffset.MaxValue</c>'s ticks minus those of the request (19 digits), so a page of the list is one
/// query of one key range. The opening is one transaction that adds both rows — run twice, it finds them there and writes
/// nothing, so a decided sign-off is never reset — and the outcome one transaction that merges the outcome into both (the
/// list key is known from the request, nothing is read first), so an activity that runs twice writes the rows once.
/// </summary>
public sealed class SignOffStore(TableServiceClient tables, TimeProvider clock)
{
    public const string TableName = "SignOffs";
    readonly JsonTable storage = new(tables, TableName);

    const string ListPrefix = "~l|";
    const string ListedMarkKey = "~listed";
    /// <summary>On a sign-off's row: the key of its list row (absent on rows written before list rows, until the rebuild lists them).</summary>
    const string ListKeyProperty = "ListKey";

    static string ListKey(string id, DateTimeOffset requestedAt) => $"{ListPrefix}{DateTimeOffset.MaxValue.UtcTicks - requestedAt.UtcTicks:D19}|{id}";

    static TableEntity Opened(string pk, string rk, SignOffRequest r, DateTimeOffset requestedAt) => new(pk, rk)
    {
        ["SignOffId"] = r.Id,
        ["Title"] = r.Title,
        ["State"] = SignOffState.WaitingForChairman,
        ["RequestedBy"] = r.RequestedBy,
        ["RequestedByName"] = r.RequestedByName,
        ["RequestedAt"] = requestedAt,
        ["DueAt"] = r.DueAt,
    };

    static TableEntity Outcome(string pk, string rk, SignOffOutcome o) => new(pk, rk)
    {
        ["State"] = o.State,
        ["Comment"] = o.Comment,
        ["DecidedBy"] = o.DecidedBy,
        ["DecidedByName"] = o.DecidedByName,
        ["DecidedAt"] = o.DecidedAt,
    };

    public async Task RecordOpenedAsync(SignOffRequest r)
    {
        var table = await storage.ClientAsync();
        // A request started before it carried its time (in flight across the upgrade) is listed at the time it is opened.
        var requestedAt = r.RequestedAt ?? clock.GetUtcNow();
        var key = ListKey(r.Id, requestedAt);
        var row = Opened(r.WardId, r.Id, r, requestedAt);
        row[ListKeyProperty] = key;
        try
        {
            await table.SubmitTransactionAsync([
                new(TableTransactionActionType.Add, row),
                new(TableTransactionActionType.Add, Opened(r.WardId, key, r, requestedAt)),
            ]);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409) { } // a replayed activity must not reset a decided sign-off
    }

    public async Task RecordOutcomeAsync(SignOffRequest r, SignOffOutcome o)
    {
        var table = await storage.ClientAsync();
        if (r.RequestedAt is { } at)
        {
            await table.SubmitTransactionAsync([
                new(TableTransactionActionType.UpsertMerge, Outcome(r.WardId, r.Id, o)),
                new(TableTransactionActionType.UpsertMerge, Outcome(r.WardId, ListKey(r.Id, at), o)),
            ]);
            return;
        }
        // Started before requests carried their time: the list row's key is on the row (once listed), under its ETag, so an outcome
        // and the rebuild's listing of the same row never miss each other.
        for (var attempt = 1; ; attempt++)
        {
            var was = await table.GetEntityIfExistsAsync<TableEntity>(r.WardId, r.Id);
            var actions = new List<TableTransactionAction>();
            if (!was.HasValue) actions.Add(new(TableTransactionActionType.Add, Outcome(r.WardId, r.Id, o)));
            else
            {
                actions.Add(new(TableTransactionActionType.UpdateMerge, Outcome(r.WardId, r.Id, o), was.Value!.ETag));
                if (was.Value!.GetString(ListKeyProperty) is { } key) actions.Add(new(TableTransactionActionType.UpsertMerge, Outcome(r.WardId, key, o)));
            }
            try
            {
                await table.SubmitTransactionAsync(actions);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 30) { }
        }
    }

    public async Task<SignOffView?> GetAsync(string wardId, string id, CancellationToken ct)
    {
        try
        {
            var row = await storage.Client.GetEntityIfExistsAsync<TableEntity>(wardId, id, cancellationToken: ct);
            return row.HasValue ? ToView(row.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    /// <summary>
    /// One page of the ward's sign-offs, newest first: one query of the list rows, at most <paramref name="pageSize"/> read.
    /// <paramref name="token"/> is the API's (null: the first page), valid only for this ward's list (a 400 otherwise).
    /// </summary>
    public async Task<PageResult<SignOffView>> ListAsync(string wardId, string? token, int pageSize, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var filter = TableRows.PrefixFilter(wardId, ListPrefix);
        var check = $"sign-offs|{wardId}|{ListPrefix}";
        var (rows, next) = await JsonTable.OnePageAsync(table, filter, ContinuationToken.Decode(token, check), pageSize, ct);
        return new PageResult<SignOffView>(rows.Select(ToView).ToList(), ContinuationToken.Encode(next, check));
    }

    /// <summary>
    /// The one-off listing of a ward's sign-offs written before they had list rows: each row without its list key gets its list row
    /// (at its request time) in a transaction with the key set under its ETag — an outcome recorded meanwhile is read again and
    /// listed with it — then the mark <c>~listed</c>. Safe to run again; a run stopped part-way is finished by the next. False when
    /// the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RebuildListAsync(string wardId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        if ((await table.GetEntityIfExistsAsync<TableEntity>(wardId, ListedMarkKey, cancellationToken: ct)).HasValue) return false;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {wardId} and RowKey lt {"~"}"); // the sign-offs, not their list rows
        await foreach (var found in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            for (var (e, attempt) = (found, 1); e is not null && e.GetString(ListKeyProperty) is null; attempt++)
            {
                var view = ToView(e);
                var key = ListKey(view.Id, view.RequestedAt);
                var row = new TableEntity(wardId, e.RowKey) { [ListKeyProperty] = key };
                var listRow = new TableEntity(wardId, key) { ["SignOffId"] = view.Id, ["RequestedAt"] = view.RequestedAt };
                foreach (var name in Columns) if (e.TryGetValue(name, out var value) && value is not null) listRow[name] = value;
                try
                {
                    await table.SubmitTransactionAsync([
                        new(TableTransactionActionType.UpdateMerge, row, e.ETag),
                        new(TableTransactionActionType.UpsertReplace, listRow),
                    ], ct);
                    break;
                }
                catch (TableTransactionFailedException x) when (x.Status is 412 or 404 && attempt < 30)
                {
                    var again = await table.GetEntityIfExistsAsync<TableEntity>(wardId, e.RowKey, cancellationToken: ct); // an outcome meanwhile
                    e = again.HasValue ? again.Value! : null;
                }
            }
        }
        await table.UpsertEntityAsync(new TableEntity(wardId, ListedMarkKey), cancellationToken: ct);
        return true;
    }

    /// <summary>What a list row copies of a sign-off's row (besides its id and request time).</summary>
    static readonly string[] Columns = ["Title", "State", "RequestedBy", "RequestedByName", "DueAt", "Comment", "DecidedBy", "DecidedByName", "DecidedAt"];

    static SignOffView ToView(TableEntity e)
    {
        var state = e.GetString("State") ?? SignOffState.Starting;
        return new SignOffView(e.GetString("SignOffId") ?? e.RowKey, e.PartitionKey, e.GetString("Title") ?? "", state, SignOffTexts.SignOffStateName(state),
            e.GetString("RequestedBy") ?? "", e.GetString("RequestedByName") ?? "",
            e.GetDateTimeOffset("RequestedAt") ?? e.Timestamp ?? default, e.GetDateTimeOffset("DueAt") ?? default,
            e.GetString("Comment"), e.GetString("DecidedByName"), e.GetDateTimeOffset("DecidedAt"));
    }
}
