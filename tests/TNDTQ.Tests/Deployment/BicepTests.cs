using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tndtq.LocalHost;
using Tndtq.Operations;

namespace Tndtq.Tests.Deployment;

/// <summary>
/// The Bicep CLI (from NuGet, pinned in the test project) compiles and lints <c>infra/</c> offline on
/// every <c>dotnet test</c>. The CLI exits 0 on warnings, so any warning or error it prints fails the
/// test: an unknown resource type or API version (BCP081), an unknown or misspelt property (BCP037,
/// BCP089), a linter rule. Then the compiled template is held against the app.
/// </summary>
public sealed class BicepTests(BicepTests.Compiled bicep) : IClassFixture<BicepTests.Compiled>
{
    public sealed class Compiled
    {
        public string LintOutput { get; }
        public string BuildOutput { get; }
        public JsonObject? Template { get; }

        public Compiled()
        {
            var main = Path.Combine(RepositoryRoot.Find(), "infra", "main.bicep");
            var (lintOut, lintErr) = Bicep.Run("lint", main);
            LintOutput = lintErr + lintOut;
            // --stdout: the template on standard output, diagnostics on standard error.
            var (template, diagnostics) = Bicep.Run("build", main, "--stdout");
            BuildOutput = diagnostics;
            Template = JsonNode.Parse(template)!.AsObject();
        }
    }

    [Fact]
    public void Lint_is_clean() => Assert.True(Bicep.Clean(bicep.LintOutput), "bicep lint:\n" + bicep.LintOutput);

    [Fact]
    public void Build_is_clean()
    {
        Assert.True(Bicep.Clean(bicep.BuildOutput), "bicep build:\n" + bicep.BuildOutput);
        Assert.NotNull(bicep.Template);
    }

    /// <summary>
    /// Like the functions.metadata parity test: the app's own composition is run on a configuration
    /// that records every key read, fed the Bicep's production values; each key read must be set in
    /// the Bicep or be one of the few deliberately left to their default (named here, with why).
    /// </summary>
    [Fact]
    public void Every_setting_the_app_reads_is_set_in_the_bicep()
    {
        var settings = AppSettings();
        var read = SettingsReadByTheApp(settings);
        var missing = read.Where(k => !settings.ContainsKey(k) && !LeftToDefault.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Read by the app but not set in infra/modules/functionapp.bicep: " + string.Join(", ", missing));

        // And the other way: every setting in the Bicep is read by someone (no misspelt names).
        var unknown = settings.Keys.Where(k => !read.Contains(k) && !ReadByThePlatform.Contains(k)).Order().ToList();
        Assert.True(unknown.Count == 0, "Set in the Bicep but read by nobody: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Settings_fit_the_flex_consumption_plan_and_production()
    {
        var settings = AppSettings();
        string[] notOnFlex = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_TIME_ZONE", "TZ",
            "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_NODE_DEFAULT_VERSION", "SCM_DO_BUILD_DURING_DEPLOYMENT"];
        Assert.Empty(settings.Keys.Intersect(notOnFlex, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain("Tndtq__DevelopmentSignIn", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys); // identity-based only, never a key
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("Production", settings["AZURE_FUNCTIONS_ENVIRONMENT"]);

        var site = Resources("Microsoft.Web/sites").Single();
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("FC1", Resources("Microsoft.Web/serverfarms").Single()["sku"]!["name"]!.GetValue<string>());

        var storage = Resources("Microsoft.Storage/storageAccounts").Single()["properties"]!;
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(Resources("Microsoft.Insights/components").Single()["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
    }

    /// <summary>
    /// Every request goes through App Service Authentication: no path is excluded (the platform sets the principal of every
    /// signed-in request and no client can), an unsigned request is let through to the app (which answers 401 for the API and
    /// sends a page visitor to /.auth/login/aad). An excluded path, or any of the settings that would let one in, fails here.
    /// </summary>
    [Fact]
    public void Sign_in_sees_every_request_and_excludes_no_path()
    {
        var configs = Resources("Microsoft.Web/sites/config").Where(r => Name(r).Contains("authsettings", StringComparison.OrdinalIgnoreCase)).ToList();
        var auth = Assert.Single(configs)["properties"]!;
        Assert.Contains("authsettingsV2", Name(configs[0]));
        Assert.True(auth["platform"]!["enabled"]!.GetValue<bool>());
        var global = auth["globalValidation"]!.AsObject();
        Assert.Equal("AllowAnonymous", global["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.False(global["requireAuthentication"]!.GetValue<bool>());
        Assert.False(global.ContainsKey("excludedPaths"), "excludedPaths: " + global["excludedPaths"]?.ToJsonString());
        // Nowhere else in the template either (e.g. a second authsettingsV2 or a path moved into another object).
        Assert.DoesNotContain(Walk(bicep.Template!), o => o.ContainsKey("excludedPaths"));
        Assert.True(auth["identityProviders"]!["azureActiveDirectory"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void The_bicep_creates_the_tables_and_containers_of_the_app()
    {
        var tables = Resources("Microsoft.Storage/storageAccounts/tableServices/tables").ToList();
        var containers = Resources("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.NotEmpty(tables);
        Assert.Equal(AppStorage.Tables.Order(), ((JsonArray)bicep.Template!["variables"]!["appTables"]!).Select(t => t!.GetValue<string>()).Order());
        Assert.Equal(AppStorage.Containers.Order(), ((JsonArray)bicep.Template!["variables"]!["appContainers"]!).Select(t => t!.GetValue<string>()).Order());
        Assert.NotEmpty(containers);

        // No table or container the code names is missing from AppStorage (and so from the Bicep and the backup).
        var named = typeof(AppStorage).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.DeclaringType != typeof(AppStorage))
            .Where(f => f.Name.EndsWith("TableName", StringComparison.Ordinal) || f.Name.EndsWith("Container", StringComparison.Ordinal)
                || (f.DeclaringType == typeof(Tndtq.Register.RegisterTable) && f.Name == "Name"))
            .Select(f => (string)f.GetRawConstantValue()!).Distinct().ToList();
        Assert.Empty(named.Except(AppStorage.Tables).Except(AppStorage.Containers));
    }

    [Fact]
    public void Azd_deploys_the_functions_project()
    {
        var root = RepositoryRoot.Find();
        var yaml = File.ReadAllText(Path.Combine(root, "azure.yaml"));
        Assert.Matches(@"(?m)^\s+project:\s*\./functions/TNDTQ\.Functions\s*$", yaml);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", yaml);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", yaml);
        Assert.True(File.Exists(Path.Combine(root, "functions", "TNDTQ.Functions", "TNDTQ.Functions.csproj")));
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = ((JsonObject)bicep.Template!["parameters"]!).Select(p => p.Key).ToHashSet();
        Assert.Empty(parameters.Select(p => p.Key).Except(declared));
        Assert.Contains("entraClientId", parameters.Select(p => p.Key));
    }

    /// <summary>Settings the app reads and Azure does not set, on purpose.</summary>
    static readonly Dictionary<string, string> LeftToDefault = new()
    {
        ["AzureWebJobsStorage"] = "a connection string holds a key; in Azure the identity-based AzureWebJobsStorage__… settings are used",
        ["AzureWebJobsStorage__accountName"] = "the service URIs (__blobServiceUri, __tableServiceUri, __queueServiceUri) are set instead",
        ["WEBSITE_AUTH_ENABLED"] = "set by App Service itself when App Service Authentication is on",
        ["Tndtq__DevelopmentSignIn"] = "the development sign-in: never in Azure (refused in Production)",
        ["Workflows__Retry"] = "the activities' retry policy: its defaults (5 attempts, 10 s doubling to 5 min) are the production values",
        ["Reports__SignerName"] = "optional: the chairman's name under the review report's signature; without it the line is left for the signer to write",
        ["Reports__District"] = "optional: the district's name in the review report; without it, taken from the wards' approving unit",
        ["Tndtq__TelemetryConsole"] = "local runs only: telemetry written to the console as well (docs/local-host.md)",
        ["Benchmark__CountStorageRequests"] = "counts storage requests for the benchmark program only (tests/TNDTQ.Benchmarks); off in Azure",
    };

    /// <summary>Settings in the Bicep that the Functions host or App Service reads, not the app's composition.</summary>
    static readonly HashSet<string> ReadByThePlatform =
    [
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__queueServiceUri", // the host and the Durable extension
        "AZURE_FUNCTIONS_ENVIRONMENT", // the host's environment (Production)
        "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", // App Service Authentication
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", // the Functions host; the app reads it too (Shared/Telemetry.cs: the exporter's managed identity)
    ];

    /// <summary>The keys the app reads: its composition (recorded), its timer schedules and host.json's %Setting% names.</summary>
    static HashSet<string> SettingsReadByTheApp(IReadOnlyDictionary<string, string> bicepSettings)
    {
        // Literal production values as they are; expressions (resolved only in Azure) left out, except
        // the storage URIs and client id, which the composition needs to build its clients.
        var values = bicepSettings.Where(s => !s.Value.StartsWith('[')).ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value);
        values["AzureWebJobsStorage:blobServiceUri"] = "https://example.blob.core.windows.net/";
        values["AzureWebJobsStorage:tableServiceUri"] = "https://example.table.core.windows.net/";
        values["AzureWebJobsStorage:clientId"] = Guid.Empty.ToString();
        var recorder = new RecordingSource(values);
        var configuration = new ConfigurationBuilder().Add(recorder).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        AppServices.AddTndtq(services, configuration, new Production());
        // Settings are read there and only there: no class of the app takes the configuration later.
        var late = typeof(AppStorage).Assembly.GetTypes().SelectMany(t => t.GetConstructors())
            .Where(c => c.GetParameters().Any(p => typeof(IConfiguration).IsAssignableFrom(p.ParameterType)
                || p.ParameterType.Name.StartsWith("IOptions", StringComparison.Ordinal)))
            .Select(c => c.DeclaringType!.FullName).ToList();
        Assert.True(late.Count == 0, "Read settings in the composition (AddTndtq), not in: " + string.Join(", ", late));

        var read = recorder.Read.Select(k => k.Replace(":", "__")).ToHashSet(StringComparer.Ordinal);
        foreach (var timer in FunctionCatalog.FromAssembly(typeof(AppStorage).Assembly).Timers)
            foreach (Match m in Regex.Matches(timer.Schedule, "%([^%]+)%")) read.Add(m.Groups[1].Value);
        foreach (Match m in Regex.Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")), "%([^%]+)%")) read.Add(m.Groups[1].Value);
        return read;
    }

    Dictionary<string, string> AppSettings()
    {
        var resource = Resources("Microsoft.Web/sites/config").Single(r => Name(r).Contains("'appsettings'") || Name(r).EndsWith("/appsettings", StringComparison.Ordinal));
        Assert.True(resource["properties"] is JsonObject, "the appsettings must be an object literal, so its names can be checked");
        return resource["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.ToString());
    }

    IEnumerable<JsonObject> Resources(string type) => Walk(bicep.Template!).Where(o => o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && o["type"]!.GetValue<string>() == type && o["apiVersion"] is not null && o["existing"] is null);

    static string Name(JsonObject resource) => resource["name"]!.GetValue<string>();

    static IEnumerable<JsonObject> Walk(JsonNode node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, child) in o) if (child is not null) foreach (var x in Walk(child)) yield return x;
        }
        else if (node is JsonArray a)
            foreach (var child in a) if (child is not null) foreach (var x in Walk(child)) yield return x;
    }

    sealed class Production : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "TNDTQ.Functions";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>A configuration source that remembers every key asked for.</summary>
    sealed class RecordingSource(IDictionary<string, string?> values) : IConfigurationSource
    {
        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this, values);

        sealed class Provider(RecordingSource source, IDictionary<string, string?> values) : ConfigurationProvider
        {
            public override void Load() { foreach (var (k, v) in values) Data[k] = v; }
            public override bool TryGet(string key, out string? value)
            {
                lock (source.Read) source.Read.Add(key);
                return base.TryGet(key, out value);
            }
        }
    }
}

/// <summary>The Bicep CLI from the NuGet package the test project downloads.</summary>
static class Bicep
{
    static string Path => typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;

    /// <summary>Runs the CLI; returns its standard output and standard error.</summary>
    public static (string Out, string Err) Run(params string[] args)
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            throw new PlatformNotSupportedException("The Bicep CLI package the tests use is the linux-x64 one.");
        Assert.True(File.Exists(Path), $"Bicep CLI not found at {Path}: restore the test project (dotnet restore tests/TNDTQ.Tests).");
        File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "bicep " + string.Join(' ', args) + " did not finish");
        Assert.True(process.ExitCode == 0, $"bicep {string.Join(' ', args)} exited {process.ExitCode}:\n{stderr.Result}{stdout.Result}");
        return (stdout.Result, stderr.Result);
    }

    /// <summary>No diagnostic of level Warning or Error ("file(line,col) : Warning BCP081: …").</summary>
    public static bool Clean(string output) => !Regex.IsMatch(output, @"\)\s*:\s*(Warning|Error)\s", RegexOptions.IgnoreCase);
}
