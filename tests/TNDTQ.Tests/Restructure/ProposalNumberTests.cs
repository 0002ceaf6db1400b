using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Restructure;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Restructure;

/// <summary>
/// The tờ trình numbers the system gives (real Azurite): each version of a ward's year its own serial, in order, none twice even
/// when versions go up at once, the same serial again for a version numbered before (a retried step close), a new year from 1.
/// </summary>
public sealed class ProposalNumberTests
{
    static async Task<RestructureDocumentStore> StoreAsync()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        return new RestructureDocumentStore(new TableServiceClient(connection), new BlobServiceClient(connection));
    }

    [Fact]
    public async Task Versions_going_up_at_once_get_distinct_serials_in_order_a_retry_the_same_and_a_new_year_starts_at_one()
    {
        var store = await StoreAsync();
        var ward = "so-" + Guid.NewGuid().ToString("N")[..8];
        var first = await store.NumberVersionAsync(ward, 2026, "cycle-a", 1);
        Assert.Equal(1, first);

        // Eight versions of four cycles at once: 2..9, each once.
        var at = Enumerable.Range(0, 8).Select(i => (Cycle: $"cycle-{(char)('b' + i % 4)}", Version: 1 + i / 4)).ToList();
        var serials = await Task.WhenAll(at.Select(x => store.NumberVersionAsync(ward, 2026, x.Cycle, x.Version)));
        Assert.Equal(Enumerable.Range(2, 8), serials.Order());

        // A version numbered before keeps its serial (the step's close ran again); the year's next is unchanged by it.
        Assert.Equal(first, await store.NumberVersionAsync(ward, 2026, "cycle-a", 1));
        Assert.Equal(serials[3], await store.NumberVersionAsync(ward, 2026, at[3].Cycle, at[3].Version));
        Assert.Equal(10, await store.NumberVersionAsync(ward, 2026, "cycle-a", 2));

        // Another year, another ward: each from 1.
        Assert.Equal(1, await store.NumberVersionAsync(ward, 2027, "cycle-z", 1));
        Assert.Equal(1, await store.NumberVersionAsync(ward + "x", 2026, "cycle-a", 1));
    }
}
