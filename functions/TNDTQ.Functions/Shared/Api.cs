using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Tndtq.Identity;

namespace Tndtq.Shared;

/// <summary>
/// The one way an HTTP function runs: resolve the caller, run the handler, turn failures into
/// Vietnamese ProblemDetails. Functions classes stay one line per route.
/// </summary>
public sealed class Api(CallerResolver callers, ILogger<Api> log)
{
    /// <summary>For endpoints that need a signed-in caller.</summary>
    public Task<IActionResult> Run(HttpRequest request, Func<Caller, Task<IActionResult>> handler) =>
        Guard(request, async () => await handler(await callers.ResolveAsync(request, request.HttpContext.RequestAborted)));

    /// <summary>For the few anonymous endpoints (health).</summary>
    public Task<IActionResult> RunAnonymous(HttpRequest request, Func<Task<IActionResult>> handler) => Guard(request, handler);

    async Task<IActionResult> Guard(HttpRequest request, Func<Task<IActionResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (ProblemException problem)
        {
            return problem.ToResult(request.Path);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new StatusCodeResult(499);
        }
        catch (Exception e)
        {
            log.LogError(e, "Unhandled error in {Method} {Path}", request.Method, request.Path);
            return Problems.Result(StatusCodes.Status500InternalServerError, Texts.InternalError, null, "internal", request.Path);
        }
    }

    /// <summary>Reads the JSON body, or a 400 in Vietnamese.</summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json.Options, request.HttpContext.RequestAborted);
            return body ?? throw ProblemException.BadRequest(Texts.MissingBody, "missing-body");
        }
        catch (JsonException e)
        {
            throw ProblemException.BadRequest(e.Path is { Length: > 1 } path ? Texts.InvalidJsonField(path.TrimStart('$', '.')) : Texts.InvalidJsonBody, "invalid-json");
        }
    }

    /// <summary>
    /// The caller's <c>x-requestid</c> header, used to recognise a retried request. Null when absent.
    /// </summary>
    public static string? RequestId(HttpRequest request)
    {
        var value = request.Headers["x-requestid"].ToString().Trim();
        if (value.Length == 0) return null;
        if (value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw ProblemException.BadRequest(Texts.InvalidRequestId, "invalid-request-id");
        return value.ToLowerInvariant();
    }

    /// <summary>A query-string value, trimmed; null when absent or empty.</summary>
    public static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var v) && v.ToString().Trim() is { Length: > 0 } s ? s : null;

    /// <summary>pageSize from the query (default 50, 1–200).</summary>
    public static int PageSize(HttpRequest request, int fallback = 50)
    {
        if (Query(request, "pageSize") is not { } raw) return fallback;
        if (!int.TryParse(raw, out var size) || size is < 1 or > 200) throw ProblemException.BadRequest(Texts.InvalidPageSize, "invalid-page-size");
        return size;
    }

    /// <summary>An enumeration from the query in its API spelling (kebab-case), or a 400.</summary>
    public static TEnum? Enum<TEnum>(HttpRequest request, string name) where TEnum : struct, System.Enum
    {
        if (Query(request, name) is not { } raw) return null;
        foreach (var value in System.Enum.GetValues<TEnum>())
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), raw, StringComparison.OrdinalIgnoreCase)) return value;
        throw ProblemException.BadRequest(Texts.InvalidEnumValue(name, raw), "invalid-" + name);
    }

    /// <summary>The body with its ETag in the response header (200 unless told).</summary>
    public static IActionResult Versioned(HttpRequest request, IVersioned body, int status = StatusCodes.Status200OK)
    {
        if (body.ETag.Length > 0) request.HttpContext.Response.Headers.ETag = body.ETag;
        return new ObjectResult(body) { StatusCode = status };
    }

    /// <summary>
    /// An uploaded file: a multipart form's "file" field, or the raw body (name from <c>?fileName=</c>,
    /// type from Content-Type). 413 above <paramref name="maxBytes"/>, 400 when empty.
    /// </summary>
    public static async Task<(byte[] Content, string FileName, string ContentType)> ReadFileAsync(HttpRequest request, int maxBytes)
    {
        var ct = request.HttpContext.RequestAborted;
        ProblemException TooLarge() => new(413, Texts.ValidationFailed, Texts.FileTooLarge(maxBytes / 1024 / 1024), "file-too-large");
        if (request.ContentLength > maxBytes) throw TooLarge();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault() ?? throw ProblemException.BadRequest(Texts.NoFile, "no-file");
            if (file.Length > maxBytes) throw TooLarge();
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            return (ms.ToArray(), Path.GetFileName(file.FileName), file.ContentType ?? "application/octet-stream");
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        if (body.Length == 0) throw ProblemException.BadRequest(Texts.NoFile, "no-file");
        if (body.Length > maxBytes) throw TooLarge();
        return (body.ToArray(), Path.GetFileName(Query(request, "fileName") ?? "tep"), request.ContentType ?? "application/octet-stream");
    }

    public static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.ToString() is { Length: > 0 } v ? v : null;
}

/// <summary>A response body that carries the ETag to send back in If-Match.</summary>
public interface IVersioned
{
    string ETag { get; }
}
