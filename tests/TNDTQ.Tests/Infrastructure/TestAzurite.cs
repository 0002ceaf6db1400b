using Tndtq.LocalHost;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// One private Azurite for the whole test run, on free ports with data in memory, so two runs
/// never collide. Each test host uses its own task hub on it. It ends by itself after the test process.
/// </summary>
public static class TestAzurite
{
    static readonly Lazy<Task<Azurite>> Instance = new(async () =>
    {
        // Not stopped at the test host's exit, where hosts still stopping would lose their storage (their Durable
        // partition manager then waits ten minutes): Azurite ends by itself once the test host is gone (exit-with-parent.cjs).
        return await Azurite.StartPrivateAsync();
    });

    public static Task<Azurite> GetAsync() => Instance.Value;

    public static async Task<string> ConnectionStringAsync() => (await GetAsync()).ConnectionString;
}
