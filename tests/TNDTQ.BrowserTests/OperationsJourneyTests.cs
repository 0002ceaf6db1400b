using System.Net.Http.Json;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.BrowserTests;

/// <summary>
/// Vận hành from the browser: an administrator finds a workflow stopped on a failing step (a fault injected into its activity),
/// sees why and its timeline, retries it once the fault is gone; skips a failed reminder with a reason; ends a workflow with a reason.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsJourneyTests(BrowserFixture fx)
{
    static string Enc(string s) => Uri.EscapeDataString(s);

    async Task<string> FailingSignOffAsync()
    {
        var requestId = "vh-" + Guid.NewGuid().ToString("N")[..8];
        var id = Api.OperationId(requestId, People.OfficerAnCu);
        var instance = $"signoff:an-cu:{id}";
        fx.Faults.Break(WorkflowActivities.CloseStep, instance);
        var create = new HttpRequestMessage(HttpMethod.Post, "wards/an-cu/sign-offs") { Content = JsonContent.Create(new { title = "Tờ trình thử vận hành" }) };
        create.Headers.Add("x-requestid", requestId);
        (await fx.Api(People.OfficerAnCu).SendAsync(create)).EnsureSuccessStatusCode();
        await Eventually(async () => (await fx.Api(People.OfficerAnCu).JsonAsync($"wards/an-cu/sign-offs/{id}")).GetProperty("state").GetString() == "waiting-for-chairman");
        (await fx.Api(People.ChairmanAnCu).PostJsonAsync($"wards/an-cu/sign-offs/{id}/decision", new { approve = true })).EnsureSuccessStatusCode();
        await Eventually(async () => (await fx.Api(People.OfficerAnCu).JsonAsync($"wards/an-cu/sign-offs/{id}")).GetProperty("state").GetString() == "needs-attention");
        return instance;
    }

    /// <summary>A restructure of a new ward whose first reminder (a day before the assessment deadline) is due in a few seconds, and fails.</summary>
    async Task<string> FailingReminderAsync()
    {
        var ward = "vh-" + Guid.NewGuid().ToString("N")[..6];
        (await fx.Api(People.Admin).PostJsonAsync("wards", new { id = ward, name = "Phường Thử Vận Hành", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" })).EnsureSuccessStatusCode();
        var cycle = "vh-" + Guid.NewGuid().ToString("N")[..8];
        var instance = $"restructure:{cycle}:{ward}";
        fx.Faults.Break(WorkflowActivities.Alarm, instance);
        (await fx.Api(People.Police).PostJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát thử vận hành", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(1).AddSeconds(8), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }, remindDaysBefore = new[] { 1 }
        })).EnsureSuccessStatusCode();
        await Eventually(async () => (await fx.Api(People.Admin).JsonAsync($"admin/workflows/{Enc(instance)}")).GetProperty("workflow").GetProperty("state").GetString() == "needs-attention");
        return instance;
    }

    static async Task Eventually(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The workflow did not get there in 60 s.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_administrator_finds_a_failed_workflow_retries_it_skips_a_failed_reminder_and_ends_a_workflow()
    {
        var signOff = await FailingSignOffAsync();
        var restructure = await FailingReminderAsync();
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.Admin);
        await fx.NavigateByMenuAsync(page, "Vận hành");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sao lưu và khôi phục" })).ToBeVisibleAsync();

        // 1. The sign-off stopped on "recording the step's outcome": why, and its timeline; it cannot be skipped; retried once healed.
        await page.GetByLabel("Quy trình", new() { Exact = true }).SelectOptionAsync("sign-off");
        await page.GetByLabel("Phường", new() { Exact = true }).SelectOptionAsync("an-cu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
        var card = page.Locator("li.card", new() { HasText = signOff });
        await Assertions.Expect(card).ToContainTextAsync("Gặp lỗi, chờ quản trị xử lý");
        await Assertions.Expect(card).ToContainTextAsync("CloseWorkflowStep");
        await Assertions.Expect(card).ToContainTextAsync("Injected storage fault");
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new("^Xem chi tiết") }).ClickAsync();
        await Assertions.Expect(card.Locator("ol.timeline")).ToContainTextAsync("Gặp lỗi ở bước \"ghi kết quả bước xử lý\"");
        await Assertions.Expect(card).ToContainTextAsync("Bước lỗi này không bỏ qua được");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Bỏ qua bước lỗi" })).ToHaveCountAsync(0);
        await fx.CheckAccessibilityAsync(page);
        fx.Faults.Heal(WorkflowActivities.CloseStep, signOff);
        await card.GetByRole(AriaRole.Button, new() { Name = "Thử lại bước lỗi" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thử lại" }).ClickAsync();
        await Assertions.Expect(card.Locator(".alert.ok")).ToContainTextAsync("Đã yêu cầu chạy lại bước lỗi.");
        await Assertions.Expect(card.Locator("ol.timeline")).ToContainTextAsync("Thử lại bước lỗi: ghi kết quả bước xử lý");
        await Eventually(async () => (await fx.Api(People.Admin).JsonAsync($"admin/workflows/{Enc(signOff)}")).GetProperty("runtimeState").GetString() == "đã kết thúc");

        // 2. The restructure's failed reminder: skipped, with a reason the page asks for; the workflow waits at its step again.
        await page.GetByLabel("Quy trình", new() { Exact = true }).SelectOptionAsync("restructure");
        await page.GetByLabel("Phường", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
        card = page.Locator("li.card", new() { HasText = restructure });
        await Assertions.Expect(card).ToContainTextAsync("SendStepAlarm");
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new("^Xem chi tiết") }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Bỏ qua bước lỗi" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Xác nhận bỏ qua" }).ClickAsync();
        await Assertions.Expect(card.Locator(".field.has-error")).ToContainTextAsync("Vui lòng nhập lý do.");
        await card.GetByLabel("Lý do bỏ qua bước lỗi").FillAsync("Máy chủ thư đang bảo trì; đã gọi điện nhắc phường.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Xác nhận bỏ qua" }).ClickAsync();
        await Assertions.Expect(card.Locator(".alert.ok")).ToContainTextAsync("Đã bỏ qua bước lỗi");
        await Assertions.Expect(card.Locator("ol.timeline")).ToContainTextAsync("Máy chủ thư đang bảo trì; đã gọi điện nhắc phường.");
        await Eventually(async () => (await fx.Api(People.Admin).JsonAsync($"admin/workflows/{Enc(restructure)}")).GetProperty("workflow").GetProperty("step").GetString() == "assessment");

        // 3. The same restructure, now waiting for the ward again, ended with a reason; listed with the ended ones.
        await card.GetByRole(AriaRole.Button, new() { Name = "Kết thúc quy trình" }).ClickAsync();
        await card.GetByLabel("Lý do kết thúc quy trình").FillAsync("Phường đã sáp nhập; rà soát mở lại cho phường mới.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Xác nhận kết thúc" }).ClickAsync();
        await Assertions.Expect(card.Locator(".alert.ok")).ToContainTextAsync("Đã kết thúc quy trình.");
        await Eventually(async () => (await fx.Api(People.Admin).JsonAsync($"admin/workflows/{Enc(restructure)}")).GetProperty("workflow").GetProperty("state").GetString() == "terminated");
        await page.GetByLabel("Tình trạng").SelectOptionAsync("terminated");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("li.card", new() { HasText = restructure })).ToContainTextAsync("Phường đã sáp nhập; rà soát mở lại cho phường mới.");
        await fx.CheckAccessibilityAsync(page);
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task On_a_phone_the_operations_page_fits_the_screen_and_its_controls_are_at_least_24_px()
    {
        var signOff = await FailingSignOffAsync();
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.Admin);
        await fx.NavigateByMenuAsync(page, "Vận hành");
        var card = page.Locator("li.card", new() { HasText = signOff });
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new("^Xem chi tiết") }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Kết thúc quy trình" }).ClickAsync();
        await Assertions.Expect(card.GetByLabel("Lý do kết thúc quy trình")).ToBeVisibleAsync();
        await fx.CheckAccessibilityAsync(page);
        var small = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main button, main select, main input, main textarea')]
            .filter(el => el.offsetParent !== null && !el.classList.contains('visually-hidden'))
            .map(el => [el, el.getBoundingClientRect()]).filter(([, r]) => r.width < 24 || r.height < 24)
            .map(([el, r]) => `${el.tagName.toLowerCase()} '${(el.textContent || el.name || el.id).trim().slice(0, 40)}' ${Math.round(r.width)}×${Math.round(r.height)}`)");
        Assert.True(small.Length == 0, "Controls smaller than 24 × 24 px: " + string.Join("; ", small));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page is wider than the phone's screen.");

        fx.Faults.Heal(WorkflowActivities.CloseStep, signOff);
        await card.GetByRole(AriaRole.Button, new() { Name = "Thử lại bước lỗi" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thử lại" }).ClickAsync();
        await Assertions.Expect(card.Locator(".alert.ok")).ToContainTextAsync("Đã yêu cầu chạy lại bước lỗi.");
        Assert.Empty(fx.Errors[page]);
    }
}
