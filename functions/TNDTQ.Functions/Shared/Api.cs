using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Tndtq.Shared;

/// <summary>
/// The one way an HTTP function runs: resolve the caller, run the handler, turn failures into
/// Vietnamese ProblemDetails. Functions classes stay one line per route.
/// </summary>
public sealed class Api(ICallerResolver callers, ILogger<Api> log)
{
    /// <summary>
    /// Every API route starts with this. host.json's route prefix is empty so that the web app is
    /// served at the site root by the same Functions app (<c>Web/WebFunctions.cs</c>); the API keeps
    /// its documented addresses under <c>/api</c>.
    /// </summary>
    public const string Prefix = "api/";

    /// <summary>For endpoints that need a signed-in caller.</summary>
    public Task<IActionResult> Run(HttpRequest request, Func<Caller, Task<IActionResult>> handler) =>
        Guard(request, async () => await handler(await callers.ResolveAsync(request, request.HttpContext.RequestAborted)));

    /// <summary>For the few anonymous endpoints (health).</summary>
    public Task<IActionResult> RunAnonymous(HttpRequest request, Func<Task<IActionResult>> handler) => Guard(request, handler);

    async Task<IActionResult> Guard(HttpRequest request, Func<Task<IActionResult>> handler)
    {
        try
        {
            CheckPath(request);
            return await handler();
        }
        catch (ProblemException problem)
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable) request.HttpContext.Response.Headers.RetryAfter = "5";
            return problem.ToResult(request.Path);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new StatusCodeResult(499);
        }
        catch (Exception e) when (StorageUnavailable(e))
        {
            // Storage did not answer (an outage, throttling): the request may succeed if sent again.
            log.LogWarning(e, "Storage unavailable in {Method} {Path}", request.Method, request.Path);
            request.HttpContext.Response.Headers.RetryAfter = "30";
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, Texts.ServiceUnavailable, Texts.ServiceUnavailableDetail, "storage-unavailable", request.Path);
        }
        catch (Exception e)
        {
            log.LogError(e, "Unhandled error in {Method} {Path}", request.Method, request.Path);
            return Problems.Result(StatusCodes.Status500InternalServerError, Texts.InternalError, null, "internal", request.Path);
        }
    }

    /// <summary>
    /// A failure of storage or of the workflow engine that is not about the request: no answer, a
    /// broken connection (an IOException or SocketException), a timeout (a cancellation the caller did not ask for), a server error or
    /// throttling — anywhere in the chain of inner exceptions, or in every exception of an
    /// <see cref="AggregateException"/> (how the storage clients report their last retry). The
    /// Durable client reaches the engine over gRPC: an engine that failed on its side (its storage)
    /// answers Unknown, Internal, Unavailable, DeadlineExceeded, ResourceExhausted or Aborted; the
    /// codes that describe a wrong call (InvalidArgument, NotFound…) stay a 500. Unknown stays an outage:
    /// the engine's gRPC server answers every exception of its handler as Unknown ("Exception was thrown by
    /// handler."), its storage down included (StorageOutageTests sees it), so an engine bug cannot be told
    /// from an outage by the code alone.
    /// </summary>
    internal static bool StorageUnavailable(Exception e) => e switch
    {
        Azure.RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        // Not the caller's own body (BadHttpRequestException is an IOException) nor a file of the app.
        BadHttpRequestException or FileNotFoundException or DirectoryNotFoundException => false,
        HttpRequestException or TimeoutException or OperationCanceledException or IOException or System.Net.Sockets.SocketException => true,
        Grpc.Core.RpcException rpc => rpc.StatusCode is Grpc.Core.StatusCode.Unknown or Grpc.Core.StatusCode.Internal or Grpc.Core.StatusCode.Unavailable
            or Grpc.Core.StatusCode.DeadlineExceeded or Grpc.Core.StatusCode.ResourceExhausted or Grpc.Core.StatusCode.Aborted,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(StorageUnavailable),
        _ => e.InnerException is { } inner && StorageUnavailable(inner),
    };

    /// <summary>
    /// Every segment of the path (ids of wards, groups, people, steps) is an id: letters, digits and
    /// <c>- _ .</c>, so nothing a caller puts in a URL can reach a storage key it should not.
    /// </summary>
    static void CheckPath(HttpRequest request)
    {
        foreach (var segment in request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [])
            if (Input.IdProblem(segment) is not null)
                throw ProblemException.Validation(new Dictionary<string, string[]> { ["path"] = [Texts.InvalidPathSegment] });
    }

    /// <summary>
    /// Reads the JSON body with the limits of <see cref="Input"/>: 413 above <paramref name="maxBytes"/>,
    /// 400 naming the field for a value that breaks a limit or does not fit.
    /// </summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, int maxBytes = Input.DefaultMaxBodyBytes) where T : class
    {
        var ct = request.HttpContext.RequestAborted;
        if (request.ContentLength > maxBytes) throw BodyTooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        for (int read; (read = await request.Body.ReadAsync(chunk, ct)) > 0;)
        {
            if (buffer.Length + read > maxBytes) throw BodyTooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw ProblemException.BadRequest(Texts.MissingBody, "missing-body");
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Input.Options)
                ?? throw ProblemException.BadRequest(Texts.MissingBody, "missing-body");
        }
        catch (InputException e)
        {
            throw FieldProblem(Field(e.Path, e.Member) ?? "body", e.Reason);
        }
        catch (JsonException e)
        {
            // A value the record needs is missing, or null where it may not be, or of the wrong kind.
            var missing = MissingProperty.Match(e.Message);
            if (missing.Success) throw FieldProblem(Field(e.Path, missing.Groups[1].Value) ?? "body", Texts.InputRequired);
            if (NullProperty.Match(e.Message) is { Success: true } nulled) throw FieldProblem(Field(e.Path, null) ?? nulled.Groups[1].Value, Texts.InputRequired);
            throw Field(e.Path, null) is { } field ? FieldProblem(field, Texts.InputWrongValue) : ProblemException.BadRequest(Texts.InvalidJsonBody, "invalid-json");
        }
        catch (NotSupportedException e)
        {
            // e.g. a change without its "type": the serializer cannot tell which kind it is.
            var path = PathInMessage.Match(e.Message);
            throw FieldProblem(Field(path.Success ? path.Groups[1].Value : null, "type") ?? "type", Texts.InputKindRequired);
        }
    }

    static readonly System.Text.RegularExpressions.Regex MissingProperty = new(@"missing required properties including: '([^']+)'");
    static readonly System.Text.RegularExpressions.Regex NullProperty = new(@"(?:property or field|constructor parameter) '([^']+)'");
    static readonly System.Text.RegularExpressions.Regex PathInMessage = new(@"Path: (\$[^\s|]*)");

    static ProblemException BodyTooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, Texts.ValidationFailed, Texts.BodyTooLarge(maxBytes / 1024), "body-too-large");

    static ProblemException FieldProblem(string field, string reason) =>
        new(StatusCodes.Status400BadRequest, Texts.ValidationFailed, Texts.InvalidField(field, reason), "validation",
            new Dictionary<string, string[]> { [field] = [reason] });

    /// <summary>"$.changes[0].leader" and "fullName" → "changes[0].leader.fullName"; null when there is nothing to name.</summary>
    static string? Field(string? path, string? member)
    {
        var at = (path ?? "").TrimStart('$').TrimStart('.');
        if (string.IsNullOrEmpty(member)) return at.Length == 0 ? null : at;
        return at.Length == 0 ? member.TrimStart('.') : member.StartsWith('[') ? at + member : $"{at}.{member}";
    }

    /// <summary>
    /// The caller's <c>x-requestid</c> header as an operation id, used to recognise a retried request;
    /// null when absent. It is scoped to the caller (the id they sent plus a short fingerprint of who
    /// they are), so the same id sent by someone else names another operation: a request id can never
    /// touch, hide or replace another person's work.
    /// </summary>
    public static string? RequestId(HttpRequest request, Caller caller)
    {
        var value = request.Headers["x-requestid"].ToString().Trim();
        if (value.Length == 0) return null;
        if (value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw ProblemException.BadRequest(Texts.InvalidRequestId, "invalid-request-id");
        return OperationId(value, caller.ObjectId);
    }

    /// <summary>The operation id of a request id sent by a person: the id, then a short fingerprint of who sent it.</summary>
    public static string OperationId(string requestId, string objectId) =>
        $"{requestId.ToLowerInvariant()}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(objectId)))[..8]}";

    /// <summary>A query-string value, trimmed and checked like a body's text (400 naming it); null when absent or empty.</summary>
    public static string? Query(HttpRequest request, string name, int maxLength = Input.DefaultMaxLength)
    {
        if (!request.Query.TryGetValue(name, out var v) || v.ToString().Trim() is not { Length: > 0 } s) return null;
        if (Input.TextProblem(s, maxLength, multiLine: maxLength > Input.DefaultMaxLength) is { } problem) throw FieldProblem(name, problem);
        return s.Normalize(System.Text.NormalizationForm.FormC);
    }

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
    /// 202 Accepted for work handed to a workflow, which goes on after the answer: the body is what
    /// <paramref name="work"/> returns, <c>Location</c> (when given) the address that shows how it goes on.
    /// </summary>
    public static async Task<IActionResult> Accepted<T>(Task<T> work, string? location = null) => new AcceptedResult(location, await work);

    /// <summary>202 Accepted with no body, for work handed to a workflow that has nothing to tell yet.</summary>
    public static async Task<IActionResult> Accepted(Task work, string? location = null)
    {
        await work;
        return new AcceptedResult(location, null);
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
        Stream source;
        string fileName, contentType;
        if (request.HasFormContentType)
        {
            IFormFile? file;
            try
            {
                var form = await request.ReadFormAsync(ct);
                file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
            {
                throw ProblemException.BadRequest(Texts.BrokenUpload, "broken-upload"); // no or broken multipart boundary
            }
            if (file is null) throw ProblemException.BadRequest(Texts.NoFile, "no-file");
            if (file.Length > maxBytes) throw TooLarge();
            (source, fileName, contentType) = (file.OpenReadStream(), file.FileName, file.ContentType ?? "application/octet-stream");
        }
        else (source, fileName, contentType) = (request.Body, Query(request, "fileName", Limits.FileName) ?? "tep", request.ContentType ?? "application/octet-stream");

        using var content = new MemoryStream();
        var chunk = new byte[64 * 1024];
        await using (source)
            for (int read; (read = await source.ReadAsync(chunk, ct)) > 0;)
            {
                if (content.Length + read > maxBytes) throw TooLarge();
                content.Write(chunk, 0, read);
            }
        if (content.Length == 0) throw ProblemException.BadRequest(Texts.NoFile, "no-file");
        return (content.ToArray(), CleanFileName(fileName), contentType);
    }

    /// <summary>The name a person gave a file, kept only as a label: no folders, no control characters, at most 200 characters.</summary>
    static string CleanFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && !Input.IsInvisibleFormatting(c)).ToArray()).Trim();
        if (clean.Length > Limits.FileName) clean = clean[..Limits.FileName];
        return clean.Length == 0 ? "tep" : clean.Normalize(System.Text.NormalizationForm.FormC);
    }

    public static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.ToString() is { Length: > 0 } v ? v : null;
}

/// <summary>A response body that carries the ETag to send back in If-Match.</summary>
public interface IVersioned
{
    string ETag { get; }
}
