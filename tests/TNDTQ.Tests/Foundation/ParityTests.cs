using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tndtq.LocalHost;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The local host can never silently drift from what Azure would run: the <c>functions.metadata</c>
/// the Worker SDK generates at build time must list exactly what the local host serves.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ParityTests(HostFixture fx)
{
    static JsonArray LoadMetadata()
    {
        // Built with the app (the test project references it): functions/TNDTQ.Functions/bin/<Configuration>/net10.0/
        var path = BuildOutput.Of("TNDTQ.Functions", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the Functions app first.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    static IEnumerable<(string Name, JsonObject Trigger)> Triggers(JsonArray metadata) =>
        metadata.Select(f => (f!["name"]!.GetValue<string>(),
            f["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))));

    [Fact]
    public void Every_function_in_the_metadata_is_in_the_local_host_and_nothing_else()
    {
        var metadata = LoadMetadata();
        var catalog = fx.Host.Catalog;
        var expected = Triggers(metadata).Select(t => $"{t.Name}:{t.Trigger["type"]}").Order().ToList();
        var actual = catalog.Http.Select(f => $"{f.Name}:httpTrigger")
            .Concat(catalog.Orchestrators.Select(f => $"{f.Name}:orchestrationTrigger"))
            .Concat(catalog.Activities.Select(f => $"{f.Name}:activityTrigger"))
            .Concat(catalog.Timers.Select(f => $"{f.Name}:timerTrigger")).Order().ToList();
        Assert.Equal(expected, actual);
        Assert.Contains("SignOffWorkflowV2:orchestrationTrigger", actual);
        Assert.Contains("Heartbeat:timerTrigger", actual);
    }

    [Fact]
    public void Http_routes_and_methods_match_and_are_served()
    {
        var served = fx.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
        // The local host honours host.json's route prefix, as the Functions host does (today "": the web app is at the root).
        var prefix = HostJson.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).RoutePrefix;
        foreach (var (name, trigger) in Triggers(LoadMetadata()).Where(t => t.Trigger["type"]!.GetValue<string>() == "httpTrigger"))
        {
            var route = trigger["route"]?.GetValue<string>() ?? name;
            var methods = trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order().ToList() ?? [];
            Assert.True(served.TryGetValue(name, out var endpoint), $"HTTP function {name} is not served by the local host");
            Assert.Equal(prefix.Length == 0 ? route : $"{prefix}/{route}", endpoint!.RoutePattern.RawText!.TrimStart('/'));
            var servedMethods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Order().ToList();
            if (methods.Count > 0) Assert.Equal(methods, servedMethods);
        }
    }

    [Fact]
    public void The_web_app_is_served_at_the_root_and_every_other_route_stays_under_api()
    {
        var http = Triggers(LoadMetadata()).Where(t => t.Trigger["type"]!.GetValue<string>() == "httpTrigger")
            .ToDictionary(t => t.Name, t => t.Trigger["route"]!.GetValue<string>());
        Assert.Equal("{*path}", http["WebApp"]);
        Assert.All(http.Where(f => f.Key != "WebApp"), f => Assert.StartsWith("api/", f.Value));
        Assert.Equal("", HostJson.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).RoutePrefix);
    }

    [Fact]
    public void A_decision_made_after_a_quiet_spell_is_picked_up_within_two_seconds_in_Azure_as_here()
    {
        // The Durable engine polls its queues less often while they are idle, by default up to every 30 s: a chairman's
        // decision after a quiet spell then waited up to 30 s before the workflow moved (the web app waits 30 s for it).
        // host.json is what Azure runs and what the local host reads, with no override here.
        var hostJson = HostJson.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.Equal(TimeSpan.FromSeconds(2), hostJson.MaxQueuePollingInterval);
    }

    [Fact]
    public void Timer_schedules_match()
    {
        foreach (var (name, trigger) in Triggers(LoadMetadata()).Where(t => t.Trigger["type"]!.GetValue<string>() == "timerTrigger"))
        {
            var timer = Assert.Single(fx.Host.Catalog.Timers, t => t.Name == name);
            Assert.Equal(trigger["schedule"]!.GetValue<string>(), timer.Schedule);
            Assert.Equal(trigger["runOnStartup"]?.GetValue<bool>() ?? false, timer.RunOnStartup);
        }
    }
}
