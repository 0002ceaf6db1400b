using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>Nothing is lost when the host dies: kill -9 while a workflow waits, restart, decide, it completes once.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Workflow_survives_kill_9_of_the_host_and_completes_exactly_once()
    {
        using var host = await ChildHost.StartAsync("crash");
        var officer = host.Client("demo-officer-an-cu");
        var created = await (await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình trước sự cố" })).ReadAsync<SignOffView>();
        await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>(),
            v => v.State == SignOffState.WaitingForChairman);
        await host.KillAsync();
        await host.RestartAsync();

        var chairman = host.Client("demo-chairman-an-cu");
        var view = await (await chairman.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>();
        Assert.Equal(SignOffState.WaitingForChairman, view.State);
        var decide = await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = true, comment = "Sau khởi động lại" });
        Assert.True(decide.IsSuccessStatusCode, await decide.Content.ReadAsStringAsync());
        var done = await HttpAssertions.EventuallyAsync(async () => await (await chairman.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>(),
            v => v.State == SignOffState.Approved, TimeSpan.FromSeconds(60));
        Assert.Equal(SignOffState.Approved, done.State);
        // Exactly once: one sign-off, one outcome, no duplicate started by the restart.
        var list = (await (await chairman.GetAsync("wards/an-cu/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items;
        Assert.Single(list, v => v.Id == created.Id);
    }

    [Fact]
    public async Task Sigterm_stops_the_host_cleanly_within_seconds()
    {
        using var host = await ChildHost.StartAsync("term");
        using (var kill = Process.Start("kill", ["-TERM", host.Process.Id.ToString()])) await kill.WaitForExitAsync();
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await host.Process.WaitForExitAsync(timeout.Token);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(0, host.Process.ExitCode);
    }
}
