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
public sealed class OperationsTests(OperationsTests.Fixture fx) : IClassFixture<OperationsTests.Fixture>
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

    [Fact]
    public async Task A_backup_is_rebuilt_into_an_empty_account_and_the_app_reads_it_there()
    {
        // Records in the source account: a ward made through the API, with its register.
        var (ward, officer, _) = await fx.NewWardAsync("sao-luu", "Phường Sao Lưu", Register);
        var source = fx.ConnectionString;
        var wardBefore = await WardAsync(officer, ward);

        var admin = fx.Client(As.Admin);
        var manifest = await (await admin.PostAsync("admin/backups", null)).ReadAsync<BackupManifest>();
        Assert.Equal(AppStorage.Tables.Order(), manifest.Tables.Select(t => t.Name).Order());
        Assert.Contains(manifest.Id, (await (await admin.GetAsync("admin/backups")).ReadAsync<List<BackupManifest>>()).Select(m => m.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("admin/backups", null)).StatusCode);

        // A new deployment: an empty account, the backup folder copied there (as azcopy would), the
        // first administrator from Tndtq__BootstrapAdministrators, then the restore endpoint.
        await using var empty = await Azurite.StartPrivateAsync();
        await CopyBackupAsync(manifest.Id, new BlobServiceClient(source), new BlobServiceClient(empty.ConnectionString));
        await using var restored = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0, SeedDemoData = false, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
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

        var result = await (await firstAdmin.PostAsync($"admin/backups/{manifest.Id}/restore", null)).ReadAsync<RestoreResult>();
        Assert.Equal(manifest.Tables.Sum(t => t.Rows), result.Tables.Sum(t => t.Rows));

        // Every entity of the backup is in the new account, value and type, and the ward's partition equals the source's.
        var target = new TableServiceClient(empty.ConnectionString);
        var backups = new BlobServiceClient(empty.ConnectionString).GetBlobContainerClient(AppStorage.BackupContainer);
        foreach (var table in manifest.Tables)
        {
            var expected = new List<string>();
            await foreach (var blob in backups.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{manifest.Id}/{table.Name}/", default))
                expected.AddRange((await backups.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var actual = new List<string>();
            await foreach (var e in target.GetTableClient(table.Name).QueryAsync<TableEntity>()) actual.Add(TableBackup.ToJson(e));
            if (table.Name == StaffDirectory.TableName) actual.RemoveAll(a => a.Contains("\"first-admin\""));
            if (table.Name == Tndtq.Health.HeartbeatStore.TableName) continue; // the new host's own heartbeat timer may have written since
            Assert.Equal(expected.Order(), actual.Order());
        }
        Assert.Equal(await PartitionAsync(new TableServiceClient(source), $"ward|{ward}"), await PartitionAsync(target, $"ward|{ward}"));

        // The app on the new account serves the ward as before, to its own officer (staff came back too).
        var restoredOfficer = new HttpClient { BaseAddress = new Uri(restored.BaseAddress, "api/") };
        restoredOfficer.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode($"officer-{ward}"));
        Assert.Equal(wardBefore, await WardAsync(restoredOfficer, ward));

        // Not twice into an account that holds records; an interrupted restore is finished with ?resume=true.
        await (await firstAdmin.PostAsync($"admin/backups/{manifest.Id}/restore", null)).ProblemAsync(409);
        (await firstAdmin.PostAsync($"admin/backups/{manifest.Id}/restore?resume=true", null)).EnsureSuccessStatusCode();
        await (await firstAdmin.PostAsync("admin/backups/19990101T000000Z/restore", null)).ProblemAsync(404);
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
