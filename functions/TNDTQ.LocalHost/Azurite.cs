using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tndtq.LocalHost;

/// <summary>
/// Azurite, the official Azure Storage emulator, at the version pinned in the repository's
/// <c>package.json</c>, run by the Node.js pinned there too (the npm package <c>node</c>, which installs the
/// machine's own build: Azurite 3.36+ needs Node 21 or later, and looks table rows up by key instead of scanning
/// the partition, whatever Node the machine has). Installed with <c>npm ci</c> on first use, and again when the
/// pinned versions change; started as a child process and stopped with it. The run command uses the standard ports and keeps data in <c>.azurite/</c>;
/// tests start their own on free ports with data in memory.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    readonly Process? process;
    readonly string location;
    readonly bool inMemory;
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    Azurite(Process? process, int blob, int queue, int table, string location = "", bool inMemory = true)
    {
        this.process = process; BlobPort = blob; QueuePort = queue; TablePort = table; this.location = location; this.inMemory = inMemory;
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Is something already serving these ports (an Azurite the developer started)?</summary>
    public static bool IsRunning(int blobPort = 10000, int queuePort = 10001, int tablePort = 10002) =>
        IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort);

    /// <summary>Uses an Azurite already listening on the standard ports, or starts one with data in <paramref name="location"/>.</summary>
    public static async Task<Azurite> EnsureStandardAsync(string location, Action<string>? log = null, CancellationToken ct = default)
    {
        if (IsRunning()) { log?.Invoke("Azurite is already running on ports 10000-10002."); return new Azurite(null, 10000, 10001, 10002); }
        return await StartAsync(10000, 10001, 10002, location, inMemory: false, log, ct);
    }

    /// <summary>Starts a private Azurite on free ports, data in memory (tests).</summary>
    public static Task<Azurite> StartPrivateAsync(Action<string>? log = null, CancellationToken ct = default) =>
        StartAsync(FreePort(), FreePort(), FreePort(), location: "", inMemory: true, log, ct);

    /// <summary>Starts a private Azurite on free ports with data in <paramref name="location"/>, kept across <see cref="StartAgainAsync"/> (outage tests).</summary>
    public static Task<Azurite> StartPrivateAsync(string location, Action<string>? log = null, CancellationToken ct = default) =>
        StartAsync(FreePort(), FreePort(), FreePort(), location, inMemory: false, log, ct);

    /// <summary>
    /// After <see cref="DisposeAsync"/>: the same storage again, on the same ports and with the same
    /// data folder (a storage outage that ends). An Azurite in memory comes back empty.
    /// </summary>
    public Task<Azurite> StartAgainAsync(Action<string>? log = null, CancellationToken ct = default) =>
        StartAsync(BlobPort, QueuePort, TablePort, location, inMemory, log, ct);

    static async Task<Azurite> StartAsync(int blob, int queue, int table, string location, bool inMemory, Action<string>? log, CancellationToken ct)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        await InstalledAsync(root, log, ct);
        if (!inMemory) Directory.CreateDirectory(location);
        var args = new List<string>
        {
            "-r", Path.Combine(root, "functions", "TNDTQ.LocalHost", "exit-with-parent.cjs"),
            script, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
        };
        if (inMemory) args.Add("--inMemoryPersistence");
        else { args.Add("--location"); args.Add(location); }
        var start = new ProcessStartInfo(NodeOf(root)) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ForEach(start.ArgumentList.Add);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite with the pinned Node.js (node_modules/node).");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine(); process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(IsListening(blob) && IsListening(queue) && IsListening(table)))
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {errors}");
            if (DateTime.UtcNow > deadline) { process.Kill(true); throw new TimeoutException($"Azurite did not start within 60 s: {errors}"); }
            await Task.Delay(100, ct);
        }
        log?.Invoke($"Azurite started (blob {blob}, queue {queue}, table {table}).");
        return new Azurite(process, blob, queue, table, location, inMemory);
    }

    /// <summary>
    /// Stops Azurite as a service stops (SIGTERM: it closes its servers and saves its data folder), so that
    /// <see cref="StartAgainAsync"/> finds every write it acknowledged — an outage that loses no data, as in
    /// Azure. (A killed Azurite loses what it had not saved yet, tables created a moment before included.)
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited) return;
        using (var kill = Process.Start(new ProcessStartInfo("kill", $"-TERM {process.Id}") { UseShellExecute = false }))
            if (kill is not null) await kill.WaitForExitAsync();
        try { await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token); }
        catch (OperationCanceledException) { }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is null || process.HasExited) return;
        try { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(new CancellationTokenSource(5000).Token); }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        process.Dispose();
    }

    static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(200) && client.Connected;
        }
        catch (Exception) { return false; }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs <c>npm ci</c> unless node_modules holds the Azurite and Node.js that package.json pins. One process at a time
    /// (a lock file beside package.json): the two test projects start side by side and must not install into one folder at once.
    /// </summary>
    static async Task InstalledAsync(string root, Action<string>? log, CancellationToken ct)
    {
        if (IsInstalled(root)) return;
        var lockFile = Path.Combine(root, ".tndtq-npm-install.lock");
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(500))
        {
            try
            {
                using var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (IsInstalled(root)) return; // another process installed it while this one waited
                log?.Invoke("Installing Azurite and Node.js 22 (npm ci), as package.json pins them: first run only…");
                await RunAsync("npm", "ci --no-audit --no-fund", root, ct);
                if (!IsInstalled(root)) throw new InvalidOperationException($"npm ci did not install the Azurite and Node.js that {Path.Combine(root, "package.json")} pins.");
                return;
            }
            catch (IOException) when (waited < TimeSpan.FromMinutes(10)) { await Task.Delay(500, ct); }
        }
    }

    static bool IsInstalled(string root)
    {
        var pinned = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "package.json"))).RootElement.GetProperty("devDependencies");
        return File.Exists(Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js"))
            && InstalledVersion(root, "azurite") == pinned.GetProperty("azurite").GetString()
            && InstalledVersion(root, "node") == pinned.GetProperty("node").GetString()
            && File.Exists(NodeOf(root));
    }

    static string? InstalledVersion(string root, string package)
    {
        var file = Path.Combine(root, "node_modules", package, "package.json");
        return File.Exists(file) ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("version").GetString() : null;
    }

    /// <summary>The pinned Node.js binary (<c>node_modules/node/bin/node</c>, <c>node.exe</c> on Windows).</summary>
    static string NodeOf(string root)
    {
        var bin = Path.Combine(root, "node_modules", "node", "bin");
        return OperatingSystem.IsWindows() && File.Exists(Path.Combine(bin, "node.exe")) ? Path.Combine(bin, "node.exe") : Path.Combine(bin, "node");
    }

    static async Task RunAsync(string file, string arguments, string directory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false };
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}.");
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {p.ExitCode}.");
    }
}

/// <summary>The repository root: the nearest folder above the program holding TNDTQ.Functions.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TNDTQ.Functions.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                    return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (TNDTQ.Functions.sln and package.json).");
    }
}
