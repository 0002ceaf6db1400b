using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Tndtq.Demo;
using Tndtq.Identity;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The web app is served by the same Functions app at the site root: pages and files with their
/// types, caching and security headers; the API keeps its addresses, and an unknown one is never a page.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class WebAppTests(HostFixture fx)
{
    HttpClient Site() => new() { BaseAddress = fx.Host.BaseAddress };

    [Theory]
    [InlineData("", "text/html")]
    [InlineData("so-theo-doi/an-cu/to/abc", "text/html")] // a screen of the app: the page, the router shows it
    [InlineData("js/app.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    [InlineData("lib/lit-html/lit-html.js", "text/javascript")] // the kept library, copied from node_modules at build
    [InlineData("lib/chart.js/chart.umd.min.js", "text/javascript")] // the reports' chart library, likewise
    public async Task Pages_and_files_are_served_with_their_type_and_the_security_headers(string path, string type)
    {
        var response = await Site().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task An_unchanged_file_is_a_304_and_text_is_compressed()
    {
        var first = await Site().GetAsync("js/app.js");
        var again = new HttpRequestMessage(HttpMethod.Get, "js/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Site().SendAsync(again)).StatusCode);

        var gzip = new HttpRequestMessage(HttpMethod.Get, "js/app.js");
        gzip.Headers.AcceptEncoding.ParseAdd("gzip");
        var compressed = await Site().SendAsync(gzip);
        Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < (await first.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("GET", "api/no-such-thing")]
    [InlineData("GET", "api")]
    [InlineData("POST", "api/wards/an-cu/no-such-thing")]
    public async Task An_unknown_api_address_is_a_vietnamese_404_never_the_page(string method, string path)
    {
        var response = await Site().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var problem = await response.ProblemAsync(404);
        Assert.Equal("route-not-found", problem.Code);
        Assert.Contains("Không có địa chỉ API này", problem.Detail);
    }

    [Fact]
    public async Task A_known_api_address_with_a_method_it_does_not_take_is_a_vietnamese_405()
    {
        var response = await fx.Client(As.OfficerAnCu).DeleteAsync("wards/an-cu/sign-offs");
        var problem = await response.ProblemAsync(405);
        Assert.Equal("method-not-allowed", problem.Code);
        Assert.Contains("không nhận yêu cầu DELETE", problem.Detail);
    }

    [Fact]
    public async Task A_missing_file_is_a_404_and_the_api_still_answers_at_its_documented_address()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Site().GetAsync("js/no-such-file.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Site().GetAsync("api/health")).StatusCode);
        var me = await fx.Client(As.OfficerAnCu).GetFromJsonAsync<MeResponse>("me", Shared.Json.Options);
        Assert.Equal("an-cu", me!.WardId);
    }

    [Fact]
    public async Task The_sign_in_page_lists_the_demo_people_with_role_and_ward_names()
    {
        var people = await Site().GetFromJsonAsync<List<DemoPerson>>("api/demo/people", Shared.Json.Options);
        var lan = Assert.Single(people!, p => p.ObjectId == As.OfficerAnCu);
        Assert.Equal(["Cán bộ UBND phường"], lan.RoleNames);
        Assert.Equal("An Cư", lan.WardName);
        Assert.Contains(people!, p => p.ObjectId == As.Admin && p.WardName is null);
    }

    [Fact]
    public async Task Without_the_development_sign_in_the_demo_people_do_not_exist()
    {
        var functions = ActivatorUtilities.CreateInstance<DemoSignInFunctions>(fx.Host.Services, new AuthOptions(TrustPrincipalHeader: true, DevelopmentSignIn: false));
        var context = new DefaultHttpContext { RequestServices = fx.Host.Services };
        context.Request.Path = "/api/demo/people";
        var result = Assert.IsType<ObjectResult>(await functions.ListDemoPeople(context.Request));
        Assert.Equal(404, result.StatusCode);
    }
}
