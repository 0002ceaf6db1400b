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

    public static TheoryData<string, Exception> StorageFailures => new()
    {
        { "the storage client's last retry", new AggregateException("Retry failed after 4 tries.",
            new RequestFailedException(0, "reset", new HttpRequestException("send", new IOException("reset", new System.Net.Sockets.SocketException(104)))),
            new RequestFailedException(0, "refused", new HttpRequestException("Connection refused"))) },
        { "a storage timeout", new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:01:40.", new TimeoutException()) },
        { "a cancellation nobody asked for", new OperationCanceledException() },
        { "a broken connection", new IOException("Unable to read data from the transport connection", new System.Net.Sockets.SocketException(104)) },
        { "a socket", new System.Net.Sockets.SocketException(111) },
        { "the workflow engine failing on its side", new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unknown, "Exception was thrown by handler.")) },
        { "the workflow engine not answering", new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "down")) },
        { "wrapped", new InvalidOperationException("outer", new RequestFailedException(503, "busy")) },
    };

    [Theory]
    [MemberData(nameof(StorageFailures))]
    public async Task Every_shape_of_a_storage_or_engine_outage_is_a_503_with_Retry_After(string shape, Exception failure)
    {
        var (status, retryAfter, code) = await RunAsync(() => throw failure);
        Assert.True((status, code) == (503, "storage-unavailable"), $"{shape}: {status} {code}");
        Assert.NotNull(retryAfter);
    }

    [Fact]
    public async Task A_wrong_call_a_bad_body_or_a_missing_file_stays_what_it_is_not_an_outage()
    {
        Assert.Equal(500, (await RunAsync(() => throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.InvalidArgument, "bad")))).Status);
        Assert.Equal(500, (await RunAsync(() => throw new FileNotFoundException("font"))).Status);
        Assert.Equal(500, (await RunAsync(() => throw new RequestFailedException(404, "not found"))).Status);
        Assert.Equal(500, (await RunAsync(() => throw new AggregateException(new RequestFailedException(503, "busy"), new InvalidOperationException("bug")))).Status);
        Assert.NotEqual(503, (await RunAsync(() => throw new BadHttpRequestException("Unexpected end of request content."))).Status);
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
