using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tndtq.Commendations.Documents;
using Tndtq.Shared.Documents;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.Operations;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Operations;

/// <summary>
/// Keeping a deployment: a backup of every table rebuilt into an empty account (a second Azurite)
/// through the restore endpoint, read back by the app there; retention purges finished workflow
/// instances while their records stay readable; templates edited as blobs win over the built-in ones.
/// Own host and task hub, so a purge never touches another test's workflows.
/// </summary>
public sealed class OperationsTests(OperationsTests.Fixture fx, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<OperationsTests.Fixture>
{
    /// <summary>A backup copies every table of its account: an Azurite of its own keeps that to these tests' records.</summary>
    public sealed class Fixture : HostFixture
    {
        Azurite? own;
        protected override async Task<string> StorageAsync() => (own = await Azurite.StartPrivateAsync()).ConnectionString;
        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (own is not null) await own.DisposeAsync();
        }
    }

    const string Header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";
    static readonly string Register = string.Join("\n", Header,
        "Tổ 1,Khu vực 1,40,01/03/2020,12/QĐ-UBND,Nguyễn Văn An,Nam,1970,Số 1 hẻm 2,0901000001,,Tổ trưởng,01/03/2020",
        ",,,,,Trần Thị Bình,Nữ,1985,Số 3 hẻm 2,,,Tổ phó,01/03/2020",
        ",,,,,Lê Văn Cường,Nam,1990,Số 5 hẻm 2,,,Thành viên,01/03/2020",
        "Tổ 2,Khu vực 2,35,01/03/2020,13/QĐ-UBND,Phạm Thị Dung,Nữ,1968,Số 8 đường 3/2,,,Tổ trưởng,01/03/2020");

    /// <summary>
    /// A backup taken as a job in the source account, copied into a fresh account (a second Azurite) and
    /// restored there by its job, after the refusals that change nothing; every entity comes back, value and
    /// type, and the restored app's recounts agree with its kept figures.
    /// </summary>
    [Fact]
    public async Task A_backup_job_is_restored_into_a_fresh_account_and_the_recounts_agree()
    {
        // Records in the source account: a ward made through the API, with its register.
        var (ward, officer, _) = await fx.NewWardAsync("sao-luu", "Phường Sao Lưu", Register);
        var source = fx.ConnectionString;
        var wardBefore = await WardAsync(officer, ward);

        var admin = fx.Client(As.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("admin/backups", null)).StatusCode);
        var started = await admin.PostAsync("admin/backups", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await started.ReadAsync<BackupJobView>();
        Assert.Equal(job.StatusUrl, started.Headers.Location!.OriginalString);
        var done = await CompletedAsync(admin, job);
        Assert.Equal(AppStorage.Tables.Order(), done.Tables.Select(t => t.Name).Order());
        Assert.All(done.Tables, t => Assert.True(t.Done));
        var manifest = (await (await admin.GetAsync("admin/backups")).ReadAsync<List<BackupManifest>>()).Single(m => m.Id == job.BackupId);
        Assert.Equal(done.RowsDone, manifest.Tables.Sum(t => t.Rows));
        Assert.True(manifest.Tables.Single(t => t.Name == Tndtq.Register.RegisterTable.Name).Partitions > 0);
        Assert.Contains(job.JobId, (await (await admin.GetAsync("admin/backups/jobs")).ReadAsync<List<BackupJobView>>()).Select(j => j.JobId));
        await KeepHistoryAsync("backup-job-v1-completed", source, fx.HubName, BackupJobs.InstanceId(job.JobId));

        // A new deployment: an empty account, the backup folder copied there (as azcopy would), the
        // first administrator from Tndtq__BootstrapAdministrators. Its restore job holds its first file
        // until the test lets it go, so a second restore meets it running.
        await using var empty = await Azurite.StartPrivateAsync();
        await CopyBackupAsync(manifest.Id, new BlobServiceClient(source), new BlobServiceClient(empty.ConnectionString));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var restored = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0, SeedDemoData = false, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            BeforeActivity = (activity, _) => activity == BackupJobs.RestoreFile ? gate.Task : Task.CompletedTask,
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = empty.ConnectionString,
                ["TaskHubName"] = "restored",
                ["Tndtq:BootstrapAdministrators"] = "first-admin, first-admin",
            },
        });
        var firstAdmin = new HttpClient { BaseAddress = new Uri(restored.BaseAddress, "api/") };
        firstAdmin.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode("first-admin"));
        Assert.Contains("administrator", await (await firstAdmin.GetAsync("me")).Content.ReadAsStringAsync());
        var target = new TableServiceClient(empty.ConnectionString);

        // What it would overwrite: nothing yet; what to type: the backup's id.
        var preview = await (await firstAdmin.GetAsync($"admin/backups/{manifest.Id}")).ReadAsync<RestorePreview>();
        Assert.Empty(preview.Overwrites);
        Assert.Equal(manifest.Id, preview.Confirmation);
        Assert.Contains("dòng", preview.Warning);

        // Refused, each with a Vietnamese reason, and nothing written: no confirmation, a wrong one, a malformed id,
        // a backup that does not exist, one that is half written (files but no manifest).
        string Restore(string id) => $"admin/backups/{id}/restore";
        Assert.Contains("confirmation", (await (await firstAdmin.PostAsJsonAsync(Restore(manifest.Id), new { })).ProblemAsync(400)).Errors!.Keys);
        var wrong = await (await firstAdmin.PostAsJsonAsync(Restore(manifest.Id), new { confirmation = "có" })).ProblemAsync(400);
        Assert.Contains(manifest.Id, wrong.Errors!["confirmation"].Single());
        Assert.Contains("Mã bản sao lưu", (await (await firstAdmin.PostAsJsonAsync(Restore("khong-phai-ma"), new { confirmation = "khong-phai-ma" })).ProblemAsync(400)).Detail);
        Assert.Contains("Không tìm thấy", (await (await firstAdmin.PostAsJsonAsync(Restore("19990101T000000Z"), new { confirmation = "19990101T000000Z" })).ProblemAsync(404)).Detail);
        const string halfWritten = "20000101T000000Z";
        await new BlobServiceClient(empty.ConnectionString).GetBlobContainerClient(AppStorage.BackupContainer)
            .GetBlobClient($"{halfWritten}/{Tndtq.Register.RegisterTable.Name}/000000.jsonl").UploadAsync(BinaryData.FromString("{\"PartitionKey\":\"x\",\"RowKey\":\"y\"}\n"));
        var half = await (await firstAdmin.PostAsJsonAsync(Restore(halfWritten), new { confirmation = halfWritten })).ProblemAsync(409);
        Assert.Equal(("backup-incomplete", true), (half.Code, half.Detail!.Contains("chưa hoàn tất")));
        await (await firstAdmin.GetAsync($"admin/backups/{halfWritten}")).ProblemAsync(409);
        Assert.Empty(await restored.Services.GetRequiredService<TableBackup>().NonEmptyTablesAsync());
        Assert.Empty(await (await firstAdmin.GetAsync("admin/backups/jobs")).ReadAsync<List<BackupJobView>>());

        // The restore, confirmed: 202 at once; while it holds its first file, a second restore and a backup are refused.
        var restoring = await firstAdmin.PostAsJsonAsync(Restore(manifest.Id), new { confirmation = manifest.Id });
        Assert.Equal(HttpStatusCode.Accepted, restoring.StatusCode);
        var restoreJob = await restoring.ReadAsync<BackupJobView>();
        Assert.Equal((BackupJobKind.Restore, 0L, manifest.Tables.Sum(t => t.Rows)), (restoreJob.Kind, restoreJob.RowsDone, restoreJob.RowsTotal));
        var twice = await (await firstAdmin.PostAsJsonAsync(Restore(manifest.Id), new { confirmation = manifest.Id })).ProblemAsync(409);
        Assert.Equal("job-running", twice.Code);
        Assert.Contains(restoreJob.JobId, twice.Detail);
        await (await firstAdmin.PostAsync("admin/backups", null)).ProblemAsync(409);
        Assert.Equal(0, (await (await firstAdmin.GetAsync(restoreJob.StatusUrl[5..])).ReadAsync<BackupJobView>()).RowsDone);
        gate.SetResult();
        var restoredJob = await CompletedAsync(firstAdmin, restoreJob);
        Assert.Equal(manifest.Tables.Sum(t => t.Rows), restoredJob.RowsDone);
        await KeepHistoryAsync("restore-job-v1-completed", empty.ConnectionString, restored.HubName, BackupJobs.InstanceId(restoreJob.JobId));

        // Every entity of the backup is in the new account, value and type, and the ward's partition equals the source's.
        var backups = new BlobServiceClient(empty.ConnectionString).GetBlobContainerClient(AppStorage.BackupContainer);
        foreach (var table in manifest.Tables)
        {
            var expected = new List<string>();
            await foreach (var blob in backups.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{manifest.Id}/{table.Name}/", default))
                expected.AddRange((await backups.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(table.Rows, expected.Count);
            var actual = new List<string>();
            await foreach (var e in target.GetTableClient(table.Name).QueryAsync<TableEntity>()) actual.Add(TableBackup.ToJson(e));
            if (table.Name == StaffDirectory.TableName) actual.RemoveAll(a => a.Contains("\"first-admin\""));
            if (table.Name == Tndtq.Health.HeartbeatStore.TableName) continue; // the new host's own heartbeat timer may have written since
            Assert.Equal(expected.Order(), actual.Order());
        }
        Assert.Equal(await PartitionAsync(new TableServiceClient(source), $"ward|{ward}"), await PartitionAsync(target, $"ward|{ward}"));

        // The app on the new account serves the ward as before, to its own officer (staff came back too), and its recounts agree.
        var restoredOfficer = new HttpClient { BaseAddress = new Uri(restored.BaseAddress, "api/") };
        restoredOfficer.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode($"officer-{ward}"));
        Assert.Equal(wardBefore, await WardAsync(restoredOfficer, ward));
        var counters = System.Text.Json.Nodes.JsonNode.Parse(await (await restoredOfficer.GetAsync($"wards/{ward}/counters/check")).Content.ReadAsStringAsync())!;
        Assert.True(counters["consistent"]!.GetValue<bool>(), counters.ToJsonString());
        var figures = await (await firstAdmin.GetAsync("reports/check")).ReadAsync<Tndtq.Reports.FiguresCheck>();
        Assert.True(figures.Consistent, System.Text.Json.JsonSerializer.Serialize(figures));
        Assert.Contains(ward, figures.Wards.Select(w => w.WardId));

        // Now the account holds records: the preview says which tables a restore would write over.
        var again = await (await firstAdmin.GetAsync($"admin/backups/{manifest.Id}")).ReadAsync<RestorePreview>();
        Assert.Contains(Tndtq.Register.RegisterTable.Name, again.Overwrites);
        Assert.Contains("ghi đè", again.Warning);
    }

    /// <summary>
    /// A table of many rows (<c>TNDTQ_BACKUP_ROWS</c>, default 20 000; the issue's 200 000 is run by
    /// setting it) backs up as a job: the POST answers 202 while the job's first activity is held, so it
    /// cannot have waited for any copying (no file is written yet, the status reads 0 rows); the job then
    /// copies the table page by page (one activity per file of <see cref="TableBackup.RowsPerFile"/> rows)
    /// while each status request answers from the task hub. An own Azurite and host, so the rows touch no other test.
    /// </summary>
    [Fact]
    public async Task A_backup_of_a_large_table_runs_as_a_job_and_no_request_waits_for_it()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("TNDTQ_BACKUP_ROWS"), out var n) && n > 0 ? n : 20_000;
        await using var azurite = await Azurite.StartPrivateAsync();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Tndtq.Register.RegisterTable.AuditTableName);
        await table.CreateIfNotExistsAsync();
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        const int PerPartition = 2000;
        await Parallel.ForEachAsync(Enumerable.Range(0, (rows + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (b, ct) =>
        {
            var batch = Enumerable.Range(b * 100, Math.Min(100, rows - b * 100)).Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity($"ward|p{i / PerPartition:D4}", $"row{i:D7}") { ["Text"] = "Nhật ký thay đổi sổ theo dõi", ["At"] = DateTimeOffset.UnixEpoch.AddMinutes(i), ["N"] = (long)i }));
            await table.SubmitTransactionAsync(batch, ct);
        });
        seeding.Stop();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pages = 0;
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0, SeedDemoData = false, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            BeforeActivity = (activity, _) => { if (activity == BackupJobs.BackupPage) Interlocked.Increment(ref pages); return activity == BackupJobs.BackupPage ? gate.Task : Task.CompletedTask; },
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString, ["TaskHubName"] = "large", ["Tndtq:BootstrapAdministrators"] = "big-admin",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.500",
            },
        });
        var admin = new HttpClient { BaseAddress = new Uri(host.BaseAddress, "api/") };
        admin.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode("big-admin"));
        var longest = TimeSpan.Zero;
        async Task<HttpResponseMessage> Timed(Func<Task<HttpResponseMessage>> send)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await send();
            if (watch.Elapsed > longest) longest = watch.Elapsed;
            return response;
        }

        var started = await Timed(() => admin.PostAsync("admin/backups", null));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await started.ReadAsync<BackupJobView>();
        // The job's first file is held: the answer came before any row was read or written.
        var folder = await new TableBackup(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TableBackup>.Instance).FilesAsync(job.BackupId, Tndtq.Register.RegisterTable.AuditTableName);
        Assert.Empty(folder);
        var early = await (await Timed(() => admin.GetAsync(job.StatusUrl[5..]))).ReadAsync<BackupJobView>();
        Assert.Equal((0L, 0), (early.RowsDone, early.TablesDone));
        Assert.Contains(early.State, new[] { BackupJobState.Pending, BackupJobState.Running });
        gate.SetResult();

        var copying = System.Diagnostics.Stopwatch.StartNew();
        var seen = new List<long>();
        var done = await HttpAssertions.EventuallyAsync(async () =>
        {
            var v = await (await Timed(() => admin.GetAsync(job.StatusUrl[5..]))).ReadAsync<BackupJobView>();
            seen.Add(v.RowsDone);
            return v;
        }, v => v.State is BackupJobState.Completed or BackupJobState.Failed or BackupJobState.NeedsAttention, TimeSpan.FromMinutes(20));
        copying.Stop();
        Assert.Equal(BackupJobState.Completed, done.State);
        Assert.Contains(seen, r => r > 0 && r < rows); // the status showed the job's progress while it ran
        var audit = done.Tables.Single(t => t.Name == Tndtq.Register.RegisterTable.AuditTableName);
        Assert.Equal(rows, audit.Rows);
        var expectedFiles = (rows + TableBackup.RowsPerFile - 1) / TableBackup.RowsPerFile;
        Assert.InRange(audit.Files, expectedFiles, expectedFiles * 2);
        Assert.Equal((rows + PerPartition - 1) / PerPartition, audit.Partitions);
        Assert.True(pages >= audit.Files, $"{pages} page activities for {audit.Files} files");
        var manifest = (await (await admin.GetAsync("admin/backups")).ReadAsync<List<BackupManifest>>()).Single();
        Assert.Equal(rows, manifest.Tables.Single(t => t.Name == audit.Name).Rows);
        output.WriteLine($"Backup of {rows} rows: seeded in {seeding.Elapsed}, copied in {copying.Elapsed} ({audit.Files} files, {pages} page activities), " +
            $"{seen.Count} status reads, progress seen {string.Join(" → ", seen.Distinct())}, longest request {longest.TotalMilliseconds:0} ms");
    }

    static async Task<BackupJobView> CompletedAsync(HttpClient admin, BackupJobView job)
    {
        var done = await HttpAssertions.EventuallyAsync(async () => await (await admin.GetAsync(job.StatusUrl[5..])).ReadAsync<BackupJobView>(),
            v => v.State is BackupJobState.Completed or BackupJobState.Failed or BackupJobState.NeedsAttention, TimeSpan.FromMinutes(3));
        Assert.True(done.State == BackupJobState.Completed, $"{done.State}: {done.Error}");
        Assert.Equal(done.TablesTotal, done.TablesDone);
        Assert.NotNull(done.CompletedAt);
        return done;
    }

    /// <summary>Replays the job's history on today's code; with <c>TNDTQ_RECORD_HISTORIES=1</c> keeps it for HistoryReplayTests (never overwritten).</summary>
    static async Task KeepHistoryAsync(string name, string connectionString, string hub, string instanceId)
    {
        var history = await Tndtq.Tests.Workflows.WorkflowHistories.ReadAsync(connectionString, hub, instanceId);
        Tndtq.Tests.Workflows.WorkflowHistories.AssertReplaysToTheSameEnd(name, history);
        var file = Path.Combine(Tndtq.Tests.Workflows.WorkflowHistories.Folder, name + ".json");
        if (Environment.GetEnvironmentVariable("TNDTQ_RECORD_HISTORIES") == "1" && !File.Exists(file)) Tndtq.Tests.Workflows.WorkflowHistories.Save(file, history);
    }

    [Fact]
    public async Task Retention_purges_finished_instances_and_their_records_stay()
    {
        var officer = fx.Client(As.OfficerAnCu);
        var chairman = fx.Client(As.ChairmanAnCu);
        var done = await (await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình lưu trữ" })).ReadAsync<SignOffView>();
        await HttpAssertions.EventuallyAsync(() => Read(officer, done.Id), v => v.State == SignOffState.WaitingForChairman);
        (await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{done.Id}/decision", new { approve = true, comment = "Đồng ý" })).EnsureSuccessStatusCode();
        var approved = await HttpAssertions.EventuallyAsync(() => Read(officer, done.Id), v => v.State == SignOffState.Approved);
        Assert.Equal(SignOffState.Approved, approved.State);
        var waiting = await (await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình còn chờ" })).ReadAsync<SignOffView>();
        await HttpAssertions.EventuallyAsync(() => Read(officer, waiting.Id), v => v.State == SignOffState.WaitingForChairman);
        var durable = fx.Host.DurableClient;
        // The record is written by the workflow's last activity, just before it completes: wait for Completed.
        await HttpAssertions.EventuallyAsync(() => durable.GetInstanceAsync(SignOffService.InstanceId("an-cu", done.Id)),
            m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        var purged = await fx.Host.Services.GetRequiredService<Retention>().PurgeAsync(durable, DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.True(purged >= 1);
        Assert.Null(await durable.GetInstanceAsync(SignOffService.InstanceId("an-cu", done.Id)));
        Assert.NotNull(await durable.GetInstanceAsync(SignOffService.InstanceId("an-cu", waiting.Id))); // still running: kept
        var after = await Read(officer, done.Id);
        Assert.Equal((SignOffState.Approved, "Đồng ý"), (after.State, after.Comment));
        Assert.Contains(done.Id, ((await (await officer.GetAsync("wards/an-cu/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items).Select(v => v.Id));
        await (await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{done.Id}/decision", new { approve = true })).ProblemAsync(409);
    }

    [Fact]
    public async Task A_template_in_blob_storage_wins_over_the_built_in_one()
    {
        await using var azurite = await Azurite.StartPrivateAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var templates = new TemplateStore(blobs);
        Assert.Equal(DocumentTemplate.Load(CommendationTemplates.Certificate), await templates.LoadAsync(CommendationTemplates.Certificate));

        var container = blobs.GetBlobContainerClient(AppStorage.TemplatesContainer);
        await container.CreateIfNotExistsAsync();
        const string edited = "@title GIẤY KHEN (bản sửa của văn phòng)\n@body {{NomineeName}}";
        await container.GetBlobClient(CommendationTemplates.Certificate + ".txt").UploadAsync(BinaryData.FromString(edited));
        Assert.Equal(edited, await templates.LoadAsync(CommendationTemplates.Certificate));
        Assert.Equal(DocumentTemplate.Load(CommendationTemplates.Decision), await templates.LoadAsync(CommendationTemplates.Decision));
    }

    /// <summary>The ward as the API shows it, without its ETag (Table Storage gives a restored row a new one).</summary>
    static async Task<string> WardAsync(HttpClient client, string ward)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await (await client.GetAsync($"wards/{ward}")).Content.ReadAsStringAsync())!.AsObject();
        body.Remove("eTag");
        return body.ToJsonString();
    }

    static async Task<SignOffView> Read(HttpClient client, string id) =>
        await (await client.GetAsync($"wards/an-cu/sign-offs/{id}")).ReadAsync<SignOffView>();

    static async Task<List<string>> PartitionAsync(TableServiceClient tables, string partition)
    {
        var rows = new List<string>();
        await foreach (var e in tables.GetTableClient(Tndtq.Register.RegisterTable.Name).QueryAsync<TableEntity>(x => x.PartitionKey == partition))
            rows.Add(TableBackup.ToJson(e));
        return rows;
    }

    static async Task CopyBackupAsync(string id, BlobServiceClient from, BlobServiceClient to)
    {
        var source = from.GetBlobContainerClient(AppStorage.BackupContainer);
        var target = to.GetBlobContainerClient(AppStorage.BackupContainer);
        await target.CreateIfNotExistsAsync();
        await foreach (var blob in source.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", default))
            await target.GetBlobClient(blob.Name).UploadAsync((await source.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content);
    }
}
