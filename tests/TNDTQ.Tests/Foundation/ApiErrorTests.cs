using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>The one error path: what a caller gets when storage is down, when a ward is busy, and when code fails.</summary>
public sealed class ApiErrorTests
{
    static async Task<(int Status, string? RetryAfter, string? Code)> RunAsync(Func<Task<IActionResult>> handler, string path = "/api/wards/an-cu")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        var result = await new Api(null!, NullLogger<Api>.Instance).RunAnonymous(context.Request, handler);
        var problem = (result as ObjectResult)?.Value as ProblemDetails;
        return (((result as ObjectResult)?.StatusCode ?? (result as StatusCodeResult)?.StatusCode ?? 0), context.Response.Headers.RetryAfter.ToString() is { Length: > 0 } r ? r : null,
            problem?.Extensions.TryGetValue("code", out var code) == true ? code?.ToString() : null);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(0)]
    public async Task Storage_that_does_not_answer_is_a_503_with_Retry_After(int storageStatus)
    {
        var (status, retryAfter, code) = await RunAsync(() => throw new RequestFailedException(storageStatus, "storage down"));
        Assert.Equal((503, "storage-unavailable"), (status, code));
        Assert.NotNull(retryAfter);
        Assert.Equal(503, (await RunAsync(() => throw new HttpRequestException("connection refused"))).Status);
    }

    [Fact]
    public async Task A_busy_ward_is_a_503_a_bug_is_a_500_and_a_bad_path_is_a_400()
    {
        var busy = await RunAsync(() => throw new ProblemException(503, Texts.ServiceUnavailable, Texts.WardBusy, "ward-busy"));
        Assert.Equal((503, "ward-busy"), (busy.Status, busy.Code));
        Assert.NotNull(busy.RetryAfter);
        Assert.Equal((500, "internal"), (await RunAsync(() => throw new InvalidOperationException("bug"))) is var bug ? (bug.Status, bug.Code) : default);
        Assert.Equal(400, (await RunAsync(() => Task.FromResult<IActionResult>(new OkResult()), "/api/staff/a\\b")).Status);
        Assert.Equal(200, (await RunAsync(() => Task.FromResult<IActionResult>(new OkResult()), "/api/admin/workflows/signoff:an-cu:x/retry")).Status);
    }
}
