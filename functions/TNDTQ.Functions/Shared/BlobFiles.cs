using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Tndtq.Shared;

/// <summary>Files in one blob container: put (overwriting, with their media type) and get. The names are always made by the system.</summary>
public sealed class BlobFiles(BlobServiceClient blobs, string containerName)
{
    readonly BlobContainerClient container = blobs.GetBlobContainerClient(containerName);

    public async Task<string> PutAsync(string name, byte[] content, string contentType)
    {
        await container.EnsureCreatedAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content),
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
