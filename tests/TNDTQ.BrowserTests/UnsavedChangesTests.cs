namespace Tndtq.BrowserTests;

/// <summary>The unsaved-changes guard (unsaved.js): leaving an edit form with something typed and not saved asks first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UnsavedChangesTests(BrowserFixture fx)
{
    const string Question = "Bạn có thay đổi chưa lưu. Rời trang này?";

    [Fact]
    public async Task Leaving_a_changed_group_edit_asks_staying_keeps_the_text_leaving_goes_and_a_saved_form_asks_nothing()
    {
        var groups = await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=5");
        var groupId = groups.GetProperty("items")[2].GetProperty("id").GetString()!;
        var url = $"/so-theo-doi/an-cu/to/{groupId}";
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.OfficerAnCu);
        var dialogs = new List<string>();
        var accept = false;
        page.Dialog += async (_, d) => { dialogs.Add($"{d.Type}: {d.Message}"); if (accept) await d.AcceptAsync(); else await d.DismissAsync(); };
        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Sửa thông tin tổ" });
        var areaField = page.GetByLabel("Địa bàn");

        // An edit form opened and left untouched holds nobody back.
        await page.GotoAsync(url);
        await edit.ClickAsync();
        await Assertions.Expect(areaField).ToBeVisibleAsync();
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hop-to/an-cu$"));
        Assert.Empty(dialogs);

        // Typed, not saved: the navigation asks; "stay" keeps the page and the text.
        await page.GotoAsync(url);
        await edit.ClickAsync();
        var area = "Hẻm 7, chưa lưu " + Guid.NewGuid().ToString("N")[..4];
        await areaField.FillAsync(area);
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        Assert.Equal([$"confirm: {Question}"], dialogs);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{groupId}$"));
        await Assertions.Expect(areaField).ToHaveValueAsync(area);
        await Assertions.Expect(page.Locator(".menu-toggle")).ToHaveAttributeAsync("aria-expanded", "false");

        // Closing or reloading the tab asks the browser's own question.
        accept = true;
        await page.ReloadAsync();
        Assert.StartsWith("beforeunload", dialogs[^1]);
        Assert.Equal(2, dialogs.Count);

        // Typed again, and "leave" goes.
        await edit.ClickAsync();
        await areaField.FillAsync(area);
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        Assert.Equal($"confirm: {Question}", dialogs[^1]);
        Assert.Equal(3, dialogs.Count);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hop-to/an-cu$"));

        // Saved: nothing left to lose, nothing asked.
        await page.GotoAsync(url);
        await edit.ClickAsync();
        await areaField.FillAsync(area);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("form.editor")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync(area);
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hop-to/an-cu$"));
        Assert.Equal(3, dialogs.Count);

        // Typed and then closed with "Đóng": nothing asked either.
        await page.GotoAsync(url);
        await edit.ClickAsync();
        await areaField.FillAsync(area + " (bỏ)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đóng" }).ClickAsync();
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hop-to/an-cu$"));
        Assert.Equal(3, dialogs.Count);
        Assert.Empty(fx.Errors[page]);
    }
    [Fact]
    public async Task The_new_sign_off_and_the_staff_form_guard_what_was_typed_or_ticked()
    {
        var page = await fx.NewPageAsync(360, 800);
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add($"{d.Type}: {d.Message}"); await d.DismissAsync(); };
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, "/to-trinh/an-cu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trình ký tờ trình mới" }).ClickAsync();
        await page.GetByLabel("Tiêu đề tờ trình").FillAsync("Tờ trình chưa gửi");
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        Assert.Equal([$"confirm: {Question}"], dialogs);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/to-trinh/an-cu$"));
        await Assertions.Expect(page.GetByLabel("Tiêu đề tờ trình")).ToHaveValueAsync("Tờ trình chưa gửi");
        // Closed with "Hủy": nothing asked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Hủy" }).ClickAsync();
        await fx.NavigateByMenuAsync(page, "Họp tổ");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hop-to/an-cu$"));
        Assert.Single(dialogs);

        // A role ticked and not saved holds the administrator back too.
        var admin = await fx.NewPageAsync(360, 800);
        var asked = new List<string>();
        admin.Dialog += async (_, d) => { asked.Add(d.Message); await d.DismissAsync(); };
        await fx.SignInAsync(admin, People.Admin);
        await fx.NavigateByMenuAsync(admin, "Quản trị");
        await admin.Locator("tr", new() { HasText = "Phạm Thị Lan" }).GetByRole(AriaRole.Button, new() { Name = "Sửa" }).ClickAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Chủ tịch UBND phường" }).CheckAsync();
        await fx.NavigateByMenuAsync(admin, "Báo cáo");
        Assert.Equal([Question], asked);
        await Assertions.Expect(admin.GetByRole(AriaRole.Checkbox, new() { Name = "Chủ tịch UBND phường" })).ToBeCheckedAsync();
        Assert.Empty(fx.Errors[page]);
        Assert.Empty(fx.Errors[admin]);
    }
}
