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
public sealed record BackedUpTable(string Name, int Partitions, long Rows);
public sealed record RestoreResult(string BackupId, IReadOnlyList<BackedUpTable> Tables);

/// <summary>
/// Exports every table of the app (<see cref="AppStorage.Tables"/>) to container <c>backups</c>, one
/// folder per run (<c>{yyyyMMddTHHmmssZ}/</c>), one JSON-lines blob per table and partition
/// (<c>{table}/{base64url of the partition key}.jsonl</c>), each line one entity in the Table
/// service's JSON format (values, with <c>Name@odata.type</c> where JSON alone would lose the type:
/// Edm.Int64, Edm.Double, Edm.DateTime, Edm.Guid, Edm.Binary), then <c>manifest.json</c>. Blobs are
/// never overwritten (the account also keeps earlier versions). Rebuilds the tables from such a
/// backup into an empty account. Not a snapshot: a row changed while the export runs may be in it
/// or not; each partition is read in one pass.
/// </summary>
public sealed class TableBackup(TableServiceClient tables, BlobServiceClient blobs, TimeProvider clock, ILogger<TableBackup> log)
{
    const string ManifestName = "manifest.json";
    const int BatchSize = 100; // Table Storage's limit per transaction
    static readonly JsonSerializerOptions ManifestJson = new(Json.Options) { WriteIndented = true };
    readonly BlobFiles backups = new(blobs, AppStorage.BackupContainer);
    BlobContainerClient Container => backups.Container;

    public async Task<BackupManifest> BackupAsync(CancellationToken ct = default)
    {
        var started = clock.GetUtcNow();
        var id = started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await backups.ContainerAsync();
        var done = new List<BackedUpTable>();
        foreach (var name in AppStorage.Tables)
        {
            int partitions = 0; long rows = 0;
            string? partition = null;
            var buffer = new MemoryStream();
            async Task FlushAsync()
            {
                if (partition is null) return;
                buffer.Position = 0;
                await Container.GetBlobClient($"{id}/{name}/{Encode(partition)}.jsonl").UploadAsync(buffer,
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" }, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
                partitions++;
                buffer = new MemoryStream();
            }
            try
            {
                // Entities come ordered by partition, then row: one blob per partition, streamed.
                await foreach (var entity in new JsonTable(tables, name).Client.QueryAsync<TableEntity>(cancellationToken: ct))
                {
                    if (entity.PartitionKey != partition) { await FlushAsync(); partition = entity.PartitionKey; }
                    buffer.Write(Encoding.UTF8.GetBytes(ToJson(entity)));
                    buffer.WriteByte((byte)'\n');
                    rows++;
                }
                await FlushAsync();
            }
            catch (RequestFailedException e) when (e.Status == 404) { } // the table was never written: nothing to keep
            done.Add(new BackedUpTable(name, partitions, rows));
        }
        var manifest = new BackupManifest(id, started, clock.GetUtcNow(), done);
        await Container.GetBlobClient($"{id}/{ManifestName}").UploadAsync(BinaryData.FromObjectAsJson(manifest, ManifestJson),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
        log.LogInformation("Backup {BackupId}: {Rows} rows in {Tables} tables", id, done.Sum(t => t.Rows), done.Count);
        return manifest;
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

    /// <summary>Tables (other than the staff directory and the heartbeats) that already hold a row.</summary>
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

    /// <summary>
    /// Writes every entity of the backup into the tables (upserts, whole partitions in batches of
    /// 100, so a restore that was interrupted can be run again). Staff entries of the backup replace
    /// those with the same object id; entries not in the backup (the first administrators) stay.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(BackupManifest manifest, CancellationToken ct = default)
    {
        var restored = new List<BackedUpTable>();
        foreach (var table in manifest.Tables)
        {
            var client = await new JsonTable(tables, table.Name).ClientAsync();
            int partitions = 0; long rows = 0;
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{manifest.Id}/{table.Name}/", ct))
            {
                var content = (await Container.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToString();
                var entities = content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FromJson).ToList();
                foreach (var batch in entities.Chunk(BatchSize))
                    await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
                partitions++; rows += entities.Count;
            }
            restored.Add(new BackedUpTable(table.Name, partitions, rows));
        }
        log.LogInformation("Restored backup {BackupId}: {Rows} rows in {Tables} tables", manifest.Id, restored.Sum(t => t.Rows), restored.Count);
        return new RestoreResult(manifest.Id, restored);
    }

    static string Encode(string partitionKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(partitionKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

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
