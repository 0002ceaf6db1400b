using System.Text;

namespace Tndtq.BrowserTests;

/// <summary>Họp tổ in the web app: an officer records a group's meeting with its attendance, a task and the minutes, and sees it on the group.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingJourneyTests(BrowserFixture fx)
{
    static string Vn(DateTime d) => d.ToString("dd/MM/yyyy");
    static DateTime TodayVn => DateTime.UtcNow.AddHours(7).Date;

    [Fact]
    public async Task An_officer_records_a_meeting_with_attendance_a_task_and_minutes_and_sees_it_on_the_group()
    {
        // A group that has not met yet (the demo data leaves some without meetings).
        var summary = await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/meeting-summary");
        var group = summary.GetProperty("groups").EnumerateArray().First(g => !g.TryGetProperty("lastMeeting", out var d) || d.ValueKind == System.Text.Json.JsonValueKind.Null);
        var groupId = group.GetProperty("groupId").GetString()!;
        var groupName = group.GetProperty("groupName").GetString()!;
        var members = (await fx.Api(People.OfficerAnCu).JsonAsync($"wards/an-cu/groups/{groupId}/members?status=active")).GetProperty("items");
        var excused = members[1].GetProperty("fullName").GetString()!;

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}");
        var meetings = page.Locator("section[aria-labelledby='meet-h']");
        await Assertions.Expect(meetings).ToContainTextAsync("(chưa có biên bản họp)");
        await meetings.GetByRole(AriaRole.Link, new() { Name = "Ghi biên bản họp" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Ghi biên bản họp");

        // The attendance list is the group's members, each present until changed.
        var attendance = page.Locator("fieldset.attendance select");
        await Assertions.Expect(attendance).ToHaveCountAsync(members.GetArrayLength());
        await page.GetByLabel(excused).SelectOptionAsync("excused");
        await Assertions.Expect(page.Locator("fieldset.attendance legend")).ToContainTextAsync($"({members.GetArrayLength() - 1}/{members.GetArrayLength()} có mặt)");
        await page.GetByLabel("Khách mời (mỗi người một dòng)").FillAsync("Đại diện Công an phường An Cư");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm việc" }).ClickAsync();
        await page.GetByLabel("Việc 1").FillAsync("Vận động các hộ đăng ký tạm trú cho người thuê trọ");
        await page.GetByLabel("Người thực hiện").FillAsync("Tổ trưởng");
        await page.GetByLabel("Hạn hoàn thành").FillAsync(Vn(TodayVn.AddDays(14)));
        await page.Locator("#mf-file").SetInputFilesAsync(new FilePayload { Name = "Biên bản họp tổ.pdf", MimeType = "application/pdf", Buffer = Pdf("bien-ban") });

        // Without content, and with a date in the future: the reasons stand beside their fields, nothing typed is lost.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu biên bản" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync("Vui lòng nhập nội dung cuộc họp.");
        await page.GetByLabel("Nội dung cuộc họp").FillAsync("Triển khai mô hình camera an ninh; nhắc nhở phòng cháy, chữa cháy mùa khô.");
        await page.GetByLabel("Ngày họp").FillAsync(Vn(TodayVn.AddDays(2)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu biên bản" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync("Ngày họp không được sau ngày hôm nay.");
        await Assertions.Expect(page.GetByLabel("Việc 1")).ToHaveValueAsync("Vận động các hộ đăng ký tạm trú cho người thuê trọ");
        await page.GetByLabel("Ngày họp").FillAsync(Vn(TodayVn));
        await fx.ScreenshotAsync(page, "hop-to-ghi-bien-ban-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu biên bản" }).ClickAsync();

        // The meeting: attendance, the task, the minutes; the task is marked done from its button.
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync($"Họp {groupName}");
        await Assertions.Expect(page.Locator("section[aria-labelledby='att-h']")).ToContainTextAsync(excused);
        await Assertions.Expect(page.Locator("section[aria-labelledby='att-h']")).ToContainTextAsync("Vắng có lý do");
        await Assertions.Expect(page.Locator("section[aria-labelledby='min-h']")).ToContainTextAsync("Biên bản họp tổ.pdf");
        var tasks = page.Locator("section[aria-labelledby='tasks-h']");
        await Assertions.Expect(tasks).ToContainTextAsync("Vận động các hộ đăng ký tạm trú cho người thuê trọ");
        await fx.ScreenshotAsync(page, "hop-to-cuoc-hop-1366");
        await tasks.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã xong" }).ClickAsync();
        await Assertions.Expect(tasks.Locator(".tag.ok")).ToHaveTextAsync("Đã xong");
        await Assertions.Expect(tasks.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // A correction: the kind changes, the reason is asked for, the earlier version is kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa biên bản" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Sửa biên bản họp");
        await Assertions.Expect(page.GetByLabel("Việc 1")).ToHaveValueAsync("Vận động các hộ đăng ký tạm trú cho người thuê trọ");
        await page.GetByLabel("Hình thức").SelectOptionAsync("extraordinary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản sửa" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync("Vui lòng ghi lý do sửa biên bản.");
        await page.GetByLabel("Lý do sửa biên bản").FillAsync("Cuộc họp được triệu tập đột xuất");
        await fx.ScreenshotAsync(page, "hop-to-sua-bien-ban-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản sửa" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Bất thường");
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("Đã sửa 1 lần");
        await Assertions.Expect(tasks.Locator(".tag.ok")).ToHaveTextAsync("Đã xong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem 1 bản trước" }).ClickAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby='ver-h']")).ToContainTextAsync("Bản 1");
        await Assertions.Expect(page.Locator("section[aria-labelledby='ver-h']")).ToContainTextAsync("định kỳ");
        var meetingPath = new Uri(page.Url).AbsolutePath;

        // The group shows its last meeting (today) and this year's count.
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}");
        await Assertions.Expect(meetings).ToContainTextAsync($"Họp gần nhất: {Vn(TodayVn)}");
        await Assertions.Expect(meetings).ToContainTextAsync($"Số cuộc họp năm {TodayVn.Year}: 1");

        // The ward's meetings list it; on a phone the list and the form fit the screen.
        var phone = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(phone, People.OfficerAnCu);
        await fx.OpenAsync(phone, "/hop-to/an-cu");
        await Assertions.Expect(phone.Locator("section[aria-labelledby='list-h']")).ToContainTextAsync(groupName);
        await fx.ScreenshotAsync(phone, "hop-to-phuong-360");
        await fx.OpenAsync(phone, $"/hop-to/an-cu/ghi-moi?to={groupId}");
        await Assertions.Expect(phone.Locator("fieldset.attendance select")).ToHaveCountAsync(members.GetArrayLength());
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the form is wider than a phone");
        await fx.ScreenshotAsync(phone, "hop-to-ghi-bien-ban-360");

        // Removed on the phone (recorded in error): a reason is asked for; the minutes stay readable with who, when and why,
        // leave the ward's list for "Biên bản đã xóa", and the group's count follows.
        await fx.OpenAsync(phone, meetingPath);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Xóa biên bản" }).ClickAsync();
        var confirmRemoval = phone.GetByRole(AriaRole.Button, new() { Name = "Xác nhận xóa biên bản" });
        await confirmRemoval.ClickAsync();
        await Assertions.Expect(phone.Locator(".field.has-error")).ToContainTextAsync("Vui lòng ghi lý do xóa biên bản.");
        await phone.GetByLabel("Lý do xóa").FillAsync("Ghi nhầm tổ, sẽ ghi lại");
        await confirmRemoval.ClickAsync();
        var removed = phone.Locator(".alert.removed");
        await Assertions.Expect(removed).ToContainTextAsync("Biên bản đã bị xóa bởi");
        await Assertions.Expect(removed.Locator(".comment")).ToHaveTextAsync("Ghi nhầm tổ, sẽ ghi lại");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Xóa biên bản" })).ToHaveCountAsync(0);
        await fx.OpenAsync(phone, "/hop-to/an-cu");
        await phone.GetByLabel("Tổ", new() { Exact = true }).SelectOptionAsync("removed");
        await Assertions.Expect(phone.Locator("section[aria-labelledby='list-h'] tbody")).ToContainTextAsync(groupName);
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}");
        await Assertions.Expect(meetings).ToContainTextAsync($"Số cuộc họp năm {TodayVn.Year}: 0");
        Assert.Empty(fx.Errors[page]);
        Assert.Empty(fx.Errors[phone]);
    }

    static byte[] Pdf(string note) => Encoding.UTF8.GetBytes(
        "%PDF-1.4\n% " + note + "\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");
}
