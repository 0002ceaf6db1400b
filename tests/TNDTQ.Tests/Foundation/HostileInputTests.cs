using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// A careless or hostile caller over every HTTP endpoint the app has (found from its
/// <c>[Function]</c> attributes, so a new endpoint is covered without a line here): hostile route
/// values, bodies made of every field name the API knows with hostile values (long, control
/// characters, direction overrides, nulls, wrong kinds, deep nesting), broken JSON and multipart,
/// hostile query values, headers and principals, as different people. Not one answer may be ≥ 500,
/// and afterwards the ward and its workflows still work.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Fixture fx, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<HostileInputTests.Fixture>
{
    public sealed class Fixture : HostFixture;

    sealed record Endpoint(string Name, string Method, string Route);

    static IReadOnlyList<Endpoint> Endpoints() =>
        typeof(Api).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .SelectMany(x => (x.Trigger!.Methods ?? ["get"]).Select(method => new Endpoint(x.Function!.Name, method.ToUpperInvariant(), x.Trigger.Route ?? x.Function.Name)))
            .ToList();

    static readonly string[] HostileTexts =
    [
        new string('x', 70_000), "a\u0000b", "\u001b[2J\u001b[31mđỏ", "Nguyễn\u202EnăV", "dòng 1\r\ndòng 2", "\uFEFF", "../../x", "a/b", "a\\b", "a#b?c", "%00",
        "'; DROP TABLE Staff; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "  ", "", "null", "-1", "99999999999999999999", "2026-13-45",
        "9999-12-31T23:59:59+14:00", "0001-01-01", "NaN", "true", "😀", new string('ễ', 5000),
    ];

    static readonly string[] HostileRouteValues = ["a%5Cb", "..%2F..%2Fx", "a%23b", "a%3Fb", "%E2%80%AEx", "%00", new string('a', 2000), "a%0Ab", "x.y", "-"];

    [Fact]
    public async Task No_input_over_any_endpoint_gets_a_server_error_and_the_ward_still_works()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 50, $"only {endpoints.Count} endpoints found");
        var ids = await RealIdsAsync();
        var fieldNames = InputLimitsTests.RequestTypes().SelectMany(t => t.GetProperties()).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Distinct().ToList();
        var random = new Random(20261126);

        var requests = new List<(string Who, Func<HttpRequestMessage> Make)>();
        var principals = new[] { ClientPrincipal.Encode("a/b"), ClientPrincipal.Encode("../demo-admin"), ClientPrincipal.Encode("a\\b"), ClientPrincipal.Encode(new string('x', 5000)),
            "%%%", Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"claims\":[{\"typ\":\"oid\",\"val\":null}]}")), Convert.ToBase64String(Encoding.UTF8.GetBytes("[]")) };
        var texts = HostileTexts.Where(t => t.Length < 3000).ToArray();
        var turn = 0;
        foreach (var e in endpoints)
        {
            turn++;
            string Url(Func<string, string> value, string? query = null) =>
                System.Text.RegularExpressions.Regex.Replace(e.Route, @"\{(\w+)(:[^}]*)?\}", m => value(m.Groups[1].Value)) + (query is null ? "" : "?" + query);
            var valid = Url(n => ids.GetValueOrDefault(n, "khong-co"));
            // Every body as an administrator and as a ward officer; the generated ones also as police and leader.
            var bodies = Bodies(fieldNames, random).ToList();
            foreach (var who in new[] { As.Admin, As.OfficerAnCu })
                foreach (var body in bodies)
                    requests.Add((who, () => new HttpRequestMessage(new HttpMethod(e.Method), valid) { Content = body() }));
            foreach (var who in new[] { As.Police, As.Leader })
                foreach (var body in bodies.TakeLast(RandomBodies))
                    requests.Add((who, () => new HttpRequestMessage(new HttpMethod(e.Method), valid) { Content = body() }));
            foreach (var route in HostileRouteValues)
                requests.Add((As.Admin, () => new HttpRequestMessage(new HttpMethod(e.Method), Url(_ => route)) { Content = Json("{}") }));
            // Every query parameter the API reads, with hostile values (a different handful for each endpoint).
            for (var k = 0; k < 8; k++)
            {
                var text = texts[(turn * 8 + k) % texts.Length];
                var query = string.Join("&", new[] { "comment", "fileName", "blob", "q", "wardId", "status", "step", "campaign", "continuationToken", "pageSize", "at", "mode", "format", "workflow", "entityId", "role", "state", "year", "groupId", "scope" }
                    .Select(q => $"{q}={Uri.EscapeDataString(text)}"));
                requests.Add((k % 2 == 0 ? As.Admin : As.OfficerAnCu, () => new HttpRequestMessage(new HttpMethod(e.Method), Url(n => ids.GetValueOrDefault(n, "x"), query)) { Content = Json("{}") }));
            }
            requests.Add((As.OfficerAnCu, () => WithHeaders(new HttpRequestMessage(new HttpMethod(e.Method), valid) { Content = Json("{}") }, ("x-requestid", new string('z', 65)), ("If-Match", "W/\"garbage\""))));
            requests.Add((As.OfficerAnCu, () => WithHeaders(new HttpRequestMessage(new HttpMethod(e.Method), valid) { Content = Json("{}") }, ("If-Match", "*"), ("x-requestid", "a-b-c"))));
            // Forged principals: each endpoint gets two of them, in turn.
            foreach (var principal in new[] { principals[turn % principals.Length], principals[(turn + 3) % principals.Length] })
                requests.Add(("", () => WithHeaders(new HttpRequestMessage(new HttpMethod(e.Method), valid) { Content = Json("{}") }, (ClientPrincipal.HeaderName, principal))));
        }

        var failures = new ConcurrentBag<string>();
        var slow = new ConcurrentBag<string>();
        var clients = new[] { As.Admin, As.OfficerAnCu, As.Police, As.Leader, "" }.ToDictionary(w => w, w => fx.Client(w.Length == 0 ? null : w));
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, ct) =>
        {
            using var request = r.Make();
            var description = $"{request.Method} {Shorten(request.RequestUri!.ToString())} as {(r.Who.Length == 0 ? "forged principal" : r.Who)}";
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                using var response = await clients[r.Who].SendAsync(request, ct);
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{(int)response.StatusCode} {description}: {Shorten(await response.Content.ReadAsStringAsync(ct))}");
            }
            catch (HttpRequestException ex) { failures.Add($"no answer {description}: {ex.Message}"); }
            catch (TaskCanceledException) { failures.Add($"no answer within {clients[r.Who].Timeout.TotalSeconds:0} s: {description}"); }
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) slow.Add($"{watch.Elapsed.TotalSeconds:0.0} s {description}");
        });
        foreach (var s in slow.OrderDescending().Take(20)) output.WriteLine("slow: " + s);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} requests got a server error:\n" + string.Join("\n", failures.Take(40)));

        // The ward and its workflows still work after all that.
        var officer = fx.Client(As.OfficerAnCu);
        var group = await (await officer.GetAsync($"wards/an-cu/groups/{ids["groupId"]}")).ReadAsync<GroupView>();
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"wards/an-cu/groups/{group.Id}") { Content = JsonContent.Create(new { households = group.Households + 1 }) };
        patch.Headers.TryAddWithoutValidation("If-Match", group.ETag);
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(patch)).StatusCode);
        var added = await officer.PostAsJsonAsync($"wards/an-cu/groups/{group.Id}/members", new { fullName = "Lê Thị Sau Kiểm Thử", birthYear = 1980, address = "Số 9" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var check = await (await officer.GetAsync("wards/an-cu/counters/check")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
        var signOff = await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình sau kiểm thử", dueInMinutes = 60 });
        Assert.Equal(HttpStatusCode.Accepted, signOff.StatusCode);
    }

    /// <summary>Ids that exist, so that requests reach past the lookups into the code that handles them.</summary>
    async Task<Dictionary<string, string>> RealIdsAsync()
    {
        var officer = fx.Client(As.OfficerAnCu);
        var group = (await (await officer.GetAsync("wards/an-cu/groups")).ReadAsync<PageResult<GroupView>>()).Items[0];
        var member = (await (await officer.GetAsync($"wards/an-cu/groups/{group.Id}/members")).ReadAsync<PageResult<MemberView>>()).Items[0];
        var police = fx.Client(As.Police);
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = "ra-soat-thu-thach", name = "Rà soát thử thách", wardIds = new[] { "an-cu" },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(20), proposalDue = DateTimeOffset.UtcNow.AddDays(40) },
        })).EnsureSuccessStatusCode();
        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = "an-cu", groupId = group.Id, memberId = member.Id, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Thử thách",
        })).ReadAsync<NominationView>();
        var signOff = await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình thử thách", dueInMinutes = 600 });
        var signOffId = (await signOff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return new()
        {
            ["wardId"] = "an-cu", ["groupId"] = group.Id, ["memberId"] = member.Id, ["nomineeId"] = member.Id, ["cycleId"] = "ra-soat-thu-thach",
            ["id"] = nomination.Id, ["step"] = "chairman-endorsement", ["kind"] = "decision", ["format"] = "pdf", ["campaign"] = "dot-thu-thach",
            ["formId"] = "giay-khen-thu-thach", ["objectId"] = "nguoi-thu-thach", ["signOffId"] = signOffId,
        };
    }

    static IEnumerable<Func<HttpContent>> Bodies(List<string> fieldNames, Random random)
    {
        yield return () => Json("{}");
        yield return () => Json("[]");
        yield return () => Json("null");
        yield return () => Json("\"x\"");
        yield return () => Json("{\"ids\":[null],\"changes\":[null],\"nominations\":[null],\"roles\":[null],\"wardIds\":[null]}");
        yield return () => Json("{\"title\":");
        yield return () => Json("{" + string.Concat(Enumerable.Repeat("\"a\":{", 200)) + "}");
        yield return () => new ByteArrayContent(new byte[3 * 1024 * 1024]) { Headers = { { "Content-Type", "application/json" } } };
        yield return () => new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n%PDF-", Encoding.UTF8, "multipart/form-data");
        yield return () => { var c = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nbroken")); c.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b"); return c; };
        yield return () => new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-")) { Headers = { { "Content-Type", "application/pdf" } } };
        yield return () => new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]) { Headers = { { "Content-Type", "application/octet-stream" } } };
        for (var n = 0; n < RandomBodies; n++)
        {
            var seed = random.Next();
            yield return () => Json(RandomObject(fieldNames, new Random(seed), 0).ToJsonString());
        }
    }

    /// <summary>An object of known field names with hostile values, nested a little.</summary>
    static JsonObject RandomObject(List<string> names, Random random, int depth)
    {
        var obj = new JsonObject();
        foreach (var name in names.OrderBy(_ => random.Next()).Take(random.Next(3, 25)))
            obj[name] = RandomValue(names, random, depth);
        if (random.Next(3) == 0) obj["type"] = new[] { "establish", "consolidate", "merge", "split", "dissolve", "teleport" }[random.Next(6)];
        return obj;
    }

    static JsonNode? RandomValue(List<string> names, Random random, int depth) => random.Next(depth < 2 ? 9 : 6) switch
    {
        0 => JsonValue.Create(HostileTexts[random.Next(HostileTexts.Length)]),
        1 => JsonValue.Create(new[] { -1, 0, int.MaxValue, int.MinValue, 1900, 99999 }[random.Next(6)]),
        2 => null,
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => JsonValue.Create(new[] { 1e308, -0.5, 3.14 }[random.Next(3)]),
        5 => JsonValue.Create(new[] { "approve", "return", "forward", "reject", "override", "recommend", "good", "keep", "ward-officer", "administrator", "male" }[random.Next(11)]),
        6 => new JsonArray(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(names, random, depth + 1)).ToArray()),
        7 => RandomObject(names, random, depth + 1),
        _ => new JsonArray(Enumerable.Range(0, random.Next(1, 3)).Select(_ => (JsonNode?)RandomObject(names, random, depth + 1)).ToArray()),
    };

    const int RandomBodies = 6;

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static HttpRequestMessage WithHeaders(HttpRequestMessage request, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
