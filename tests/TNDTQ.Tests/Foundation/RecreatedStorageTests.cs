using System.Net;
using System.Net.Http.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.LocalHost;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// A table or blob container deleted while the app runs (an operator, a restore) is created again on its next use:
/// the app remembers "created" once per process, and forgets it when storage says TableNotFound / ContainerNotFound.
/// </summary>
public sealed class RecreatedStorageTests(RecreatedStorageTests.Fixture fx) : IClassFixture<RecreatedStorageTests.Fixture>
{
    /// <summary>These tests delete the app's tables: an Azurite of their own, so no other test loses its rows.</summary>
    public sealed class Fixture : HostFixture
    {
        Azurite? own;
        protected override async Task<string> StorageAsync() => (own = await Azurite.StartPrivateAsync()).ConnectionString;
        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (own is not null) await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_write_after_the_register_table_was_deleted_under_the_running_host_succeeds()
    {
        var admin = fx.Client(As.Admin);
        var first = "phuong-" + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsJsonAsync("wards", new { id = first, name = "Phường Trước", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await new TableServiceClient(fx.ConnectionString).DeleteTableAsync("Register");
        var second = "phuong-" + Guid.NewGuid().ToString("N")[..6];
        var again = await admin.PostAsJsonAsync("wards", new { id = second, name = "Phường Sau", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" });
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        var wards = await admin.GetAsync("wards");
        Assert.Equal(HttpStatusCode.OK, wards.StatusCode);
        Assert.Contains("Phường Sau", await wards.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_transaction_and_a_blob_upload_after_their_table_and_container_were_deleted_succeed()
    {
        var options = new TableClientOptions();
        options.AddPolicy(Created.Policy, HttpPipelinePosition.PerCall);
        var table = new TableServiceClient(fx.ConnectionString, options).GetTableClient("t" + Guid.NewGuid().ToString("N")[..12]);
        await table.EnsureCreatedAsync();
        await table.AddEntityAsync(new TableEntity("p", "before"));
        await new TableServiceClient(fx.ConnectionString).DeleteTableAsync(table.Name);
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity("p", "a")), new(TableTransactionActionType.Add, new TableEntity("p", "b"))]);
        Assert.Equal(["a", "b"], table.Query<TableEntity>().Select(e => e.RowKey).ToList());

        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(Created.Policy, HttpPipelinePosition.PerCall);
        var container = new BlobServiceClient(fx.ConnectionString, blobOptions).GetBlobContainerClient("c" + Guid.NewGuid().ToString("N")[..12]);
        await container.EnsureCreatedAsync();
        await new BlobServiceClient(fx.ConnectionString).GetBlobContainerClient(container.Name).DeleteAsync();
        await container.GetBlobClient("x.txt").UploadAsync(BinaryData.FromString("xin chào"));
        Assert.Equal("xin chào", (await container.GetBlobClient("x.txt").DownloadContentAsync()).Value.Content.ToString());
    }
}
