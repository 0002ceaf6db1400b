using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Tndtq.Identity;
using Tndtq.LocalHost;
using Tndtq.Shared;

namespace Tndtq.BrowserTests;

/// <summary>
/// The real local host (the app's own functions, the Durable engine, demo data) on a private Azurite,
/// and one headless Chromium driven by Playwright. The system Chromium is used where it is installed
/// (<c>apt-get install chromium</c>); otherwise Playwright installs its own.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    const string SystemChromium = "/usr/bin/chromium";

    Azurite? azurite;
    public LocalFunctionsHost Host { get; private set; } = null!;
    /// <summary>Faults injected into the host's activities (the operations page's tests break a workflow with it).</summary>
    public Tndtq.Tests.Infrastructure.ActivityFaults Faults { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go (kept with the test results).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        // Stopped in DisposeAsync, or by itself once the test process is gone if the run is cut short (exit-with-parent.cjs).
        azurite = await Azurite.StartPrivateAsync();
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            Port = 0,
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            BeforeActivity = Faults.BeforeActivityAsync,
            Settings = new Dictionary<string, string?>
            {
                [Storage.SettingName] = azurite.ConnectionString,
                [TaskHubName.SettingName] = "b" + Guid.NewGuid().ToString("N")[..12],
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.500",
                // An activity broken on purpose waits for an administrator after three quick attempts, not after minutes of backoff.
                ["Workflows:Retry:MaxAttempts"] = "3",
                ["Workflows:Retry:FirstInterval"] = "00:00:00.200",
            },
        });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(Playwright);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (File.Exists(SystemChromium))
            return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = SystemChromium, Headless = true });
        try
        {
            if (Microsoft.Playwright.Program.Main(["install", "chromium"]) == 0) return await playwright.Chromium.LaunchAsync(new() { Headless = true });
        }
        catch (PlaywrightException) { }
        throw new InvalidOperationException(
            "The browser tests need Chromium: install it with 'apt-get install -y chromium fonts-noto-core' (Debian) or let Playwright download its own ('playwright.ps1 install chromium').");
    }

    /// <summary>
    /// A fresh browser context (its own session) showing the app, at a width, in Vietnamese and (unless told otherwise) in Vietnam time.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string timezoneId = "Asia/Ho_Chi_Minh")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = timezoneId,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        // A workflow step moves in a second or two, but CI runs both test projects at once on two cores: expectations wait as long as actions.
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 4")) errors.Add(m.Text); };
        Errors[page] = errors;
        return page;
    }

    /// <summary>Script errors and CSP violations seen on a page (a failed request the app handles is not one).</summary>
    public Dictionary<IPage, List<string>> Errors { get; } = [];

    /// <summary>Signs in on the development sign-in page by picking the person.</summary>
    public async Task SignInAsync(IPage page, string objectId)
    {
        await page.GotoAsync("/");
        await page.Locator($"button[data-object-id='{objectId}']").ClickAsync();
        await page.Locator("header.top .name").WaitForAsync();
        await CheckAccessibilityAsync(page);
    }

    /// <summary>Opens an address of the app and checks the screen it shows (<see cref="CheckAccessibilityAsync"/>).</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await CheckAccessibilityAsync(page);
    }

    static string Why(AxeResultNode n)
    {
        var why = string.Join("; ", (n.Any ?? []).Concat(n.All ?? []).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)));
        return why.Length == 0 ? "" : "\n      " + why;
    }

    static readonly AxeRunOptions Wcag21 = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

    /// <summary>
    /// Runs axe-core (WCAG 2.1 A and AA) on the screen once it has loaded (its heading shown, no "Đang tải…"), and fails on any
    /// serious or critical violation, naming the rule, what to fix and the elements. Every screen the shared helpers open or
    /// navigate to is checked here.
    /// </summary>
    public async Task CheckAccessibilityAsync(IPage page)
    {
        await page.Locator("main h1").First.WaitForAsync();
        await Assertions.Expect(page.Locator("main p.state[role=status]", new() { HasText = "Đang tải" })).ToHaveCountAsync(0);
        var result = await page.RunAxe(Wcag21);
        if (result.Passes.Length == 0) throw new Xunit.Sdk.XunitException($"axe-core ran no rule on {page.Url}.");
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (bad.Count == 0) return;
        var lines = bad.Select(v => $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n =>
            $"    {n.Target}: {(n.Html.Length > 160 ? n.Html[..160] + "…" : n.Html)}{Why(n)}")));
        throw new Xunit.Sdk.XunitException($"Accessibility (axe-core, WCAG 2.1 A/AA) on {new Uri(page.Url).PathAndQuery}: {bad.Count} serious or critical violation(s)\n{string.Join("\n", lines)}");
    }

    /// <summary>
    /// Goes to a screen by the navigation, as a person would at the page's width: below 700 px the screens are behind the
    /// "Danh mục" button, which is opened first.
    /// </summary>
    public async Task NavigateByMenuAsync(IPage page, string screen)
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        var menu = nav.GetByRole(AriaRole.Button, new() { Name = "Danh mục" });
        if (await menu.IsVisibleAsync() && await menu.GetAttributeAsync("aria-expanded") != "true") await menu.ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = screen }).ClickAsync();
        await CheckAccessibilityAsync(page);
    }

    /// <summary>The API as a person would call it (to set up a journey).</summary>
    public HttpClient Api(string objectId)
    {
        var client = new HttpClient { BaseAddress = new Uri(Host.BaseAddress, "api/") };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId));
        return client;
    }

    /// <summary>A screenshot of the whole page, or (fullPage false) of what the screen shows.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (azurite is not null) await azurite.DisposeAsync();
        azurite = null;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser on the local host";
}

public static class People
{
    public const string Admin = "demo-admin";
    public const string Police = "demo-police";
    public const string Leader = "demo-leader";
    public const string OfficerAnCu = "demo-officer-an-cu";
    public const string ChairmanAnCu = "demo-chairman-an-cu";
}

public static class ApiHelpers
{
    /// <summary>The button that confirms an action: "Xác nhận: {action}", or the action's own name when it already says "Xác nhận".</summary>
    public static string Confirming(string action) => action.StartsWith("Xác nhận", StringComparison.Ordinal) ? action : "Xác nhận: " + action;

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json.Options)!;
    }

    public static async Task<System.Text.Json.JsonElement> JsonAsync(this HttpClient client, string path) =>
        await (await client.GetAsync(path)).ReadAsync<System.Text.Json.JsonElement>();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Json.Options);
}
