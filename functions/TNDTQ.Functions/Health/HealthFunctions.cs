using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;

namespace Tndtq.Health;

/// <summary>GET /api/health: is storage reachable, and which task hub does this app use.</summary>
public sealed class HealthFunctions(Api api, TableServiceClient tables, BlobServiceClient blobs, TaskHubName hub, HeartbeatStore heartbeats)
{
    [ApiOperation("Tình trạng hệ thống: kho dữ liệu, bộ máy quy trình, bộ hẹn giờ", Response = typeof(HealthResponse), Anonymous = true)]
    [Function("GetHealth")]
    public Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Api.Prefix + "health")] HttpRequest req,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAnonymous(req, async () =>
        {
            var ct = req.HttpContext.RequestAborted;
            var checks = new Dictionary<string, string>
            {
                ["tables"] = await Probe(async () => { await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1)) break; }),
                ["blobs"] = await Probe(() => blobs.GetPropertiesAsync(ct)),
                ["durableTask"] = await Probe(async () => { await foreach (var _ in durable.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages(pageSizeHint: 1)) break; }),
            };
            var healthy = checks.Values.All(v => v == "ok");
            DateTimeOffset? lastHeartbeat = null;
            if (healthy) lastHeartbeat = await heartbeats.LastRunAsync("Heartbeat", ct);
            var body = new HealthResponse(healthy ? "healthy" : "unhealthy", hub.Value, checks, lastHeartbeat);
            return new ObjectResult(body) { StatusCode = healthy ? 200 : 503 };
        });

    static async Task<string> Probe(Func<Task> check)
    {
        try { await check(); return "ok"; }
        catch (Exception e) { return $"lỗi: {e.GetType().Name}"; }
    }
}

public sealed record HealthResponse(string Status, string TaskHub, IReadOnlyDictionary<string, string> Checks, DateTimeOffset? LastHeartbeatAt);
