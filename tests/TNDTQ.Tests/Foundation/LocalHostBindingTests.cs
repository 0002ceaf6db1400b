using System.Net;
using Tndtq.Health;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>The local host serves the app's functions as Azure would: routes, methods, bindings, timers.</summary>
[Collection(SharedHost.Name)]
public sealed class LocalHostBindingTests(HostFixture fx)
{
    [Fact]
    public async Task Health_reports_storage_and_task_hub()
    {
        var health = await (await fx.Client().GetAsync("health")).ReadAsync<HealthResponse>();
        Assert.Equal("healthy", health.Status);
        Assert.Equal(fx.HubName, health.TaskHub);
        Assert.All(health.Checks.Values, v => Assert.Equal("ok", v));
    }

    [Fact]
    public async Task Method_not_declared_by_the_function_is_405()
    {
        var response = await fx.Client(As.OfficerAnCu).DeleteAsync("wards/an-cu/sign-offs");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client().GetAsync("no-such-route")).StatusCode);
        // Without the api/ prefix an address is a screen of the web app (the page), never the API.
        var page = await new HttpClient { BaseAddress = fx.Host.BaseAddress }.GetAsync("health");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Route_values_bind_to_parameters()
    {
        // wardId comes from the route: the same person sees their ward and is refused another.
        var client = fx.Client(As.OfficerCaiKhe);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("wards/cai-khe/sign-offs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("wards/an-cu/sign-offs")).StatusCode);
    }

    [Fact]
    public async Task Timer_functions_run_on_their_schedule_from_configuration()
    {
        var store = (HeartbeatStore)fx.Host.Services.GetService(typeof(HeartbeatStore))!;
        var first = await HttpAssertions.EventuallyAsync(() => store.LastRunAsync("Heartbeat"), v => v is not null, TimeSpan.FromSeconds(15));
        Assert.NotNull(first);
        var later = await HttpAssertions.EventuallyAsync(() => store.LastRunAsync("Heartbeat"), v => v > first, TimeSpan.FromSeconds(15));
        Assert.True(later > first, "the heartbeat timer should have run again");
        var health = await (await fx.Client().GetAsync("health")).ReadAsync<HealthResponse>();
        Assert.NotNull(health.LastHeartbeatAt);
    }
}
