using System.Text.RegularExpressions;

namespace Tndtq.BrowserTests;

/// <summary>
/// Tập huấn in the web app: the district police plan a session and send the invitations, An Cư's officer confirms a
/// leader who needs training (the capacity refuses too many first), the police record attendance once the session has
/// started, and the coverage no longer lists that leader; their page in the register shows the session.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Police_plan_the_officer_confirms_the_police_record_attendance_and_coverage_shows_the_leader_trained()
    {
        // A leader of An Cư never trained (the demo's past session left some out).
        var coverage = await fx.Api(People.OfficerAnCu).JsonAsync("training/coverage?wardId=an-cu");
        var leader = coverage.GetProperty("wards")[0].GetProperty("notTrained").EnumerateArray()
            .First(p => p.GetProperty("roleName").GetString() == "Tổ trưởng" && p.GetProperty("flag").GetString() == "needs-training");
        var name = leader.GetProperty("fullName").GetString()!;
        var memberUrl = $"/so-theo-doi/an-cu/to/{leader.GetProperty("groupId").GetString()}/thanh-vien/{leader.GetProperty("memberId").GetString()}";

        // The session starts two minutes from now (Vietnam time), so its attendance can be recorded in this test.
        var start = DateTime.UtcNow.AddHours(7).AddMinutes(2);
        var title = "Tập huấn pháp luật cho tổ trưởng " + Guid.NewGuid().ToString("N")[..4];

        var police = await fx.NewPageAsync();
        await fx.SignInAsync(police, People.Police);
        await police.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" }).GetByRole(AriaRole.Link, new() { Name = "Tập huấn" }).ClickAsync();
        await Assertions.Expect(police.Locator("main h1")).ToHaveTextAsync("Hội nghị tập huấn");
        await police.GetByRole(AriaRole.Link, new() { Name = "Lập kế hoạch tập huấn" }).ClickAsync();
        await Assertions.Expect(police.Locator("main h1")).ToHaveTextAsync("Lập kế hoạch tập huấn");
        await police.GetByLabel("Chủ đề").SelectOptionAsync("law");
        await police.GetByLabel("Tên hội nghị").FillAsync(title);
        await police.GetByLabel("Ngày tổ chức").FillAsync(start.ToString("dd/MM/yyyy"));
        await police.GetByLabel("Giờ bắt đầu").FillAsync(start.ToString("HH:mm"));
        await police.GetByLabel("Địa điểm").FillAsync("Hội trường Công an quận Ninh Kiều");
        await police.GetByLabel("Báo cáo viên").FillAsync("Trung tá Phan Văn Hòa");
        await police.GetByLabel("Số chỗ").FillAsync("2");
        await police.GetByLabel("Hạn phường xác nhận người tham dự").FillAsync(start.ToString("dd/MM/yyyy"));
        var wards = police.Locator("fieldset.choices").First;
        foreach (var box in await wards.Locator("input[type=checkbox]").AllAsync()) await box.UncheckAsync();
        await police.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();
        await Assertions.Expect(police.Locator(".field.has-error, fieldset.has-error")).ToContainTextAsync("Vui lòng chọn ít nhất một phường được mời.");
        await wards.GetByLabel("An Cư").CheckAsync();
        // The leaders who need training in the wards chosen are suggested for the invitation list.
        await Assertions.Expect(police.Locator("fieldset.choices").Nth(2)).ToContainTextAsync(name);
        await police.GetByLabel("Tổ phó các tổ đang hoạt động").UncheckAsync();
        await fx.ScreenshotAsync(police, "tap-huan-lap-ke-hoach-1366");
        await police.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();
        await Assertions.Expect(police.Locator("main h1")).ToContainTextAsync(title);
        await Assertions.Expect(police.Locator(".title-row .tag")).ToHaveTextAsync("Đang lập kế hoạch");
        await police.GetByRole(AriaRole.Button, new() { Name = "Gửi giấy mời" }).ClickAsync();
        await Assertions.Expect(police.Locator(".title-row .tag")).ToHaveTextAsync("Đã gửi giấy mời");
        var sessionPath = new Uri(police.Url).AbsolutePath;

        // The officer, on a phone: too many people are refused with the seats left; then the leader is confirmed.
        var officer = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(officer, People.OfficerAnCu);
        await fx.OpenAsync(officer, "/tap-huan");
        await officer.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var confirm = officer.Locator("form[aria-labelledby='confirm-h']");
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Chọn tất cả", Exact = true }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Xác nhận \\d+ người tham dự$") }).ClickAsync();
        await Assertions.Expect(confirm.Locator(".alert.error")).ToContainTextAsync("Hội nghị chỉ còn 2 chỗ");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Bỏ chọn tất cả" }).ClickAsync();
        await confirm.GetByLabel(name).First.CheckAsync();
        Assert.True(await officer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the confirm form is wider than a phone");
        await fx.ScreenshotAsync(officer, "tap-huan-xac-nhan-360");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Xác nhận 1 người tham dự" }).ClickAsync();
        await Assertions.Expect(officer.Locator("[role=status].alert.ok, .alert.ok")).ToContainTextAsync("Đã xác nhận 1 người tham dự.");
        await Assertions.Expect(officer.Locator("section[aria-labelledby='wards-h']")).ToContainTextAsync(name);
        await Assertions.Expect(confirm).ToHaveCountAsync(0);

        // The police record attendance once the session has started (the button comes from the server then).
        var record = police.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Lưu điểm danh") });
        var until = DateTime.UtcNow.AddMinutes(4);
        do
        {
            await fx.OpenAsync(police, sessionPath);
            await Assertions.Expect(police.Locator("main h1")).ToContainTextAsync(title);
            if (await record.CountAsync() > 0) break;
            await Task.Delay(5000);
        } while (DateTime.UtcNow < until);
        await Assertions.Expect(record).ToHaveTextAsync("Lưu điểm danh (1/1 có mặt)");
        await fx.ScreenshotAsync(police, "tap-huan-diem-danh-1366");
        await record.ClickAsync();
        await Assertions.Expect(police.Locator(".title-row .tag")).ToHaveTextAsync("Đã tổ chức");
        await Assertions.Expect(police.Locator("section[aria-labelledby='wards-h'] tbody")).ToContainTextAsync("Có mặt");

        // Coverage no longer lists the leader; their page shows the session.
        await fx.OpenAsync(police, "/tap-huan/bao-phu");
        await police.GetByRole(AriaRole.Link, new() { Name = "An Cư", Exact = true }).ClickAsync();
        var anCu = police.Locator("section", new() { Has = police.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Phường An Cư: chưa tập huấn") }) });
        await Assertions.Expect(anCu).ToBeVisibleAsync();
        await Assertions.Expect(anCu.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        await fx.ScreenshotAsync(police, "tap-huan-bao-phu-1366");
        await fx.OpenAsync(officer, memberUrl);
        await Assertions.Expect(officer.Locator("section[aria-labelledby='training-h']")).ToContainTextAsync(title);
        await Assertions.Expect(officer.Locator("section[aria-labelledby='training-h'] .tag.ok")).ToHaveTextAsync("Đã tập huấn");
        await fx.OpenAsync(officer, "/tap-huan/bao-phu");
        await Assertions.Expect(officer.Locator("main h1")).ToHaveTextAsync("Tỷ lệ tổ trưởng, tổ phó đã tập huấn");
        await Assertions.Expect(officer.Locator("section h2").First).ToContainTextAsync("Phường An Cư: chưa tập huấn");
        Assert.True(await officer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the coverage is wider than a phone");
        await fx.ScreenshotAsync(officer, "tap-huan-bao-phu-360");
        Assert.Empty(fx.Errors[police]);
        Assert.Empty(fx.Errors[officer]);
    }
}
