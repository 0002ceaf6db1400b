using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Tndtq.BrowserTests;

/// <summary>What people do in the web app, in Chromium against the real local host.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task A_person_signs_in_by_picking_a_demo_person_and_the_header_says_who_and_where()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đăng nhập dùng thử");
        // By keyboard: the people are buttons in reading order.
        await page.GetByRole(AriaRole.Button, new() { Name = "Phạm Thị Lan" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("header.top .name")).ToContainTextAsync("Phạm Thị Lan");
        // The first stop in tab order is the link that skips to the content (read from the page's own order,
        // not from where focus happens to be after the app moved it to the new screen's heading).
        var firstStop = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('a[href],button,input,select,textarea,[tabindex]')].filter(e => e.tabIndex >= 0 && !e.disabled)[0]?.textContent.trim()");
        Assert.Equal("Bỏ qua, đến nội dung chính", firstStop);
        await Assertions.Expect(page.Locator("header.top .role")).ToHaveTextAsync("Cán bộ UBND phường · Phường An Cư");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" })).Not.ToContainTextAsync("Quản trị");

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đăng nhập dùng thử");
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task Home_shows_my_tasks_soonest_first_and_my_notices_which_I_mark_read()
    {
        var officer = fx.Api(People.OfficerAnCu);
        var title = "Tờ trình thử trang Việc của tôi " + Guid.NewGuid().ToString("N")[..6];
        var created = await officer.PostJsonAsync("wards/an-cu/sign-offs", new { title, dueInMinutes = 60 * 24 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var chairman = fx.Api(People.ChairmanAnCu);
        for (var i = 0; i < 150 && !(await chairman.JsonAsync("inbox")).GetProperty("notices").EnumerateArray().Any(n => n.GetProperty("body").GetString()!.Contains(title)); i++)
            await Task.Delay(200);

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.ChairmanAnCu);
        var task = page.Locator(".card.task", new() { HasText = title });
        await Assertions.Expect(task).ToBeVisibleAsync();
        await Assertions.Expect(task).ToContainTextAsync("Hạn:");
        var notice = page.Locator(".card.notice.unread", new() { HasText = title }).First;
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await notice.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã đọc" }).ClickAsync();
        await Assertions.Expect(page.Locator(".card.notice.read", new() { HasText = title }).First).ToContainTextAsync("Đã đọc");
        Assert.Empty(fx.Errors[page]);
    }

    const string Header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";
    static FilePayload Csv(string name, params string[] rows) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows])) };

    [Fact]
    public async Task An_import_with_a_rejected_row_is_shown_corrected_and_committed_once()
    {
        var group = "Tổ 41, khu vực " + Random.Shared.Next(100, 999);
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" }).GetByRole(AriaRole.Link, new() { Name = "Sổ theo dõi" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ tệp Excel/CSV" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nhập sổ theo dõi từ tệp");

        await page.Locator("#import-file").SetInputFilesAsync(Csv("so-to.csv",
            $"\"{group}\",Hẻm 9,30,01/02/2020,12/QĐ-UBND,Nguyễn Văn Tư,Nam,1970,\"Số 1, hẻm 9\",,,Tổ trưởng,01/02/2020",
            $"\"{group}\",,,,,Lê Thị Năm,Nữ,19x2,\"Số 2, hẻm 9\",,,Thành viên,01/02/2020"));
        var rejected = page.Locator("table.report tr.rejected");
        await Assertions.Expect(rejected).ToHaveCountAsync(1);
        await Assertions.Expect(rejected).ToContainTextAsync("Năm sinh \"19x2\" không hợp lệ");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào sổ" })).ToHaveCountAsync(0);
        await fx.ScreenshotAsync(page, "nhap-tu-tep-bi-tu-choi-1366");

        await page.Locator("#import-file").SetInputFilesAsync(Csv("so-to-da-sua.csv",
            $"\"{group}\",Hẻm 9,30,01/02/2020,12/QĐ-UBND,Nguyễn Văn Tư,Nam,1970,\"Số 1, hẻm 9\",,,Tổ trưởng,01/02/2020",
            $"\"{group}\",,,,,Lê Thị Năm,Nữ,1982,\"Số 2, hẻm 9\",,,Thành viên,01/02/2020"));
        await Assertions.Expect(page.Locator("table.report tr.rejected")).ToHaveCountAsync(0);
        // A double click sends one request: the button is disabled while the first is on its way.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào sổ" }).DblClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Đã ghi vào sổ.");

        var groups = await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=200");
        var created = groups.GetProperty("items").EnumerateArray().Where(g => g.GetProperty("name").GetString() == group).ToList();
        Assert.Single(created);
        Assert.Equal(2, created[0].GetProperty("activeMembers").GetInt32());
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task Two_people_edit_one_group_the_second_is_told_reloads_and_loses_nothing_typed()
    {
        var groups = await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=5");
        var groupId = groups.GetProperty("items")[1].GetProperty("id").GetString()!;
        var url = $"/so-theo-doi/an-cu/to/{groupId}";
        var first = await fx.NewPageAsync();
        var second = await fx.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await fx.SignInAsync(page, People.OfficerAnCu);
            await fx.OpenAsync(page, url);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sửa thông tin tổ" }).ClickAsync();
        }
        var households = Random.Shared.Next(60, 99).ToString();
        await first.GetByLabel("Số hộ").FillAsync(households);
        await first.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(first.Locator("form.editor")).ToHaveCountAsync(0);

        const string area = "Hẻm 412, đường Mậu Thân (người thứ hai nhập)";
        await second.GetByLabel("Địa bàn").FillAsync(area);
        await second.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(second.Locator(".alert.warn")).ToContainTextAsync("Người khác vừa thay đổi tổ này");
        await Assertions.Expect(second.GetByLabel("Địa bàn")).ToHaveValueAsync(area);
        await fx.ScreenshotAsync(second, "xung-dot-412-1366");

        await second.GetByRole(AriaRole.Button, new() { Name = "Tải bản mới nhất, giữ nội dung đã nhập" }).ClickAsync();
        await Assertions.Expect(second.GetByLabel("Địa bàn")).ToHaveValueAsync(area);
        await Assertions.Expect(second.GetByLabel("Số hộ")).ToHaveValueAsync(households);
        await Assertions.Expect(second.Locator("form.editor")).ToContainTextAsync($"Người khác đã đổi thành: {households}");
        await second.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(second.Locator("form.editor")).ToHaveCountAsync(0);
        await Assertions.Expect(second.Locator("dl.facts")).ToContainTextAsync(area);
        await Assertions.Expect(second.Locator("dl.facts")).ToContainTextAsync(households);
        Assert.Empty(fx.Errors[first]);
        Assert.Empty(fx.Errors[second]);
    }

    [Fact]
    public async Task An_an_cu_officer_sees_no_trace_of_cai_khe_on_any_screen()
    {
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        var groupId = (await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var seen = new List<string>();
        async Task Check(string path, string? waitFor = null)
        {
            await fx.OpenAsync(page, path);
            await page.Locator(waitFor ?? "main h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var text = await page.Locator("body").InnerTextAsync();
            seen.Add(path);
            Assert.DoesNotContain("Cái Khế", text);
            Assert.DoesNotContain("cai-khe", text);
        }
        await Check("/");
        await Check("/so-theo-doi", "table");
        await Check("/so-theo-doi/an-cu", "table");
        await Check($"/so-theo-doi/an-cu/to/{groupId}", "table");
        await Check("/so-theo-doi/an-cu/nhap-tu-tep");
        await Check("/ra-soat");
        await Check("/khen-thuong");
        // A search over every name the officer may see finds people of An Cư only.
        await fx.OpenAsync(page, "/so-theo-doi/an-cu");
        await page.GetByLabel("Họ và tên (gõ có dấu hoặc không dấu)").FillAsync("nguyen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await page.Locator("ul.hits li").First.WaitForAsync();
        Assert.DoesNotContain("Cái Khế", await page.Locator("body").InnerTextAsync());
        // Asking for the other ward by its address is refused, in Vietnamese, without naming it.
        await Check("/so-theo-doi/cai-khe", ".alert.error");
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Bạn chỉ được thao tác trên dữ liệu của phường mình.");
        // A refusal offers the way home, not a retry that can only be refused again.
        await Assertions.Expect(page.Locator(".alert.error").GetByRole(AriaRole.Link, new() { Name = "Về trang Việc của tôi" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".alert.error").GetByRole(AriaRole.Button, new() { Name = "Thử lại" })).ToHaveCountAsync(0);
        await Check("/quan-tri", ".alert.error");
        output.WriteLine("Checked: " + string.Join(", ", seen));
    }

    [Fact]
    public async Task A_failure_is_shown_in_vietnamese_beside_its_field_and_the_form_keeps_its_content()
    {
        var groupId = (await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=3")).GetProperty("items")[2].GetProperty("id").GetString();
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên" }).ClickAsync();
        var name = new string('A', 101); // longer than a name may be: the API's 400 names the field
        await page.GetByLabel("Họ và tên").FillAsync(name);
        await page.GetByLabel("Ngày tham gia").FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào tổ" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Ngày tham gia" })).ToContainTextAsync("Ngày chưa đúng");
        await page.GetByLabel("Ngày tham gia").FillAsync("20/11/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào tổ" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Họ và tên" })).ToContainTextAsync("dài quá 100 ký tự");
        await Assertions.Expect(page.GetByLabel("Họ và tên")).ToHaveValueAsync(name);
        // The form's general message never names the field by the API's path ("Trường \"fullName\" …").
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Vui lòng sửa các ô được đánh dấu.");
        await Assertions.Expect(page.Locator(".alert.error")).Not.ToContainTextAsync("fullName");

        // The network fails: the form says so and keeps its content; the retry carries the same request id.
        var ids = new List<string>();
        var fail = true;
        await page.RouteAsync("**/members", async route =>
        {
            if (route.Request.Method != "POST") { await route.ContinueAsync(); return; }
            ids.Add(route.Request.Headers["x-requestid"]);
            if (fail) { fail = false; await route.AbortAsync(); } else await route.ContinueAsync();
        });
        var person = "Trần Văn Mạng " + Random.Shared.Next(100, 999);
        await page.GetByLabel("Họ và tên").FillAsync(person);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào tổ" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Không kết nối được máy chủ");
        await Assertions.Expect(page.GetByLabel("Họ và tên")).ToHaveValueAsync(person);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào tổ" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync($"Đã thêm {person} vào tổ.");
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
    }
}
