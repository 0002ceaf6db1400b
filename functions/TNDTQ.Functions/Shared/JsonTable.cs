using Azure;
using Azure.Data.Tables;

namespace Tndtq.Shared;

/// <summary>
/// The app's one way to a table. Rows holding one JSON document each: the storage of the workflow slices' small records. A
/// document longer than one property holds (32,768 characters) continues in <c>Data1</c>,
/// <c>Data2</c>, … up to the 1 MiB a row holds; a larger one is refused before anything is written.
/// </summary>
/// <remarks>
/// <para>The rule, for every store:</para>
/// <list type="bullet">
/// <item>A table is reached only through <c>new JsonTable(tables, name)</c>: no store calls <c>GetTableClient</c>, and none creates
/// a table — the table is created on first use, once per process, by <see cref="Created"/> (the one place that calls "create if not
/// exists", and whose policy creates again a table deleted while the app runs). <c>StorageIdiomTests</c> holds every store to it.</item>
/// <item>Rows of one JSON document (a record, its figures row, its list rows): the typed methods here (<see cref="GetAsync"/>,
/// <see cref="PutAsync"/>, <see cref="ListAsync"/>, <see cref="PageAsync"/>, <see cref="UpdateWithFiguresAsync"/>, …).</item>
/// <item>Entity-level work that the typed methods do not express — a partition of many kinds of rows written in one transaction
/// (the register's batched plan, a session with its attendance and figures), rows with plain properties beside the document
/// (projections, marks, index rows), queries with <c>select</c> or paging of a raw query: <see cref="ClientAsync"/> (the table
/// created first), the entities built with <see cref="Entity"/> / <see cref="PutJson"/> and read with <see cref="Read"/> /
/// <see cref="ReadJson"/>, pages read with <see cref="OnePageAsync"/>.</item>
/// <item>A read that takes a missing table for an empty one (it catches the 404: the staff directory before the first
/// administrator, a backup of a table never written) and must not create it: <see cref="Client"/>.</item>
/// </list>
/// Blobs likewise go only through <see cref="BlobFiles"/>.
/// </remarks>
public sealed class JsonTable(TableClient table)
{
    /// <summary>The table <paramref name="name"/> of the app's account (how every store reaches its table).</summary>
    public JsonTable(TableServiceClient tables, string name) : this(tables.GetTableClient(name)) { }

    const int ChunkChars = 30_000;
    volatile bool created;

    /// <summary>Created once per process (<see cref="Created"/>); after that not even asked (a table deleted later is created again by its policy).</summary>
    async ValueTask EnsureAsync()
    {
        if (created) return;
        await table.EnsureCreatedAsync();
        created = true;
    }

    public string Name => table.Name;

    /// <summary>The table's client for entity-level work (see the rule above), the table created first (once per process).</summary>
    public async ValueTask<TableClient> ClientAsync()
    {
        await EnsureAsync();
        return table;
    }

    /// <summary>The table's client, the table NOT created: only for reads that take a missing table (a 404) for an empty one.</summary>
    public TableClient Client => table;

    public async Task PutAsync<T>(string pk, string rk, T value)
    {
        var entity = Entity(pk, rk, value);
        await EnsureAsync();
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
    }

    /// <summary>A row holding <paramref name="value"/> as JSON in <c>Data</c>, <c>Data1</c>, … (refused before any write when storage would refuse it).</summary>
    public static TableEntity Entity<T>(string pk, string rk, T value)
    {
        var entity = new TableEntity(pk, rk);
        PutJson(entity, "Data", TableRows.ToJson(value));
        if (StorageLimits.Problem(rk, entity) is not null) throw StorageLimits.TooLarge();
        return entity;
    }

    /// <summary>A JSON document in the property <paramref name="name"/>, continued in <c>{name}1</c>, <c>{name}2</c>… (a property holds 32,768 characters).</summary>
    public static void PutJson(TableEntity e, string name, string json)
    {
        for (int i = 0, n = 0; i < json.Length || n == 0; i += ChunkChars, n++)
            e[n == 0 ? name : $"{name}{n}"] = json.Substring(i, Math.Min(ChunkChars, json.Length - i));
    }

    /// <summary>The JSON document <see cref="PutJson"/> wrote ("null" when the property is absent).</summary>
    public static string ReadJson(TableEntity e, string name = "Data")
    {
        var first = e.GetString(name) ?? "null";
        if (!e.ContainsKey(name + "1")) return first;
        var all = new System.Text.StringBuilder(first);
        for (var n = 1; e.GetString($"{name}{n}") is { } more; n++) all.Append(more);
        return all.ToString();
    }

    /// <summary>
    /// Stores a document together with its partition's figures row, in one transaction: both or neither.
    /// <paramref name="move"/> gets the figures as they are, the document as it was (null: new) and as it
    /// will be, and returns the figures after the change. Both rows are ETag-checked, so of two writers in
    /// the same partition the later one reads again and recounts: figures kept this way never drift.
    /// </summary>
    /// <param name="unless">When it holds for the document as it is, nothing is written (a repeated call that has nothing to move).</param>
    public Task PutWithFiguresAsync<T, TFigures>(string pk, string rk, T value, string figuresKey, Func<TFigures?, T?, T, TFigures> move,
        Func<T?, bool>? unless = null)
        where T : class where TFigures : class =>
        UpdateWithFiguresAsync(pk, rk, old => unless is not null && unless(old) ? null : value, figuresKey, move);

    /// <summary>
    /// Changes a document with its partition's figures row, in one transaction: <paramref name="change"/> gets
    /// the document as it is now (null: none) and returns it as it will be (null: write nothing). On a conflict
    /// with another writer it is read again and <paramref name="change"/> runs again on the newer document, so
    /// two changes of one document (evidence added while the workflow records a result) both land.
    /// </summary>
    /// <param name="listed">
    /// The list rows of a document (rows of the same partition a list pages through, one per order or filter it is read by):
    /// written with the document in its transaction, and the ones the document had before and no longer has removed. The
    /// document's row is marked <c>Listed</c>; a row written before it was listed has no list rows to remove.
    /// </param>
    public async Task UpdateWithFiguresAsync<T, TFigures>(string pk, string rk, Func<T?, T?> change, string figuresKey, Func<TFigures?, T?, T, TFigures> move,
        Func<T, IEnumerable<TableEntity>>? listed = null)
        where T : class where TFigures : class
    {
        await EnsureAsync();
        for (var attempt = 1; ; attempt++)
        {
            var (oldRead, figuresRead) = (table.GetEntityIfExistsAsync<TableEntity>(pk, rk), table.GetEntityIfExistsAsync<TableEntity>(pk, figuresKey));
            var (oldRow, figuresRow) = (await oldRead, await figuresRead);
            var old = oldRow.HasValue ? Read<T>(oldRow.Value!) : null;
            if (change(old) is not { } value) return;
            var entity = Entity(pk, rk, value);
            var figures = Entity(pk, figuresKey, move(figuresRow.HasValue ? Read<TFigures>(figuresRow.Value!) : null, old, value));
            TableTransactionAction Write(TableEntity e, NullableResponse<TableEntity> was) => was.HasValue
                ? new(TableTransactionActionType.UpdateReplace, e, was.Value!.ETag)
                : new(TableTransactionActionType.Add, e);
            var actions = new List<TableTransactionAction> { Write(entity, oldRow), Write(figures, figuresRow) };
            if (listed is not null)
            {
                entity[ListedProperty] = true;
                var rows = listed(value).ToList();
                var keep = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
                if (old is not null && oldRow.Value!.GetBoolean(ListedProperty) == true)
                    actions.AddRange(listed(old).Where(r => !keep.Contains(r.RowKey)).Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
                actions.AddRange(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
            }
            try
            {
                await table.SubmitTransactionAsync(actions);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(10, 20 * Math.Min(attempt, 10) + 20)); // another change of the partition got there first
            }
        }
    }

    const int MaxAttempts = 30;

    /// <summary>Marks a document row whose list rows are written (<see cref="UpdateWithFiguresAsync"/>'s <c>listed</c>).</summary>
    public const string ListedProperty = "Listed";

    /// <summary>
    /// One page of a partition's rows whose keys start with <paramref name="prefix"/> (and match <paramref name="extraFilter"/>), at most
    /// <paramref name="pageSize"/>, from Table Storage's own continuation token (null: the first page); reads only that page. Returns the
    /// rows and the token of the next page (null: no more).
    /// </summary>
    public async Task<(IReadOnlyList<TableEntity> Rows, string? Next)> PageAsync(string pk, string prefix, string? extraFilter, string? token, int pageSize,
        CancellationToken ct)
    {
        await EnsureAsync();
        return await OnePageAsync(table, TableRows.PrefixFilter(pk, prefix) + (extraFilter is null ? "" : $" and ({extraFilter})"), token, pageSize, ct);
    }

    /// <summary>
    /// One page of any query of a table, at most <paramref name="pageSize"/> rows, from Table Storage's own continuation token (null: the
    /// first page): only that page is read. Every list that pages reads through this.
    /// </summary>
    public static async Task<(IReadOnlyList<TableEntity> Rows, string? Next)> OnePageAsync(TableClient table, string filter, string? token, int pageSize,
        CancellationToken ct)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: ct).AsPages(token, pageSize))
            return (page.Values, page.ContinuationToken);
        return ([], null);
    }

    /// <summary>
    /// One of <paramref name="shards"/> figures rows for a document key (<c>{prefix}{n}</c>, n from a stable hash of the key):
    /// figures that many writers move at once (a campaign's nominations, their steps) are spread over a few rows of
    /// the partition, each in a transaction with its own documents, and read back together (<see cref="SumAsync"/>).
    /// </summary>
    public static string ShardKey(string prefix, string documentKey, int shards)
    {
        unchecked { var h = 17; foreach (var c in documentKey) h = h * 31 + c; return prefix + ((h & 0x7fffffff) % shards); }
    }

    /// <summary>The figures rows of a partition whose keys start with <paramref name="prefix"/>, added up (null: none).</summary>
    public async Task<T?> SumAsync<T>(string pk, string prefix, Func<T, T, T> add) where T : class =>
        (await ListAsync<T>(pk, prefix)).Aggregate((T?)null, (sum, x) => sum is null ? x : add(sum, x));

    /// <summary>
    /// Recounts a partition's figures from its documents, once: the <paramref name="shards"/> figures rows (<c>{prefix}{n}</c>)
    /// become the recount (in the first) and zero, together with the mark <paramref name="markKey"/>, in one transaction under
    /// every figures row's ETag — a document changed meanwhile moved one of them, so the recount runs again. For figures that
    /// gained a breakdown the rows written before lack. False when the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RecountFiguresAsync<T, TFigures>(string pk, string prefix, int shards, string except, string markKey,
        Func<IEnumerable<T>, TFigures> recount, TFigures zero) where TFigures : class
    {
        await EnsureAsync();
        for (var attempt = 1; ; attempt++)
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(pk, markKey)).HasValue) return false;
            var rows = new Dictionary<string, TableEntity>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(pk, prefix))) rows[e.RowKey] = e;
            var figures = recount(await ListAsync<T>(pk, except: except));
            var actions = Enumerable.Range(0, shards).Select(n => Entity(pk, prefix + n, n == 0 ? figures : zero))
                .Select(e => rows.TryGetValue(e.RowKey, out var was)
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, was.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, e))
                .Append(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pk, markKey) { ["Data"] = "{}" }))
                .ToList();
            try
            {
                await table.SubmitTransactionAsync(actions);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(10, 20 * Math.Min(attempt, 10) + 20));
            }
        }
    }

    /// <summary>
    /// Recounts ONE figures row of a partition from its documents (row keys starting with <paramref name="documentsPrefix"/>), once:
    /// written with the mark <paramref name="markKey"/> in one transaction, under the ETag of the figures row as read before the
    /// documents — a document saved meanwhile rewrote that row (<see cref="PutWithFiguresAsync"/>), so the recount runs again. For
    /// figures kept only since some version: what was saved before is brought in. False when the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RecountOnceAsync<T, TFigures>(string pk, string documentsPrefix, string figuresKey, string markKey,
        Func<IEnumerable<T>, TFigures> recount) where TFigures : class
    {
        await EnsureAsync();
        for (var attempt = 1; ; attempt++)
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(pk, markKey)).HasValue) return false;
            var was = await table.GetEntityIfExistsAsync<TableEntity>(pk, figuresKey);
            var figures = Entity(pk, figuresKey, recount(await ListAsync<T>(pk, documentsPrefix)));
            try
            {
                await table.SubmitTransactionAsync([
                    was.HasValue ? new(TableTransactionActionType.UpdateReplace, figures, was.Value!.ETag) : new(TableTransactionActionType.Add, figures),
                    new(TableTransactionActionType.Add, new TableEntity(pk, markKey) { ["Data"] = "{}" }),
                ]);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(10, 20 * Math.Min(attempt, 10) + 20)); // a document saved meanwhile, or another rebuild: look again
            }
        }
    }

    /// <summary>Stores the document unless the row exists; returns the stored one (this, or the one that was there first).</summary>
    public async Task<T> AddOrGetAsync<T>(string pk, string rk, T value) where T : class
    {
        await EnsureAsync();
        try
        {
            await table.AddEntityAsync(new TableEntity(pk, rk) { ["Data"] = TableRows.ToJson(value) });
            return value;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync<T>(pk, rk))!;
        }
    }

    public async Task<T?> GetAsync<T>(string pk, string rk) where T : class
    {
        await EnsureAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk);
        return row.HasValue ? Read<T>(row.Value!) : null;
    }

    /// <summary>A partition's documents, optionally only row keys starting with <paramref name="prefix"/>.</summary>
    /// <param name="except">
    /// Rows of the partition that are not its documents (its figures and list rows) start with this, and sort after every document
    /// (documents' keys are ids, "~" comes after them): they are not read at all.
    /// </param>
    public async Task<List<T>> ListAsync<T>(string pk, string prefix = "", string? except = null)
    {
        await EnsureAsync();
        var filter = prefix.Length == 0 ? TableClient.CreateQueryFilter($"PartitionKey eq {pk}") : TableRows.PrefixFilter(pk, prefix);
        if (except is not null) filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {except}");
        var list = new List<T>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter))
            if (except is null || !e.RowKey.StartsWith(except, StringComparison.Ordinal)) list.Add(Read<T>(e));
        return list;
    }

    /// <summary>The document of a row <see cref="Entity"/> wrote.</summary>
    public static T Read<T>(TableEntity e) => TableRows.FromJson<T>(ReadJson(e));
}
