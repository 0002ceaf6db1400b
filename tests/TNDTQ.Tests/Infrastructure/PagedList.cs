using Tndtq.Shared;

namespace Tndtq.Tests.Infrastructure;

/// <summary>Reads a paged list (<c>{items, continuationToken}</c>) to its end, counting the storage queries of its table that each page cost.</summary>
public static class PagedList
{
    sealed record Page<T>(List<T> Items, string? ContinuationToken);

    /// <summary>
    /// Every page of <paramref name="url"/> (with its own query string, if any), following the continuation token, and the queries of
    /// <paramref name="table"/> each page sent (<see cref="StorageRequestCounter"/>: run in the <c>CountedStorage</c> collection).
    /// Fails past <paramref name="maxPages"/> pages.
    /// </summary>
    public static async Task<(List<T> Items, List<long> Queries)> AllAsync<T>(HttpClient who, string url, string table, int maxPages = 100)
    {
        var (items, queries, token) = (new List<T>(), new List<long>(), (string?)null);
        for (var n = 0; n < maxPages; n++)
        {
            var before = StorageRequestCounter.QueriesOf(table);
            var next = token is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}continuationToken={Uri.EscapeDataString(token)}";
            var page = await (await who.GetAsync(next)).ReadAsync<Page<T>>();
            queries.Add(StorageRequestCounter.QueriesOf(table) - before);
            items.AddRange(page.Items);
            if ((token = page.ContinuationToken) is null) return (items, queries);
        }
        throw new InvalidOperationException($"more than {maxPages} pages");
    }
}
