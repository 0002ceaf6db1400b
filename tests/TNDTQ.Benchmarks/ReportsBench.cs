using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Tndtq.Register;
using Microsoft.Extensions.Logging;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.Shared;

namespace Tndtq.Benchmarks;

public sealed record ReportsBenchOptions(int SmallGroups, int BigGroups, int Wards, int MembersPerGroup, int Requests, int Rounds, int ImportChunk, int ImportParallel)
{
    public static ReportsBenchOptions? Parse(string[] args)
    {
        var o = new ReportsBenchOptions(SmallGroups: 1_000, BigGroups: 100_000, Wards: 10, MembersPerGroup: 1, Requests: 10, Rounds: 3, ImportChunk: 1000, ImportParallel: 2);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            switch (args[i])
            {
                case "--reports": break;
                case "--small-groups": o = o with { SmallGroups = Next() }; break;
                case "--big-groups": o = o with { BigGroups = Next() }; break;
                case "--wards": o = o with { Wards = Next() }; break;
                case "--members": o = o with { MembersPerGroup = Next() }; break;
                case "--requests": o = o with { Requests = Next() }; break;
                case "--rounds": o = o with { Rounds = Next() }; break;
                case "--import-chunk": o = o with { ImportChunk = Next() }; break;
                case "--import-parallel": o = o with { ImportParallel = Next() }; break;
                default:
                    Console.Error.WriteLine("""
                        Usage: dotnet run -c Release --project tests/TNDTQ.Benchmarks -- --reports [flags]
                          --small-groups N     groups of the register (all benchmark wards) timed first (1000)
                          --big-groups N       groups it grows to, timed again in the same run (100000)
                          --wards N            benchmark wards the groups are spread over (10)
                          --members N          members per group: a leader, then deputies and members (1)
                          --requests N         requests per report and round, one at a time (10)
                          --rounds N           rounds; every figure is min / median / max over them (3)
                          --import-chunk N     rows per import file (1000)
                          --import-parallel N  wards importing at once (2)
                        Environment: TNDTQ_BENCHMARK_STORAGE=<connection string> runs on that storage account instead of Azurite.
                        """);
                    return null;
            }
        }
        return o.BigGroups < o.SmallGroups ? throw new ArgumentException("--big-groups must not be less than --small-groups") : o;
    }

    public override string ToString() =>
        $"register at {SmallGroups} then {BigGroups} groups in {Wards} wards, {MembersPerGroup} members a group, {Requests} requests, {Rounds} rounds";
}

/// <summary>
/// The reports' cost as the register grows (issue #12 "Performance"): the district dashboard, the multi-year summary and its
/// workbook, timed with the register at <c>--small-groups</c>, then grown through the import endpoint to <c>--big-groups</c>
/// and timed again, in one run; prints min / median / max of each round's median and the ratio big ÷ small.
/// </summary>
public static class ReportsBench
{
    public const string StorageVariable = "TNDTQ_BENCHMARK_STORAGE";

    public static async Task<int> RunAsync(string[] args)
    {
        var o = ReportsBenchOptions.Parse(args);
        if (o is null) return 1;
        // A storage account instead of the emulator (TNDTQ_BENCHMARK_STORAGE = its connection string): Azurite's in-memory store
        // evaluates every query over every row of the table, so only a real account shows what Table Storage does as the register grows.
        var account = Environment.GetEnvironmentVariable(StorageVariable) is { Length: > 0 } v ? v : null;
        Console.Error.WriteLine($"Starting {(account is null ? "Azurite (in memory)" : "on the storage account of " + StorageVariable)} and the local host… {o}");
        await using var emulator = account is null ? await Azurite.StartPrivateAsync(Console.Error.WriteLine) : null;
        var connection = account ?? emulator!.ConnectionString;
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0,
            MinimumLogLevel = LogLevel.Error,
            Settings = new Dictionary<string, string?>
            {
                [Storage.SettingName] = connection, [TaskHubName.SettingName] = "benchreports",
                [Storage.CountRequestsSettingName] = "true"
            },
        });
        var baseAddress = new Uri(host.BaseAddress, "api/");
        HttpClient As(string objectId)
        {
            var c = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
            c.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
            return c;
        }
        var admin = As("demo-admin");
        var police = As("demo-police");

        var wards = new List<(string Id, HttpClient Officer)>();
        for (var w = 0; w < o.Wards; w++)
        {
            var id = $"bench-r{w}-{Guid.NewGuid():N}"[..16];
            await Ok(await admin.PostAsJsonAsync("wards", new { id, name = $"Phường đo {w + 1}", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" }));
            await Ok(await admin.PutAsJsonAsync($"staff/officer-{id}", new { displayName = $"Cán bộ phường đo {w + 1}", roles = new[] { "ward-officer" }, wardId = id }));
            wards.Add((id, As($"officer-{id}")));
        }

        var year = DateTime.UtcNow.AddHours(7).Year;
        var reports = new (string Name, string Path)[]
        {
            ("District dashboard", "reports/dashboard"),
            ($"Summary {year - 7}–{year}", $"reports/summary?from={year - 7}&to={year}"),
            ("Summary export (.xlsx)", $"reports/summary/export?from={year - 7}&to={year}"),
        };
        // What the emulator itself costs: the same query the reports send for a ward's counters (a few rows of one partition),
        // straight to Azurite, no app in between. Its growth is Azurite's, whose in-memory store evaluates a query's filter over
        // every row of the table (Table Storage serves it from the partition's key range).
        var register = new TableServiceClient(connection).GetTableClient(RegisterTable.Name);
        var bare = $"One {(account is null ? "Azurite" : "storage")} query of a ward's counters (no app)";
        var phases = new List<(int Groups, int Members, Dictionary<string, List<double>> Medians, Dictionary<string, double> Requests)>();
        var imported = 0;
        foreach (var target in new[] { o.SmallGroups, o.BigGroups }.Distinct())
        {
            var watch = Stopwatch.StartNew();
            var rows = await ImportAsync(o, wards, imported, target);
            imported = target;
            Console.Error.WriteLine($"Register at {target} benchmark groups ({rows} rows imported, {rows / watch.Elapsed.TotalSeconds:0} rows/s).");
            var totals = (await police.GetFromJsonAsync<JsonElement>("reports/dashboard")).GetProperty("totals").GetProperty("register");
            var medians = reports.ToDictionary(r => r.Name, _ => new List<double>());
            medians[bare] = [];
            var requests = new Dictionary<string, double>();
            foreach (var (name, path) in reports)
            {
                var before = StorageRequestCounter.Count;
                for (var i = 0; i < 3; i++) { using var response = await police.GetAsync(path); await response.Content.LoadIntoBufferAsync(); await Ok(response); }
                requests[name] = (StorageRequestCounter.Count - before) / 3.0;
            }
            for (var round = 1; round <= o.Rounds; round++)
                foreach (var (name, path) in reports)
                {
                    var times = new List<double>();
                    for (var i = 0; i < o.Requests; i++)
                    {
                        var t = Stopwatch.StartNew();
                        using var response = await police.GetAsync(path);
                        await response.Content.LoadIntoBufferAsync();
                        await Ok(response);
                        times.Add(t.Elapsed.TotalMilliseconds);
                    }
                    medians[name].Add(Median(times));
                }
            for (var round = 1; round <= o.Rounds; round++)
            {
                var times = new List<double>();
                for (var i = 0; i < o.Requests; i++)
                {
                    var t = Stopwatch.StartNew();
                    await foreach (var _ in register.QueryAsync<TableEntity>(RegisterTable.CountersFilter(RegisterTable.Partition(wards[i % wards.Count].Id)))) { }
                    times.Add(t.Elapsed.TotalMilliseconds);
                }
                medians[bare].Add(Median(times));
            }
            phases.Add((totals.GetProperty("activeGroups").GetInt32(), totals.GetProperty("activeMembers").GetInt32(), medians, requests));
        }

        var s = new StringBuilder();
        s.AppendLine($"Run {DateTime.UtcNow:dd/MM/yyyy HH:mm} UTC on {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, {(account is null ? "Azurite in memory" : "a storage account")}; {o.Rounds} rounds of {o.Requests} requests, one at a time, as a district role (every ward).");
        var (small, big) = (phases[0], phases[^1]);
        s.AppendLine($"Register (every ward, the demo's included): small {small.Groups} active groups / {small.Members} members; big {big.Groups} / {big.Members} " +
            $"({o.Wards} benchmark wards grown through the import endpoint).");
        s.AppendLine("Times in ms: min / median / max over rounds of each round's median; ratio = big ÷ small, median over rounds.");
        s.AppendLine();
        s.AppendLine("Storage requests: what the app's clients send for one report (mean of 3, one at a time).");
        s.AppendLine();
        s.AppendLine("| Report | small | big | big ÷ small | storage requests small | storage requests big |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, _) in reports)
            s.AppendLine($"| {name} | {Mmm(small.Medians[name])} | {Mmm(big.Medians[name])} | {Ratio(name)} | {small.Requests[name]:0.#} | {big.Requests[name]:0.#} |");
        s.AppendLine($"| {bare} | {Mmm(small.Medians[bare])} | {Mmm(big.Medians[bare])} | {Ratio(bare)} | 1 | 1 |");
        string Ratio(string name) => $"{Median(small.Medians[name].Zip(big.Medians[name], (a, b) => b / a)):0.00}";
        Console.WriteLine(s.ToString());
        return 0;
    }

    /// <summary>Imports groups <paramref name="from"/>+1 … <paramref name="to"/> (of the whole register), spread over the wards, in files of whole groups.</summary>
    static async Task<int> ImportAsync(ReportsBenchOptions o, List<(string Id, HttpClient Officer)> wards, int from, int to)
    {
        const string Header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";
        var total = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, wards.Count), new ParallelOptions { MaxDegreeOfParallelism = o.ImportParallel }, async (w, _) =>
        {
            var rows = new List<string>();
            for (var g = from + 1; g <= to; g++)
            {
                if (g % wards.Count != w) continue;
                var established = $"15/03/{2015 + g % 12}";
                for (var m = 0; m < o.MembersPerGroup; m++)
                {
                    var role = m == 0 ? "Tổ trưởng" : m == 1 ? "Tổ phó" : "Thành viên";
                    rows.Add($"\"Tổ {g}, khu vực {g % 9 + 1}\",Hẻm {g},{20 + g % 40},{established},{g}/QĐ-UBND,{Names[(g + m) % Names.Length]},{(m % 2 == 0 ? "Nam" : "Nữ")},{1950 + g % 50},\"Số {m + 1}, hẻm {g}\",,,{role},{established}");
                }
            }
            var perFile = Math.Max(o.MembersPerGroup, o.ImportChunk / o.MembersPerGroup * o.MembersPerGroup);
            foreach (var chunk in rows.Chunk(perFile))
            {
                var csv = Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", chunk) + "\n");
                await Ok(await wards[w].Officer.PostAsync($"wards/{wards[w].Id}/imports?mode=commit&fileName=so.csv", new ByteArrayContent(csv)));
                var done = Interlocked.Add(ref total, chunk.Length);
                Console.Error.WriteLine($"  {watch.Elapsed:hh\\:mm\\:ss} imported {done} of {(to - from) * o.MembersPerGroup} rows ({done / watch.Elapsed.TotalSeconds:0} rows/s)");
            }
        });
        return total;
    }

    static readonly string[] Names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Huỳnh Văn Hải", "Võ Thị Hạnh", "Đặng Văn Long"];

    static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    static string Mmm(List<double> values) => $"{values.Min():0} / {Median(values):0} / {values.Max():0}";

    static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
