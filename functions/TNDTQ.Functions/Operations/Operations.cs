using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tndtq.Identity;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Operations;

/// <summary>Settings of the operations slice.</summary>
public sealed record OperationsOptions(int RetentionDays, IReadOnlyList<string> BootstrapAdministrators)
{
    public static OperationsOptions From(IConfiguration c) => new(
        Math.Max(1, c.GetValue("Durable:RetentionDays", 180)),
        (c["Tndtq:BootstrapAdministrators"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(Ids.IsValidId).Distinct().ToList());
}

/// <summary>
/// Keeps the task hub small: purges workflow instances that finished (completed or terminated) and
/// were created more than <c>Durable__RetentionDays</c> ago. Their outcome, timeline and documents
/// stay in the app's own tables and blobs; instances that failed stay for an administrator to look at.
/// </summary>
public sealed class Retention(OperationsOptions options, TimeProvider clock, Telemetry telemetry, ILogger<Retention> log)
{
    public Task<int> PurgeAsync(DurableTaskClient durable, CancellationToken ct = default) =>
        PurgeAsync(durable, clock.GetUtcNow().AddDays(-options.RetentionDays), ct);

    public async Task<int> PurgeAsync(DurableTaskClient durable, DateTimeOffset createdBefore, CancellationToken ct = default)
    {
        // CreatedFrom is given (the epoch): the Durable Task sidecar the local host uses needs one.
        var filter = new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: createdBefore,
            Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated]);
        var result = await durable.PurgeAllInstancesAsync(filter, ct);
        log.LogInformation("Purged {Count} finished workflow instances created before {Cutoff:o}", result.PurgedInstanceCount, createdBefore);
        telemetry.RetentionPurged(result.PurgedInstanceCount, createdBefore);
        return result.PurgedInstanceCount;
    }
}

/// <summary>
/// The first administrators of a new deployment: the object ids in <c>Tndtq__BootstrapAdministrators</c>
/// are put in the staff directory as administrators when the app starts, unless already there (an entry
/// an administrator has since changed, or emptied of roles, is left as it is). Idempotent.
/// </summary>
public sealed class BootstrapAdministrators(OperationsOptions options, StaffDirectory staff, ILogger<BootstrapAdministrators> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var objectId in options.BootstrapAdministrators)
        {
            try
            {
                if (await staff.FindAsync(objectId, ct) is not null) continue;
                await staff.UpsertAsync(new StaffMember(objectId, OperationsTexts.BootstrapAdministratorName, [Role.Administrator], null), ct);
                log.LogInformation("Staff directory: {ObjectId} added as administrator (Tndtq__BootstrapAdministrators)", objectId);
            }
            catch (Azure.RequestFailedException e)
            {
                // Never keep the app from starting: the next start tries again.
                log.LogError(e, "Could not add bootstrap administrator {ObjectId}", objectId);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A backup or restore job as the administrator follows it (<c>GET /api/admin/backups/jobs/{jobId}</c>).</summary>
public sealed record BackupJobView(string JobId, BackupJobKind Kind, string KindName, string BackupId, BackupJobState State, string StateName,
    int TablesDone, int TablesTotal, long RowsDone, long? RowsTotal, IReadOnlyList<TableProgress> Tables, DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt, string StartedBy, string? Error, string StatusUrl);

/// <summary>What a restore of a backup would do, before it is asked for: its tables and rows, the account's tables it writes over, what to type.</summary>
public sealed record RestorePreview(BackupManifest Backup, IReadOnlyList<string> Overwrites, string Warning, string Confirmation);

/// <summary>Body of <c>POST /api/admin/backups/{backupId}/restore</c>: the backup's id typed by the administrator.</summary>
public sealed record RestoreBody([Text(40)] string? Confirmation);

/// <summary>
/// Backups and restores for administrators, as background jobs (<see cref="BackupJobOrchestrator"/>,
/// <see cref="RestoreJobOrchestrator"/>): starting one answers at once with the job's status; one job at a
/// time (<see cref="BackupJobLock"/>); a restore names a complete backup and the administrator types its id.
/// </summary>
public sealed class BackupService(TableBackup backup, BackupJobLock jobLock, TimeProvider clock, ILogger<BackupService> log)
{
    public async Task<IReadOnlyList<BackupManifest>> ListAsync(Caller caller, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        return await backup.ListAsync(ct);
    }

    public async Task<BackupJobView> StartBackupAsync(DurableTaskClient durable, Caller caller, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        return await StartBackupAsync(durable, caller.ObjectId, caller.DisplayName, ct);
    }

    /// <summary>The nightly backup: the same job; skipped (logged) while another job runs.</summary>
    public async Task RunNightlyAsync(DurableTaskClient durable, CancellationToken ct)
    {
        try { await StartBackupAsync(durable, "nightly-backup", OperationsTexts.NightlyBackupActor, ct); }
        catch (ProblemException e) when (e.Status == StatusCodes.Status409Conflict) { log.LogWarning("Nightly backup skipped: {Reason}", e.Detail); }
    }

    async Task<BackupJobView> StartBackupAsync(DurableTaskClient durable, string actorId, string actorName, CancellationToken ct)
    {
        var id = backup.NewId();
        if (await backup.FolderExistsAsync(id, ct)) throw ProblemException.Conflict(OperationsTexts.BackupIdTaken(id), "backup-exists");
        var input = new BackupJobInput("backup-" + id, BackupJobKind.Backup, id, AppStorage.Tables, clock.GetUtcNow(), actorId, actorName);
        return await StartAsync(durable, input, BackupJobOrchestrator.Name, ct);
    }

    /// <summary>What a restore would do; 400 for an id that is not a backup's, 404 for none, 409 for a backup that is half written.</summary>
    public async Task<RestorePreview> PreviewRestoreAsync(Caller caller, string backupId, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var manifest = await CompleteAsync(backupId, ct);
        var overwrites = await backup.NonEmptyTablesAsync(ct);
        return new RestorePreview(manifest, overwrites, OperationsTexts.RestoreWarning(manifest, overwrites), manifest.Id);
    }

    /// <summary>Starts the restore of a complete backup, once the administrator has typed its id; nothing changes when refused.</summary>
    public async Task<BackupJobView> StartRestoreAsync(DurableTaskClient durable, Caller caller, string backupId, RestoreBody body, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var manifest = await CompleteAsync(backupId, ct);
        if (!string.Equals(body.Confirmation?.Trim(), manifest.Id, StringComparison.Ordinal))
            throw ProblemException.Validation(new Dictionary<string, string[]> { ["confirmation"] = [OperationsTexts.RestoreConfirmationMismatch(manifest.Id)] });
        var input = new BackupJobInput($"restore-{manifest.Id}-{backup.NewId()}", BackupJobKind.Restore, manifest.Id, manifest.Tables.Select(t => t.Name).ToList(),
            clock.GetUtcNow(), caller.ObjectId, caller.DisplayName, manifest.Tables.Select(t => t.Rows).ToList());
        return await StartAsync(durable, input, RestoreJobOrchestrator.Name, ct);
    }

    async Task<BackupManifest> CompleteAsync(string backupId, CancellationToken ct)
    {
        if (!TableBackup.IsBackupId(backupId)) throw ProblemException.BadRequest(OperationsTexts.InvalidBackupId, "invalid-backup-id");
        if (await backup.ManifestAsync(backupId, ct) is { } manifest) return manifest;
        if (await backup.FolderExistsAsync(backupId, ct)) throw ProblemException.Conflict(OperationsTexts.BackupIncomplete(backupId), "backup-incomplete");
        throw ProblemException.NotFound(OperationsTexts.BackupNotFound(backupId));
    }

    /// <summary>Takes the lock, then schedules the job: the answer comes before any table is read.</summary>
    async Task<BackupJobView> StartAsync(DurableTaskClient durable, BackupJobInput input, string orchestrator, CancellationToken ct)
    {
        await jobLock.AcquireAsync(durable, input.JobId, ct);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(BackupJobs.InstanceId(input.JobId)), ct);
        }
        catch
        {
            await jobLock.ReleaseAsync(input.JobId);
            throw;
        }
        log.LogInformation("{Actor} started {Kind} job {JobId}", input.ActorName, input.Kind, input.JobId);
        return View(input, BackupJobState.Pending, null, null, null);
    }

    public async Task<BackupJobView> JobAsync(DurableTaskClient durable, Caller caller, string jobId, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        if (Input.IdProblem(jobId) is not null) throw ProblemException.NotFound(OperationsTexts.JobNotFound);
        var m = await durable.GetInstanceAsync(BackupJobs.InstanceId(jobId), getInputsAndOutputs: true, ct);
        return (m is null ? null : View(m)) ?? throw ProblemException.NotFound(OperationsTexts.JobNotFound);
    }

    /// <summary>The latest jobs, newest first (the task hub keeps finished ones until the retention purge).</summary>
    public async Task<IReadOnlyList<BackupJobView>> JobsAsync(DurableTaskClient durable, Caller caller, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var list = new List<BackupJobView>();
        var query = new OrchestrationQuery { InstanceIdPrefix = BackupJobs.InstancePrefix, FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var m in durable.GetAllInstancesAsync(query).WithCancellation(ct))
            if (View(m) is { } v) list.Add(v);
        return list.OrderByDescending(v => v.StartedAt).Take(20).ToList();
    }

    static BackupJobView? View(OrchestrationMetadata m)
    {
        var input = m.ReadInputAs<BackupJobInput>();
        if (input is null) return null;
        var state = m.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => BackupJobState.Completed,
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => BackupJobState.Failed,
            OrchestrationRuntimeStatus.Pending => BackupJobState.Pending,
            _ => BackupJobState.Running,
        };
        IReadOnlyList<TableProgress>? tables = null;
        string? error = null;
        if (state == BackupJobState.Completed) tables = m.ReadOutputAs<IReadOnlyList<TableProgress>>();
        else if (m.SerializedCustomStatus is not null)
        {
            if (WorkflowStatus.Of(m) is { Attention: { } a }) { state = BackupJobState.NeedsAttention; error = a.Error; }
            else tables = m.ReadCustomStatusAs<BackupJobStatus>()?.Tables;
        }
        if (state == BackupJobState.Failed) error = m.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : OperationsTexts.JobTerminated;
        return View(input, state, tables, state is BackupJobState.Completed or BackupJobState.Failed ? m.LastUpdatedAt : null, error);
    }

    static BackupJobView View(BackupJobInput input, BackupJobState state, IReadOnlyList<TableProgress>? tables, DateTimeOffset? completedAt, string? error)
    {
        tables ??= input.Tables.Select((t, i) => new TableProgress(t, 0, 0, false, input.RowsExpected?.ElementAtOrDefault(i))).ToList();
        return new BackupJobView(input.JobId, input.Kind, OperationsTexts.JobKindName(input.Kind), input.BackupId, state, OperationsTexts.JobStateName(state),
            tables.Count(t => t.Done), tables.Count, tables.Sum(t => t.Rows), input.RowsExpected?.Sum(), tables, input.StartedAt, completedAt, input.ActorName, error,
            $"/{Api.Prefix}admin/backups/jobs/{input.JobId}");
    }
}

/// <summary>
/// One backup or restore at a time: a small blob (<c>backups/current-job.json</c>) names the job that
/// runs, created only if absent (If-None-Match), released by the job's last activity. A lock whose job is
/// no longer running or pending (failed, ended by an administrator, or never scheduled after a crash) is
/// taken over (If-Match on its ETag, so two takers cannot both win). A job waiting for an administrator
/// on a failing activity still holds it.
/// </summary>
public sealed class BackupJobLock(BlobServiceClient blobs)
{
    const string LockName = "current-job.json";
    readonly BlobFiles files = new(blobs, AppStorage.BackupContainer);
    sealed record Held(string JobId);

    public async Task AcquireAsync(DurableTaskClient durable, string jobId, CancellationToken ct)
    {
        await files.ContainerAsync();
        var blob = files.Container.GetBlobClient(LockName);
        var content = BinaryData.FromObjectAsJson(new Held(jobId), Json.Options);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
            return;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { }
        Response<BlobDownloadResult> held;
        try { held = await blob.DownloadContentAsync(ct); }
        catch (RequestFailedException e) when (e.Status == 404) { throw ProblemException.Conflict(OperationsTexts.JobRunning(null), "job-running"); } // just released: try again
        var other = held.Value.Content.ToObjectFromJson<Held>(Json.Options);
        var m = other is null ? null : await durable.GetInstanceAsync(BackupJobs.InstanceId(other.JobId), ct);
        if (m?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
            throw ProblemException.Conflict(OperationsTexts.JobRunning(other!.JobId), "job-running");
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = held.Value.Details.ETag } }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { throw ProblemException.Conflict(OperationsTexts.JobRunning(null), "job-running"); }
    }

    /// <summary>Releases the lock if <paramref name="jobId"/> holds it (idempotent).</summary>
    public async Task ReleaseAsync(string jobId)
    {
        var blob = files.Container.GetBlobClient(LockName);
        try
        {
            var held = await blob.DownloadContentAsync();
            if (held.Value.Content.ToObjectFromJson<Held>(Json.Options)?.JobId != jobId) return;
            await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = held.Value.Details.ETag });
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412) { }
    }
}
