using System.Diagnostics;
using Tndtq.Identity;
using Tndtq.LocalHost;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// The local host as a separate process (the built TNDTQ.LocalHost.dll) on the test Azurite, so a
/// test can kill it with SIGKILL and start it again on the same task hub and port.
/// </summary>
public sealed class ChildHost : IDisposable
{
    readonly string storage;
    readonly IReadOnlyDictionary<string, string> settings;
    Process process;
    public string Hub { get; }
    public int Port { get; }
    public Uri Api => new($"http://localhost:{Port}/api/");

    ChildHost(string storage, string hub, int port, IReadOnlyDictionary<string, string> settings)
    {
        this.storage = storage; Hub = hub; Port = port; this.settings = settings;
        process = Start();
    }

    /// <param name="settings">Extra settings for the host process (<c>Section:Key</c>), kept across restarts.</param>
    public static async Task<ChildHost> StartAsync(string hubPrefix, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new ChildHost(await TestAzurite.ConnectionStringAsync(), hubPrefix + Guid.NewGuid().ToString("N")[..8], Azurite.FreePort(),
            settings ?? new Dictionary<string, string>());
        await host.WaitUntilUpAsync();
        return host;
    }

    public Process Process => process;

    Process Start()
    {
        var dll = BuildOutput.Of("TNDTQ.LocalHost", "TNDTQ.LocalHost.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Local host not built at {dll}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString());
        start.Environment["AzureWebJobsStorage"] = storage;
        start.Environment["TaskHubName"] = Hub;
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.500";
        // A message the killed host had taken comes back after this (5 minutes by default).
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10";
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:10";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>SIGKILL: no graceful shutdown, whatever was running is cut off.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async Task RestartAsync()
    {
        process.Dispose();
        process = Start();
        await WaitUntilUpAsync();
    }

    public async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"local host exited with code {process.ExitCode}");
            try { if ((await http.GetAsync("health")).IsSuccessStatusCode) return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("local host did not come up");
    }

    public HttpClient Client(string objectId)
    {
        var client = new HttpClient { BaseAddress = Api };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
        return client;
    }

    public void Dispose()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.Dispose();
    }
}
