using Azure.Data.Tables;
using Tndtq.Register;

namespace Tndtq.Shared;

/// <summary>Rows holding one JSON document each ("Data"): the storage of the workflow slices' small records.</summary>
public sealed class JsonTable(TableClient table)
{
    volatile bool created;

    async Task EnsureAsync()
    {
        if (created) return;
        await table.CreateIfNotExistsAsync();
        created = true;
    }

    public async Task PutAsync<T>(string pk, string rk, T value)
    {
        await EnsureAsync();
        await table.UpsertEntityAsync(new TableEntity(pk, rk) { ["Data"] = RegisterTable.ToJson(value) }, TableUpdateMode.Replace);
    }

    public async Task<T?> GetAsync<T>(string pk, string rk) where T : class
    {
        await EnsureAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk);
        return row.HasValue ? RegisterTable.FromJson<T>(row.Value!.GetString("Data")!) : null;
    }

    /// <summary>A partition's documents, optionally only row keys starting with <paramref name="prefix"/>.</summary>
    public async Task<List<T>> ListAsync<T>(string pk, string prefix = "")
    {
        await EnsureAsync();
        var filter = prefix.Length == 0 ? TableClient.CreateQueryFilter($"PartitionKey eq {pk}") : RegisterTable.PrefixFilter(pk, prefix);
        var list = new List<T>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter)) list.Add(RegisterTable.FromJson<T>(e.GetString("Data")!));
        return list;
    }
}
