using Microsoft.DurableTask;
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
        var listed = Assert.Single((await (await admin.GetAsync("admin/workflows?state=needs-attention")).ReadAsync<PageResult<TroubledWorkflow>>()).Items, w => w.InstanceId == instance);
        Assert.Equal(("SignOffWorkflowV2", "Tờ trình ký duyệt", "an-cu", SignOffState.WaitingForChairman, "CloseWorkflowStep"),
            (listed.Workflow, listed.WorkflowName, listed.WardId, listed.Step, listed.Activity));
        Assert.Contains("Injected storage fault", listed.Error);
        Assert.True(listed.CanRetry);
        Assert.DoesNotContain((await (await admin.GetAsync("admin/workflows?state=failed")).ReadAsync<PageResult<TroubledWorkflow>>()).Items, w => w.InstanceId == instance);
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
        Assert.DoesNotContain((await (await admin.GetAsync("admin/workflows")).ReadAsync<PageResult<TroubledWorkflow>>()).Items, w => w.InstanceId == instance);

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
        await (await admin.GetAsync("admin/workflows?state=needs-attention")).ReadAsync<PageResult<TroubledWorkflow>>();
        Assert.Contains("needs-attention", (await (await admin.GetAsync("admin/workflows?state=broken")).ProblemAsync(400)).Detail);
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

    [Fact]
    public async Task Skip_and_end_are_refused_where_they_do_not_apply_and_change_nothing()
    {
        var admin = fx.Client(As.Admin);
        var created = await (await fx.Client(As.OfficerAnCu).PostAsJsonAsync("wards/an-cu/sign-offs", new { title = "Tờ trình thử bỏ qua" })).ReadAsync<SignOffView>();
        var instance = SignOffService.InstanceId("an-cu", created.Id);
        var path = $"admin/workflows/{Uri.EscapeDataString(instance)}";
        await HttpAssertions.EventuallyAsync(() => fx.Client(As.OfficerAnCu).GetAsync($"wards/an-cu/sign-offs/{created.Id}").ContinueWith(t => t.Result.ReadAsync<SignOffView>()).Unwrap(),
            v => v.State == SignOffState.WaitingForChairman);

        // A skip without a reason is a 400 naming the field; a skip of a step that is not failed is a 409 naming where the workflow is.
        var noReason = await (await admin.PostAsJsonAsync($"{path}/skip", new { reason = "  " })).ProblemAsync(400);
        Assert.Contains("reason", noReason.Errors!.Keys);
        var notFailed = await (await admin.PostAsJsonAsync($"{path}/skip", new { reason = "Thử" })).ProblemAsync(409);
        Assert.Equal(("no-failed-step", "Quy trình này không có bước gặp lỗi để bỏ qua (trạng thái hiện tại: chờ Chủ tịch UBND phường ký duyệt)."), (notFailed.Code, notFailed.Detail));
        Assert.Equal(400, (await (await admin.PostAsJsonAsync($"{path}/end", new { reason = new string('x', 2001) })).ProblemAsync(400)).Status);

        // Nothing changed: the request still waits for the chairman; the timeline holds no action.
        var detail = await (await admin.GetAsync(path)).ReadAsync<WorkflowDetail>();
        Assert.Equal(("running", true), (detail.Workflow.State, detail.Workflow.CanEnd));
        Assert.DoesNotContain(detail.Timeline, t => t.Kind is "skip" or "end" or "retry");

        // Ended with a reason: terminated, listed as ended, the reason in its timeline; a second end is a 409.
        var ended = await (await admin.PostAsJsonAsync($"{path}/end", new { reason = "Tờ trình lập nhầm, phường đề nghị hủy." })).ReadAsync<AdminAction>();
        Assert.Equal(("end", "Kết thúc quy trình"), (ended.Action, ended.ActionName));
        await HttpAssertions.EventuallyAsync(async () => (await fx.Host.DurableClient.GetInstanceAsync(instance))!.RuntimeStatus, s => s == OrchestrationRuntimeStatus.Terminated);
        var listed = Assert.Single((await (await admin.GetAsync("admin/workflows?state=terminated&workflow=sign-off&pageSize=100")).ReadAsync<PageResult<TroubledWorkflow>>()).Items,
            w => w.InstanceId == instance);
        Assert.Contains("Tờ trình lập nhầm, phường đề nghị hủy.", listed.Error);
        var timeline = (await (await admin.GetAsync(path)).ReadAsync<WorkflowDetail>()).Timeline;
        Assert.Contains(timeline, t => t.Kind == "end" && t.Reason == "Tờ trình lập nhầm, phường đề nghị hủy." && t.Actor is { Length: > 0 });
        var again = await (await admin.PostAsJsonAsync($"{path}/end", new { reason = "Lần nữa" })).ProblemAsync(409);
        Assert.Equal("workflow-ended", again.Code);
        Assert.Equal("not-waiting-for-retry", (await (await admin.PostAsync($"{path}/retry", null)).ProblemAsync(409)).Code);
    }

    [Fact]
    public async Task A_failed_step_that_records_the_outcome_cannot_be_skipped_but_a_failed_reminder_can()
    {
        var admin = fx.Client(As.Admin);
        var requestId = "sk-" + Guid.NewGuid().ToString("N")[..8];
        var id = Api.OperationId(requestId, As.OfficerAnCu);
        var instance = SignOffService.InstanceId("an-cu", id);
        var path = $"admin/workflows/{Uri.EscapeDataString(instance)}";
        fx.Faults.Break(WorkflowActivities.CloseStep, instance);
        var create = new HttpRequestMessage(HttpMethod.Post, "wards/an-cu/sign-offs") { Content = JsonContent.Create(new { title = "Tờ trình thử bỏ qua bước lỗi" }) };
        create.Headers.Add("x-requestid", requestId);
        (await fx.Client(As.OfficerAnCu).SendAsync(create)).EnsureSuccessStatusCode();
        Task<SignOffView> View() => fx.Client(As.OfficerAnCu).GetAsync($"wards/an-cu/sign-offs/{id}").ContinueWith(t => t.Result.ReadAsync<SignOffView>()).Unwrap();
        await HttpAssertions.EventuallyAsync(View, v => v.State == SignOffState.WaitingForChairman);
        (await fx.Client(As.ChairmanAnCu).PostAsJsonAsync($"wards/an-cu/sign-offs/{id}/decision", new { approve = true })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(View, v => v.State == "needs-attention");

        var listed = Assert.Single((await (await admin.GetAsync("admin/workflows?state=needs-attention&workflow=sign-off&wardId=an-cu&pageSize=100")).ReadAsync<PageResult<TroubledWorkflow>>()).Items,
            w => w.InstanceId == instance);
        Assert.Equal((true, false, true), (listed.CanRetry, listed.CanSkip, listed.CanEnd));
        Assert.DoesNotContain((await (await admin.GetAsync("admin/workflows?state=needs-attention&workflow=support&pageSize=100")).ReadAsync<PageResult<TroubledWorkflow>>()).Items,
            w => w.InstanceId == instance);
        var refused = await (await admin.PostAsJsonAsync($"{path}/skip", new { reason = "Bỏ qua cho nhanh" })).ProblemAsync(409);
        Assert.Equal("step-not-skippable", refused.Code);
        Assert.Contains("ghi kết quả bước xử lý", refused.Detail);
        Assert.Equal("needs-attention", (await (await admin.GetAsync(path)).ReadAsync<WorkflowDetail>()).Workflow.State); // nothing changed

        // Retried after the fault is gone: the workflow finishes; the retry is in its timeline.
        fx.Faults.Heal(WorkflowActivities.CloseStep, instance);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"{path}/retry", null)).StatusCode);
        await HttpAssertions.EventuallyAsync(View, v => v.State == SignOffState.Approved);
        var timeline = (await (await admin.GetAsync(path)).ReadAsync<WorkflowDetail>()).Timeline;
        Assert.Contains(timeline, t => t.Kind == "retry" && t.Text.Contains("ghi kết quả bước xử lý"));
        Assert.Equal("completed", timeline[^1].Kind);
    }

    [Fact]
    public async Task A_failed_instance_is_listed_with_its_error_and_cannot_be_retried_or_ended()
    {
        // An orchestration that fails outright (here: started without its input) ends Failed; the list shows it, from the instance table.
        var id = "signoff:an-cu:" + Guid.NewGuid().ToString("N")[..8];
        await fx.Host.DurableClient.ScheduleNewOrchestrationInstanceAsync(SignOffOrchestratorV2.Name, null, new StartOrchestrationOptions(id));
        await HttpAssertions.EventuallyAsync(async () => (await fx.Host.DurableClient.GetInstanceAsync(id))?.RuntimeStatus, s => s == OrchestrationRuntimeStatus.Failed);
        var admin = fx.Client(As.Admin);
        var failed = Assert.Single((await (await admin.GetAsync("admin/workflows?state=failed&workflow=sign-off&pageSize=100")).ReadAsync<PageResult<TroubledWorkflow>>()).Items,
            w => w.InstanceId == id);
        Assert.Equal(("Đã dừng do lỗi", false, false), (failed.StateName, failed.CanRetry, failed.CanEnd));
        Assert.Contains("Object reference not set to an instance of an object.", failed.Error); // the engine's message (the provider keeps no type)
        Assert.DoesNotContain((await (await admin.GetAsync("admin/workflows?state=failed&workflow=restructure&pageSize=100")).ReadAsync<PageResult<TroubledWorkflow>>()).Items,
            w => w.InstanceId == id);
        Assert.Equal("not-waiting-for-retry", (await (await admin.PostAsync($"admin/workflows/{Uri.EscapeDataString(id)}/retry", null)).ProblemAsync(409)).Code);
        Assert.Equal("workflow-ended", (await (await admin.PostAsJsonAsync($"admin/workflows/{Uri.EscapeDataString(id)}/end", new { reason = "Dọn" })).ProblemAsync(409)).Code);
        Assert.Equal(400, (await (await admin.GetAsync("admin/workflows?state=failed&workflow=khac")).ProblemAsync(400)).Status);
        Assert.Equal(400, (await (await admin.GetAsync("admin/workflows?state=failed&continuationToken=abc")).ProblemAsync(400)).Status);
    }
}
