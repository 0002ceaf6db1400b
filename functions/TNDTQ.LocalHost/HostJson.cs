using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Tndtq.LocalHost;

/// <summary>
/// The settings of the app's <c>host.json</c> that the local host honours, with the Functions
/// host's rules: <c>%Name%</c> resolved from app settings, and any value overridable by the
/// setting <c>AzureFunctionsJobHost__path__to__value</c>.
/// </summary>
public sealed record HostJson(string RoutePrefix, string HubName, int PartitionCount, TimeSpan MaxQueuePollingInterval,
    TimeSpan? WorkItemQueueVisibilityTimeout = null, TimeSpan? ControlQueueVisibilityTimeout = null,
    int? MaxConcurrentOrchestratorFunctions = null, int? MaxConcurrentActivityFunctions = null)
{
    public static HostJson Load(IConfiguration configuration, string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "host.json");
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        string? Get(params string[] keys)
        {
            var over = configuration["AzureFunctionsJobHost:" + string.Join(':', keys)];
            if (over is not null) return over;
            JsonNode? node = root;
            foreach (var k in keys) node = node?[k];
            return node?.ToString();
        }
        var hub = ResolveSettings(Get("extensions", "durableTask", "hubName") ?? "%TaskHubName%", configuration);
        return new HostJson(
            (Get("extensions", "http", "routePrefix") ?? "api").Trim('/'),
            string.IsNullOrWhiteSpace(hub) ? Shared.TaskHubName.Default : hub,
            int.TryParse(Get("extensions", "durableTask", "storageProvider", "partitionCount"), out var pc) ? pc : 4,
            TimeSpan.TryParse(Get("extensions", "durableTask", "storageProvider", "maxQueuePollingInterval"), out var mq) ? mq : TimeSpan.FromSeconds(30),
            // How long a message taken by a host that then died stays invisible before another run picks it up (5 minutes by default).
            TimeSpan.TryParse(Get("extensions", "durableTask", "storageProvider", "workItemQueueVisibilityTimeout"), out var wv) ? wv : null,
            TimeSpan.TryParse(Get("extensions", "durableTask", "storageProvider", "controlQueueVisibilityTimeout"), out var cv) ? cv : null,
            // Work items run at once; unset, the Functions host's default, 10 per core.
            int.TryParse(Get("extensions", "durableTask", "maxConcurrentOrchestratorFunctions"), out var mo) && mo > 0 ? mo : null,
            int.TryParse(Get("extensions", "durableTask", "maxConcurrentActivityFunctions"), out var ma) && ma > 0 ? ma : null);
    }

    /// <summary>Replaces <c>%Name%</c> with the app setting's value; an unset setting resolves to "" (the Functions host would refuse to start).</summary>
    public static string ResolveSettings(string value, IConfiguration configuration) =>
        Regex.Replace(value, "%([^%]+)%", m => configuration[m.Groups[1].Value.Replace("__", ":")]
            ?? (m.Groups[1].Value == Shared.TaskHubName.SettingName ? Shared.TaskHubName.Default
                : throw new InvalidOperationException($"The app setting '{m.Groups[1].Value}' used in '{value}' is not set.")));
}
