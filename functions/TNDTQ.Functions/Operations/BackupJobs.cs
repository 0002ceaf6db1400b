using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Operations;

public enum BackupJobKind { Backup, Restore }

public enum BackupJobState { Pending, Running, NeedsAttention, Completed, Failed }

/// <summary>What a job was asked to do: a backup into <paramref name="BackupId"/>, or a restore of it; the tables in the order they are copied.</summary>
public sealed record BackupJobInput(string JobId, BackupJobKind Kind, string BackupId, IReadOnlyList<string> Tables, DateTimeOffset StartedAt,
    string ActorId, string ActorName, IReadOnlyList<long>? RowsExpected = null);

/// <summary>A table's progress in a job: rows and files copied so far (of <paramref name="RowsTotal"/>, known for a restore), done or not.</summary>
public sealed record TableProgress(string Name, long Rows, int Files, bool Done, long? RowsTotal = null, int Partitions = 0);

/// <summary>
/// The job's custom status: a <see cref="WorkflowStatus"/> (step, its Vietnamese name; so the administrators' list of
/// workflows reads it like any other, and a pause on a failing activity names it) with the tables' progress beside it.
/// </summary>
public sealed record BackupJobStatus(string Step, string StepName, IReadOnlyList<TableProgress> Tables) : WorkflowStatus(Step, StepName, null, "", null);

public sealed record BackupPageInput(string BackupId, string Table, int File, string? Continuation);
public sealed record BackupFilesInput(string BackupId, string Table);
public sealed record RestoreFileInput(string BackupId, string Table, string File);
public sealed record BackupJobEnd(BackupJobInput Job, IReadOnlyList<TableProgress> Tables);

/// <summary>
/// The names of the jobs' orchestrations and activities, and how the orchestrations publish progress.
/// Recorded histories replay by these names: they never change.
/// </summary>
public static class BackupJobs
{
    public const string InstancePrefix = "backup-job:";
    public static string InstanceId(string jobId) => InstancePrefix + jobId;

    public const string BackupPage = "BackupTablePage";
    public const string WriteManifest = "WriteBackupManifest";
    public const string ListFiles = "ListBackupFiles";
    public const string RestoreFile = "RestoreBackupFile";
    public const string Finish = "FinishBackupJob";

    /// <summary>Publishes the progress: a step name for people and the administrators' list, the tables for the job's status.</summary>
    internal static void Publish(TaskOrchestrationContext context, BackupJobInput job, IReadOnlyList<TableProgress> tables)
    {
        var step = job.Kind == BackupJobKind.Backup ? "backup" : "restore";
        var name = OperationsTexts.JobProgress(job.Kind, tables.Count(t => t.Done), tables.Count, tables.Sum(t => t.Rows));
        context.Publish(new BackupJobStatus(step, name, tables));
    }
}

/// <summary>
/// A backup as a job: table by table, file by file (<see cref="TableBackup.RowsPerFile"/> rows each, one
/// activity per file), then the manifest; progress after every file. Each activity call goes through
/// <see cref="WorkflowCalls.CallAsync{T}"/>: a storage outage is retried, then waits for an administrator, and
/// after a crash the job goes on from its last finished file. Version 1: a change to this flow is a new class.
/// </summary>
public sealed class BackupJobOrchestrator : TaskOrchestrator<BackupJobInput, IReadOnlyList<TableProgress>>
{
    public const string Name = "TableBackupJob";

    public override async Task<IReadOnlyList<TableProgress>> RunAsync(TaskOrchestrationContext context, BackupJobInput job)
    {
        var tables = job.Tables.Select(t => new TableProgress(t, 0, 0, false)).ToList();
        BackupJobs.Publish(context, job, tables);
        for (var i = 0; i < tables.Count; i++)
        {
            string? next = null; string? lastPartition = null;
            do
            {
                var page = await context.CallAsync<CopiedPage>(BackupJobs.BackupPage, new BackupPageInput(job.BackupId, tables[i].Name, tables[i].Files, next));
                var partitions = page.Partitions - (page.FirstPartition is not null && page.FirstPartition == lastPartition ? 1 : 0);
                tables[i] = tables[i] with { Rows = tables[i].Rows + page.Rows, Files = tables[i].Files + (page.Rows > 0 ? 1 : 0), Partitions = tables[i].Partitions + partitions };
                lastPartition = page.LastPartition ?? lastPartition;
                next = page.Next;
                if (next is not null) BackupJobs.Publish(context, job, tables);
            }
            while (next is not null);
            tables[i] = tables[i] with { Done = true };
            BackupJobs.Publish(context, job, tables);
        }
        await context.CallAsync(BackupJobs.WriteManifest, new BackupJobEnd(job, tables));
        await context.CallAsync(BackupJobs.Finish, new BackupJobEnd(job, tables));
        return tables;
    }

    [Function(Name)]
    public static Task<IReadOnlyList<TableProgress>> RunTableBackupJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BackupJobOrchestrator().RunAsync(context, context.GetInput<BackupJobInput>()!);
}

/// <summary>
/// A restore as a job: table by table, the backup's files listed, then one activity per file (upserts:
/// a file restored twice writes the same rows); progress after every file. As the backup job, resumable
/// and stopped for an administrator by a failing activity. Version 1: a change to this flow is a new class.
/// </summary>
public sealed class RestoreJobOrchestrator : TaskOrchestrator<BackupJobInput, IReadOnlyList<TableProgress>>
{
    public const string Name = "TableRestoreJob";

    public override async Task<IReadOnlyList<TableProgress>> RunAsync(TaskOrchestrationContext context, BackupJobInput job)
    {
        var tables = job.Tables.Select((t, i) => new TableProgress(t, 0, 0, false, job.RowsExpected?.ElementAtOrDefault(i))).ToList();
        BackupJobs.Publish(context, job, tables);
        for (var i = 0; i < tables.Count; i++)
        {
            var files = await context.CallAsync<IReadOnlyList<string>>(BackupJobs.ListFiles, new BackupFilesInput(job.BackupId, tables[i].Name));
            foreach (var file in files)
            {
                var rows = await context.CallAsync<long>(BackupJobs.RestoreFile, new RestoreFileInput(job.BackupId, tables[i].Name, file));
                tables[i] = tables[i] with { Rows = tables[i].Rows + rows, Files = tables[i].Files + 1 };
                BackupJobs.Publish(context, job, tables);
            }
            tables[i] = tables[i] with { Done = true };
            BackupJobs.Publish(context, job, tables);
        }
        await context.CallAsync(BackupJobs.Finish, new BackupJobEnd(job, tables));
        return tables;
    }

    [Function(Name)]
    public static Task<IReadOnlyList<TableProgress>> RunTableRestoreJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RestoreJobOrchestrator().RunAsync(context, context.GetInput<BackupJobInput>()!);
}

/// <summary>The jobs' I/O. Each activity can run twice without doing anything twice.</summary>
public sealed class BackupJobActivities(TableBackup backup, BackupJobLock jobLock, Telemetry telemetry, TimeProvider clock)
{
    [Function(BackupJobs.BackupPage)]
    public Task<CopiedPage> BackupTablePage([ActivityTrigger] BackupPageInput p) => backup.BackupPageAsync(p.BackupId, p.Table, p.File, p.Continuation);

    [Function(BackupJobs.WriteManifest)]
    public async Task WriteBackupManifest([ActivityTrigger] BackupJobEnd end)
    {
        var manifest = new BackupManifest(end.Job.BackupId, end.Job.StartedAt, clock.GetUtcNow(),
            end.Tables.Select(t => new BackedUpTable(t.Name, t.Partitions, t.Rows, t.Files)).ToList());
        await backup.WriteManifestAsync(manifest);
        telemetry.BackupCompleted(manifest.Id, manifest.Tables.Sum(t => t.Rows));
    }

    [Function(BackupJobs.ListFiles)]
    public Task<IReadOnlyList<string>> ListBackupFiles([ActivityTrigger] BackupFilesInput f) => backup.FilesAsync(f.BackupId, f.Table);

    [Function(BackupJobs.RestoreFile)]
    public Task<long> RestoreBackupFile([ActivityTrigger] RestoreFileInput f) => backup.RestoreFileAsync(f.BackupId, f.Table, f.File);

    /// <summary>Lets the next job start (the lock, if it is still this job's).</summary>
    [Function(BackupJobs.Finish)]
    public Task FinishBackupJob([ActivityTrigger] BackupJobEnd end) => jobLock.ReleaseAsync(end.Job.JobId);
}
