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
        catch (JsonException)
        {
            throw ProblemException.BadRequest(Texts.InvalidJsonBody, "invalid-json");
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
}
