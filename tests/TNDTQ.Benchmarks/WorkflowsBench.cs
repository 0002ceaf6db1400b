using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.Shared;
using Tndtq.SignOffs;

namespace Tndtq.Benchmarks;

public sealed record WorkflowsBenchOptions(int Waiting, int Clients, int Rounds)
{
    public static WorkflowsBenchOptions? Parse(string[] args)
    {
        var o = new WorkflowsBenchOptions(Waiting: 200, Clients: 20, Rounds: 3);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            switch (args[i])
            {
                case "--workflows": break;
                case "--waiting": o = o with { Waiting = Next() }; break;
                case "--clients": o = o with { Clients = Next() }; break;
                case "--rounds": o = o with { Rounds = Next() }; break;
                default:
                    Console.Error.WriteLine("""
                        Usage: dotnet run -c Release --project tests/TNDTQ.Benchmarks -- --workflows [flags]
                          --waiting N   workflows started and then decided per round, app and raw engine each (200)
                          --clients N   concurrent clients starting and deciding them (20)
                          --rounds N    rounds, app and raw engine alternating; every figure is min / median / max over them (3)
                        """);
                    return null;
            }
        }
        return o;
    }

    public override string ToString() => $"{Waiting} workflows a round, {Clients} clients, {Rounds} rounds";
}

/// <summary>
/// Workflow throughput (issue #14): the app's sign-off (one human step) through its API against the raw Durable engine
/// running a workflow of the same shape — an activity, a decision event raced with a durable timer, an activity — hosted
/// as the local host hosts the app (<see cref="DurableEngine"/> and its worker settings), on the same Azurite, in one run.
/// Each round starts W workflows, waits until all wait for their decision, then decides all of them; it times the whole
/// (workflows completed/s), the decisions' answers (accepted/s) and the decisions' completion (completed/s with W waiting),
/// and counts the storage requests of the app (its clients and its engine) and of the raw engine per workflow.
/// </summary>
public static class WorkflowsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = WorkflowsBenchOptions.Parse(args);
        if (o is null) return 1;
        Console.Error.WriteLine($"Starting Azurite (in memory), the local host and the raw engine… {o}");
        await using var azurite = await Azurite.StartPrivateAsync(Console.Error.WriteLine);
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0,
            MinimumLogLevel = LogLevel.Error,
            Settings = new Dictionary<string, string?>
            {
                [Storage.SettingName] = azurite.ConnectionString,
                [TaskHubName.SettingName] = "benchapp",
                [Storage.CountRequestsSettingName] = "true",
            },
        });
        await using var raw = await RawEngine.StartAsync(azurite.ConnectionString);
        var instances = new InstanceTable(azurite.ConnectionString);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(host.BaseAddress, "api/"), Timeout = TimeSpan.FromMinutes(10) };
        var (ward, officer, chairman) = await WardAsync(http);

        // One small round each first: tables, queues and partitions made, code jitted.
        await RoundAsync("warm-up app", new AppRunner(officer, chairman, ward), instances.For(host.HubName), Math.Min(10, o.Waiting), o.Clients);
        await RoundAsync("warm-up raw", raw, instances.For(RawEngine.HubName), Math.Min(10, o.Waiting), o.Clients);

        var app = new List<RoundResult>();
        var engine = new List<RoundResult>();
        for (var round = 1; round <= o.Rounds; round++)
        {
            app.Add(await RoundAsync($"round {round} app", new AppRunner(officer, chairman, ward), instances.For(host.HubName), o.Waiting, o.Clients));
            engine.Add(await RoundAsync($"round {round} raw", raw, instances.For(RawEngine.HubName), o.Waiting, o.Clients));
        }
        Console.WriteLine(Table(o, app, engine));
        return 0;
    }

    /// <summary>What one round measured: seconds for all, for the decisions' answers, for the decisions' completion; storage requests.</summary>
    sealed record RoundResult(int Workflows, double Total, double Accepted, double Completed, double AppRequests, double EngineRequests)
    {
        public double WorkflowsPerSecond => Workflows / Total;
        public double AcceptedPerSecond => Workflows / Accepted;
        public double CompletedPerSecond => Workflows / Completed;
        public double RequestsPerWorkflow => (AppRequests + EngineRequests) / Workflows;
    }

    interface IRunner
    {
        RequestCount? EngineCount { get; }
        /// <summary>Starts one workflow; returns its instance id.</summary>
        Task<string> StartAsync(string round, int i);
        Task DecideAsync(string instanceId);
        /// <summary>The instance ids of a round start with this.</summary>
        string Prefix(string round);
    }

    static async Task<RoundResult> RoundAsync(string name, IRunner runner, InstanceTable.Hub table, int n, int clients)
    {
        var round = Guid.NewGuid().ToString("N")[..6];
        var appBefore = StorageRequestCounter.Count;
        var engineBefore = runner.EngineCount?.Count ?? StorageRequestCounter.Engine.Count;
        var all = Stopwatch.StartNew();
        var ids = new string[n];
        await ForEachAsync(n, clients, async i => ids[i] = await runner.StartAsync(round, i));
        await table.UntilAsync(runner.Prefix(round), n, waiting: true);

        var decided = Stopwatch.StartNew();
        var accepted = await ForEachAsync(n, clients, i => runner.DecideAsync(ids[i]));
        await table.UntilAsync(runner.Prefix(round), n, waiting: false);
        var result = new RoundResult(n, all.Elapsed.TotalSeconds, accepted.TotalSeconds, decided.Elapsed.TotalSeconds,
            runner.EngineCount is null ? StorageRequestCounter.Count - appBefore : 0,
            (runner.EngineCount?.Count ?? StorageRequestCounter.Engine.Count) - engineBefore);
        Console.Error.WriteLine($"  {name}: {result.WorkflowsPerSecond:0.0} workflows/s, decisions {result.AcceptedPerSecond:0.0} accepted/s, " +
            $"{result.CompletedPerSecond:0.0} completed/s, {result.RequestsPerWorkflow:0.#} storage requests a workflow");
        return result;
    }

    static async Task<TimeSpan> ForEachAsync(int n, int clients, Func<int, Task> work)
    {
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < n;) await work(i);
        }));
        return watch.Elapsed;
    }

    /// <summary>A ward of its own with its officer and chairman, made through the API as an administrator would.</summary>
    static async Task<(string Ward, HttpClient Officer, HttpClient Chairman)> WardAsync(HttpClient http)
    {
        HttpClient As(string objectId)
        {
            var c = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = http.BaseAddress, Timeout = http.Timeout };
            c.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
            return c;
        }
        var admin = As("demo-admin");
        var ward = "bench-wf";
        await Ok(await admin.PostAsJsonAsync("wards", new { id = ward, name = "Phường Đo Quy Trình", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" }));
        await Ok(await admin.PutAsJsonAsync($"staff/officer-{ward}", new { displayName = "Cán bộ phường Đo Quy Trình", roles = new[] { "ward-officer" }, wardId = ward }));
        await Ok(await admin.PutAsJsonAsync($"staff/chairman-{ward}", new { displayName = "Chủ tịch phường Đo Quy Trình", roles = new[] { "ward-chairman" }, wardId = ward }));
        return (ward, As($"officer-{ward}"), As($"chairman-{ward}"));
    }

    static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The app: a sign-off created by the officer and decided by the chairman, through the API.</summary>
    sealed class AppRunner(HttpClient officer, HttpClient chairman, string ward) : IRunner
    {
        public RequestCount? EngineCount => null;
        public string Prefix(string round) => SignOffService.InstanceId(ward, round + "-");

        public async Task<string> StartAsync(string round, int i)
        {
            var id = $"{round}-{i:00000}";
            var request = new HttpRequestMessage(HttpMethod.Post, $"wards/{ward}/sign-offs") { Content = JsonContent.Create(new { title = $"Tờ trình số {i}", dueInMinutes = 60 }) };
            request.Headers.Add("x-requestid", id);
            using var response = await officer.SendAsync(request);
            await Ok(response);
            var created = await response.Content.ReadFromJsonAsync<SignOffView>(Json.Options);
            return SignOffService.InstanceId(ward, created!.Id);
        }

        public async Task DecideAsync(string instanceId)
        {
            var id = instanceId[(instanceId.LastIndexOf(':') + 1)..];
            using var response = await chairman.PostAsJsonAsync($"wards/{ward}/sign-offs/{id}/decision", new { approve = true, comment = "Đồng ý" });
            await Ok(response);
        }
    }

    /// <summary>
    /// The raw engine: a second <see cref="DurableEngine"/> on the same Azurite, configured from the same host.json and
    /// with the same worker settings as the local host's, running only <see cref="RawHumanStep"/> — nothing is added to the app.
    /// </summary>
    sealed class RawEngine : IRunner, IAsyncDisposable
    {
        public const string HubName = "benchraw";
        readonly DurableEngine engine;
        readonly IHost worker;
        readonly DurableTaskClient client;
        public RequestCount EngineCount { get; } = new();
        RequestCount? IRunner.EngineCount => EngineCount;

        RawEngine(DurableEngine engine, IHost worker, RequestCount count)
        {
            this.engine = engine; this.worker = worker; EngineCount = count;
            client = worker.Services.GetRequiredService<DurableTaskClient>();
        }

        public static async Task<RawEngine> StartAsync(string connectionString)
        {
            var count = new RequestCount();
            var loggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
            // host.json with the same overrides as the local host reads (AzureFunctionsJobHost__… environment variables).
            var hostJson = HostJson.Load(new ConfigurationBuilder().AddEnvironmentVariables().Build()) with { HubName = HubName };
            var engine = await DurableEngine.StartAsync(connectionString, hostJson, $"{Environment.MachineName}-{HubName}", loggerFactory, countRequests: count.Policy);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddDurableTaskWorker(w =>
            {
                engine.ConfigureWorker(w);
                w.AddTasks(r => r.AddOrchestrator<RawHumanStep>()
                    .AddActivityFunc<string>(RawHumanStep.Open, (_, _) => { })
                    .AddActivityFunc<string>(RawHumanStep.Close, (_, _) => { }));
            });
            builder.Services.AddDurableTaskClient(c => { c.UseGrpc(engine.Channel); c.RegisterDirectly(); });
            var worker = builder.Build();
            await worker.StartAsync();
            return new RawEngine(engine, worker, count);
        }

        public string Prefix(string round) => $"raw:{round}-";

        public async Task<string> StartAsync(string round, int i) =>
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(RawHumanStep), DateTime.UtcNow.AddMinutes(60), new StartOrchestrationOptions($"raw:{round}-{i:00000}"));

        public Task DecideAsync(string instanceId) => client.RaiseEventAsync(instanceId, RawHumanStep.DecisionEvent, "approve");

        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync();
            worker.Dispose();
            await engine.DisposeAsync();
        }
    }

    /// <summary>The human step's shape with nothing of the app: an activity, a decision raced with a durable timer, an activity.</summary>
    sealed class RawHumanStep : TaskOrchestrator<DateTime, string>
    {
        public const string Open = "RawOpen", Close = "RawClose", DecisionEvent = "Decision";

        public override async Task<string> RunAsync(TaskOrchestrationContext context, DateTime dueAt)
        {
            context.SetCustomStatus("waiting");
            await context.CallActivityAsync(Open, context.InstanceId);
            using var cancel = new CancellationTokenSource();
            var decision = context.WaitForExternalEvent<string>(DecisionEvent);
            var timer = context.CreateTimer(dueAt, cancel.Token);
            var first = await Task.WhenAny(decision, timer);
            if (first == decision) cancel.Cancel();
            var outcome = first == decision ? await decision : "expired";
            await context.CallActivityAsync(Close, outcome);
            context.SetCustomStatus(outcome);
            return outcome;
        }
    }

    /// <summary>
    /// The task hubs' instance tables read directly (not through the app or the engines, so never counted): how many instances
    /// of a round wait (custom status published) or have completed.
    /// </summary>
    sealed class InstanceTable(string connectionString)
    {
        public Hub For(string hub) => new(new TableClient(connectionString, hub + "Instances"));

        public sealed class Hub(TableClient table)
        {
            public async Task UntilAsync(string prefix, int n, bool waiting)
            {
                var until = DateTime.UtcNow.AddMinutes(10);
                var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + "~"}");
                while (true)
                {
                    var count = 0;
                    await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RuntimeStatus", "CustomStatus"]))
                        if (waiting ? e.GetString("CustomStatus") is { Length: > 0 } : e.GetString("RuntimeStatus") == "Completed") count++;
                    if (count >= n) return;
                    if (DateTime.UtcNow > until) throw new TimeoutException($"{count} of {n} instances {(waiting ? "waiting" : "completed")} after 10 minutes ({prefix}).");
                    await Task.Delay(100);
                }
            }
        }
    }

    static string Table(WorkflowsBenchOptions o, List<RoundResult> app, List<RoundResult> engine)
    {
        var s = new StringBuilder();
        s.AppendLine($"Run {DateTime.UtcNow:dd/MM/yyyy HH:mm} UTC on {Environment.ProcessorCount} cores (load average {LoadAverage()}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, Azurite in memory; {o.Rounds} rounds of {o.Waiting} workflows, {o.Clients} clients.");
        s.AppendLine("min / median / max over rounds; ratio = app ÷ raw, median of the rounds' ratios; storage = requests to Blob/Queue/Table per workflow (the app: its clients + its engine).");
        s.AppendLine();
        s.AppendLine("| Figure | app (sign-off) | raw engine | app ÷ raw |");
        s.AppendLine("|---|---|---|---|");
        void Row(string name, Func<RoundResult, double> f, string format = "0.0", bool ratio = true) =>
            s.AppendLine($"| {name} | {Mmm(app.Select(f), format)} | {Mmm(engine.Select(f), format)} | {(ratio ? Median(app.Zip(engine, (a, r) => f(a) / f(r))).ToString("0.00") : "")} |");
        Row("Workflows completed/s", r => r.WorkflowsPerSecond);
        Row($"Decisions accepted/s ({o.Waiting} waiting)", r => r.AcceptedPerSecond);
        Row($"Decisions completed/s ({o.Waiting} waiting)", r => r.CompletedPerSecond);
        Row("Storage requests per workflow", r => r.RequestsPerWorkflow, "0");
        Row("… of which the app's own clients", r => r.AppRequests / r.Workflows, "0", ratio: false);
        return s.ToString();
    }

    internal static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    static string Mmm(IEnumerable<double> values, string format)
    {
        var v = values.Order().ToList();
        return $"{v[0].ToString(format)} / {Median(v).ToString(format)} / {v[^1].ToString(format)}";
    }

    static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
