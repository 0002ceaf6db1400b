using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Operations;

/// <summary>
/// Keeping a deployment healthy (administrators); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// Scheduled (NCRONTAB, UTC): <c>NightlyBackup</c> (<c>%BackupSchedule%</c>, every app table to container "backups") and
/// <c>PurgeFinishedWorkflows</c> (<c>%RetentionSchedule%</c>, finished instances older than <c>Durable__RetentionDays</c>).
/// </summary>
public sealed class OperationsFunctions(Api api, BackupService backups, Retention retention)
{
    [ApiOperation("Các bản sao lưu, mới nhất trước (quản trị)", Response = typeof(IReadOnlyList<BackupManifest>))]
    [Function("ListBackups")]
    public Task<IActionResult> ListBackups([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "admin/backups")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(await backups.ListAsync(caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Sao lưu ngay (quản trị)", Response = typeof(BackupManifest), Errors = [409])]
    [Function("RunBackup")]
    public Task<IActionResult> RunBackup([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "admin/backups")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(await backups.BackupNowAsync(caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Khôi phục dữ liệu từ một bản sao lưu (quản trị)", Response = typeof(RestoreResult), Query = ["resume"], Errors = [409])]
    [Function("RestoreBackup")]
    public Task<IActionResult> RestoreBackup([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "admin/backups/{backupId}/restore")] HttpRequest req, string backupId) =>
        api.Run(req, async caller => new OkObjectResult(await backups.RestoreAsync(caller, backupId,
            string.Equals(Api.Query(req, "resume"), "true", StringComparison.OrdinalIgnoreCase), req.HttpContext.RequestAborted)));

    [Function("NightlyBackup")]
    public Task Nightly([TimerTrigger("%BackupSchedule%")] TimerInfo timer, CancellationToken ct) => backups.RunAsync(ct);

    [Function("PurgeFinishedWorkflows")]
    public Task Purge([TimerTrigger("%RetentionSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct) =>
        retention.PurgeAsync(durable, ct);
}
