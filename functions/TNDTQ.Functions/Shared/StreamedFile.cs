using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Tndtq.Shared;

/// <summary>
/// A file written to the response as it is made (exports of the whole district), instead of a byte array
/// built in memory first. Everything that can refuse the request (roles, a missing ward, storage down)
/// is checked before this result is returned, so it becomes a ProblemDetails as usual; a failure while
/// writing can only cut the download (the client sees an incomplete transfer, never a wrong file).
/// </summary>
public sealed class StreamedFile(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
{
    public string ContentType => contentType;
    public string FileName => fileName;

    /// <summary>The whole file in memory (tests and small callers).</summary>
    public async Task<byte[]> ToBytesAsync(CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var body = new AsyncOnlyStream(buffer); // as the response gets it: written forward only
        await write(body, ct);
        await body.FlushPendingAsync(ct);
        return buffer.ToArray();
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        var body = new AsyncOnlyStream(response.Body);
        try
        {
            await write(body, http.RequestAborted);
            await body.FlushPendingAsync(http.RequestAborted);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices?.GetService<ILogger<StreamedFile>>()?.LogError(e, "Writing {File} failed part-way; the download was cut", fileName);
            http.Abort();
        }
    }

    /// <summary>
    /// The response body accepts only asynchronous writes; a writer (the zip archive) that writes a few
    /// bytes synchronously (entry headers, the central directory) has them kept and sent with the next asynchronous write.
    /// </summary>
    sealed class AsyncOnlyStream(Stream inner) : Stream
    {
        readonly MemoryStream pending = new();
        long written;

        public async Task FlushPendingAsync(CancellationToken ct)
        {
            if (pending.Length > 0)
            {
                await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
                pending.SetLength(0);
            }
            await inner.FlushAsync(ct);
        }

        public override void Write(byte[] buffer, int offset, int count) { pending.Write(buffer, offset, count); written += count; }
        public override void Write(ReadOnlySpan<byte> buffer) { pending.Write(buffer); written += buffer.Length; }
        public override void WriteByte(byte value) { pending.WriteByte(value); written++; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (pending.Length > 0)
            {
                await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
                pending.SetLength(0);
            }
            await inner.WriteAsync(buffer, ct);
            written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override Task FlushAsync(CancellationToken ct) => FlushPendingAsync(ct);
        public override void Flush() { /* kept until the next asynchronous write */ }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
