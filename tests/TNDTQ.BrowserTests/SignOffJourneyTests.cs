using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Tndtq.BrowserTests;

/// <summary>
/// Tờ trình ký duyệt on a phone: the ward's list, a new request sent with the server's 400s beside the fields, and one
/// sign-in holding the ward officer's and the chairman's roles, each offered where it applies.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignOffJourneyTests(BrowserFixture fx)
{
    /// <summary>Signs in as a person the demo list does not show (made by an administrator): the development sign-in keeps the id for the tab.</summary>
    internal static async Task SignInAsStaffAsync(BrowserFixture fx, IPage page, string objectId)
    {
        await page.GotoAsync("/");
        await page.Locator("main h1").First.WaitForAsync();
        await page.EvaluateAsync("id => sessionStorage.setItem('tndtq.dev-principal', id)", objectId);
        await page.GotoAsync("/");
        await page.Locator("header.top .name").WaitForAsync();
        await fx.CheckAccessibilityAsync(page);
    }

    [Fact]
    public async Task A_ward_officer_lists_the_wards_sign_offs_and_sends_one_told_beside_each_field_what_is_wrong()
    {
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.NavigateByMenuAsync(page, "Tờ trình ký duyệt");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/to-trinh/an-cu$"));
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Tờ trình ký duyệt");

        await page.GetByRole(AriaRole.Button, new() { Name = "Trình ký tờ trình mới" }).ClickAsync();
        await fx.CheckAccessibilityAsync(page);
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Gửi Chủ tịch ký duyệt" });
        await send.ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Tiêu đề tờ trình" })).ToContainTextAsync("Vui lòng nhập tiêu đề tờ trình.");

        // A deadline already past passes the page's own check (it is a date) and the server refuses it: its sentence shows beside the date.
        var title = "Tờ trình xin ý kiến kiện toàn Tổ 4 " + Guid.NewGuid().ToString("N")[..4];
        await page.GetByLabel("Tiêu đề tờ trình").FillAsync(title);
        await page.GetByLabel("Hạn ký duyệt").FillAsync("01/01/2020");
        await send.ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Hạn ký duyệt" }))
            .ToContainTextAsync("Thời hạn ký duyệt phải sau thời điểm hiện tại và không quá 90 ngày.");
        await Assertions.Expect(page.GetByLabel("Tiêu đề tờ trình")).ToHaveValueAsync(title); // nothing typed is lost

        var due = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(10);
        await page.GetByLabel("Hạn ký duyệt").FillAsync(due.ToString("dd/MM/yyyy"));
        await send.ClickAsync();
        // The new request's page follows the workflow until the chairman's step opens, without a reload.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/to-trinh/an-cu/[a-z0-9-]+$"));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("Chờ Chủ tịch UBND phường ký duyệt");
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync($"hết ngày {due:dd/MM/yyyy}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tờ trình ký duyệt" }).First.ClickAsync();
        await fx.CheckAccessibilityAsync(page);
        var row = page.Locator("tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Chờ Chủ tịch UBND phường ký duyệt");
        await Assertions.Expect(row).ToContainTextAsync("Phạm Thị Lan");

        // The chairman reads the same list and is offered no new request (the list's "create" is the officer's).
        var chairman = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(chairman, People.ChairmanAnCu);
        await fx.OpenAsync(chairman, "/to-trinh/an-cu");
        await Assertions.Expect(chairman.Locator("tr", new() { HasText = title })).ToHaveCountAsync(1);
        await Assertions.Expect(chairman.GetByRole(AriaRole.Button, new() { Name = "Trình ký tờ trình mới" })).ToHaveCountAsync(0);
        Assert.Empty(fx.Errors[page]);
        Assert.Empty(fx.Errors[chairman]);
    }

    [Fact]
    public async Task An_administrator_gives_one_person_two_roles_who_then_sends_and_signs_in_their_ward_only()
    {
        var objectId = "hai-vai-" + Guid.NewGuid().ToString("N")[..6];
        var admin = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(admin, People.Admin);
        await fx.NavigateByMenuAsync(admin, "Quản trị");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm cán bộ" }).ClickAsync();
        await admin.GetByLabel("Mã đối tượng").FillAsync(objectId);
        await admin.GetByLabel("Họ và tên, chức vụ").FillAsync("Trần Thị Hai Vai (phường Xuân Khánh)");
        // A ward role and a district role together: the server says no, beside the roles.
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Công an quận" }).CheckAsync();
        await admin.GetByLabel("Phường", new() { Exact = true }).SelectOptionAsync("xuan-khanh");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(admin.Locator("fieldset.choices.has-error")).ToContainTextAsync("Không gán đồng thời vai trò cấp phường và cấp phê duyệt cho một người.");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Công an quận" }).UncheckAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Chủ tịch UBND phường" }).CheckAsync();
        await fx.CheckAccessibilityAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var row = admin.Locator("tr", new() { HasText = "Trần Thị Hai Vai" });
        await Assertions.Expect(row).ToContainTextAsync("Cán bộ UBND phường, Chủ tịch UBND phường");
        await Assertions.Expect(row).ToContainTextAsync("Xuân Khánh");

        var page = await fx.NewPageAsync(360, 800);
        await SignInAsStaffAsync(fx, page, objectId);
        await Assertions.Expect(page.Locator("header.top .role")).ToHaveTextAsync("Cán bộ UBND phường, Chủ tịch UBND phường · Phường Xuân Khánh");
        await fx.NavigateByMenuAsync(page, "Tờ trình ký duyệt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trình ký tờ trình mới" }).ClickAsync();
        var title = "Tờ trình một người hai vai trò " + Guid.NewGuid().ToString("N")[..4];
        await page.GetByLabel("Tiêu đề tờ trình").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi Chủ tịch ký duyệt" }).ClickAsync();
        // As the chairman of the same ward they are offered the decision, and take it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = ApiHelpers.Confirming("Duyệt") }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("Đã duyệt");

        // Another ward's sign-offs are not theirs to read.
        await fx.OpenAsync(page, "/to-trinh/an-cu");
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Bạn chỉ được thao tác trên dữ liệu của phường mình.");

        // The chairman's role taken away: their next request no longer has it.
        var response = await fx.Api(People.Admin).PutAsJsonAsync($"staff/{objectId}",
            new { displayName = "Trần Thị Hai Vai (phường Xuân Khánh)", roles = new[] { "ward-officer" }, wardId = "xuan-khanh" });
        response.EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("header.top .role")).ToHaveTextAsync("Cán bộ UBND phường · Phường Xuân Khánh");
        Assert.Empty(fx.Errors[admin]);
        Assert.Empty(fx.Errors[page]);
    }
}
