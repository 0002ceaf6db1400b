using Tndtq.LocalHost;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// One private Azurite for the whole test run, on free ports with data in memory, so two runs
/// never collide. Each test host uses its own task hub on it. Stopped when the test process exits.
/// </summary>
public static class TestAzurite
{
    static readonly Lazy<Task<Azurite>> Instance = new(async () =>
    {
        var azurite = await Azurite.StartPrivateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().Wait(5000);
        return azurite;
    });

    public static Task<Azurite> GetAsync() => Instance.Value;

    public static async Task<string> ConnectionStringAsync() => (await GetAsync()).ConnectionString;
}
