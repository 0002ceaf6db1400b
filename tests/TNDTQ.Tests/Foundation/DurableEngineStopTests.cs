using DurableTask.AzureStorage;
using DurableTask.Core;
using Tndtq.LocalHost;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>A host stopped before its engine started (no worker ever connected) stops quietly.</summary>
public sealed class DurableEngineStopTests
{
    static async Task<AzureStorageOrchestrationService> EngineAsync() => new(new AzureStorageOrchestrationServiceSettings
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(await TestAzurite.ConnectionStringAsync()),
        TaskHubName = "stop" + Guid.NewGuid().ToString("N")[..8],
        UseTablePartitionManagement = true,
    });

    [Fact]
    public async Task Stopping_an_engine_that_never_started_does_not_throw()
    {
        var engine = await EngineAsync();
        // The engine itself throws here: the reason for the wrapper the sidecar's dispatchers are given.
        await Assert.ThrowsAsync<NullReferenceException>(() => engine.StopAsync());

        IOrchestrationService seen = new StartedBeforeStopped(engine);
        await seen.StopAsync();
        await seen.StopAsync(isForced: true);
    }

    [Fact]
    public async Task A_started_engine_is_still_stopped()
    {
        var engine = await EngineAsync();
        await engine.CreateIfNotExistsAsync();
        IOrchestrationService seen = new StartedBeforeStopped(engine);
        await seen.StartAsync();
        await seen.StopAsync();
        // Stopped once: a second stop has nothing left to stop (the engine's own second stop would wait on its partitions again).
        await seen.StopAsync();
    }

}
