using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Tndtq.Shared;

namespace Tndtq.LocalHost;

public sealed record LocalHostOptions
{
    public string[] Args { get; init; } = [];
    /// <summary>HTTP port (7071 as with Core Tools; 0 picks a free one).</summary>
    public int Port { get; init; } = 7071;
    /// <summary>Settings that win over every other source (tests).</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
    public bool SeedDemoData { get; init; } = true;
    public Action<string>? Log { get; init; }
    /// <summary>Tests: called with the activity's name and instance id before every activity runs; throw to make it fail.</summary>
    public Func<string, string, Task>? BeforeActivity { get; init; }
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
    /// <summary>
    /// On disposal, how long to wait for the engine to release its partitions before Azurite is stopped (a process that goes
    /// on, as the tests', must not leave the engine retrying against a stopped Azurite). Zero for a process that ends right
    /// after, as the run command: it then stops at once.
    /// </summary>
    public TimeSpan EngineReleaseWait { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs the Functions app's own <c>[Function]</c> classes without Core Tools: HTTP triggers on
/// Kestrel, orchestrators and activities on the real Durable Task engine (Azure Storage provider),
/// timers on their schedules. Used by the run command and by the tests.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    /// <summary>Setting for the HTTP port (command line: <c>--port 7072</c>).</summary>
    public const string PortKey = "LocalHost:Port";

    /// <summary>
    /// Tests: a pause after each batch of a register change (e.g. <c>00:00:00.500</c>), so that a test can kill
    /// the host while a large change is part-way through being applied.
    /// </summary>
    public const string RegisterBatchDelayKey = "LocalHost:Testing:RegisterBatchDelay";

    readonly WebApplication app;
    readonly DurableEngine engine;
    readonly Azurite? azurite;

    public Uri BaseAddress { get; }
    public IServiceProvider Services => app.Services;
    public FunctionCatalog Catalog { get; }
    public string HubName => engine.HubName;
    public DurableTaskClient DurableClient => app.Services.GetRequiredService<DurableTaskClient>();

    readonly TimeSpan engineReleaseWait;

    LocalFunctionsHost(WebApplication app, DurableEngine engine, Azurite? azurite, FunctionCatalog catalog, Uri baseAddress, TimeSpan engineReleaseWait)
    {
        this.app = app; this.engine = engine; this.azurite = azurite; Catalog = catalog; BaseAddress = baseAddress; this.engineReleaseWait = engineReleaseWait;
    }

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken ct = default)
    {
        var configuration = BuildConfiguration(options);
        Azurite? azurite = null;
        DurableEngine? engine = null;
        try
        {
            var storage = configuration[Storage.SettingName];
            if (string.Equals(storage?.Trim().TrimEnd(';'), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                azurite = await Azurite.EnsureStandardAsync(Path.Combine(RepositoryRoot.Find(), ".azurite"), options.Log, ct);
                configuration[Storage.SettingName] = storage = azurite.ConnectionString;
            }
            if (string.IsNullOrWhiteSpace(storage))
                throw new InvalidOperationException($"The local host needs {Storage.SettingName} as a connection string (Azurite).");

            var loggerFactory = LoggerFactory.Create(l => ConfigureLogging(l, options));
            var hostJson = HostJson.Load(configuration);
            engine = await DurableEngine.StartAsync(storage, hostJson, $"{Environment.MachineName}-{hostJson.HubName}-local", loggerFactory, ct,
                configuration.GetValue<bool>(Storage.CountRequestsSettingName) ? StorageRequestCounter.Engine.Policy : null);
            var catalog = FunctionCatalog.FromAssembly(typeof(AppServices).Assembly);

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = options.Args,
                EnvironmentName = configuration["AZURE_FUNCTIONS_ENVIRONMENT"] ?? Environments.Development,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddConfiguration(configuration);
            builder.Logging.ClearProviders();
            ConfigureLogging(builder.Logging, options);
            var port = configuration.GetValue(PortKey, options.Port);
            // Kestrel cannot pick a free port on "localhost" (two addresses): use the loopback address then.
            builder.WebHost.UseUrls(port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{port}");
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

            builder.Services.AddTndtq(builder.Configuration, builder.Environment);
            builder.Services.AddMvcCore(); // executes the IActionResult the functions return, as the worker's ASP.NET Core integration does
            var channel = engine.Channel;
            builder.Services.AddDurableTaskWorker(w =>
            {
                engine.ConfigureWorker(w);
                w.AddTasks(r => DurableFunctions.Register(r, catalog, options.BeforeActivity));
            });
            builder.Services.AddDurableTaskClient(c => { c.UseGrpc(channel); c.RegisterDirectly(); });
            builder.Services.AddSingleton(catalog);
            builder.Services.AddHostedService<TimerScheduler>();

            var app = builder.Build();
            if (configuration.GetValue<TimeSpan?>(RegisterBatchDelayKey) is { } batchDelay)
                app.Services.GetRequiredService<Register.RegisterStore>().AfterJournalBatch = _ => Task.Delay(batchDelay);
            HttpFunctions.Map(app, catalog, hostJson.RoutePrefix);
            if (options.SeedDemoData) await Demo.DemoData.SeedAsync(app.Services, ct);
            await app.StartAsync(ct);
            var address = app.Urls.First().Replace("127.0.0.1", "localhost").Replace("[::1]", "localhost");
            return new LocalFunctionsHost(app, engine, azurite, catalog, new Uri(address.TrimEnd('/') + "/"), options.EngineReleaseWait);
        }
        catch
        {
            if (engine is not null) await engine.DisposeAsync();
            if (azurite is not null) await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Settings as Core Tools would give them: defaults for a local run, then the app's
    /// <c>local.settings.json</c> "Values", then environment variables, then the command line.
    /// </summary>
    static IConfigurationRoot BuildConfiguration(LocalHostOptions options)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Storage.SettingName] = "UseDevelopmentStorage=true",
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = Environments.Development,
            [Identity.AuthOptions.DevelopmentSignInKey] = "true",
            [TaskHubName.SettingName] = TaskHubName.Default,
            ["HeartbeatSchedule"] = "0 */5 * * * *",
            ["DailyScanSchedule"] = "0 0 1 * * *",       // 08:00 in Vietnam
            ["WeeklyDigestSchedule"] = "0 0 1 * * 1",    // Monday 08:00 in Vietnam
            ["ReviewCycleSchedule"] = "0 0 1 2 1 *",     // 2 January 08:00 in Vietnam
            ["BackupSchedule"] = "0 0 19 * * *",         // 02:00 in Vietnam
            ["RetentionSchedule"] = "0 30 19 * * *",     // 02:30 in Vietnam
        });
        var localSettings = FindLocalSettings();
        if (localSettings is not null)
        {
            var values = new ConfigurationBuilder().AddJsonFile(localSettings, optional: true).Build().GetSection("Values");
            builder.AddInMemoryCollection(values.GetChildren().Select(c => KeyValuePair.Create(c.Key.Replace("__", ":"), c.Value)));
        }
        builder.AddEnvironmentVariables()
            .AddCommandLine(options.Args, new Dictionary<string, string> { ["--port"] = PortKey })
            .AddInMemoryCollection(options.Settings);
        return builder.Build();
    }

    static string? FindLocalSettings()
    {
        try
        {
            var path = Path.Combine(RepositoryRoot.Find(), "functions", "TNDTQ.Functions", "local.settings.json");
            return File.Exists(path) ? path : null;
        }
        catch (InvalidOperationException) { return null; }
    }

    static void ConfigureLogging(ILoggingBuilder logging, LocalHostOptions options)
    {
        logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        logging.SetMinimumLevel(options.MinimumLogLevel);
        // The engine is chatty; its warnings still show.
        logging.AddFilter("DurableTask", LogLevel.Warning);
        logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        logging.AddFilter("Azure", LogLevel.Warning);
        logging.AddFilter("Azure.Core", LogLevel.Error); // "409 already exists" answers to CreateIfNotExists are expected
    }

    public Task WaitForShutdownAsync(CancellationToken ct = default) => app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try { await app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        }
        await app.DisposeAsync();
        await engine.StopAsync(engineReleaseWait);
        if (azurite is not null) await azurite.DisposeAsync();
    }
}
