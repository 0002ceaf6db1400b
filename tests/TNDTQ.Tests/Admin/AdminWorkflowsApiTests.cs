using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Admin;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Admin;

/// <summary>
/// The administrators' workflow endpoints over HTTP, on the real engine and Azurite: an activity that
/// keeps failing stops its workflow in "needs attention", the list shows it, a retry after the fault
/// is gone finishes it.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class AdminWorkflowsApiTests(HostFixture fx)
{
    [Fact]
    public async Task An_activity_that_keeps_failing_waits_for_an_administrator_who_retries_it()
    {
        var officer = fx.Client(As.OfficerAnCu);
        var chairman = fx.Client(As.ChairmanAnCu);
        var admin = fx.Client(As.Admin);
        var requestId = "ad-" + Guid.NewGuid().ToString("N")[..8];
        var id = Api.OperationId(requestId, As.OfficerAnCu); // the id the app makes of the officer's request id
        var instance = SignOffService.InstanceId("an-cu", id);
        fx.Faults.Break(WorkflowActivities.CloseStep, instance);

        var create = new HttpRequestMessage(HttpMethod.Post, "wards/an-cu/sign-offs") { Content = JsonContent.Create(new { title = "Tờ trình thử lỗi lưu trữ" }) };
        create.Headers.Add("x-requestid", requestId);
        (await officer.SendAsync(create)).EnsureSuccessStatusCode();
        Task<SignOffView> View() => officer.GetAsync($"wards/an-cu/sign-offs/{id}").ContinueWith(t => t.Result.ReadAsync<SignOffView>()).Unwrap();
        await HttpAssertions.EventuallyAsync(View, v => v.State == SignOffState.WaitingForChairman);
        Assert.Equal(HttpStatusCode.Accepted, (await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{id}/decision", new { approve = true })).StatusCode);

        // Closing the step (which records the outcome) fails on every attempt: the request waits, visibly, instead of failing.
        var paused = await HttpAssertions.EventuallyAsync(View, v => v.State == "needs-attention");
        Assert.Equal("Gặp lỗi, chờ quản trị xử lý", paused.StateName);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await fx.Host.DurableClient.GetInstanceAsync(instance))!.RuntimeStatus);
        Assert.Equal(3, fx.Faults.Attempts(WorkflowActivities.CloseStep, instance));
        var listed = Assert.Single(await (await admin.GetAsync("admin/workflows?state=needs-attention")).ReadAsync<List<TroubledWorkflow>>(), w => w.InstanceId == instance);
        Assert.Equal(("SignOffWorkflowV2", "Tờ trình ký duyệt", "an-cu", SignOffState.WaitingForChairman, "CloseWorkflowStep"),
            (listed.Workflow, listed.WorkflowName, listed.WardId, listed.Step, listed.Activity));
        Assert.Contains("Injected storage fault", listed.Error);
        Assert.True(listed.CanRetry);
        Assert.DoesNotContain(await (await admin.GetAsync("admin/workflows?state=failed")).ReadAsync<List<TroubledWorkflow>>(), w => w.InstanceId == instance);
        var meanwhile = await (await chairman.PostAsJsonAsync($"wards/an-cu/sign-offs/{id}/decision", new { approve = true })).ProblemAsync(409);
        Assert.Contains("Gặp lỗi, chờ quản trị xử lý", meanwhile.Detail);

        // The fault is gone; the administrator retries; the workflow finishes where it stopped.
        fx.Faults.Heal(WorkflowActivities.CloseStep, instance);
        var retry = await admin.PostAsync($"admin/workflows/{Uri.EscapeDataString(instance)}/retry", null);
        Assert.Equal((HttpStatusCode.Accepted, (Uri?)null), (retry.StatusCode, retry.Headers.Location));
        Assert.Equal($$"""{"instanceId":"{{instance}}","activity":"CloseWorkflowStep","step":"waiting-for-chairman","stepName":"chờ Chủ tịch UBND phường ký duyệt"}""",
            await retry.Content.ReadAsStringAsync());
        var done = await HttpAssertions.EventuallyAsync(View, v => v.State == SignOffState.Approved);
        Assert.Equal("đã duyệt", done.StateName);
        Assert.Equal(4, fx.Faults.Attempts(WorkflowActivities.CloseStep, instance));
        Assert.Contains((await (await officer.GetAsync("wards/an-cu/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items, v => v.Id == id && v.State == SignOffState.Approved);
        Assert.DoesNotContain(await (await admin.GetAsync("admin/workflows")).ReadAsync<List<TroubledWorkflow>>(), w => w.InstanceId == instance);

        var again = await (await admin.PostAsync($"admin/workflows/{Uri.EscapeDataString(instance)}/retry", null)).ProblemAsync(409);
        Assert.Equal("Quy trình này không ở trạng thái chờ thử lại (trạng thái hiện tại: đã kết thúc).", again.Detail);
    }

    [Fact]
    public async Task Only_an_administrator_may_list_or_retry_workflows()
    {
        foreach (var who in new[] { As.OfficerAnCu, As.ChairmanAnCu, As.Police, As.Leader })
        {
            Assert.Equal("forbidden", (await (await fx.Client(who).GetAsync("admin/workflows")).ProblemAsync(403)).Code);
            Assert.Equal("forbidden", (await (await fx.Client(who).PostAsync("admin/workflows/signoff%3Aan-cu%3Ax/retry", null)).ProblemAsync(403)).Code);
        }
        await (await fx.Client().GetAsync("admin/workflows")).ProblemAsync(401);

        var admin = fx.Client(As.Admin);
        await (await admin.GetAsync("admin/workflows?state=needs-attention")).ReadAsync<List<TroubledWorkflow>>();
        Assert.Contains("needs-attention", (await (await admin.GetAsync("admin/workflows?state=stuck")).ProblemAsync(400)).Detail);
        Assert.Equal("Không tìm thấy quy trình này.", (await (await admin.PostAsync("admin/workflows/khong-co/retry", null)).ProblemAsync(404)).Detail);
    }

    [Fact]
    public async Task Retrying_a_workflow_that_waits_for_a_person_is_a_409_naming_its_step()
    {
        var created = await (await fx.Client(As.OfficerAnCu).PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình đang chờ ký" })).ReadAsync<SignOffView>();
        var instance = SignOffService.InstanceId("an-cu", created.Id);
        // Once the workflow waits for the chairman (not for an administrator), a retry is refused, naming that step.
        var (status, body) = await HttpAssertions.EventuallyAsync(async () =>
        {
            var r = await fx.Client(As.Admin).PostAsync($"admin/workflows/{Uri.EscapeDataString(instance)}/retry", null);
            return (r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }, r => r.Body.Contains("chờ Chủ tịch UBND phường ký duyệt"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("\"code\":\"not-waiting-for-retry\"", body);
    }
}
