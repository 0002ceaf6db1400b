using Microsoft.Playwright;

namespace Tndtq.BrowserTests;

/// <summary>
/// Vận hành → Sao lưu và khôi phục from the browser: a backup started and followed to its end, restored with its id typed
/// to confirm (a wrong id refused), and the figure checks and rebuild as buttons with their results; on a phone's width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BackupJourneyTests(BrowserFixture fx)
{
    static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task An_administrator_backs_up_restores_with_a_typed_confirmation_and_checks_the_figures()
    {
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.Admin);
        await fx.NavigateByMenuAsync(page, "Vận hành");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sao lưu và khôi phục" })).ToBeVisibleAsync();
        await fx.CheckAccessibilityAsync(page);

        // A backup, followed while it runs: the status says tables and rows, then that it is done.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sao lưu ngay" }).ClickAsync();
        var job = page.Locator(".alert.job");
        await Assertions.Expect(job).ToContainTextAsync("Sao lưu");
        await Assertions.Expect(job).ToContainTextAsync(": Đã xong.", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await Assertions.Expect(job).ToContainTextAsync("Tiến độ: 17/17 bảng");
        var backupId = (await job.GetAttributeAsync("data-job"))!["backup-".Length..];
        var row = page.Locator("tr", new() { HasText = backupId });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await fx.CheckAccessibilityAsync(page);

        // The restore says what it overwrites and wants the backup's id typed.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Khôi phục bản sao lưu {backupId}" }).ClickAsync();
        await Assertions.Expect(page.Locator("form .alert.warn")).ToContainTextAsync("sẽ bị ghi đè");
        await Assertions.Expect(page.Locator("form .alert.warn")).ToContainTextAsync("Register");
        var confirm = page.GetByLabel($"Gõ mã bản sao lưu ({backupId}) để xác nhận");
        await confirm.FillAsync("đồng ý");
        await page.GetByRole(AriaRole.Button, new() { Name = "Khôi phục", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync($"Gõ đúng mã bản sao lưu {backupId}");
        await fx.CheckAccessibilityAsync(page);
        await confirm.FillAsync(backupId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Khôi phục", Exact = true }).ClickAsync();
        await Assertions.Expect(job.Locator("strong")).ToContainTextAsync("Khôi phục bản sao lưu "); // the backup's time, then its id beside
        await Assertions.Expect(job).ToContainTextAsync(backupId);
        await Assertions.Expect(job).ToContainTextAsync(": Đã xong.", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await Assertions.Expect(job).ToContainTextAsync("Tiến độ: 17/17 bảng");
        var jobs = await fx.Api(People.Admin).JsonAsync("admin/backups/jobs");
        var restore = jobs.EnumerateArray().First(j => j.GetProperty("kind").GetString() == "restore");
        Assert.Equal(backupId, restore.GetProperty("backupId").GetString());
        Assert.Equal(restore.GetProperty("rowsTotal").GetInt64(), restore.GetProperty("rowsDone").GetInt64());

        // The figures after the restore: the report check agrees, a ward's counters agree, the rebuild reports its wards.
        await page.GetByRole(AriaRole.Button, new() { Name = "Đối chiếu số liệu báo cáo" }).ClickAsync();
        await Assertions.Expect(page.Locator(".figures-check")).ToContainTextAsync("khớp với số đếm lại", new() { Timeout = 60_000 });
        await page.GetByLabel("Phường cần đối chiếu số tổ, thành viên").SelectOptionAsync("an-cu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đối chiếu số liệu phường" }).ClickAsync();
        await Assertions.Expect(page.Locator(".counters-check")).ToContainTextAsync("An Cư: số liệu đã lưu khớp với số đếm lại.");
        // Every ward there is now (the demo's 11 and those other browser tests added before this one).
        var wards = (await fx.Api(People.Admin).JsonAsync("wards")).GetArrayLength();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tính lại số liệu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".figures-rebuild")).ToContainTextAsync($"Đã tính lại số liệu của {wards} phường", new() { Timeout = 120_000 });
        await fx.CheckAccessibilityAsync(page);
        await fx.ScreenshotAsync(page, "sao-luu-khoi-phuc");
        Assert.Empty(fx.Errors[page]);
    }
}
