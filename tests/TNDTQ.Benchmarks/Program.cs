using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tndtq.Benchmarks;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.Shared;

// The register's cost in a small and a big ward, side by side in one run, on its own Azurite and local host.
// dotnet run -c Release --project tests/TNDTQ.Benchmarks -- --big-groups 2000 --rounds 3   (--help for every flag)
// The reports as the register grows (1,000 → 100,000 groups): --reports (see ReportsBench).
if (args.Contains("--reports")) return await ReportsBench.RunAsync(args);
// Workflow throughput, the app's sign-off against the raw engine: --workflows (see WorkflowsBench).
if (args.Contains("--workflows")) return await WorkflowsBench.RunAsync(args);

var o = BenchOptions.Parse(args);
if (o is null) return 1;

// A storage account instead of the emulator (TNDTQ_BENCHMARK_STORAGE = its connection string), as for --reports: Azurite's
// own time per request grows with its table, which the rows "(no app)" below show; only an account shows Table Storage.
var account = Environment.GetEnvironmentVariable(ReportsBench.StorageVariable) is { Length: > 0 } acc ? acc : null;
Console.Error.WriteLine($"Starting {(account is null ? "Azurite (in memory)" : "on the storage account of " + ReportsBench.StorageVariable)} and the local host… {o}");
await using var azurite = account is null ? await Azurite.StartPrivateAsync(Console.Error.WriteLine) : null;
var connection = account ?? azurite!.ConnectionString;
await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
{
    Port = 0,
    MinimumLogLevel = LogLevel.Error,
    Settings = new Dictionary<string, string?>
    {
        [Storage.SettingName] = connection,
        [TaskHubName.SettingName] = "bench",
        [Storage.CountRequestsSettingName] = "true",
    },
});
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(host.BaseAddress, "api/"), Timeout = TimeSpan.FromMinutes(30) };
// The same storage, straight: the emulator's own time per request in each ward, with no app in between.
var register = new Azure.Data.Tables.TableServiceClient(connection).GetTableClient(Tndtq.Register.RegisterTable.Name);
var bench = new Bench(http, o, register, account is null ? "Azurite" : "storage");

var small = await bench.CreateWardAsync("bench-small", "Phường nhỏ", o.SmallGroups, chunkRows: int.MaxValue, importRates: null);
var importRates = new List<double>();
var big = await bench.CreateWardAsync("bench-big", "Phường lớn", o.BigGroups, o.ImportChunk, importRates);

var results = new Dictionary<(string Op, string Ward), List<Sample>>();
var counts = new Dictionary<(string Op, string Ward), double>();
for (var round = 1; round <= o.Rounds; round++)
{
    Console.Error.WriteLine($"Round {round}/{o.Rounds}…");
    foreach (var ward in new[] { small, big })
        foreach (var op in bench.Operations(ward))
        {
            var sample = await bench.MeasureAsync(op, op.Heavy ? o.ExportRequests : o.Requests, op.Heavy ? 1 : o.Clients);
            (results.TryGetValue((op.Name, ward.Label), out var l) ? l : results[(op.Name, ward.Label)] = []).Add(sample);
        }
}
foreach (var ward in new[] { small, big })
    foreach (var op in bench.Operations(ward))
        counts[(op.Name, ward.Label)] = await bench.StorageRequestsPerOperationAsync(op, o.CountOps);

Console.WriteLine(Report.Table(o, small, big, results, counts, importRates, account is null ? "Azurite in memory" : "a storage account"));
return 0;

namespace Tndtq.Benchmarks
{
    public sealed record BenchOptions(int SmallGroups, int BigGroups, int MembersPerGroup, int Clients, int Requests, int ExportRequests, int Rounds,
        int ImportChunk, int CountOps)
    {
        public static BenchOptions? Parse(string[] args)
        {
            var o = new BenchOptions(SmallGroups: 20, BigGroups: 400, MembersPerGroup: 4, Clients: 20, Requests: 100, ExportRequests: 3, Rounds: 3,
                ImportChunk: 1000, CountOps: 5);
            for (var i = 0; i < args.Length; i++)
            {
                int Next() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]} needs a positive number");
                switch (args[i])
                {
                    case "--small-groups": o = o with { SmallGroups = Next() }; break;
                    case "--big-groups": o = o with { BigGroups = Next() }; break;
                    case "--members": o = o with { MembersPerGroup = Math.Max(3, Next()) }; break;
                    case "--clients": o = o with { Clients = Next() }; break;
                    case "--requests": o = o with { Requests = Next() }; break;
                    case "--export-requests": o = o with { ExportRequests = Next() }; break;
                    case "--rounds": o = o with { Rounds = Next() }; break;
                    case "--import-chunk": o = o with { ImportChunk = Next() }; break;
                    case "--count-ops": o = o with { CountOps = Next() }; break;
                    default:
                        Console.Error.WriteLine("""
                            Usage: dotnet run -c Release --project tests/TNDTQ.Benchmarks -- [flags]
                              --small-groups N     groups in the small ward (20)
                              --big-groups N       groups in the big ward (400; the issue's figure is 2000)
                              --members N          members per group, at least 3: a leader, a deputy, members (4)
                              --clients N          concurrent clients for each endpoint (20)
                              --requests N         requests per endpoint, ward and round (100)
                              --export-requests N  ward exports per ward and round, one client (3)
                              --rounds N           rounds; every figure is min / median / max over them (3)
                              --import-chunk N     rows per import file when building the big ward (1000)
                              --count-ops N        sequential requests per endpoint to count storage requests (5)
                            Environment: TNDTQ_BENCHMARK_STORAGE=<connection string> runs on that storage account instead of Azurite.
                            """);
                        return null;
                }
            }
            return o;
        }

        public override string ToString() =>
            $"small ward {SmallGroups} groups, big ward {BigGroups} groups, {MembersPerGroup} members a group, {Clients} clients, {Requests} requests, {Rounds} rounds";
    }

    public sealed record BenchWard(string Id, string Label, int Groups, int Members, HttpClient Officer, IReadOnlyList<string> GroupIds);

    /// <summary>One endpoint to time: <see cref="Prepare"/> (untimed, e.g. read the ETag) returns the request to time.</summary>
    /// <summary><see cref="Bare"/>: one storage request sent straight to Azurite (no app), to show the emulator's own cost in each ward.</summary>
    public sealed record Operation(string Name, Func<int, int, Task<Func<Task<HttpResponseMessage>>>> Prepare, bool Heavy = false, bool Bare = false);

    public sealed record Sample(double P50, double P99, int Count, IReadOnlyDictionary<int, int> Failures);

    public sealed class Bench(HttpClient http, BenchOptions o, Azure.Data.Tables.TableClient register, string storageName)
    {
        static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ"];
        static readonly string[] Middles = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh"];
        static readonly string[] Givens = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Trang", "Tuấn", "Yến"];
        int unique;

        HttpClient As(string objectId)
        {
            var c = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = http.BaseAddress, Timeout = http.Timeout };
            c.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
            return c;
        }

        static string Name(int n) => $"{Families[n % Families.Length]} {Middles[n / 7 % Middles.Length]} {Givens[n / 3 % Givens.Length]}";

        /// <summary>A ward with its officer, its register imported through the import endpoint in files of <paramref name="chunkRows"/> rows.</summary>
        public async Task<BenchWard> CreateWardAsync(string prefix, string name, int groups, int chunkRows, List<double>? importRates)
        {
            var admin = As("demo-admin");
            var id = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
            await Ok(await admin.PostAsJsonAsync("wards", new { id, name, approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" }));
            await Ok(await admin.PutAsJsonAsync($"staff/officer-{id}", new { displayName = "Cán bộ " + name, roles = new[] { "ward-officer" }, wardId = id }));
            var officer = As($"officer-{id}");
            var header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";
            var rows = new List<string>();
            for (var g = 1; g <= groups; g++)
                for (var m = 0; m < o.MembersPerGroup; m++)
                {
                    var n = g * 31 + m;
                    var role = m == 0 ? "Tổ trưởng" : m == 1 ? "Tổ phó" : "Thành viên";
                    rows.Add($"\"Tổ {g}, khu vực {g % 9 + 1}\",Hẻm {g},{20 + g % 40},15/03/2018,{g}/QĐ-UBND,{Name(n)},{(n % 2 == 0 ? "Nam" : "Nữ")},{1950 + n % 50},\"Số {m + 1}, hẻm {g}\",,,{role},01/06/2020");
                }
            Console.Error.WriteLine($"Importing {rows.Count} rows into {id}…");
            // Whole groups per file: a group's rows stay together.
            var perFile = Math.Max(o.MembersPerGroup, chunkRows / o.MembersPerGroup * o.MembersPerGroup);
            foreach (var chunk in rows.Chunk(perFile))
            {
                var csv = Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", chunk) + "\n");
                var watch = Stopwatch.StartNew();
                await Ok(await officer.PostAsync($"wards/{id}/imports?mode=commit&fileName=so.csv", new ByteArrayContent(csv)));
                importRates?.Add(chunk.Length / watch.Elapsed.TotalSeconds);
                Console.Error.WriteLine($"  {chunk.Length} rows in {watch.Elapsed.TotalSeconds:0.0} s");
            }
            var groupIds = new List<string>();
            string? token = null;
            do
            {
                var page = await officer.GetFromJsonAsync<JsonElement>($"wards/{id}/groups?pageSize=200" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}"));
                groupIds.AddRange(page.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()!));
                token = page.TryGetProperty("continuationToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            } while (token is not null);
            return new BenchWard(id, prefix.EndsWith("small") ? "small" : "big", groups, rows.Count, officer, groupIds);
        }

        /// <summary>The endpoints timed in each ward. Client <c>c</c> works on its own groups, so clients never edit the same group.</summary>
        public IEnumerable<Operation> Operations(BenchWard w)
        {
            string GroupOf(int client, int i) => w.GroupIds[(client + i * o.Clients) % w.GroupIds.Count];
            yield return new("PATCH a group", async (client, i) =>
            {
                var group = GroupOf(client, i);
                using var get = await w.Officer.GetAsync($"wards/{w.Id}/groups/{group}");
                var etag = get.Headers.ETag?.ToString();
                var households = 10 + Interlocked.Increment(ref unique) % 90;
                return () =>
                {
                    var patch = new HttpRequestMessage(HttpMethod.Patch, $"wards/{w.Id}/groups/{group}") { Content = JsonContent.Create(new { households }) };
                    if (etag is not null) patch.Headers.TryAddWithoutValidation("If-Match", etag);
                    return w.Officer.SendAsync(patch);
                };
            });
            yield return new("Add a member", (client, i) =>
            {
                var n = Interlocked.Increment(ref unique);
                var group = GroupOf(client, i);
                return Task.FromResult<Func<Task<HttpResponseMessage>>>(() => w.Officer.PostAsJsonAsync($"wards/{w.Id}/groups/{group}/members",
                    new { fullName = Name(n) + " " + Givens[n % Givens.Length], birthYear = 1960 + n % 40, address = $"Số {n}, đường Mới" }));
            });
            yield return new("Page of groups (50)", (_, _) => Timed(() => w.Officer.GetAsync($"wards/{w.Id}/groups?pageSize=50")));
            yield return new("Member search 'nguyen van'", (_, _) => Timed(() => w.Officer.GetAsync($"members/search?q=nguyen%20van&wardId={w.Id}&pageSize=20")));
            yield return new("Ward export (.xlsx)", (_, _) => Timed(() => w.Officer.GetAsync($"wards/{w.Id}/export")), Heavy: true);
            var pk = Tndtq.Register.RegisterTable.Partition(w.Id);
            yield return new($"One {storageName} point read of a group (no app)", (client, i) => Timed(async () =>
            {
                await register.GetEntityAsync<Azure.Data.Tables.TableEntity>(pk, Tndtq.Register.RegisterTable.GroupKey(GroupOf(client, i)));
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
            }), Bare: true);
            yield return new($"One {storageName} query of a group's members (no app)", (client, i) => Timed(async () =>
            {
                var filter = Tndtq.Shared.TableRows.PrefixFilter(pk, Tndtq.Register.RegisterTable.MemberKey(GroupOf(client, i), ""));
                await foreach (var _ in register.QueryAsync<Azure.Data.Tables.TableEntity>(filter)) { }
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
            }), Bare: true);
        }

        static Task<Func<Task<HttpResponseMessage>>> Timed(Func<Task<HttpResponseMessage>> send) => Task.FromResult(send);

        public async Task<Sample> MeasureAsync(Operation op, int requests, int clients)
        {
            var times = new List<double>();
            var failures = new Dictionary<int, int>();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
            {
                for (var i = 0; Interlocked.Increment(ref next) < requests; i++)
                {
                    var send = await op.Prepare(client, i);
                    var watch = Stopwatch.StartNew();
                    using var response = await send();
                    await response.Content.LoadIntoBufferAsync();
                    var ms = watch.Elapsed.TotalMilliseconds;
                    lock (times)
                    {
                        times.Add(ms);
                        if (!response.IsSuccessStatusCode) failures[(int)response.StatusCode] = failures.GetValueOrDefault((int)response.StatusCode) + 1;
                    }
                }
            }));
            times.Sort();
            return new Sample(Percentile(times, 0.50), Percentile(times, 0.99), times.Count, failures);
        }

        /// <summary>Storage requests the app sends for one request of the operation, one at a time (the ETag read before a PATCH not counted).</summary>
        public async Task<double> StorageRequestsPerOperationAsync(Operation op, int n)
        {
            if (op.Bare) return 1;
            long total = 0;
            for (var i = 0; i < n; i++)
            {
                var send = await op.Prepare(0, 1000 + i);
                var before = StorageRequestCounter.Count;
                using var response = await send();
                await response.Content.LoadIntoBufferAsync();
                total += StorageRequestCounter.Count - before;
            }
            return (double)total / n;
        }

        static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

        static async Task Ok(HttpResponseMessage response)
        {
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static class Report
    {
        public static string Table(BenchOptions o, BenchWard small, BenchWard big, Dictionary<(string Op, string Ward), List<Sample>> results,
            Dictionary<(string Op, string Ward), double> counts, List<double> importRates, string storage)
        {
            var s = new StringBuilder();
            s.AppendLine($"Run {DateTime.UtcNow:dd/MM/yyyy HH:mm} UTC on {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                $".NET {Environment.Version}, {storage}, load average {WorkflowsBench.LoadAverage()}; {o.Rounds} rounds, {o.Clients} clients, {o.Requests} requests an endpoint, ward and round.");
            s.AppendLine($"Small ward: {small.Groups} groups, {small.Members} members. Big ward: {big.Groups} groups, {big.Members} members (before the benchmark's additions).");
            s.AppendLine("Times in ms, min / median / max over rounds; ratio = big ÷ small p50, median over rounds; storage = requests to Table/Blob for one request.");
            s.AppendLine();
            s.AppendLine("| Operation | small p50 | small p99 | big p50 | big p99 | big ÷ small | storage small | storage big | failures |");
            s.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var op in results.Keys.Select(k => k.Op).Distinct())
            {
                var (a, b) = (results[(op, "small")], results[(op, "big")]);
                var ratio = Median(a.Zip(b, (x, y) => y.P50 / x.P50));
                var failures = a.Concat(b).SelectMany(x => x.Failures).GroupBy(f => f.Key).Select(g => $"{g.Key}×{g.Sum(f => f.Value)}").ToList();
                s.AppendLine($"| {op} | {Mmm(a.Select(x => x.P50))} | {Mmm(a.Select(x => x.P99))} | {Mmm(b.Select(x => x.P50))} | {Mmm(b.Select(x => x.P99))} " +
                    $"| {ratio:0.00} | {counts[(op, "small")]:0.#} | {counts[(op, "big")]:0.#} | {(failures.Count == 0 ? "0" : string.Join(", ", failures))} |");
            }
            s.AppendLine();
            s.AppendLine($"Import (big ward, files of {o.ImportChunk} rows): {Mmm(importRates, "0")} rows/s (min / median / max over {importRates.Count} files).");
            return s.ToString();
        }

        static string Mmm(IEnumerable<double> values, string format = "0")
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
}
