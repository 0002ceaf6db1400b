using Azure;
using Azure.Storage.Blobs;
using Tndtq.Shared;

namespace Tndtq.Shared.Documents;

/// <summary>
/// Where a document template comes from: in Azure the office edits it as a blob
/// (container <c>templates</c>, <c>{name}.txt</c>, e.g. <c>giay-khen.txt</c>), since the app's own
/// files are read-only there; without such a blob, <see cref="DocumentTemplate.Load"/> (a file next to
/// the app, else the built-in template). Read at each generation, so an edit counts from the next document.
/// </summary>
public sealed class TemplateStore(BlobServiceClient blobs)
{
    /// <summary>Document templates the office edits in Azure (a blob here wins over the built-in template).</summary>
    public const string Container = "templates";

    readonly BlobFiles templates = new(blobs, Container);

    public async Task<string> LoadAsync(string name, CancellationToken ct = default)
    {
        try
        {
            var blob = templates.Container.GetBlobClient(name + ".txt");
            return (await blob.DownloadContentAsync(ct)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return DocumentTemplate.Load(name);
        }
    }
}
