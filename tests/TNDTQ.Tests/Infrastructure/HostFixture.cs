using System.Net.Http.Json;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.Shared;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// The app on the local host, as a user reaches it: HTTP on a free port, the real Durable engine,
/// Azurite. Each fixture has its own task hub.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public LocalFunctionsHost Host { get; private set; } = null!;
    public string HubName { get; } = "t" + Guid.NewGuid().ToString("N")[..12];
    /// <summary>Activities a test makes fail on this host (per instance, so tests sharing the host do not meet each other's faults).</summary>
    public ActivityFaults Faults { get; } = new();

    /// <summary>Extra settings for a fixture (schedules, clocks...).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The storage account the host uses (the run's shared Azurite unless a fixture has its own).</summary>
    public string ConnectionString { get; private set; } = "";

    protected virtual Task<string> StorageAsync() => TestAzurite.ConnectionStringAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await StorageAsync();
        var settings = new Dictionary<string, string?>
        {
            [Storage.SettingName] = ConnectionString,
            [TaskHubName.SettingName] = HubName,
            // Poll the task hub queues often: tests wait for workflows to move.
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.500",
            // The heartbeat timer every 2 seconds, so tests can see the scheduler work.
            ["HeartbeatSchedule"] = "*/2 * * * * *",
        };
        foreach (var (k, v) in Settings) settings[k] = v;
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0, Settings = settings, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning, BeforeActivity = Faults.BeforeActivityAsync,
        });
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>
    /// A new ward made through the API as an administrator would: the ward, its officer and
    /// chairman in the staff directory, and its register imported from <paramref name="csv"/>.
    /// </summary>
    public Task<(string Ward, HttpClient Officer, HttpClient Chairman)> NewWardAsync(string prefix, string name, string csv) =>
        TestWards.CreateAsync(id => Client(id), prefix, name, csv);

    /// <summary>An HTTP client signed in as a demo person (null: anonymous).</summary>
    public HttpClient Client(string? objectId = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Host.BaseAddress, "api/") };
        if (objectId is not null) client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<HostFixture>
{
    public const string Name = "Shared local host";
}

public static class As
{
    public const string Admin = "demo-admin";
    public const string Police = "demo-police";
    public const string Leader = "demo-leader";
    public const string OfficerAnCu = "demo-officer-an-cu";
    public const string ChairmanAnCu = "demo-chairman-an-cu";
    public const string OfficerCaiKhe = "demo-officer-cai-khe";
    public const string ChairmanCaiKhe = "demo-chairman-cai-khe";
}

public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json.Options)!;
    }

    public static async Task<ProblemBody> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemBody>(body, Json.Options)!;
    }

    /// <summary>Polls until the condition holds (workflows move asynchronously); fails the test, with the last value read, when it never does.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(30);
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"Waited {wait.TotalSeconds:0.#} s and the condition never held. Last value read: {Describe(value)}");
            await Task.Delay(200);
        }
    }

    static string Describe<T>(T value)
    {
        try { return System.Text.Json.JsonSerializer.Serialize(value, Json.Options); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException) { return value?.ToString() ?? "null"; }
    }
}

public sealed record ProblemBody(string Title, int Status, string? Detail, string? Code, Dictionary<string, string[]>? Errors);

public static class BuildOutput
{
    /// <summary>The build configuration the tests run under (Debug/Release), from the test assembly's folder.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Of(string project, string file) =>
        Path.Combine(Tndtq.LocalHost.RepositoryRoot.Find(), "functions", project, "bin", Configuration, "net10.0", file);
}

public static class TestWards
{
    /// <summary>A ward, its officer and chairman and its register, made through the API as an administrator would.</summary>
    public static async Task<(string Ward, HttpClient Officer, HttpClient Chairman)> CreateAsync(Func<string, HttpClient> client, string prefix, string name, string csv)
    {
        var admin = client(As.Admin);
        var ward = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("wards", new { id = ward, name, approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"staff/officer-{ward}", new { displayName = "Cán bộ " + name, roles = new[] { "ward-officer" }, wardId = ward })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"staff/chairman-{ward}", new { displayName = "Chủ tịch " + name, roles = new[] { "ward-chairman" }, wardId = ward })).EnsureSuccessStatusCode();
        var officer = client($"officer-{ward}");
        (await officer.PostAsync($"wards/{ward}/imports?mode=commit&fileName=so.csv", new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)))).EnsureSuccessStatusCode();
        return (ward, officer, client($"chairman-{ward}"));
    }
}
