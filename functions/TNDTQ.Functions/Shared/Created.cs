using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Tndtq.Shared;

/// <summary>
/// Tables and blob containers are created on first use, once per process — not asked for again on
/// every call (each "create if not exists" is a storage request, and a 409 when it exists). A
/// creation that failed is tried again on the next use. A table or container deleted while the app
/// runs (an operator, a restore) is created again: <see cref="Policy"/>, on the app's storage clients,
/// sees the storage's TableNotFound / ContainerNotFound, forgets that it was created, creates it and sends
/// the request once more — so the request that met the missing table succeeds, and so does every later one.
/// The one place that creates a table or container: stores reach it only through <see cref="JsonTable.ClientAsync"/> and
/// <see cref="BlobFiles.ContainerAsync"/> (the rule is in <see cref="JsonTable"/>'s doc comment).
/// </summary>
public static class Created
{
    static readonly ConcurrentDictionary<Uri, Lazy<Task>> Done = new();
    /// <summary>How to create each table or container used so far (what the policy may create again).</summary>
    static readonly ConcurrentDictionary<string, (Uri Uri, Func<Task> Create)> Creators = new(StringComparer.OrdinalIgnoreCase);

    public static Task EnsureCreatedAsync(this TableClient table) => OnceAsync(table.Uri, () => table.CreateIfNotExistsAsync());

    public static Task EnsureCreatedAsync(this BlobContainerClient container) => OnceAsync(container.Uri, () => container.CreateIfNotExistsAsync());

    static async Task OnceAsync(Uri key, Func<Task> create)
    {
        Creators.TryAdd(Key(key), (key, create));
        var once = Done.GetOrAdd(key, _ => new Lazy<Task>(create));
        try { await once.Value; }
        catch
        {
            Done.TryRemove(KeyValuePair.Create(key, once));
            throw;
        }
    }

    /// <summary>Forgets that a table or container exists and creates it again (once, however many requests met it missing).</summary>
    static async Task RecreateAsync(string key)
    {
        if (!Creators.TryGetValue(key, out var known)) return;
        if (Done.TryGetValue(known.Uri, out var once) && once.IsValueCreated && once.Value.IsCompleted) Done.TryRemove(KeyValuePair.Create(known.Uri, once));
        await OnceAsync(known.Uri, known.Create);
    }

    static string Key(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Added to the app's Table and Blob clients (<see cref="Storage"/>).</summary>
    public static readonly HttpPipelinePolicy Policy = new RecreateMissing();

    sealed class RecreateMissing : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (MissingKey(message) is not { } key) return;
            await RecreateAsync(key);
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            if (MissingKey(message) is not { } key) return;
            RecreateAsync(key).GetAwaiter().GetResult();
            ProcessNext(message, pipeline);
        }
    }

    /// <summary>The known table or container a request met missing; null for any other answer.</summary>
    static string? MissingKey(HttpMessage message)
    {
        if (!message.HasResponse) return null;
        var target = message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path);
        var batch = target.EndsWith("/$batch", StringComparison.Ordinal);
        // A transaction answers 202 and names its failure in the body.
        if (message.Response.Status != 404 && !(batch && message.Response.Status == 202)) return null;
        var code = message.Response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : null;
        if (code is null)
        {
            // Table Storage names the error in the body ({"odata.error":{"code":"TableNotFound",…}}).
            string body;
            try { body = message.Response.Content?.ToString() ?? ""; }
            catch (InvalidOperationException) { return null; } // a streamed body: not an error of ours
            code = body.Contains("TableNotFound", StringComparison.Ordinal) ? "TableNotFound" : body.Contains("ContainerNotFound", StringComparison.Ordinal) ? "ContainerNotFound" : null;
        }
        if (code is not ("TableNotFound" or "ContainerNotFound")) return null;
        if (batch && message.Request.Content is { } content)
        {
            // A transaction names its table in each of its parts.
            using var buffer = new MemoryStream();
            content.WriteTo(buffer, default);
            target = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        return Creators.Keys.Where(k => Contains(target, k)).OrderByDescending(k => k.Length).FirstOrDefault();
    }

    /// <summary>Whether <paramref name="text"/> addresses <paramref name="key"/> (the table or container itself, a row or a blob in it).</summary>
    static bool Contains(string text, string key)
    {
        for (var at = text.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + key.Length;
            if (end == text.Length || text[end] is '(' or '/' or '?' or ' ' or '\r' or '\n') return true;
        }
        return false;
    }
}
