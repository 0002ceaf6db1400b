namespace Tndtq.BrowserTests;

/// <summary>
/// Issue #22, item 10: every main screen, for a ward officer on a phone and for the district on a desktop, has no serious or
/// critical axe-core violation (WCAG 2.1 A/AA) — the same check the shared helpers run after each navigation — and controls
/// on the phone layout are at least 24 × 24 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx)
{
    /// <summary>Opens each screen and collects every screen's violations, so one run names them all.</summary>
    async Task<List<string>> CheckAllAsync(IPage page, IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            try { await fx.OpenAsync(page, path); }
            catch (Xunit.Sdk.XunitException e) { found.Add(e.Message); }
        }
        return found;
    }

    /// <summary>Signs in (the home screen it lands on is checked too, its violations collected rather than thrown).</summary>
    async Task<List<string>> SignInAsync(IPage page, string person)
    {
        try { await fx.SignInAsync(page, person); return []; }
        catch (Xunit.Sdk.XunitException e) { return [e.Message]; }
    }

    [Fact]
    public async Task The_ward_officers_screens_on_a_phone_pass_axe_and_their_controls_are_at_least_24_px()
    {
        var groupId = (await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var page = await fx.NewPageAsync(360, 800);
        var found = await SignInAsync(page, People.OfficerAnCu);
        found.AddRange(await CheckAllAsync(page, ["/", "/so-theo-doi/an-cu", $"/so-theo-doi/an-cu/to/{groupId}", "/ra-soat", "/khen-thuong", "/khen-thuong/dot/moi",
            "/hop-to/an-cu", $"/hop-to/an-cu/ghi-moi?to={groupId}", "/ho-tro/an-cu", "/ho-tro/an-cu/lap-moi", "/tap-huan", "/bao-cao/an-cu", "/so-theo-doi/an-cu/nhap-tu-tep"]));
        Assert.True(found.Count == 0, string.Join("\n\n", found));

        // Tap targets: every visible button, select, text field and checkbox of a screen with many of them.
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}");
        var small = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main button, main select, main input, main summary, nav button')]
            .filter(el => el.offsetParent !== null && !el.classList.contains('visually-hidden'))
            .map(el => [el, el.getBoundingClientRect()]).filter(([, r]) => r.width < 24 || r.height < 24)
            .map(([el, r]) => `${el.tagName.toLowerCase()} '${(el.textContent || el.name || el.id).trim().slice(0, 40)}' ${Math.round(r.width)}×${Math.round(r.height)}`)");
        Assert.True(small.Length == 0, "Controls smaller than 24 × 24 px: " + string.Join("; ", small));
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task The_district_screens_on_a_desktop_pass_axe()
    {
        var page = await fx.NewPageAsync();
        var found = await SignInAsync(page, People.Police);
        found.AddRange(await CheckAllAsync(page, ["/", "/so-theo-doi", "/ra-soat", "/khen-thuong", "/hop-to", "/ho-tro", "/tap-huan", "/tap-huan/bao-phu", "/tap-huan/lap-ke-hoach", "/bao-cao"]));
        var admin = await fx.NewPageAsync();
        found.AddRange(await SignInAsync(admin, People.Admin));
        found.AddRange(await CheckAllAsync(admin, ["/quan-tri", "/van-hanh"]));
        Assert.True(found.Count == 0, string.Join("\n\n", found));
        Assert.Empty(fx.Errors[page]);
    }
}
