using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tndtq.Identity;
using Tndtq.Shared;

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

/// <summary>Backups and restores for administrators.</summary>
public sealed class BackupService(TableBackup backup, Telemetry telemetry)
{
    public async Task<BackupManifest> RunAsync(CancellationToken ct)
    {
        var manifest = await backup.BackupAsync(ct);
        telemetry.BackupCompleted(manifest.Id, manifest.Tables.Sum(t => t.Rows));
        return manifest;
    }

    public async Task<IReadOnlyList<BackupManifest>> ListAsync(Caller caller, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        return await backup.ListAsync(ct);
    }

    public async Task<BackupManifest> BackupNowAsync(Caller caller, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        return await RunAsync(ct);
    }

    /// <summary>Rebuilds the tables from a backup; refused (409) when the account already holds records, unless resuming an interrupted restore.</summary>
    public async Task<RestoreResult> RestoreAsync(Caller caller, string backupId, bool resume, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var manifest = await backup.ManifestAsync(backupId, ct) ?? throw ProblemException.NotFound(OperationsTexts.BackupNotFound(backupId));
        if (!resume && await backup.NonEmptyTablesAsync(ct) is { Count: > 0 } full)
            throw new ProblemException(StatusCodes.Status409Conflict, Texts.Conflict, OperationsTexts.RestoreTargetNotEmpty(full), "restore-target-not-empty");
        return await backup.RestoreAsync(manifest, ct);
    }
}
