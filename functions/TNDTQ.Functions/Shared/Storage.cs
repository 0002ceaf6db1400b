using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;

namespace Tndtq.Shared;

/// <summary>
/// Table and Blob clients from the standard <c>AzureWebJobsStorage</c> setting, registered once:
/// a connection string (Azurite, "UseDevelopmentStorage=true"), or identity-based settings in Azure
/// (<c>AzureWebJobsStorage__accountName</c>, or <c>__tableServiceUri</c> and <c>__blobServiceUri</c>)
/// with <see cref="DefaultAzureCredential"/> (the app's managed identity).
/// </summary>
public static class Storage
{
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>Benchmark only: counts every request the app's Table and Blob clients send (see <see cref="StorageRequestCounter"/>).</summary>
    public const string CountRequestsSettingName = "Benchmark:CountStorageRequests";

    public static void AddStorageClients(this AzureClientFactoryBuilder clients, IConfiguration configuration)
    {
        clients.ConfigureDefaults(o => o.AddPolicy(Created.Policy, HttpPipelinePosition.PerCall)); // a table or container deleted while running is created again
        if (configuration.GetValue<bool>(CountRequestsSettingName))
            clients.ConfigureDefaults(o => o.AddPolicy(StorageRequestCounter.Policy, HttpPipelinePosition.PerRetry));
        var section = configuration.GetSection(SettingName);
        var connectionString = section.Value;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            clients.AddTableServiceClient(connectionString);
            clients.AddBlobServiceClient(connectionString);
            return;
        }
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var blobUri = section["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        if (tableUri is null || blobUri is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string, or {SettingName}__accountName for a managed identity.");
        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        clients.AddTableServiceClient(new Uri(tableUri)).WithCredential(credential);
        clients.AddBlobServiceClient(new Uri(blobUri)).WithCredential(credential);
    }
}

/// <summary>
/// How many requests the app's storage clients sent (each retry counted), when the benchmark turns
/// counting on with <see cref="Storage.CountRequestsSettingName"/>; otherwise no policy is added and this stays 0.
/// The local host's Durable engine counts apart, in <see cref="Engine"/> (it polls its queues all the time).
/// </summary>
public static class StorageRequestCounter
{
    static long count;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> queries = new();
    public static long Count => Interlocked.Read(ref count);

    /// <summary>How many table queries (requests with a <c>$filter</c>, not point reads) were sent to a table.</summary>
    public static long QueriesOf(string table) => queries.GetValueOrDefault(table);

    internal static readonly HttpPipelinePolicy Policy = new Counting();

    /// <summary>The requests of the local host's Durable engine (queues, history, instances, partitions), counted with the same setting.</summary>
    public static readonly RequestCount Engine = new();

    sealed class Counting : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref count);
            var uri = message.Request.Uri;
            if (!uri.Query.Contains("$filter", StringComparison.Ordinal)) return;
            var path = uri.Path.TrimEnd('/');
            var table = path[(path.LastIndexOf('/') + 1)..];
            if (table.EndsWith("()", StringComparison.Ordinal)) queries.AddOrUpdate(table[..^2], 1, (_, n) => n + 1);
        }
    }
}

/// <summary>The Durable Task hub this app runs on (host.json <c>hubName</c> is "%TaskHubName%").</summary>
public sealed record TaskHubName(string Value)
{
    public const string SettingName = "TaskHubName";
    public const string Default = "tndtq";
    public static TaskHubName From(IConfiguration configuration) => new(configuration[SettingName] is { Length: > 0 } v ? v : Default);
}

/// <summary>A count of the requests sent through <see cref="Policy"/> (add it to a storage client's options).</summary>
public sealed class RequestCount
{
    long count;
    public long Count => Interlocked.Read(ref count);
    public HttpPipelinePolicy Policy { get; }
    public RequestCount() => Policy = new Counting(this);

    sealed class Counting(RequestCount owner) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref owner.count);
    }
}
