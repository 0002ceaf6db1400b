using System.Text.RegularExpressions;

namespace Tndtq.BrowserTests;

/// <summary>
/// Tập huấn in the web app: the district police plan a session and send the invitations, An Cư's officer confirms a
/// leader who needs training (the capacity refuses too many first) and then changes the list, adding a second leader (a
/// reason asked for), the police record attendance once the session has started and correct it (the second leader did not
/// come: a change and a reason asked for), and the coverage lists the second leader again but not the first; the first's
/// page in the register shows the session.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Police_plan_the_officer_confirms_and_changes_the_list_the_police_record_and_correct_attendance_and_coverage_follows()
    {
        // Two leaders of An Cư never trained (the demo's past session left some out).
        var coverage = await fx.Api(People.OfficerAnCu).JsonAsync("training/coverage?wardId=an-cu");
        var untrained = coverage.GetProperty("wards")[0].GetProperty("notTrained").EnumerateArray()
            .Where(p => p.GetProperty("roleName").GetString() == "Tổ trưởng" && p.GetProperty("flag").GetString() == "needs-training").ToList();
        var leader = untrained[0];
        var name = leader.GetProperty("fullName").GetString()!;
        var second = untrained.Skip(1).Select(p => p.GetProperty("fullName").GetString()!).First(n => !n.Contains(name) && !name.Contains(n));
        var memberUrl = $"/so-theo-doi/an-cu/to/{leader.GetProperty("groupId").GetString()}/thanh-vien/{leader.GetProperty("memberId").GetString()}";

        // The session starts (to the minute) two to three minutes from now (Vietnam time): the officer changes the list before, and its
        // attendance can be recorded in this test.
        var start = DateTime.UtcNow.AddHours(7).AddMinutes(3);
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

        // Until the session starts the officer may change the list: a second leader added, and the reason asked for beside its field.
        await fx.OpenAsync(officer, sessionPath);
        var change = officer.GetByRole(AriaRole.Button, new() { Name = "Đổi người tham dự", Exact = true });
        await Assertions.Expect(change).ToHaveAttributeAsync("aria-expanded", "false");
        await change.ClickAsync();
        await Assertions.Expect(confirm.Locator("h2")).ToHaveTextAsync("Đổi người tham dự");
        await Assertions.Expect(confirm.GetByLabel(name).First).ToBeCheckedAsync(); // the list starts from the people confirmed
        await Assertions.Expect(confirm.GetByLabel(second).First).Not.ToBeCheckedAsync();
        await confirm.GetByLabel(second).First.CheckAsync();
        var saveList = confirm.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách mới (2 người)" });
        await saveList.ClickAsync();
        await Assertions.Expect(confirm.Locator(".field.has-error", new() { HasText = "Lý do đổi người tham dự" })).ToContainTextAsync("Vui lòng ghi lý do đổi người tham dự.");
        const string changeReason = "Bổ sung tổ trưởng mới nhận nhiệm vụ"; // the page ends the sentence with its own full stop
        await confirm.GetByLabel("Lý do đổi người tham dự").FillAsync(changeReason);
        Assert.True(await officer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the change form is wider than a phone");
        await fx.ScreenshotAsync(officer, "tap-huan-doi-nguoi-360");
        await saveList.ClickAsync();
        await Assertions.Expect(officer.Locator(".alert.ok")).ToContainTextAsync("Đã đổi danh sách: 2 người tham dự.");
        var mine = officer.Locator("section[aria-labelledby='wards-h']");
        await Assertions.Expect(mine.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(mine.Locator("tbody")).ToContainTextAsync(second);
        await Assertions.Expect(mine.Locator("p.meta")).ToContainTextAsync(new Regex($"^2 người, đổi bởi .+: {Regex.Escape(changeReason)}\\.$"));
        await Assertions.Expect(mine.Locator("details summary")).ToHaveTextAsync("Danh sách trước khi đổi (1)");
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
        await Assertions.Expect(police.Locator("section[aria-labelledby='wards-h'] tbody")).ToContainTextAsync(second); // the police read the changed list
        await Assertions.Expect(record).ToHaveTextAsync("Lưu điểm danh (2/2 có mặt)");
        await fx.ScreenshotAsync(police, "tap-huan-diem-danh-1366");
        await record.ClickAsync();
        await Assertions.Expect(police.Locator(".title-row .tag")).ToHaveTextAsync("Đã tổ chức");
        var secondRow = police.Locator("section[aria-labelledby='wards-h'] tbody tr", new() { HasText = second });
        await Assertions.Expect(secondRow).ToContainTextAsync("Có mặt");

        // The second leader did not come after all: the police correct the attendance, asked for a change and for the reason first.
        var correct = police.GetByRole(AriaRole.Button, new() { Name = "Sửa điểm danh", Exact = true });
        await correct.ClickAsync();
        var correction = police.Locator("form[aria-labelledby='corr-form-h']");
        await Assertions.Expect(correction).ToBeVisibleAsync();
        var saveCorrection = correction.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Lưu sửa điểm danh") });
        await Assertions.Expect(saveCorrection).ToHaveTextAsync("Lưu sửa điểm danh (0 người)");
        await saveCorrection.ClickAsync();
        await Assertions.Expect(correction.Locator("p.error", new() { HasText = "Chưa đổi điểm danh của ai." })).ToBeVisibleAsync();
        await Assertions.Expect(correction.Locator(".field.has-error", new() { HasText = "Lý do sửa điểm danh" })).ToContainTextAsync("Vui lòng ghi lý do sửa điểm danh.");
        await correction.GetByLabel(second).UncheckAsync();
        await Assertions.Expect(saveCorrection).ToHaveTextAsync("Lưu sửa điểm danh (1 người)");
        await saveCorrection.ClickAsync();
        await Assertions.Expect(correction.Locator(".field.has-error", new() { HasText = "Lý do sửa điểm danh" })).ToContainTextAsync("Vui lòng ghi lý do sửa điểm danh.");
        await Assertions.Expect(correction.Locator("p.error", new() { HasText = "Chưa đổi điểm danh của ai." })).ToHaveCountAsync(0);
        const string correctionReason = "Theo danh sách ký dự, ông vắng mặt.";
        await correction.GetByLabel("Lý do sửa điểm danh").FillAsync(correctionReason);
        await fx.ScreenshotAsync(police, "tap-huan-sua-diem-danh-1366");
        await saveCorrection.ClickAsync();
        await Assertions.Expect(police.Locator(".alert.ok")).ToContainTextAsync("Đã sửa điểm danh của 1 người.");
        await Assertions.Expect(correction).ToHaveCountAsync(0);
        await Assertions.Expect(secondRow).ToContainTextAsync("Vắng");
        await Assertions.Expect(police.Locator("section[aria-labelledby='wards-h'] tbody tr", new() { HasText = name })).ToContainTextAsync("Có mặt");
        var corrections = police.Locator("section[aria-labelledby='corr-h']");
        await Assertions.Expect(corrections.Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(corrections.Locator("li")).ToContainTextAsync($"vắng: {second}");
        await Assertions.Expect(corrections.Locator("li .comment")).ToHaveTextAsync(correctionReason);
        await fx.CheckAccessibilityAsync(police);

        // Coverage no longer lists the leader; their page shows the session.
        await fx.OpenAsync(police, "/tap-huan/bao-phu");
        await police.GetByRole(AriaRole.Link, new() { Name = "An Cư", Exact = true }).ClickAsync();
        var anCu = police.Locator("section", new() { Has = police.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Phường An Cư: chưa tập huấn") }) });
        await Assertions.Expect(anCu).ToBeVisibleAsync();
        await Assertions.Expect(anCu.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(anCu.GetByRole(AriaRole.Link, new() { Name = second, Exact = true })).ToHaveCountAsync(1); // corrected to absent: still to train
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
