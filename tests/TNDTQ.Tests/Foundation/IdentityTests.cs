using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using Tndtq.Identity;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

[Collection(SharedHost.Name)]
public sealed class IdentityTests(HostFixture fx)
{
    [Fact]
    public async Task Me_returns_roles_and_ward_from_the_staff_directory()
    {
        var me = await (await fx.Client(As.OfficerAnCu).GetAsync("me")).ReadAsync<MeResponse>();
        Assert.Equal("demo-officer-an-cu", me.ObjectId);
        Assert.Equal([Role.WardOfficer], me.Roles);
        Assert.Equal(["Cán bộ UBND phường"], me.RoleNames);
        Assert.Equal("an-cu", me.WardId);
        Assert.Equal("Phạm Thị Lan (cán bộ phường An Cư)", me.DisplayName);
    }

    [Fact]
    public async Task District_roles_have_no_ward()
    {
        var me = await (await fx.Client(As.Police).GetAsync("me")).ReadAsync<MeResponse>();
        Assert.Equal([Role.DistrictPolice], me.Roles);
        Assert.Null(me.WardId);
    }

    [Fact]
    public async Task Anonymous_call_is_401_in_Vietnamese()
    {
        var problem = await (await fx.Client().GetAsync("me")).ProblemAsync(401);
        Assert.Equal("unauthenticated", problem.Code);
        Assert.Contains("chưa đăng nhập", problem.Title);
    }

    [Fact]
    public async Task Garbage_principal_header_is_401()
    {
        var client = fx.Client();
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, "not base64 at all!");
        var problem = await (await client.GetAsync("me")).ProblemAsync(401);
        Assert.Equal(Texts.InvalidPrincipalHeader, problem.Detail);
    }

    [Fact]
    public async Task A_signed_in_person_missing_from_the_staff_directory_is_403()
    {
        var problem = await (await fx.Client("someone-unknown").GetAsync("me")).ProblemAsync(403);
        Assert.Equal(Texts.NotInStaffDirectory, problem.Detail);
    }

    [Fact]
    public async Task Ward_officer_cannot_act_or_read_in_another_ward()
    {
        var officerCaiKhe = fx.Client(As.OfficerCaiKhe);
        var create = await officerCaiKhe.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Thử" });
        Assert.Equal(Texts.OtherWardForbidden, (await create.ProblemAsync(403)).Detail);
        var list = await officerCaiKhe.GetAsync("wards/an-cu/sign-offs");
        Assert.Equal(Texts.OtherWardForbidden, (await list.ProblemAsync(403)).Detail);
    }

    [Fact]
    public async Task District_police_read_any_ward_but_cannot_do_a_ward_officers_step()
    {
        var police = fx.Client(As.Police);
        Assert.True((await police.GetAsync("wards/cai-khe/sign-offs")).IsSuccessStatusCode);
        var create = await police.PostAsJsonAsync("wards/cai-khe/sign-offs", new { title = "Thử" });
        Assert.Contains("Cán bộ UBND phường", (await create.ProblemAsync(403)).Detail);
    }

    [Fact]
    public async Task Principal_header_is_ignored_unless_Easy_Auth_or_the_development_sign_in_is_on()
    {
        var resolver = new CallerResolver(new AuthOptions(TrustPrincipalHeader: false, DevelopmentSignIn: false), null!);
        var request = new DefaultHttpContext().Request;
        request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Encode(As.Admin);
        var e = await Assert.ThrowsAsync<ProblemException>(() => resolver.ResolveAsync(request));
        Assert.Equal(401, e.Status);
    }

    /// <summary>The production configuration (as in Azure, but with the platform's sign-in off): a principal the client sends is never trusted.</summary>
    [Fact]
    public async Task Production_without_the_platform_sign_in_refuses_a_client_sent_principal()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["WEBSITE_AUTH_ENABLED"] = "False",
        }).Build();
        var options = AuthOptions.From(configuration, new FakeEnvironment("Production"));
        Assert.False(options.TrustPrincipalHeader);
        var resolver = new CallerResolver(options, null!); // never reaches the staff directory
        var request = new DefaultHttpContext().Request;
        request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Encode(As.Admin, "Quản trị tự xưng");
        var e = await Assert.ThrowsAsync<ProblemException>(() => resolver.ResolveAsync(request));
        Assert.Equal(401, e.Status);
    }

    [Theory]
    [InlineData("Production", "true", null, true)]
    [InlineData("Production", null, "True", false)]   // Easy Auth in Azure
    [InlineData("Development", "true", null, false)]
    public void Development_sign_in_is_refused_in_production(string environment, string? devSignIn, string? easyAuth, bool refused)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AuthOptions.DevelopmentSignInKey] = devSignIn,
            ["WEBSITE_AUTH_ENABLED"] = easyAuth,
        }).Build();
        var env = new FakeEnvironment(environment);
        if (refused)
            Assert.Contains("refused in the Production environment", Assert.Throws<InvalidOperationException>(() => AuthOptions.From(configuration, env)).Message);
        else
            Assert.True(AuthOptions.From(configuration, env).TrustPrincipalHeader);
    }

    [Fact]
    public async Task The_local_host_refuses_to_start_with_the_development_sign_in_in_production()
    {
        var storage = await TestAzurite.ConnectionStringAsync();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHost.LocalFunctionsHost.StartAsync(new LocalHost.LocalHostOptions
        {
            Port = 0,
            SeedDemoData = false,
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["TaskHubName"] = "prodrefusal",
                ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
                [AuthOptions.DevelopmentSignInKey] = "true",
            },
        }));
        Assert.Contains(AuthOptions.DevelopmentSignInKey, e.Message);
    }

    sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "TNDTQ";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
