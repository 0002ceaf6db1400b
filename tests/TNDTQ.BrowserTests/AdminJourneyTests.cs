namespace Tndtq.BrowserTests;

/// <summary>Quản trị: the staff directory from the browser — add, change role and ward, revoke.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task An_administrator_adds_a_person_changes_their_role_and_revokes_them()
    {
        var objectId = "thu-nghiem-" + Guid.NewGuid().ToString("N")[..6];
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Quản trị" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm cán bộ" }).ClickAsync();
        await page.GetByLabel("Mã đối tượng").FillAsync(objectId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Họ và tên" })).ToContainTextAsync("Vui lòng nhập họ và tên.");

        await page.GetByLabel("Họ và tên, chức vụ").FillAsync("Nguyễn Thị Thử (cán bộ phường An Cư)");
        await page.GetByLabel("Phường", new() { Exact = true }).SelectOptionAsync("an-cu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = "Nguyễn Thị Thử" });
        await Assertions.Expect(row).ToContainTextAsync("Cán bộ UBND phường");
        await Assertions.Expect(row).ToContainTextAsync("An Cư");

        await row.GetByRole(AriaRole.Button, new() { Name = "Sửa" }).ClickAsync();
        await page.GetByLabel("Vai trò").SelectOptionAsync("ward-chairman");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Chủ tịch UBND phường");

        await row.GetByRole(AriaRole.Button, new() { Name = "Thu hồi quyền" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Thu hồi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Nguyễn Thị Thử" })).ToHaveCountAsync(0);
        var staff = await fx.Api(People.Admin).JsonAsync("staff");
        Assert.DoesNotContain(staff.EnumerateArray(), s => s.GetProperty("objectId").GetString() == objectId);
        Assert.Empty(fx.Errors[page]);
    }
}
