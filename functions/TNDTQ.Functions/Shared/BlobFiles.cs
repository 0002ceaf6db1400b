using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Tndtq.Shared;

/// <summary>
/// The app's one way to a blob container (as <see cref="JsonTable"/> is to a table): files put (overwriting, with their media type)
/// and got. The names are always made by the system. No store calls <c>GetBlobContainerClient</c> or creates a container: the
/// container is created on first use, once per process, by <see cref="Created"/>. What put and get do not express (a conditional
/// upload, a listing, a delete) goes through <see cref="ContainerAsync"/> (the container created first), or <see cref="Container"/>
/// for a read or delete that takes a missing container for an empty one.
/// </summary>
public sealed class BlobFiles(BlobServiceClient blobs, string containerName)
{
    readonly BlobContainerClient container = blobs.GetBlobContainerClient(containerName);

    /// <summary>The container's client, the container created first (once per process).</summary>
    public async ValueTask<BlobContainerClient> ContainerAsync()
    {
        await container.EnsureCreatedAsync();
        return container;
    }

    /// <summary>The container's client, the container NOT created: for reads and deletes that take a missing container (a 404) for an empty one.</summary>
    public BlobContainerClient Container => container;

    public async Task<string> PutAsync(string name, byte[] content, string contentType)
    {
        await (await ContainerAsync()).GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } });
        return name;
    }

    public async Task<(BinaryData Content, string ContentType)?> GetAsync(string name)
    {
        try
        {
            var r = await container.GetBlobClient(name).DownloadContentAsync();
            return (r.Value.Content, r.Value.Details.ContentType ?? "application/octet-stream");
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }
}
