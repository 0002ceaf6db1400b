using Azure.Data.Tables;
using Tndtq.Register;

namespace Tndtq.Shared;

/// <summary>
/// Rows holding one JSON document each: the storage of the workflow slices' small records. A
/// document longer than one property holds (32,768 characters) continues in <c>Data1</c>,
/// <c>Data2</c>, … up to the 1 MiB a row holds; a larger one is refused before anything is written.
/// </summary>
public sealed class JsonTable(TableClient table)
{
    const int ChunkChars = 30_000;
    Task EnsureAsync() => table.EnsureCreatedAsync();

    public async Task PutAsync<T>(string pk, string rk, T value)
    {
        var json = RegisterTable.ToJson(value);
        var entity = new TableEntity(pk, rk);
        for (int i = 0, n = 0; i < json.Length || n == 0; i += ChunkChars, n++)
            entity[n == 0 ? "Data" : $"Data{n}"] = json.Substring(i, Math.Min(ChunkChars, json.Length - i));
        if (StorageLimits.Problem(rk, entity) is not null) throw StorageLimits.TooLarge();
        await EnsureAsync();
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
    }

    /// <summary>Stores the document unless the row exists; returns the stored one (this, or the one that was there first).</summary>
    public async Task<T> AddOrGetAsync<T>(string pk, string rk, T value) where T : class
    {
        await EnsureAsync();
        try
        {
            await table.AddEntityAsync(new TableEntity(pk, rk) { ["Data"] = RegisterTable.ToJson(value) });
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
    public async Task<List<T>> ListAsync<T>(string pk, string prefix = "")
    {
        await EnsureAsync();
        var filter = prefix.Length == 0 ? TableClient.CreateQueryFilter($"PartitionKey eq {pk}") : RegisterTable.PrefixFilter(pk, prefix);
        var list = new List<T>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter)) list.Add(Read<T>(e));
        return list;
    }

    static T Read<T>(TableEntity e)
    {
        var json = e.GetString("Data")!;
        if (!e.ContainsKey("Data1")) return RegisterTable.FromJson<T>(json);
        var all = new System.Text.StringBuilder(json);
        for (var n = 1; e.GetString($"Data{n}") is { } more; n++) all.Append(more);
        return RegisterTable.FromJson<T>(all.ToString());
    }
}
