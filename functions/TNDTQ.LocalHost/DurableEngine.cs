using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Worker;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tndtq.LocalHost;

/// <summary>
/// The real Durable Task engine with the storage provider Durable Functions uses by default in
/// Azure: <see cref="AzureStorageOrchestrationService"/> (on Azurite here), served to the
/// Microsoft.DurableTask worker and client by the <see cref="TaskHubGrpcServer"/> sidecar over
/// gRPC (h2c on a loopback port).
/// </summary>
public sealed class DurableEngine : IAsyncDisposable
{
    readonly WebApplication sidecar;
    readonly TableClient partitions;
    readonly string workerId;
    public GrpcChannel Channel { get; }
    public string HubName { get; }

    DurableEngine(WebApplication sidecar, GrpcChannel channel, string hubName, TableClient partitions, string workerId)
    {
        this.sidecar = sidecar; Channel = channel; HubName = hubName; this.partitions = partitions; this.workerId = workerId;
    }

    /// <param name="countRequests">Benchmark: a policy added to the engine's Blob, Queue and Table clients (counts their requests).</param>
    public static async Task<DurableEngine> StartAsync(string storageConnectionString, HostJson hostJson, string workerId,
        ILoggerFactory loggerFactory, CancellationToken ct = default, HttpPipelinePolicy? countRequests = null)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = Clients(storageConnectionString, countRequests),
            TaskHubName = hostJson.HubName,
            PartitionCount = hostJson.PartitionCount,
            // Partitions owned in under a second instead of ~5 s with blob leases.
            UseTablePartitionManagement = true,
            // A stable id: after a restart this host takes its own partitions back at once
            // instead of waiting ~30 s for the old leases to expire.
            WorkerId = workerId,
            MaxQueuePollingInterval = hostJson.MaxQueuePollingInterval,
            LoggerFactory = loggerFactory,
        };
        // As the Functions host: host.json's limits, else 10 work items of each kind per core.
        settings.MaxConcurrentTaskOrchestrationWorkItems = hostJson.MaxConcurrentOrchestratorFunctions ?? 10 * Environment.ProcessorCount;
        settings.MaxConcurrentTaskActivityWorkItems = hostJson.MaxConcurrentActivityFunctions ?? 10 * Environment.ProcessorCount;
        if (hostJson.WorkItemQueueVisibilityTimeout is { } wv) settings.WorkItemQueueVisibilityTimeout = wv;
        if (hostJson.ControlQueueVisibilityTimeout is { } cv) settings.ControlQueueVisibilityTimeout = cv;
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        // The sidecar stops when the local host disposes it, not on its own at Ctrl+C.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, ManualLifetime>();
        builder.Services.AddGrpc();
        builder.Services.AddOptions<TaskHubGrpcServerOptions>();
        builder.Services.AddSingleton<IOrchestrationService>(new StartedBeforeStopped(service));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            LoggerFactory = loggerFactory,
        });
        return new DurableEngine(app, channel, hostJson.HubName,
            new TableServiceClient(storageConnectionString).GetTableClient(hostJson.HubName + "Partitions"), workerId); // the table partition manager's table, "{hub}Partitions"
    }

    /// <summary>
    /// The Durable Task worker of this engine, with the same settings for every worker on it: the app's functions, and
    /// nothing else but the benchmark's raw workflow of the same shape.
    /// </summary>
    public void ConfigureWorker(IDurableTaskWorkerBuilder worker) => worker.UseGrpc(Channel);

    static StorageAccountClientProvider Clients(string connectionString, HttpPipelinePolicy? policy)
    {
        if (policy is null) return new StorageAccountClientProvider(connectionString);
        var blob = new BlobClientOptions();
        var queue = new QueueClientOptions();
        var table = new TableClientOptions();
        foreach (ClientOptions o in new ClientOptions[] { blob, queue, table }) o.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return new StorageAccountClientProvider(StorageServiceClientProvider.ForBlob(connectionString, blob),
            StorageServiceClientProvider.ForQueue(connectionString, queue), StorageServiceClientProvider.ForTable(connectionString, table));
    }

    public ValueTask DisposeAsync() => StopAsync(TimeSpan.FromSeconds(30));

    /// <summary>Stops and disposes the engine, waiting up to <paramref name="releaseWait"/> for its partitions to be released (see below).</summary>
    public async ValueTask StopAsync(TimeSpan releaseWait)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await sidecar.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        if (releaseWait > TimeSpan.Zero) await WaitForPartitionsReleasedAsync(releaseWait);
        await sidecar.DisposeAsync();
        Channel.Dispose();
    }

    /// <summary>
    /// The sidecar stops the engine in the background (its stopping callback is not awaited): the engine then drains and
    /// releases its partitions in the partition table. Whoever disposes this engine may stop the storage next (the local host
    /// stops its Azurite, the tests theirs); were the storage gone before the release, the engine's partition manager would
    /// retry for 10 minutes and then throw on a thread-pool thread, which ends the process. So wait here, reading the partition
    /// table only, until no partition is owned by this worker (or the storage cannot be read, or the bound passes).
    /// </summary>
    async Task WaitForPartitionsReleasedAsync(TimeSpan bound)
    {
        var until = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < until)
        {
            try
            {
                var owned = false;
                await foreach (var p in partitions.QueryAsync<TableEntity>(select: ["CurrentOwner"]))
                    owned |= p.GetString("CurrentOwner") == workerId;
                if (!owned) return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
            {
                return; // the storage is gone or the table was never made: nothing to wait for
            }
            await Task.Delay(200);
        }
    }
}

/// <summary>
/// The engine as the sidecar's dispatchers see it: a stop before any start does nothing. The sidecar starts the engine only once a
/// worker connects, but stops it whenever the host stops; <see cref="AzureStorageOrchestrationService.StopAsync(bool)"/> before its
/// <c>StartAsync</c> throws a NullReferenceException (its shutdown token is made by the start). A stop during a start waits for it.
/// The client side (queries, purge) is the engine itself, not this wrapper.
/// </summary>
public sealed class StartedBeforeStopped(IOrchestrationService inner) : IOrchestrationService
{
    readonly object gate = new();
    Task? starting;

    public Task StartAsync()
    {
        lock (gate) return starting ??= inner.StartAsync();
    }

    public Task StopAsync() => StopAsync(false);

    public async Task StopAsync(bool isForced)
    {
        Task? started;
        lock (gate) { started = starting; starting = null; }
        if (started is null) return; // never started: nothing to stop
        await started;
        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);
    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}

sealed class ManualLifetime : Microsoft.Extensions.Hosting.IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
