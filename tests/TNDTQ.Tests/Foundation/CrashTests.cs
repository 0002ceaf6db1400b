using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>Nothing is lost when the host dies: kill -9 while a workflow waits, restart, decide, it completes once.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Workflow_survives_kill_9_of_the_host_and_completes_exactly_once()
    {
        var storage = await TestAzurite.ConnectionStringAsync();
        var hub = "crash" + Guid.NewGuid().ToString("N")[..8];
        var port = Azurite.FreePort();
        var api = new Uri($"http://localhost:{port}/api/");

        using (var first = StartHost(storage, hub, port))
        {
            var officer = Client(api, "demo-officer-an-cu");
            await WaitUntilUpAsync(api, first);
            var created = await (await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình trước sự cố" })).ReadAsync<SignOffView>();
            await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>(),
                v => v.State == SignOffState.WaitingForChairman);
            first.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown
            await first.WaitForExitAsync();

            using var second = StartHost(storage, hub, port);
            try
            {
                await WaitUntilUpAsync(api, second);
                var chairman = Client(api, "demo-chairman-an-cu");
                var view = await (await chairman.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>();
                Assert.Equal(SignOffState.WaitingForChairman, view.State);
                var decide = await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = true, comment = "Sau khởi động lại" });
                Assert.True(decide.IsSuccessStatusCode, await decide.Content.ReadAsStringAsync());
                var done = await HttpAssertions.EventuallyAsync(async () => await (await chairman.GetAsync($"wards/an-cu/sign-offs/{created.Id}")).ReadAsync<SignOffView>(),
                    v => v.State == SignOffState.Approved, TimeSpan.FromSeconds(60));
                Assert.Equal(SignOffState.Approved, done.State);

                // Exactly once: one sign-off, one outcome, no duplicate started by the restart.
                var list = await (await chairman.GetAsync("wards/an-cu/sign-offs")).ReadAsync<List<SignOffView>>();
                Assert.Single(list, v => v.Id == created.Id);
            }
            finally
            {
                second.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_host_cleanly_within_seconds()
    {
        var storage = await TestAzurite.ConnectionStringAsync();
        var port = Azurite.FreePort();
        var api = new Uri($"http://localhost:{port}/api/");
        using var host = StartHost(storage, "term" + Guid.NewGuid().ToString("N")[..8], port);
        await WaitUntilUpAsync(api, host);
        using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString()])) await kill.WaitForExitAsync();
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await host.WaitForExitAsync(timeout.Token);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(0, host.ExitCode);
    }

    static HttpClient Client(Uri api, string objectId)
    {
        var client = new HttpClient { BaseAddress = api };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
        return client;
    }

    static Process StartHost(string storage, string hub, int port)
    {
        var dll = BuildOutput.Of("TNDTQ.LocalHost", "TNDTQ.LocalHost.dll");
        Assert.True(File.Exists(dll), $"Local host not built at {dll}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString());
        start.Environment["AzureWebJobsStorage"] = storage;
        start.Environment["TaskHubName"] = hub;
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.500";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static async Task WaitUntilUpAsync(Uri api, Process process)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            Assert.False(process.HasExited, $"local host exited with code {(process.HasExited ? process.ExitCode : 0)}");
            try { if ((await http.GetAsync("health")).IsSuccessStatusCode) return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("local host did not come up");
    }
}
