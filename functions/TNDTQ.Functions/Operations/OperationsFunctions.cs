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
    [ApiOperation("Các bản sao lưu đã hoàn tất, mới nhất trước (quản trị)", Response = typeof(IReadOnlyList<BackupManifest>))]
    [Function("ListBackups")]
    public Task<IActionResult> ListBackups([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "admin/backups")] HttpRequest req) =>
        api.Run(req, async caller => new OkObjectResult(await backups.ListAsync(caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Bắt đầu sao lưu (chạy nền; trả 202 và địa chỉ theo dõi) (quản trị)", Response = typeof(BackupJobView), Status = 202, Location = true, Errors = [409])]
    [Function("RunBackup")]
    public Task<IActionResult> RunBackup([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "admin/backups")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async caller => Accepted(await backups.StartBackupAsync(durable, caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Xem trước lần khôi phục: các bảng, số dòng, dữ liệu sẽ bị ghi đè (quản trị)", Response = typeof(RestorePreview), Errors = [400, 404, 409])]
    [Function("PreviewRestore")]
    public Task<IActionResult> PreviewRestore([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "admin/backups/{backupId}")] HttpRequest req, string backupId) =>
        api.Run(req, async caller => new OkObjectResult(await backups.PreviewRestoreAsync(caller, backupId, req.HttpContext.RequestAborted)));

    [ApiOperation("Bắt đầu khôi phục từ một bản sao lưu, với mã bản sao lưu gõ lại để xác nhận (chạy nền; trả 202) (quản trị)", Body = typeof(RestoreBody), Response = typeof(BackupJobView), Status = 202, Location = true, Errors = [400, 404, 409])]
    [Function("RestoreBackup")]
    public Task<IActionResult> RestoreBackup([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "admin/backups/{backupId}/restore")] HttpRequest req, string backupId,
        [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async caller => Accepted(await backups.StartRestoreAsync(durable, caller, backupId, await Api.ReadBodyAsync<RestoreBody>(req), req.HttpContext.RequestAborted)));

    [ApiOperation("Các lần sao lưu, khôi phục gần đây, mới nhất trước (quản trị)", Response = typeof(IReadOnlyList<BackupJobView>))]
    [Function("ListBackupJobs")]
    public Task<IActionResult> ListBackupJobs([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "admin/backups/jobs")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async caller => new OkObjectResult(await backups.JobsAsync(durable, caller, req.HttpContext.RequestAborted)));

    [ApiOperation("Tiến độ một lần sao lưu hoặc khôi phục: số bảng, số dòng đã chép (quản trị)", Response = typeof(BackupJobView), Errors = [404])]
    [Function("GetBackupJob")]
    public Task<IActionResult> GetBackupJob([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "admin/backups/jobs/{jobId}")] HttpRequest req, string jobId,
        [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async caller => new OkObjectResult(await backups.JobAsync(durable, caller, jobId, req.HttpContext.RequestAborted)));

    static AcceptedResult Accepted(BackupJobView job) => new(job.StatusUrl, job);

    [Function("NightlyBackup")]
    public Task Nightly([TimerTrigger("%BackupSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct) => backups.RunNightlyAsync(durable, ct);

    [Function("PurgeFinishedWorkflows")]
    public Task Purge([TimerTrigger("%RetentionSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken ct) =>
        retention.PurgeAsync(durable, ct);
}
