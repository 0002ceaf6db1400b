using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Tndtq.ApiReference;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The API reference is made from the code: every HTTP function is in it with its method and route, it names
/// nothing that does not exist, it is a valid OpenAPI 3.1 document, and the app serves it and the page that shows it.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class OpenApiTests(HostFixture fx)
{
    static readonly Assembly App = typeof(Api).Assembly;
    static readonly byte[] Document = OpenApiReference.Serialize(OpenApiReference.Build(App));

    HttpClient Site() => new() { BaseAddress = fx.Host.BaseAddress };

    /// <summary>Every method with [Function] and [HttpTrigger], read here on its own (not through the generator): "GET /api/wards/{wardId}" → the function's name.</summary>
    static Dictionary<string, string> HttpFunctions() => App.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
        .Where(f => f.Function is not null && f.Trigger is not null)
        .SelectMany(f => f.Trigger!.Methods!.Select(method => (Key: $"{method.ToUpperInvariant()} /{System.Text.RegularExpressions.Regex.Replace(f.Trigger.Route!, @"\{\**([A-Za-z0-9_]+)[^}]*\}", "{$1}")}", f.Function!.Name)))
        .ToDictionary(f => f.Key, f => f.Name);

    /// <summary>The document's operations: "GET /api/wards/{wardId}" → its operationId.</summary>
    static Dictionary<string, string> Operations()
    {
        using var json = JsonDocument.Parse(Document);
        return json.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Key: $"{op.Name.ToUpperInvariant()} {path.Name}", Id: op.Value.GetProperty("operationId").GetString()!)))
            .ToDictionary(o => o.Key, o => o.Id);
    }

    [Fact]
    public void Every_http_function_is_an_operation_with_its_method_and_route_and_the_document_names_no_other()
    {
        var functions = HttpFunctions();
        var operations = Operations();
        Assert.True(functions.Count > 100, $"only {functions.Count} HTTP functions found");
        var missing = functions.Where(f => !operations.ContainsKey(f.Key)).Select(f => $"{f.Value} ({f.Key}): no [ApiOperation] above its [Function]?").ToList();
        Assert.True(missing.Count == 0, "Not in the API reference:\n" + string.Join("\n", missing));
        var unknown = operations.Keys.Except(functions.Keys).ToList();
        Assert.True(unknown.Count == 0, "The API reference names routes that do not exist:\n" + string.Join("\n", unknown));
        foreach (var (key, name) in functions) Assert.StartsWith(name, operations[key]);
    }

    [Fact]
    public void The_body_each_function_reads_is_the_body_its_attribute_names()
    {
        // Read from the source: the T of each function's Api.ReadBodyAsync<T> against Body = typeof(T) on its attribute.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TNDTQ.Functions.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var declared = HttpFunctionsWithAttribute().ToDictionary(f => f.Name, f => f.Operation.Body?.Name);
        var checkedCount = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "functions", "TNDTQ.Functions"), "*Functions.cs", SearchOption.AllDirectories))
            foreach (var part in Regex.Split(File.ReadAllText(file), @"(?=\[Function\(\x22)").Skip(1))
            {
                var name = Regex.Match(part, @"^\[Function\(\x22(\w+)\x22").Groups[1].Value;
                if (!declared.TryGetValue(name, out var body)) continue;
                var read = Regex.Match(part.Split("\n\n")[0], @"ReadBodyAsync<(\w+)>");
                Assert.True((read.Success ? read.Groups[1].Value : null) == body, $"{name} reads {(read.Success ? read.Groups[1].Value : "no body")}, its [ApiOperation] says {body ?? "none"}");
                checkedCount++;
            }
        Assert.True(checkedCount > 100);
    }

    static IEnumerable<(string Name, ApiOperationAttribute Operation)> HttpFunctionsWithAttribute() =>
        OpenApiReference.HttpFunctions(App).Where(f => f.Operation is not null).Select(f => (f.Name, f.Operation!));

    [Fact]
    public void The_document_is_valid_openapi_3_1()
    {
        var settings = new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetDefaultRuleSet() };
        var (document, diagnostic) = OpenApiDocument.Load(new MemoryStream(Document), "json", settings);
        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.True(diagnostic.Errors.Count == 0, string.Join("\n", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(diagnostic.Warnings.Count == 0, string.Join("\n", diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public void Schemas_are_the_records_as_the_app_writes_them_and_errors_are_problem_details()
    {
        using var json = JsonDocument.Parse(Document);
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        // camelCase names, enums in their kebab-case spelling.
        var me = schemas.GetProperty("MeResponse").GetProperty("properties");
        Assert.True(me.TryGetProperty("objectId", out _));
        Assert.True(me.TryGetProperty("roleNames", out _));
        var roles = schemas.GetProperty("Role").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ward-officer", roles);

        var update = json.RootElement.GetProperty("paths").GetProperty("/api/wards/{wardId}/groups/{groupId}").GetProperty("patch");
        var parameters = update.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())).ToList();
        Assert.Contains(("wardId", "path"), parameters);
        Assert.Contains(("If-Match", "header"), parameters);
        Assert.Contains(("x-requestid", "header"), parameters);
        var responses = update.GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
        foreach (var status in new[] { "400", "401", "403", "404", "412", "428", "503" })
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        Assert.True(responses.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(json.RootElement.GetProperty("paths").GetProperty("/api/restructure/cycles/{cycleId}/wards/{wardId}/proposal/submit")
            .GetProperty("post").GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _));
    }

    [Fact]
    public async Task The_app_serves_the_document_anonymously_at_api_openapi_json()
    {
        var response = await Site().GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("3.1.", json.RootElement.GetProperty("openapi").GetString());
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/openapi.json", out _));

        var again = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Site().SendAsync(again)).StatusCode);

        var gzip = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        gzip.Headers.AcceptEncoding.ParseAdd("gzip");
        var compressed = await Site().SendAsync(gzip);
        Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < Document.Length / 4);
    }

    [Fact]
    public async Task The_reference_page_and_its_library_are_served_from_this_origin()
    {
        var page = await Site().GetAsync("api-reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Tài liệu API", html);
        Assert.Contains("src=\"/lib/scalar/standalone.js\"", html);
        Assert.DoesNotContain("https://", html);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("connect-src 'self';", csp);

        foreach (var file in new[] { "lib/scalar/standalone.js", "api-reference/api-reference.js" })
        {
            var script = await Site().GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        }
        // The rest of the app keeps its strict policy.
        Assert.DoesNotContain("unsafe", (await Site().GetAsync("")).Headers.GetValues("Content-Security-Policy").Single());
    }
}
