namespace Tndtq.BrowserTests;

/// <summary>Quản trị from the browser: the staff directory (add, give and take roles, change ward, revoke), the award catalogue, the wards.</summary>
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

        // Roles are given and taken one by one: the officer's taken, the chairman's given.
        await row.GetByRole(AriaRole.Button, new() { Name = "Sửa" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Cán bộ UBND phường" }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Chủ tịch UBND phường" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(row.Locator("td[data-label='Vai trò']")).ToHaveTextAsync("Chủ tịch UBND phường");

        await row.GetByRole(AriaRole.Button, new() { Name = "Thu hồi quyền" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Thu hồi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Nguyễn Thị Thử" })).ToHaveCountAsync(0);
        var staff = await fx.Api(People.Admin).JsonAsync("staff");
        Assert.DoesNotContain(staff.EnumerateArray(), s => s.GetProperty("objectId").GetString() == objectId);
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task An_administrator_adds_an_award_form_told_what_is_missing_and_renames_it()
    {
        var id = "z-thu-nghiem-" + Guid.NewGuid().ToString("N")[..6];
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Quản trị" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Danh mục khen thưởng" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm hình thức" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Mã", Exact = true }).FillAsync(id);
        await page.GetByLabel("Tên hình thức").FillAsync("Giấy khen thử nghiệm của UBND quận");
        await page.GetByLabel("Cấp quyết định").SelectOptionAsync("district-leader");
        // No issuing body and no signer: the server says what a form needs, and nothing typed is lost.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("cơ quan ban hành và chức danh người ký");
        await Assertions.Expect(page.GetByLabel("Tên hình thức")).ToHaveValueAsync("Giấy khen thử nghiệm của UBND quận");

        await page.GetByLabel("Cơ quan ban hành").FillAsync("ỦY BAN NHÂN DÂN QUẬN NINH KIỀU");
        await page.GetByLabel("Chức vụ người ký").FillAsync("PHÓ CHỦ TỊCH");
        await page.GetByLabel("Họ tên người ký").FillAsync("Nguyễn Thanh Sơn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = "Giấy khen thử nghiệm của UBND quận" });
        await Assertions.Expect(row).ToContainTextAsync("Lãnh đạo UBND quận");

        await row.GetByRole(AriaRole.Button, new() { Name = "Sửa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Mã", Exact = true })).ToHaveCountAsync(0); // the id of a saved form stays
        await page.GetByLabel("Tên hình thức").FillAsync("Giấy khen thử nghiệm (đã đổi tên)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Giấy khen thử nghiệm (đã đổi tên)" })).ToHaveCountAsync(1);
        var form = (await fx.Api(People.Admin).JsonAsync("commendations/catalogue")).EnumerateArray().Single(f => f.GetProperty("id").GetString() == id);
        Assert.Equal("Giấy khen thử nghiệm (đã đổi tên)", form.GetProperty("name").GetString());
        Assert.Equal("Nguyễn Thanh Sơn", form.GetProperty("signerName").GetString());
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task An_administrator_adds_a_ward_told_what_is_missing_and_renames_it()
    {
        var id = "thu-nghiem-" + Guid.NewGuid().ToString("N")[..6];
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.Admin);
        await fx.NavigateByMenuAsync(page, "Quản trị");
        await page.GetByRole(AriaRole.Button, new() { Name = "Phường", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm phường" }).ClickAsync();
        await page.GetByLabel("Mã phường").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Tên phường" })).ToContainTextAsync("Vui lòng nhập tên phường.");

        await page.GetByLabel("Tên phường").FillAsync("Thử Nghiệm Quản Trị");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = id });
        await Assertions.Expect(row).ToContainTextAsync("Thử Nghiệm Quản Trị");

        await row.GetByRole(AriaRole.Button, new() { Name = "Sửa phường Thử Nghiệm Quản Trị" }).ClickAsync();
        await page.GetByLabel("Tên phường").FillAsync("Thử Nghiệm Đổi Tên");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Thử Nghiệm Đổi Tên");
        await fx.ScreenshotAsync(page, "quan-tri-phuong-360");
        var ward = await fx.Api(People.Admin).JsonAsync($"wards/{id}");
        Assert.Equal("Thử Nghiệm Đổi Tên", ward.GetProperty("name").GetString());
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task An_administrator_describes_a_self_approving_phuong_and_gives_its_police_their_unit()
    {
        var id = "tu-duyet-" + Guid.NewGuid().ToString("N")[..6];
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.Admin);
        await fx.NavigateByMenuAsync(page, "Quản trị");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đơn vị phê duyệt", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Quận Ninh Kiều" })).ToContainTextAsync("An Cư");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm đơn vị" }).ClickAsync();
        await page.GetByLabel("Mã đơn vị").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error", new() { HasText = "Tên đơn vị" })).ToContainTextAsync("Vui lòng nhập tên đơn vị");

        await page.GetByLabel("Tên đơn vị (không kèm cấp)").FillAsync("Thử Tự Duyệt");
        await page.GetByLabel("Cấp", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "phường" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = id });
        await Assertions.Expect(row).ToContainTextAsync("Phường Thử Tự Duyệt");
        await Assertions.Expect(row).ToContainTextAsync("Ủy ban nhân dân phường Thử Tự Duyệt");
        await Assertions.Expect(row).ToContainTextAsync("Công an phường Thử Tự Duyệt");
        await fx.ScreenshotAsync(page, "quan-tri-don-vi-360");

        // With more than one unit, an approving-level person is given the unit they work for.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cán bộ", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm cán bộ" }).ClickAsync();
        await page.GetByLabel("Mã đối tượng").FillAsync("ca-" + id);
        await page.GetByLabel("Họ và tên, chức vụ").FillAsync("Đại úy Lê Thử Phường");
        await page.GetByLabel("Cán bộ UBND phường", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Công an quận", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Đơn vị phê duyệt").SelectOptionAsync(new SelectOptionValue { Label = "Phường Thử Tự Duyệt" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Đại úy Lê Thử Phường" })).ToContainTextAsync("Phường Thử Tự Duyệt");
        var person = await fx.Api(People.Admin).JsonAsync($"staff");
        Assert.Contains(person.EnumerateArray(), p => p.GetProperty("objectId").GetString() == "ca-" + id && p.GetProperty("unitId").GetString() == id);
        Assert.Empty(fx.Errors[page]);
    }
}
