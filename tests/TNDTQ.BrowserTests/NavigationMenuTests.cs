namespace Tndtq.BrowserTests;

/// <summary>The navigation: on a phone one "Danh mục" button opens the screens as a list; on a desktop they stay one row of links.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NavigationMenuTests(BrowserFixture fx)
{
    [Fact]
    public async Task At_360_px_the_screens_are_behind_one_menu_button_that_opens_closes_and_navigates_by_keyboard()
    {
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.Admin);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        var menu = nav.GetByRole(AriaRole.Button, new() { Name = "Danh mục" });
        var reports = nav.GetByRole(AriaRole.Link, new() { Name = "Báo cáo" });
        var links = page.Locator("#main-nav-links");

        // Closed: one button, one row high (the nine links wrapped to four rows before).
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-controls", "main-nav-links");
        await Assertions.Expect(links).ToBeHiddenAsync();
        var closedHeight = (await nav.BoundingBoxAsync())!.Height;
        Assert.True(closedHeight < 64, $"the closed navigation is {closedHeight} px high");
        await fx.ScreenshotAsync(page, "danh-muc-360-dong");

        // By keyboard: Enter opens it under the button, Tab goes through the screens, Escape closes it and focus is back on the button.
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(links).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link)).ToHaveCountAsync(10); // an administrator sees every screen
        var buttonBox = (await menu.BoundingBoxAsync())!;
        var listBox = (await links.BoundingBoxAsync())!;
        Assert.True(listBox.Y >= buttonBox.Y + buttonBox.Height - 1, $"the list starts at {listBox.Y}, the button ends at {buttonBox.Y + buttonBox.Height}");
        Assert.True(listBox.Width >= 350, $"the list is {listBox.Width} px wide");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the open menu is wider than a phone");
        await fx.ScreenshotAsync(page, "danh-muc-360-mo");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Việc của tôi" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Sổ theo dõi" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(links).ToBeHiddenAsync();
        await Assertions.Expect(menu).ToBeFocusedAsync();

        // A click outside closes it.
        await menu.ClickAsync();
        await Assertions.Expect(links).ToBeVisibleAsync();
        await page.Locator("footer.foot").ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(links).ToBeHiddenAsync();

        // Choosing a screen (by keyboard) goes there and closes the menu; the button names the screen one is on.
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await reports.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bao-cao$"));
        await Assertions.Expect(page.Locator("main h1")).ToBeFocusedAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(links).ToBeHiddenAsync();
        await Assertions.Expect(menu).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Danh mục: Báo cáo"));
        await fx.ScreenshotAsync(page, "danh-muc-360-bao-cao");
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task At_1366_px_the_screens_stay_one_row_of_links_without_a_menu_button()
    {
        var page = await fx.NewPageAsync(1366, 900);
        await fx.SignInAsync(page, People.Admin);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        await Assertions.Expect(page.Locator(".menu-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link)).ToHaveCountAsync(10);
        var height = (await nav.BoundingBoxAsync())!.Height;
        Assert.True(height < 60, $"the navigation is {height} px high");
        await fx.NavigateByMenuAsync(page, "Tập huấn");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tap-huan$"));
        Assert.Empty(fx.Errors[page]);
    }
}
