using System.Net;
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
    public GrpcChannel Channel { get; }
    public string HubName { get; }

    DurableEngine(WebApplication sidecar, GrpcChannel channel, string hubName)
    {
        this.sidecar = sidecar; Channel = channel; HubName = hubName;
    }

    public static async Task<DurableEngine> StartAsync(string storageConnectionString, HostJson hostJson, string workerId,
        ILoggerFactory loggerFactory, CancellationToken ct = default)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
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
        builder.Services.AddSingleton<IOrchestrationService>(service);
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
        return new DurableEngine(app, channel, hostJson.HubName);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await sidecar.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await sidecar.DisposeAsync();
        Channel.Dispose();
    }
}

sealed class ManualLifetime : Microsoft.Extensions.Hosting.IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
