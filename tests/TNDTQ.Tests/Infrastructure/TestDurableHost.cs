using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// The in-memory Durable test host, started on a port of its own: it picks a port at random, and
/// with several test processes on one machine that port is sometimes taken — then it tries another.
/// </summary>
public static class TestDurableHost
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await DurableTaskTestHost.StartAsync(registry); }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException) { }
        }
    }
}
