using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>A write failed because a row changed since it was read: reload and try again (or 412 for the caller's own row).</summary>
public sealed class ConcurrencyConflictException(string rowKey) : Exception($"Row {rowKey} changed since it was read.")
{
    public string RowKey { get; } = rowKey;
}

/// <summary>The operation id was applied before: a retried request or activity.</summary>
public sealed class AlreadyAppliedException(string operationId) : Exception($"Operation {operationId} was already applied.");

/// <summary>Reads and writes the <c>Register</c> table (layout in <see cref="RegisterTable"/>).</summary>
public sealed class RegisterStore(TableServiceClient tables, BlobServiceClient blobs, ILogger<RegisterStore>? log = null)
{
    const int BatchLimit = 100;
    public const string JournalContainer = "register-journal";
    readonly JsonTable register = new(tables, RegisterTable.Name), searchIndex = new(tables, RegisterTable.SearchTableName),
        entityAudit = new(tables, RegisterTable.AuditTableName);
    readonly BlobFiles journals = new(blobs, JournalContainer);
    // The register's partitions hold many kinds of rows written in one batch (its plan): entity-level clients, used only after EnsureAsync.
    TableClient table => register.Client;
    TableClient search => searchIndex.Client;
    TableClient audit => entityAudit.Client;
    /// <summary>Ward rows, read by nearly every request: remembered 30 s, forgotten when saved here.</summary>
    readonly Remembered<Loaded<Ward>> wards = new(TimeSpan.FromSeconds(30));

    /// <summary>The table a partition lives in (search index and entity audit have their own tables).</summary>
    TableClient TableOf(string partition) =>
        partition.StartsWith("search|", StringComparison.Ordinal) ? search : partition.StartsWith("audit|", StringComparison.Ordinal) ? audit : table;

    /// <summary>Fault injection for tests: called after each journal batch (throw to simulate a crash part-way).</summary>
    internal Func<int, Task>? AfterJournalBatch { get; set; }

    /// <summary>The three tables, created on first use (by <see cref="JsonTable.ClientAsync"/>, at once).</summary>
    async Task EnsureAsync(CancellationToken ct)
    {
        var (a, b, c) = (register.ClientAsync(), searchIndex.ClientAsync(), entityAudit.ClientAsync());
        await a;
        await b;
        await c;
    }

    // ---- wards -------------------------------------------------------------------------------

    public async Task<IReadOnlyList<Loaded<Ward>>> ListWardsAsync(CancellationToken ct)
    {
        await EnsureAsync(ct);
        var list = new List<Loaded<Ward>>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == RegisterTable.WardsPartition, cancellationToken: ct))
            list.Add(new(JsonTable.Read<Ward>(e), e.ETag));
        return list.OrderBy(w => w.Value.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)).ToList();
    }

    /// <summary>The ward row; remembered for 30 s unless <paramref name="fresh"/> (an edit compares its ETag).</summary>
    public async Task<Loaded<Ward>?> GetWardAsync(string wardId, CancellationToken ct, bool fresh = false)
    {
        if (!fresh && wards.TryGet(wardId, out var known)) return known;
        await EnsureAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(RegisterTable.WardsPartition, wardId, cancellationToken: ct);
        if (!row.HasValue) return null;
        var ward = new Loaded<Ward>(JsonTable.Read<Ward>(row.Value!), row.Value!.ETag);
        wards.Remember(wardId, ward);
        return ward;
    }

    /// <summary>Creates (etag null) or replaces (etag given: 412 when stale) a ward row.</summary>
    public async Task<ETag> SaveWardAsync(Ward ward, ETag? etag, Actor actor, DateTimeOffset at, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var entity = new TableEntity(RegisterTable.WardsPartition, ward.Id) { ["Data"] = TableRows.ToJson(ward), ["UpdatedAt"] = at, ["UpdatedBy"] = actor.DisplayName };
        try
        {
            var response = etag is null ? await table.AddEntityAsync(entity, ct) : await table.UpdateEntityAsync(entity, etag.Value, TableUpdateMode.Replace, ct);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException(ward.Id);
        }
        finally
        {
            wards.Forget(ward.Id); // saved or refused as stale: read it again next time
        }
    }

    // ---- levels and approving units (docs/units.md) ----------------------------------------------

    /// <summary>Level and unit rows, read with nearly every ward's words: remembered 30 s, forgotten when saved here.</summary>
    readonly Remembered<Level> levels = new(TimeSpan.FromSeconds(30));
    readonly Remembered<Unit> units = new(TimeSpan.FromSeconds(30));

    public Task<Level?> GetLevelAsync(string levelId, CancellationToken ct) => GetRememberedAsync(levels, RegisterTable.LevelsPartition, levelId, ct);

    public Task<Unit?> GetUnitAsync(string unitId, CancellationToken ct) => GetRememberedAsync(units, RegisterTable.UnitsPartition, unitId, ct);

    /// <summary>Every approving unit: remembered 30 s (a page's sign-in reads it), forgotten when one is saved here.</summary>
    public async Task<IReadOnlyList<Unit>> ListUnitsAsync(CancellationToken ct)
    {
        if (unitList.TryGet("", out var known)) return known;
        await EnsureAsync(ct);
        var list = await register.ListAsync<Unit>(RegisterTable.UnitsPartition);
        unitList.Remember("", list);
        return list;
    }

    readonly Remembered<IReadOnlyList<Unit>> unitList = new(TimeSpan.FromSeconds(30));

    /// <summary>Every level (the units' page).</summary>
    public async Task<IReadOnlyList<Level>> ListLevelsAsync(CancellationToken ct)
    {
        await EnsureAsync(ct);
        return await register.ListAsync<Level>(RegisterTable.LevelsPartition);
    }

    /// <summary>Creates or replaces a level row (the seed, an administrator's edit).</summary>
    public Task SaveLevelAsync(Level level, Actor actor, DateTimeOffset at, CancellationToken ct) =>
        SaveRowAsync(RegisterTable.LevelsPartition, level.Id, level, actor, at, () => levels.Forget(level.Id), ct);

    /// <summary>Creates (etag null) or replaces (etag given) a unit row; <see cref="ConcurrencyConflictException"/> when it exists or is stale.</summary>
    public async Task<ETag> SaveUnitAsync(Unit unit, ETag? etag, Actor actor, DateTimeOffset at, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var entity = new TableEntity(RegisterTable.UnitsPartition, unit.Id) { ["Data"] = TableRows.ToJson(unit), ["UpdatedAt"] = at, ["UpdatedBy"] = actor.DisplayName };
        try
        {
            var response = etag is null ? await table.AddEntityAsync(entity, ct) : await table.UpdateEntityAsync(entity, etag.Value, TableUpdateMode.Replace, ct);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException(unit.Id);
        }
        finally
        {
            units.Forget(unit.Id);
            unitList.Forget("");
        }
    }

    /// <summary>Every unit row with its ETag, read fresh (the administrator's page edits them).</summary>
    public async Task<IReadOnlyList<Loaded<Unit>>> LoadUnitsAsync(CancellationToken ct)
    {
        await EnsureAsync(ct);
        var list = new List<Loaded<Unit>>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == RegisterTable.UnitsPartition, cancellationToken: ct))
            list.Add(new(JsonTable.Read<Unit>(e), e.ETag));
        return list;
    }

    /// <summary>A small row every request may read (a level, a unit): remembered once read, as ward rows are.</summary>
    async Task<T?> GetRememberedAsync<T>(Remembered<T> remembered, string partition, string id, CancellationToken ct) where T : class
    {
        if (remembered.TryGet(id, out var known)) return known;
        await EnsureAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: ct);
        if (!row.HasValue) return null;
        var value = JsonTable.Read<T>(row.Value!);
        remembered.Remember(id, value);
        return value;
    }

    async Task SaveRowAsync<T>(string partition, string id, T value, Actor actor, DateTimeOffset at, Action forget, CancellationToken ct)
    {
        await EnsureAsync(ct);
        try { await table.UpsertEntityAsync(new TableEntity(partition, id) { ["Data"] = TableRows.ToJson(value), ["UpdatedAt"] = at, ["UpdatedBy"] = actor.DisplayName }, TableUpdateMode.Replace, ct); }
        finally { forget(); }
    }

    // ---- the ward, for changes -------------------------------------------------------------------

    /// <summary>Every group and member of the ward (for reads that need the whole register: exports, checks, proposals).</summary>
    public async Task<LoadedWard> LoadAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var pk = RegisterTable.Partition(wardId);
        var (groups, members) = (QueryPrefixAsync(pk, "g|", ct), QueryPrefixAsync(pk, "m|", ct));
        return Loaded(wardId, await groups, await members, [], complete: true);
    }

    /// <summary>
    /// What a change needs: the whole ward (<paramref name="groupId"/> null), or one group, its summary and its members;
    /// and the counter shard the change will add to. The ward's uniqueness indexes are built first if they are not yet
    /// (data written before they existed).
    /// </summary>
    public Task<LoadedWard> LoadForChangeAsync(string wardId, string? groupId, CancellationToken ct) =>
        LoadForChangeAsync(wardId, groupId is null ? null : new ChangeScope([groupId], []), ct);

    /// <summary>
    /// What a scoped change needs (<see cref="ChangeScope"/>): the index rows it names, then the groups it names and the
    /// groups holding those index rows — each with its summary and members — so an import of K rows or a restructure of
    /// K groups reads O(K) rows, not the ward. When the scope is not small beside the ward (the kept counters say how big
    /// the ward is), the whole ward is read instead, in a few paged range queries: also O(K), and cheaper than K point reads.
    /// <paramref name="scope"/> null: the whole ward.
    /// </summary>
    public async Task<LoadedWard> LoadForChangeAsync(string wardId, ChangeScope? scope, CancellationToken ct)
    {
        await EnsureIndexedAsync(wardId, ct);
        var pk = RegisterTable.Partition(wardId);
        var shardNumber = Random.Shared.Next(RegisterTable.CounterShards);
        var shardKey = RegisterTable.CounterShardKey(shardNumber);
        var shard = table.GetEntityIfExistsAsync<TableEntity>(pk, shardKey, cancellationToken: ct);
        var yearsKey = RegisterTable.YearsShardKey(shardNumber);
        var years = table.GetEntityIfExistsAsync<TableEntity>(pk, yearsKey, cancellationToken: ct);
        if (scope is not null && scope.IndexKeys.Count > 0 && await CountersAsync(wardId, ct) is var counters
            && WardRowsEstimate(counters ?? WardCounters.Zero) <= WholeWardFactor * (scope.IndexKeys.Count + scope.GroupIds.Count))
            scope = null; // a large change beside the ward: reading it whole is fewer requests
        LoadedWard loaded;
        if (scope is null)
        {
            // Index rows before the state: a change landing in between then fails our index writes' ETags.
            var index = await Task.WhenAll(QueryPrefixAsync(pk, "p|", ct), QueryPrefixAsync(pk, "n|", ct));
            var rows = await Task.WhenAll(QueryPrefixAsync(pk, "g|", ct), QueryPrefixAsync(pk, "m|", ct), QueryPrefixAsync(pk, "gs|", ct));
            loaded = Loaded(wardId, rows[0], rows[1], rows[2], complete: true);
            foreach (var e in index.SelectMany(x => x)) loaded.Index[e.RowKey] = ToIndexEntry(e);
        }
        else
        {
            var index = await PointReadsAsync(pk, scope.IndexKeys.Distinct(StringComparer.Ordinal).ToList(), ct);
            var groupIds = scope.GroupIds.Concat(index.Values.OfType<TableEntity>().Select(ToIndexEntry).Where(e => e.Holder.Length > 0)
                .Select(e => e.GroupId is { Length: > 0 } g ? g : e.Holder)).Distinct(StringComparer.Ordinal).ToList();
            var groups = await PointReadsAsync(pk, groupIds.SelectMany(g => new[] { RegisterTable.GroupKey(g), RegisterTable.GroupSummaryKey(g) }).ToList(), ct);
            var members = new List<TableEntity>[groupIds.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, groupIds.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = ct },
                async (i, token) => members[i] = await QueryPrefixAsync(pk, $"m|{groupIds[i]}|", token));
            var rows = groups.Values.OfType<TableEntity>().ToList();
            loaded = Loaded(wardId, rows.Where(e => e.RowKey.StartsWith("g|", StringComparison.Ordinal)).ToList(), members.SelectMany(m => m).ToList(),
                rows.Where(e => e.RowKey.StartsWith("gs|", StringComparison.Ordinal)).ToList(), complete: false);
            foreach (var (key, e) in index) loaded.Index[key] = e is null ? IndexEntry.None : ToIndexEntry(e);
        }
        var s = await shard;
        loaded.Shard = new CounterShard(shardKey, s.HasValue ? JsonTable.Read<WardCounters>(s.Value!) : WardCounters.Zero,
            s.HasValue ? s.Value!.ETag : null);
        var y = await years;
        loaded.YearsShard = new YearsShard(yearsKey, y.HasValue ? JsonTable.Read<RegisterYears>(y.Value!) : RegisterYears.Zero,
            y.HasValue ? y.Value!.ETag : null);
        return loaded;
    }

    /// <summary>A scoped change reads the whole ward when the ward has at most this many rows per row the scope names.</summary>
    const int WholeWardFactor = 8;
    const int ReadParallelism = 16;

    /// <summary>About how many group, member and index rows a ward has, from its kept counters (members who left are not counted).</summary>
    static int WardRowsEstimate(WardCounters c) => c.ActiveGroups + c.MergedGroups + c.SplitGroups + c.DissolvedGroups + 2 * c.ActiveMembers;

    /// <summary>Rows by key (null: no such row), read in parallel.</summary>
    async Task<Dictionary<string, TableEntity?>> PointReadsAsync(string pk, List<string> keys, CancellationToken ct)
    {
        var found = new TableEntity?[keys.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = ct },
            async (i, token) =>
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, keys[i], cancellationToken: token);
                found[i] = row.HasValue ? row.Value : null;
            });
        var result = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++) result[keys[i]] = found[i];
        return result;
    }

    static LoadedWard Loaded(string wardId, List<TableEntity> groupRows, List<TableEntity> memberRows, List<TableEntity> summaryRows, bool complete)
    {
        var etags = new Dictionary<string, ETag>();
        foreach (var e in groupRows.Concat(memberRows).Concat(summaryRows)) etags[e.RowKey] = e.ETag;
        return new LoadedWard(new WardState(wardId, groupRows.Select(e => JsonTable.Read<Group>(e)),
            memberRows.Select(e => JsonTable.Read<Member>(e))), etags, complete);
    }

    static IndexEntry ToIndexEntry(TableEntity e) => new(e.GetString("Holder") ?? "", e.GetString("GroupId"), e.ETag);

    /// <summary>
    /// Reads the index rows a change of a partly loaded ward meets (a complete load has them all), and the names of the
    /// groups holding them that are not loaded (for the rules' messages).
    /// </summary>
    public async Task ReadIndexAsync(string wardId, LoadedWard loaded, IEnumerable<string> rowKeys, CancellationToken ct)
    {
        var pk = RegisterTable.Partition(wardId);
        if (!loaded.Complete)
        {
            var missing = rowKeys.Where(k => !loaded.Index.ContainsKey(k)).Distinct().ToList();
            var rows = await Task.WhenAll(missing.Select(k => table.GetEntityIfExistsAsync<TableEntity>(pk, k, cancellationToken: ct)));
            foreach (var (key, row) in missing.Zip(rows)) loaded.Index[key] = row.HasValue ? ToIndexEntry(row.Value!) : IndexEntry.None;
        }
        var others = loaded.Index.Values.Where(e => e.Holder.Length > 0).Select(e => e.GroupId)
            .OfType<string>().Where(g => !loaded.State.Groups.ContainsKey(g) && !loaded.OtherGroupNames.ContainsKey(g)).Distinct().ToList();
        var groups = await Task.WhenAll(others.Select(g => table.GetEntityIfExistsAsync<TableEntity>(pk, RegisterTable.GroupKey(g), cancellationToken: ct)));
        foreach (var (id, row) in others.Zip(groups))
            if (row.HasValue) loaded.OtherGroupNames[id] = JsonTable.Read<Group>(row.Value!).Name;
    }

    /// <summary>The ward's counters: the base row and every shard and large change's difference, added up.</summary>
    public async Task<WardCounters?> CountersAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        WardCounters? sum = null;
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.CountersFilter(RegisterTable.Partition(wardId)), cancellationToken: ct))
            sum = (sum ?? WardCounters.Zero) + JsonTable.Read<WardCounters>(e);
        return sum;
    }

    /// <summary>The ward's per-year figures: every <c>y|</c> row added up (one range query).</summary>
    public async Task<RegisterYears> YearsAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var sum = RegisterYears.Zero;
        foreach (var e in await QueryPrefixAsync(RegisterTable.Partition(wardId), RegisterTable.YearsPrefix, ct))
            sum = sum.Plus(JsonTable.Read<RegisterYears>(e));
        return sum;
    }

    /// <summary>One row of a ward's entity audit, as the per-year figures read it.</summary>
    public sealed record AuditRecord(string OperationId, DateTimeOffset At, string EntityType, string? Before, string? After, string? On, string? Change);

    /// <summary>Every entity audit row of a ward (the register's whole history; 16 partitions) — for recounts and the rebuild, never for a page.</summary>
    public async Task<List<AuditRecord>> AuditHistoryAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var parts = await Task.WhenAll(Enumerable.Range(0, 16).Select(async bucket =>
        {
            var list = new List<AuditRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {$"audit|{wardId}|{bucket:x}"}");
            await foreach (var e in audit.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
                list.Add(new(e.GetString("OperationId") ?? "", e.GetDateTimeOffset("At") ?? default, e.GetString("EntityType") ?? "",
                    e.GetString("Before"), e.GetString("After"), e.GetString("On"), e.GetString("Change")));
            return list;
        }));
        return parts.SelectMany(x => x).ToList();
    }

    /// <summary>The operations applied to a ward: id → whether the operation kept its own per-year figures.</summary>
    public async Task<Dictionary<string, bool>> OperationsAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var ops = new Dictionary<string, bool>(StringComparer.Ordinal);
        var filter = TableRows.PrefixFilter(RegisterTable.Partition(wardId), "o|");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Years"], maxPerPage: 1000, cancellationToken: ct))
            ops[e.RowKey["o|".Length..]] = e.GetBoolean("Years") == true;
        return ops;
    }

    /// <summary>
    /// Adds the per-year figures of the operations before they were kept, and marks the ward rebuilt, in one transaction:
    /// false (nothing written) when the ward was rebuilt already.
    /// </summary>
    public async Task<bool> AddRebuiltYearsAsync(string wardId, RegisterYears years, DateTimeOffset at, CancellationToken ct)
    {
        await EnsureAsync(ct);
        try
        {
            await SubmitAsync(RegisterTable.Partition(wardId),
            [
                new(WriteKind.Insert, RegisterTable.YearsRebuiltKey, new() { ["At"] = at }, null, WriteRole.Marker),
                new(WriteKind.Upsert, RegisterTable.YearsRebuildKey, new() { ["Data"] = TableRows.ToJson(years), ["UpdatedAt"] = at }, null, WriteRole.Counters),
            ], ct);
            return true;
        }
        catch (AlreadyAppliedException) { return false; }
    }

    public async Task<bool> YearsRebuiltAsync(string wardId, CancellationToken ct) => await GetRowAsync(wardId, RegisterTable.YearsRebuiltKey, ct) is not null;

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> indexedWards = new();

    /// <summary>
    /// Builds the ward's uniqueness indexes (p|, n|) from its rows if they are not built yet — lazily, before the first
    /// change of a ward written before they existed. Resumable: each attempt writes under the ETags it read, so a stale
    /// attempt fails instead of overwriting, and the ward is marked indexed ("ix") only together with an unchanged
    /// counters row (which the changes of the time before the indexes rewrote under its ETag).
    /// </summary>
    public async Task EnsureIndexedAsync(string wardId, CancellationToken ct)
    {
        if (indexedWards.ContainsKey(wardId)) return;
        await EnsureAsync(ct);
        var pk = RegisterTable.Partition(wardId);
        for (var attempt = 1; ; attempt++)
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(pk, RegisterTable.IndexedKey, cancellationToken: ct)).HasValue) break;
            var counters = await table.GetEntityIfExistsAsync<TableEntity>(pk, RegisterTable.CountersKey, cancellationToken: ct);
            var existing = (await Task.WhenAll(QueryPrefixAsync(pk, "p|", ct), QueryPrefixAsync(pk, "n|", ct))).SelectMany(x => x).ToDictionary(e => e.RowKey);
            var state = (await LoadAsync(wardId, ct)).State;
            var wanted = RegisterPlan.AllIndexHolders(state);
            var writes = new List<PlannedWrite>();
            foreach (var (key, w) in wanted)
            {
                var props = new Dictionary<string, object?> { ["Holder"] = w.Holder, ["GroupId"] = w.GroupId };
                if (!existing.TryGetValue(key, out var e)) writes.Add(new(WriteKind.Insert, key, props, null, WriteRole.Primary));
                else if (ToIndexEntry(e) is var current && (current.Holder != w.Holder || current.GroupId != w.GroupId))
                    writes.Add(new(WriteKind.Replace, key, props, e.ETag.ToString(), WriteRole.Primary));
            }
            foreach (var e in existing.Values.Where(e => !wanted.ContainsKey(e.RowKey) && ToIndexEntry(e).Holder.Length > 0))
                writes.Add(new(WriteKind.Replace, e.RowKey, new() { ["Holder"] = "" }, e.ETag.ToString(), WriteRole.Primary));
            var mark = new List<PlannedWrite>
            {
                new(WriteKind.Insert, RegisterTable.IndexedKey, new() { ["At"] = DateTimeOffset.UtcNow }, null, WriteRole.Primary),
                counters.HasValue
                    ? new(WriteKind.Replace, RegisterTable.CountersKey, new() { ["Data"] = counters.Value!.GetString("Data"), ["UpdatedAt"] = DateTimeOffset.UtcNow }, counters.Value.ETag.ToString(), WriteRole.Counters)
                    : new(WriteKind.Insert, RegisterTable.CountersKey, new() { ["Data"] = TableRows.ToJson(state.Counters()), ["UpdatedAt"] = DateTimeOffset.UtcNow }, null, WriteRole.Counters),
            };
            try
            {
                await Parallel.ForEachAsync(writes.Chunk(BatchLimit), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                    async (batch, token) => await SubmitAsync(pk, batch.ToList(), token));
                await SubmitAsync(pk, mark, ct);
                log?.LogInformation("Built the register indexes of ward {Ward}: {Rows} rows written.", wardId, writes.Count);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                await Task.Delay(Random.Shared.Next(20, 200), ct); // another build or change got there first: look again
            }
        }
        indexedWards[wardId] = true;
    }

    async Task<List<TableEntity>> QueryPrefixAsync(string pk, string prefix, CancellationToken ct)
    {
        var list = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(pk, prefix), maxPerPage: 1000, cancellationToken: ct)) list.Add(e);
        return list;
    }

    /// <summary>
    /// Writes a planned change. Its ward-partition rows go in one atomic batch together with an
    /// outbox row listing the rows for other partitions (search index, per-entity audit); those
    /// are written next and the outbox row removed. A change too large for one batch (imports, big
    /// merges) is journaled to a blob first and applied in batches. Either way, a crash part-way is
    /// finished by <see cref="ResumeJournalsAsync"/> before the ward's next change: never half-applied.
    /// </summary>
    public async Task CommitAsync(string wardId, List<PlannedWrite> writes, string operationId, CancellationToken ct)
    {
        if (writes.Count == 0) return;
        // Nothing that storage would refuse is ever journaled: such a journal would be replayed, and fail, before every later change.
        if (writes.Select(w => StorageLimits.Problem(w.RowKey, w.Properties)).FirstOrDefault(p => p is not null) is { } problem)
        {
            log?.LogError("Refused a register change of ward {Ward}: {Problem}", wardId, problem);
            throw StorageLimits.TooLarge();
        }
        await EnsureAsync(ct);
        var local = writes.Where(w => w.Partition is null).ToList();
        var remote = writes.Where(w => w.Partition is not null).ToList();
        var outbox = remote.Count == 0 ? null : JournalCodec.Serialize(remote);
        if (local.Count < BatchLimit && (outbox is null || outbox.Length <= OutboxLimit))
        {
            if (outbox is not null)
                local.Add(new PlannedWrite(WriteKind.Insert, RegisterTable.JournalKey(operationId), new() { ["Outbox"] = outbox }, null, WriteRole.Log));
            await SubmitAsync(RegisterTable.Partition(wardId), local, ct);
            if (remote.Count == 0) return;
            await ApplyAsync(wardId, remote, ct);
            await SubmitAsync(RegisterTable.Partition(wardId), [JournalRowDelete(operationId)], ct);
            return;
        }

        if ((await table.GetEntityIfExistsAsync<TableEntity>(RegisterTable.Partition(wardId), RegisterTable.OperationKey(operationId), cancellationToken: ct)).HasValue)
            throw new AlreadyAppliedException(operationId);
        // Applied in repeatable steps: its counters travel as differences, added to shards in the journal's last transaction (FinishJournalAsync).
        writes = writes.Select(w => w.Role != WriteRole.Counters ? w : new PlannedWrite(WriteKind.Upsert, RegisterTable.DeltaKey(w.RowKey, operationId),
            new() { ["Data"] = w.Properties!["Delta"], ["UpdatedAt"] = w.Properties.GetValueOrDefault("UpdatedAt") }, null, WriteRole.Counters)).ToList();
        var container = await journals.ContainerAsync();
        var blobName = $"{wardId}/{operationId}.json";
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(JournalCodec.Serialize(writes)), overwrite: true, ct);
        try
        {
            await table.AddEntityAsync(new TableEntity(RegisterTable.Partition(wardId), RegisterTable.JournalKey(operationId)) { ["Blob"] = blobName }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409) { /* a previous attempt of the same operation: resume it */ }
        await ApplyJournalAsync(wardId, operationId, writes, ct);
    }

    /// <summary>Above this many characters an outbox goes to a journal blob instead of the outbox row (a property holds 64 KiB).</summary>
    const int OutboxLimit = 30_000;

    static PlannedWrite JournalRowDelete(string operationId) => new(WriteKind.Delete, RegisterTable.JournalKey(operationId), null, "*", WriteRole.Derived);

    /// <summary>Finishes whatever a crash interrupted: outboxes not yet written, large changes not yet applied. Called before every change to the ward.</summary>
    public async Task ResumeJournalsAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        foreach (var j in await QueryPrefixAsync(RegisterTable.Partition(wardId), "j|", ct))
        {
            var operationId = j.RowKey["j|".Length..];
            try
            {
                if (j.GetString("Outbox") is { } outbox)
                {
                    await ApplyAsync(wardId, JournalCodec.Deserialize(outbox), ct);
                    await SubmitAsync(RegisterTable.Partition(wardId), [JournalRowDelete(operationId)], ct);
                    continue;
                }
                var blob = journals.Container.GetBlobClient(j.GetString("Blob"));
                var writes = JournalCodec.Deserialize((await blob.DownloadContentAsync(ct)).Value.Content.ToString());
                await ApplyJournalAsync(wardId, operationId, writes, ct);
            }
            catch (RequestFailedException e) when (e.Status is 400 or 413)
            {
                // Storage refuses this journal for good (it would fail before every later change of the ward, for ever):
                // set it aside as "jx|" for an administrator to look at, and let the ward work.
                log?.LogError(e, "Register journal {Operation} of ward {Ward} cannot be applied; set aside as jx|{Operation}", operationId, wardId, operationId);
                var aside = new TableEntity(RegisterTable.Partition(wardId), RegisterTable.FailedJournalKey(operationId)) { ["Error"] = e.Message[..Math.Min(e.Message.Length, 2000)] };
                foreach (var (k, v) in j) if (k is "Outbox" or "Blob") aside[k] = v;
                await table.UpsertEntityAsync(aside, TableUpdateMode.Replace, ct);
                await SubmitAsync(RegisterTable.Partition(wardId), [JournalRowDelete(operationId)], ct);
            }
        }
    }

    async Task ApplyJournalAsync(string wardId, string operationId, List<PlannedWrite> writes, CancellationToken ct)
    {
        var body = writes.Where(w => w.Role is not WriteRole.Marker and not WriteRole.Counters).ToList();
        await ApplyAsync(wardId, body, ct);
        await FinishJournalAsync(wardId, operationId, writes, ct);
        try { await journals.Container.DeleteBlobIfExistsAsync($"{wardId}/{operationId}.json", cancellationToken: ct); }
        catch (RequestFailedException) { /* an orphan journal blob is harmless */ }
    }

    /// <summary>
    /// A journal's last step, in ONE transaction: the operation's marker, inserted (so a journal another process finished first is
    /// recognised by it and only removed), the change's counters and per-year differences each added to a shard row (ETag-checked, read
    /// again on a conflict), and the journal row removed. Folded into the shards, a large change leaves no row of its own to add up:
    /// the counters and years a dashboard or summary reads stay a fixed number of rows however many imports a ward had.
    /// </summary>
    async Task FinishJournalAsync(string wardId, string operationId, List<PlannedWrite> writes, CancellationToken ct)
    {
        var pk = RegisterTable.Partition(wardId);
        var markers = writes.Where(w => w.Role == WriteRole.Marker).ToList();
        var deltas = writes.Where(w => w.Role == WriteRole.Counters).ToList();
        if (markers.Count == 0)
        {
            // Without a marker nothing would tell a finished journal from an unfinished one: its differences stay rows of their own, written once.
            await SubmitAsync(pk, [.. deltas.Select(Idempotent), JournalRowDelete(operationId)], ct);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            var final = markers.Select(m => m with { Kind = WriteKind.Insert, ETag = null }).ToList();
            foreach (var delta in deltas) final.Add(await FoldedAsync(pk, delta, ct));
            final.Add(JournalRowDelete(operationId));
            try
            {
                await SubmitAsync(pk, final, ct);
                return;
            }
            catch (AlreadyAppliedException)
            {
                await SubmitAsync(pk, [JournalRowDelete(operationId)], ct); // finished before: its figures are in, nothing to add twice
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 30)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10) + 20), ct); // another change took the shard: another one, read again
            }
        }
    }

    /// <summary>
    /// Folds the differences earlier versions left as rows of their own (<c>c|op|…</c>, <c>y|op|…</c>: one per journaled change) into the
    /// shards: up to 90 rows a transaction, deleted under their ETags together with their sum added to one shard of the same kind under
    /// its ETag (a concurrent change makes it read again). Safe to run at any time: those rows were written in the last transaction of a
    /// finished journal, and a finished journal is never applied again (its marker is inserted, see <see cref="FinishJournalAsync"/>).
    /// Returns how many rows were folded. The reports' rebuild runs it.
    /// </summary>
    public async Task<int> FoldOperationRowsAsync(string wardId, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var pk = RegisterTable.Partition(wardId);
        var folded = 0;
        foreach (var prefix in new[] { RegisterTable.CounterDeltaKey(""), "y|op|" })
            for (var attempt = 1; (await QueryPrefixAsync(pk, prefix, ct)).Take(90).ToList() is { Count: > 0 } rows;)
            {
                var sum = new PlannedWrite(WriteKind.Upsert, prefix, new()
                {
                    ["Data"] = rows.Count == 1 ? rows[0].GetString("Data") : prefix.StartsWith('y')
                    ? TableRows.ToJson(rows.Aggregate(RegisterYears.Zero, (t, e) => t.Plus(JsonTable.Read<RegisterYears>(e))))
                    : TableRows.ToJson(rows.Aggregate(WardCounters.Zero, (t, e) => t + JsonTable.Read<WardCounters>(e))),
                    ["UpdatedAt"] = DateTimeOffset.UtcNow
                }, null, WriteRole.Counters);
                var writes = rows.Select(e => new PlannedWrite(WriteKind.Delete, e.RowKey, null, e.ETag.ToString(), WriteRole.Primary)).ToList();
                writes.Add(await FoldedAsync(pk, sum, ct));
                try
                {
                    await SubmitAsync(pk, writes, ct);
                    folded += rows.Count;
                }
                catch (ConcurrencyConflictException) when (attempt++ < 30)
                {
                    await Task.Delay(Random.Shared.Next(5, 50), ct);
                }
            }
        return folded;
    }

    /// <summary>A journaled difference (<c>c|op|…</c> or <c>y|op|…</c>, its <c>Data</c> the difference) as a write of a shard row of the same kind plus it.</summary>
    async Task<PlannedWrite> FoldedAsync(string pk, PlannedWrite delta, CancellationToken ct)
    {
        var years = delta.RowKey.StartsWith(RegisterTable.YearsPrefix, StringComparison.Ordinal);
        var n = Random.Shared.Next(RegisterTable.CounterShards);
        var key = years ? RegisterTable.YearsShardKey(n) : RegisterTable.CounterShardKey(n);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, key, cancellationToken: ct);
        var (was, add) = (row.HasValue ? row.Value!.GetString("Data") : null, (string)delta.Properties!["Data"]!);
        var sum = years
            ? TableRows.ToJson((was is null ? RegisterYears.Zero : TableRows.FromJson<RegisterYears>(was)).Plus(TableRows.FromJson<RegisterYears>(add)))
            : TableRows.ToJson((was is null ? WardCounters.Zero : TableRows.FromJson<WardCounters>(was)) + TableRows.FromJson<WardCounters>(add));
        var props = new Dictionary<string, object?> { ["Data"] = sum, ["UpdatedAt"] = delta.Properties.GetValueOrDefault("UpdatedAt") };
        return row.HasValue
            ? new PlannedWrite(WriteKind.Replace, key, props, row.Value!.ETag.ToString(), WriteRole.Counters)
            : new PlannedWrite(WriteKind.Insert, key, props, null, WriteRole.Counters);
    }

    /// <summary>Every write made repeatable: inserts and replaces become upserts, deletes tolerate absence.</summary>
    static PlannedWrite Idempotent(PlannedWrite w) => w.Kind switch
    {
        WriteKind.Delete => w with { ETag = "*", Role = WriteRole.Derived },
        _ => w with { Kind = WriteKind.Upsert, ETag = null },
    };

    /// <summary>Applies writes repeatably, batched per partition, several batches at a time.</summary>
    async Task ApplyAsync(string wardId, List<PlannedWrite> writes, CancellationToken ct)
    {
        var batches = writes.Select(Idempotent)
            .GroupBy(w => (w.Partition ?? RegisterTable.Partition(wardId), w.RowKey)).Select(g => g.Last()) // a row once per batch
            .GroupBy(w => w.Partition ?? RegisterTable.Partition(wardId))
            .SelectMany(p => p.Chunk(BatchLimit).Select(chunk => (Partition: p.Key, Writes: chunk.ToList())))
            .ToList();
        var applied = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (batch, token) =>
        {
            await SubmitAsync(batch.Partition, batch.Writes, token);
            if (AfterJournalBatch is { } hook) await hook(Interlocked.Increment(ref applied));
        });
    }

    async Task SubmitAsync(string pk, List<PlannedWrite> writes, CancellationToken ct)
    {
        while (writes.Count > 0)
        {
            try
            {
                await TableOf(pk).SubmitTransactionAsync(writes.Select(w => ToAction(pk, w)).ToList(), ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } i && i < writes.Count)
            {
                var failed = writes[i];
                switch (failed.Role)
                {
                    case WriteRole.Derived when failed.Kind == WriteKind.Delete && e.Status == 404:
                        writes = writes.Where((_, n) => n != i).ToList(); // row already gone: nothing to delete
                        continue;
                    case WriteRole.Marker when e.Status == 409:
                        throw new AlreadyAppliedException(failed.RowKey["o|".Length..]);
                    case WriteRole.Primary or WriteRole.Counters when e.Status is 404 or 409 or 412:
                        throw new ConcurrencyConflictException(failed.RowKey);
                    default:
                        throw;
                }
            }
        }
    }

    static TableTransactionAction ToAction(string pk, PlannedWrite w)
    {
        var entity = new TableEntity(pk, w.RowKey);
        if (w.Properties is not null) foreach (var (k, v) in w.Properties) if (v is not null) entity[k] = v;
        var etag = w.ETag is null ? default : w.ETag == "*" ? ETag.All : new ETag(w.ETag);
        return w.Kind switch
        {
            WriteKind.Insert => new(TableTransactionActionType.Add, entity),
            WriteKind.Replace => new(TableTransactionActionType.UpdateReplace, entity, etag),
            WriteKind.Upsert => new(TableTransactionActionType.UpsertReplace, entity),
            WriteKind.Delete => new(TableTransactionActionType.Delete, entity, etag),
            _ => throw new ArgumentOutOfRangeException(nameof(w)),
        };
    }

    // ---- reads for the API (paged, one partition each) -----------------------------------------

    public Task<PageResult<TableEntity>> PageAsync(string wardId, string prefix, string? extraFilter, string? token, int pageSize, CancellationToken ct) =>
        PagePartitionAsync(RegisterTable.Partition(wardId), prefix, extraFilter, token, pageSize, ct);

    /// <summary>A page of one partition, optionally only row keys starting with a prefix.</summary>
    public async Task<PageResult<TableEntity>> PagePartitionAsync(string partition, string? prefix, string? extraFilter, string? token, int pageSize, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var filter = (prefix is null ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}") : TableRows.PrefixFilter(partition, prefix))
            + (extraFilter is null ? "" : $" and ({extraFilter})");
        var scope = $"{partition}|{prefix}|{extraFilter}";
        await foreach (var page in TableOf(partition).QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: ct).AsPages(ContinuationToken.Decode(token, scope), pageSize))
            return new PageResult<TableEntity>(page.Values, ContinuationToken.Encode(page.ContinuationToken, scope));
        return new PageResult<TableEntity>([], null);
    }

    public async Task<TableEntity?> GetRowAsync(string wardId, string rowKey, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(RegisterTable.Partition(wardId), rowKey, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>One group by a point read; null when the ward has no such group.</summary>
    public async Task<Group?> GetGroupAsync(string wardId, string groupId, CancellationToken ct) =>
        await GetRowAsync(wardId, RegisterTable.GroupKey(groupId), ct) is { } row ? JsonTable.Read<Group>(row) : null;

    /// <summary>One member of a group by a point read; null when the group has no such member.</summary>
    public async Task<Member?> GetMemberAsync(string wardId, string groupId, string memberId, CancellationToken ct) =>
        await GetRowAsync(wardId, RegisterTable.MemberKey(groupId, memberId), ct) is { } row ? JsonTable.Read<Member>(row) : null;

    /// <summary>The first row at or after a key in a prefix range (history "as of").</summary>
    public async Task<TableEntity?> FirstFromAsync(string wardId, string fromKey, string prefix, CancellationToken ct)
    {
        await EnsureAsync(ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RegisterTable.Partition(wardId)} and RowKey ge {fromKey} and RowKey lt {TableRows.UpperBound(prefix)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: ct)) return e;
        return null;
    }
}

/// <summary>Serialises planned writes for the journal blob, keeping property types.</summary>
static class JournalCodec
{
    sealed record Prop(string T, string? V);
    sealed record Row(WriteKind Kind, string RowKey, Dictionary<string, Prop>? Props, string? ETag, WriteRole Role, string? Partition);

    public static string Serialize(List<PlannedWrite> writes) => JsonSerializer.Serialize(writes.Select(w => new Row(w.Kind, w.RowKey,
        w.Properties?.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value switch
        {
            string s => new Prop("s", s),
            int i => new Prop("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            long l => new Prop("l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            bool b => new Prop("b", b ? "1" : "0"),
            DateTimeOffset d => new Prop("d", d.ToString("O")),
            var other => throw new NotSupportedException(other!.GetType().Name),
        }), w.ETag, w.Role, w.Partition)));

    public static List<PlannedWrite> Deserialize(string json) => JsonSerializer.Deserialize<List<Row>>(json)!.Select(r => new PlannedWrite(r.Kind, r.RowKey,
        r.Props?.ToDictionary(p => p.Key, p => (object?)(p.Value.T switch
        {
            "s" => p.Value.V,
            "i" => int.Parse(p.Value.V!, System.Globalization.CultureInfo.InvariantCulture),
            "l" => long.Parse(p.Value.V!, System.Globalization.CultureInfo.InvariantCulture),
            "b" => p.Value.V == "1",
            "d" => DateTimeOffset.Parse(p.Value.V!, System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException(p.Value.T),
        })), r.ETag, r.Role, r.Partition)).ToList();
}
