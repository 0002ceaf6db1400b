using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Tndtq.Shared;

/// <summary>
/// Tables and blob containers are created on first use, once per process — not asked for again on
/// every call (each "create if not exists" is a storage request, and a 409 when it exists). A
/// creation that failed is tried again on the next use.
/// </summary>
public static class Created
{
    static readonly ConcurrentDictionary<Uri, Lazy<Task>> Done = new();

    public static Task EnsureCreatedAsync(this TableClient table) => OnceAsync(table.Uri, () => table.CreateIfNotExistsAsync());

    public static Task EnsureCreatedAsync(this BlobContainerClient container) => OnceAsync(container.Uri, () => container.CreateIfNotExistsAsync());

    static async Task OnceAsync(Uri key, Func<Task> create)
    {
        var once = Done.GetOrAdd(key, _ => new Lazy<Task>(create));
        try { await once.Value; }
        catch
        {
            Done.TryRemove(KeyValuePair.Create(key, once));
            throw;
        }
    }
}
