using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>The foundation's workflow over HTTP, on the real Durable engine and Azurite.</summary>
[Collection(SharedHost.Name)]
public sealed class SignOffEndToEndTests(HostFixture fx)
{
    readonly HttpClient officer = fx.Client(As.OfficerAnCu);
    readonly HttpClient chairman = fx.Client(As.ChairmanAnCu);

    async Task<SignOffView> CreateAsync(object body, string? requestId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "wards/an-cu/sign-offs") { Content = JsonContent.Create(body) };
        if (requestId is not null) request.Headers.Add("x-requestid", requestId);
        var response = await officer.SendAsync(request);
        return await response.ReadAsync<SignOffView>();
    }

    Task<SignOffView> WaitForStateAsync(string id, string state) => HttpAssertions.EventuallyAsync(
        async () => await (await officer.GetAsync($"wards/an-cu/sign-offs/{id}")).ReadAsync<SignOffView>(), v => v.State == state);

    [Fact]
    public async Task Officer_sends_up_chairman_approves_and_it_completes()
    {
        var created = await CreateAsync(new { title = "Tờ trình kiện toàn Tổ 3, khu vực 5" });
        Assert.Equal(SignOffState.Starting, created.State);

        var waiting = await WaitForStateAsync(created.Id, SignOffState.WaitingForChairman);
        Assert.Equal(SignOffState.WaitingForChairman, waiting.State);
        Assert.Equal("chờ Chủ tịch UBND phường ký duyệt", waiting.StateName);

        var decide = await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = true, comment = "Đồng ý trình quận" });
        Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);

        var done = await WaitForStateAsync(created.Id, SignOffState.Approved);
        Assert.Equal(SignOffState.Approved, done.State);
        Assert.Equal("Đồng ý trình quận", done.Comment);
        Assert.Equal("Võ Minh Tuấn (Chủ tịch UBND phường An Cư)", done.DecidedByName);

        var instance = await fx.Host.DurableClient.GetInstanceAsync(SignOffService.InstanceId("an-cu", created.Id));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(SignOffOrchestratorV2.Name, instance.Name); // new requests start on version 2

        // The list (Table projection written by the workflow's activities) shows the outcome too.
        var list = await HttpAssertions.EventuallyAsync(
            async () => (await (await chairman.GetAsync("wards/an-cu/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items,
            l => l.Any(v => v.Id == created.Id && v.State == SignOffState.Approved));
        Assert.Contains(list, v => v.Id == created.Id && v.State == SignOffState.Approved);

        // A second decision on a closed step is a 409 naming the actual state.
        var again = await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = false, comment = "Muộn" });
        var problem = await again.ProblemAsync(409);
        Assert.Contains("đã duyệt", problem.Detail);
    }


    [Fact]
    public async Task Returning_requires_a_reason()
    {
        var created = await CreateAsync(new { title = "Tờ trình thành lập Tổ 14" });
        await WaitForStateAsync(created.Id, SignOffState.WaitingForChairman);
        var problem = await (await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = false })).ProblemAsync(400);
        Assert.NotNull(problem.Errors);
        Assert.Contains("comment", problem.Errors!.Keys);

        await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{created.Id}/decision", new { approve = false, comment = "Bổ sung biên bản họp" });
        var done = await WaitForStateAsync(created.Id, SignOffState.Returned);
        Assert.Equal("Bổ sung biên bản họp", done.Comment);
        // The close of the step recorded the outcome in the list (version 2 has no activity of its own).
        var listed = await HttpAssertions.EventuallyAsync(async () => (await (await chairman.GetAsync("wards/an-cu/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items,
            l => l.Any(v => v.Id == created.Id && v.State == SignOffState.Returned));
        Assert.Equal("Bổ sung biên bản họp", listed.Single(v => v.Id == created.Id).Comment);
    }

    [Fact]
    public async Task Undecided_request_expires_on_its_durable_timer()
    {
        var created = await CreateAsync(new { title = "Tờ trình hết hạn", dueAt = DateTimeOffset.UtcNow.AddSeconds(4) });
        var expired = await WaitForStateAsync(created.Id, SignOffState.Expired);
        Assert.Equal(SignOffState.Expired, expired.State);
        Assert.Equal("quá hạn, không được ký duyệt", expired.StateName);
    }

    [Fact]
    public async Task Same_request_id_twice_starts_one_workflow()
    {
        var requestId = "retry-" + Guid.NewGuid().ToString("N")[..8];
        var first = await CreateAsync(new { title = "Tờ trình gửi lại" }, requestId);
        var second = await CreateAsync(new { title = "Tờ trình gửi lại" }, requestId);
        Assert.Equal(first.Id, second.Id);
        var list = await HttpAssertions.EventuallyAsync(
            async () => (await (await officer.GetAsync("wards/an-cu/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items,
            l => l.Any(v => v.Id == first.Id));
        Assert.Single(list, v => v.Id == first.Id);
    }

    [Fact]
    public async Task Decision_on_an_unknown_sign_off_is_404()
    {
        var missing = await chairman.PostAsJsonAsync("wards/an-cu/sign-offs/does-not-exist/decision", new { approve = true });
        await missing.ProblemAsync(404);
    }

    [Fact]
    public async Task Invalid_input_gets_Vietnamese_validation_errors()
    {
        var noTitle = await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "  " });
        var problem = await noTitle.ProblemAsync(400);
        Assert.Equal(["Vui lòng nhập tiêu đề tờ trình."], problem.Errors!["title"]);

        var past = await officer.PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "X", dueAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Contains("dueAt", (await past.ProblemAsync(400)).Errors!.Keys);

        var notJson = await officer.PostAsync("wards/an-cu/sign-offs", new StringContent("{title:", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("invalid-json", (await notJson.ProblemAsync(400)).Code);
    }
}
