using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Tndtq.Shared;

namespace Tndtq.Operations;

/// <summary>What one backup holds, written last (a backup without it is incomplete and never restored).</summary>
public sealed record BackupManifest(string Id, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, IReadOnlyList<BackedUpTable> Tables);
/// <summary>A table of a backup: its partitions, rows and files (<paramref name="Files"/> is 0 in backups made before files held pages).</summary>
public sealed record BackedUpTable(string Name, int Partitions, long Rows, int Files = 0);

/// <summary>One file of a backup written: its rows, the partitions it holds (first and last, to count them across files), where the table goes on.</summary>
public sealed record CopiedPage(long Rows, int Partitions, string? FirstPartition, string? LastPartition, string? Next);

/// <summary>
/// The storage side of backups, one bounded piece at a time (the job, <see cref="BackupJobs"/>, strings
/// the pieces together). Every table of the app (<see cref="AppStorage.Tables"/>) goes to container
/// <c>backups</c>, one folder per backup (<c>{yyyyMMddTHHmmssZ}/</c>), one JSON-lines file per page of
/// at most <see cref="RowsPerFile"/> rows (<c>{table}/{nnnnnn}.jsonl</c>, in key order), each line one
/// entity in the Table service's JSON format (values, with <c>Name@odata.type</c> where JSON alone
/// would lose the type: Edm.Int64, Edm.Double, Edm.DateTime, Edm.Guid, Edm.Binary), then
/// <c>manifest.json</c>, written last and never overwritten: a folder without it is half written and is
/// never restored. A file written again by an activity that ran twice is the same page. Not a snapshot:
/// a row changed while the job runs may be in it or not. A restore upserts every file's rows (whole
/// partitions of a file in batches of 100), so it can run again; older backups with one file per
/// partition (<c>{table}/{base64url of the partition key}.jsonl</c>) restore the same way.
/// </summary>
public sealed class TableBackup(TableServiceClient tables, BlobServiceClient blobs, TimeProvider clock, ILogger<TableBackup> log)
{
    const string ManifestName = "manifest.json";
    const int BatchSize = 100; // Table Storage's limit per transaction
    /// <summary>Rows in one file, and so at most in one activity: a few seconds of work.</summary>
    public const int RowsPerFile = 5000;
    static readonly JsonSerializerOptions ManifestJson = new(Json.Options) { WriteIndented = true };
    readonly BlobFiles backups = new(blobs, AppStorage.BackupContainer);
    internal BlobContainerClient Container => backups.Container;

    /// <summary>The id of a backup started now (its folder), to the second in UTC.</summary>
    public string NewId() => clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> has the shape of a backup's id (it names a folder: nothing else is read).</summary>
    public static bool IsBackupId(string? id) => id is { Length: 16 } && DateTime.TryParseExact(id, "yyyyMMdd'T'HHmmss'Z'",
        System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out _);

    /// <summary>
    /// Writes file number <paramref name="file"/> of <paramref name="table"/>: the rows from
    /// <paramref name="continuation"/> on (null: the first), up to <see cref="RowsPerFile"/>. A table never
    /// written has no rows.
    /// </summary>
    public async Task<CopiedPage> BackupPageAsync(string backupId, string table, int file, string? continuation, CancellationToken ct = default)
    {
        await backups.ContainerAsync();
        var buffer = new MemoryStream();
        long rows = 0; int partitions = 0; string? first = null, last = null, next = continuation;
        try
        {
            await foreach (var page in new JsonTable(tables, table).Client.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: ct).AsPages(continuation))
            {
                foreach (var entity in page.Values)
                {
                    if (entity.PartitionKey != last) { partitions++; last = entity.PartitionKey; first ??= last; }
                    buffer.Write(Encoding.UTF8.GetBytes(ToJson(entity)));
                    buffer.WriteByte((byte)'\n');
                    rows++;
                }
                next = page.ContinuationToken;
                if (next is null || rows >= RowsPerFile - 1000) break;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404) { next = null; } // the table was never written: nothing to keep
        if (rows > 0)
        {
            buffer.Position = 0;
            await Container.GetBlobClient(FileName(backupId, table, file)).UploadAsync(buffer,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, ct);
        }
        return new CopiedPage(rows, partitions, first, last, next);
    }

    static string FileName(string backupId, string table, int file) => $"{backupId}/{table}/{file.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}.jsonl";

    /// <summary>Writes the manifest, the mark of a complete backup; never over another.</summary>
    public async Task WriteManifestAsync(BackupManifest manifest, CancellationToken ct = default)
    {
        await backups.ContainerAsync();
        try
        {
            await Container.GetBlobClient($"{manifest.Id}/{ManifestName}").UploadAsync(BinaryData.FromObjectAsJson(manifest, ManifestJson),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { } // written by an earlier run of the same activity
        log.LogInformation("Backup {BackupId}: {Rows} rows in {Tables} tables", manifest.Id, manifest.Tables.Sum(t => t.Rows), manifest.Tables.Count);
    }

    /// <summary>Complete backups (those with a manifest), newest first.</summary>
    public async Task<IReadOnlyList<BackupManifest>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<BackupManifest>();
        try
        {
            await foreach (var item in Container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, ct))
                if (item.IsPrefix && await ManifestAsync(item.Prefix.TrimEnd('/'), ct) is { } m) list.Add(m);
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return list.OrderByDescending(m => m.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<BackupManifest?> ManifestAsync(string id, CancellationToken ct = default)
    {
        try
        {
            var content = await Container.GetBlobClient($"{id}/{ManifestName}").DownloadContentAsync(ct);
            return content.Value.Content.ToObjectFromJson<BackupManifest>(Json.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    /// <summary>Whether anything of a backup's folder exists (a folder without its manifest is half written).</summary>
    public async Task<bool> FolderExistsAsync(string id, CancellationToken ct = default)
    {
        try
        {
            await foreach (var _ in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, id + "/", ct)) return true;
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return false;
    }

    /// <summary>Tables (other than the staff directory and the heartbeats) that already hold a row: what a restore writes over.</summary>
    public async Task<IReadOnlyList<string>> NonEmptyTablesAsync(CancellationToken ct = default)
    {
        var found = new List<string>();
        foreach (var name in AppStorage.Tables.Except([Identity.StaffDirectory.TableName, Health.HeartbeatStore.TableName]))
        {
            try
            {
                await foreach (var _ in new JsonTable(tables, name).Client.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct))
                { found.Add(name); break; }
            }
            catch (RequestFailedException e) when (e.Status == 404) { }
        }
        return found;
    }

    /// <summary>The files of a table in a backup, in order; the table is made if it is missing (a restored account has every table of the backup, even empty ones).</summary>
    public async Task<IReadOnlyList<string>> FilesAsync(string backupId, string table, CancellationToken ct = default)
    {
        await new JsonTable(tables, table).ClientAsync();
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{backupId}/{table}/", ct)) names.Add(blob.Name);
        return names;
    }

    /// <summary>
    /// Writes the rows of one file of a backup into <paramref name="table"/> (upserts, a partition's rows in
    /// batches of 100): run again, it writes the same. Staff entries of the backup replace those with the
    /// same object id; rows not in the backup (the first administrators) stay.
    /// </summary>
    public async Task<long> RestoreFileAsync(string backupId, string table, string file, CancellationToken ct = default)
    {
        if (!file.StartsWith($"{backupId}/{table}/", StringComparison.Ordinal) || !file.EndsWith(".jsonl", StringComparison.Ordinal))
            throw new ArgumentException($"{file} is not a file of table {table} in backup {backupId}.", nameof(file));
        var client = await new JsonTable(tables, table).ClientAsync();
        var content = (await Container.GetBlobClient(file).DownloadContentAsync(ct)).Value.Content.ToString();
        var entities = content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FromJson).ToList();
        foreach (var partition in entities.GroupBy(e => e.PartitionKey))
            foreach (var batch in partition.Chunk(BatchSize))
                await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        return entities.Count;
    }

    /// <summary>One entity in the Table service's JSON format.</summary>
    public static string ToJson(TableEntity entity)
    {
        var o = new JsonObject { ["PartitionKey"] = entity.PartitionKey, ["RowKey"] = entity.RowKey };
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
            switch (value)
            {
                case null: break;
                case string s: o[name] = s; break;
                case bool b: o[name] = b; break;
                case int i: o[name] = i; break;
                case long l: o[name] = l.ToString(System.Globalization.CultureInfo.InvariantCulture); o[name + "@odata.type"] = "Edm.Int64"; break;
                case double d: o[name] = double.IsFinite(d) ? d : d.ToString(System.Globalization.CultureInfo.InvariantCulture); o[name + "@odata.type"] = "Edm.Double"; break;
                case DateTimeOffset t: o[name] = t.UtcDateTime.ToString("o"); o[name + "@odata.type"] = "Edm.DateTime"; break;
                case DateTime t: o[name] = t.ToUniversalTime().ToString("o"); o[name + "@odata.type"] = "Edm.DateTime"; break;
                case Guid g: o[name] = g.ToString(); o[name + "@odata.type"] = "Edm.Guid"; break;
                case byte[] bytes: o[name] = Convert.ToBase64String(bytes); o[name + "@odata.type"] = "Edm.Binary"; break;
                case BinaryData data: o[name] = Convert.ToBase64String(data.ToArray()); o[name + "@odata.type"] = "Edm.Binary"; break;
                default: throw new NotSupportedException($"Property {name} of type {value.GetType().Name} cannot be backed up.");
            }
        }
        return o.ToJsonString();
    }

    public static TableEntity FromJson(string line)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        var entity = new TableEntity(o["PartitionKey"]!.GetValue<string>(), o["RowKey"]!.GetValue<string>());
        foreach (var (name, node) in o)
        {
            if (name is "PartitionKey" or "RowKey" || name.EndsWith("@odata.type", StringComparison.Ordinal) || node is null) continue;
            var type = o[name + "@odata.type"]?.GetValue<string>();
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            entity[name] = type switch
            {
                "Edm.Int64" => long.Parse(node.GetValue<string>(), inv),
                "Edm.Double" => node.GetValueKind() == JsonValueKind.String ? double.Parse(node.GetValue<string>(), inv) : node.GetValue<double>(),
                "Edm.DateTime" => DateTimeOffset.Parse(node.GetValue<string>(), inv, System.Globalization.DateTimeStyles.AssumeUniversal),
                "Edm.Guid" => Guid.Parse(node.GetValue<string>()),
                "Edm.Binary" => Convert.FromBase64String(node.GetValue<string>()),
                _ => node.GetValueKind() switch
                {
                    JsonValueKind.String => node.GetValue<string>(),
                    JsonValueKind.True or JsonValueKind.False => node.GetValue<bool>(),
                    JsonValueKind.Number => node.GetValue<int>(),
                    _ => throw new FormatException($"Property {name}: unexpected JSON {node.GetValueKind()}."),
                },
            };
        }
        return entity;
    }
}
