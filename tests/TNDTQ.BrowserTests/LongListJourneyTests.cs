using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Tndtq.BrowserTests;

/// <summary>
/// A ward of 230 groups on a phone: the ward's list of groups and the proposal editor's group picker search on the server and
/// page, so a group past the 200th is found by typing its name.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LongListJourneyTests(BrowserFixture fx)
{
    const int GroupCount = 230;

    static Task<(string Ward, string Officer)>? bigWard;

    /// <summary>The class's ward of <see cref="GroupCount"/> groups, made once (its tests read it and add to it, never change its groups' names).</summary>
    Task<(string Ward, string Officer)> BigWardAsync() => bigWard ??= NewBigWardAsync();

    /// <summary>A new ward of <see cref="GroupCount"/> groups (Tổ n, khu vực 1 + n/100, each with its leader) and its officer, made through the API.</summary>
    async Task<(string Ward, string Officer)> NewBigWardAsync()
    {
        var csv = new StringBuilder(TestWards.CsvHeader);
        for (var g = 1; g <= GroupCount; g++) csv.Append($"\"Tổ {g}, khu vực {1 + g / 100}\",30,Người Đứng Đầu {g},1960,Số {g},Tổ trưởng\n");
        var ward = await TestWards.NewAsync(fx, "nhieu-to-", "Nhiều Tổ", csv.ToString());
        return (ward.Id, ward.Officer);
    }

    /// <summary>Reads until the condition holds; fails with the last value read after a minute.</summary>
    static async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        for (var until = DateTime.UtcNow.AddMinutes(1); ;)
        {
            var v = await read();
            if (done(v)) return v;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"The condition never held; last read: {v}");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task A_group_past_the_200th_is_found_by_typing_in_the_wards_list_and_in_the_proposals_group_picker()
    {
        var (ward, officerId) = await BigWardAsync();
        var officer = fx.Api(officerId);
        var page = await fx.NewPageAsync(360, 800);
        await SignOffJourneyTests.SignInAsStaffAsync(fx, page, officerId);

        // The ward's groups: 25 a page, searched on the server.
        await fx.OpenAsync(page, $"/so-theo-doi/{ward}");
        var rows = page.Locator("table.groups tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Trang sau ›" }).Last).ToBeEnabledAsync();
        await page.GetByLabel("Tìm tổ").FillAsync("to 217");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Tổ 217, khu vực 3");
        // Tổ 200 … Tổ 230: 31 groups, more than a page. (A sparse search may answer part of a page and the rest on the next.)
        await page.GetByLabel("Tìm tổ").FillAsync("khu vực 3");
        var nextPage = page.GetByRole(AriaRole.Button, new() { Name = "Trang sau ›" }).Last;
        await Assertions.Expect(nextPage).ToBeEnabledAsync(); // the search's first page is shown (the one-group answer before it had no next page)
        var found = new HashSet<string>();
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 5, "the search's pages never ended");
            await Assertions.Expect(page.Locator("table.groups.busy")).ToHaveCountAsync(0);
            var names = await rows.Locator("th a").AllTextContentsAsync();
            Assert.True(names.Count is > 0 and <= 25, $"a page of {names.Count} groups");
            Assert.All(names, n => Assert.EndsWith("khu vực 3", n));
            found.UnionWith(names);
            if (!await nextPage.IsEnabledAsync()) break;
            await nextPage.ClickAsync();
        }
        Assert.Equal(31, found.Count);
        await fx.CheckAccessibilityAsync(page);

        // A cycle at its proposal step (every group assessed over the API), then a consolidation of Tổ 217 from the editor.
        var cycle = "nhieu-to-" + Guid.NewGuid().ToString("N")[..6];
        var opened = await fx.Api(People.Police).PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát phường nhiều tổ", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(20), proposalDue = DateTimeOffset.UtcNow.AddDays(50) },
        });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var at = $"restructure/cycles/{cycle}/wards/{ward}";
        await UntilAsync(() => officer.JsonAsync(at), v => v.GetProperty("actions").GetArrayLength() > 0);
        var ids = new List<string>();
        for (string? token = null; ;)
        {
            var list = await officer.JsonAsync($"wards/{ward}/groups?status=active&pageSize=200{(token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}")}");
            ids.AddRange(list.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()!));
            if (!list.TryGetProperty("continuationToken", out var t) || t.GetString() is not { } next) break;
            token = next;
        }
        Assert.Equal(GroupCount, ids.Count);
        using (var gate = new SemaphoreSlim(6))
            await Task.WhenAll(ids.Select(async id =>
            {
                await gate.WaitAsync();
                try { (await officer.PutAsJsonAsync($"{at}/assessments/{id}", new { rating = "good", recommendation = "keep" })).EnsureSuccessStatusCode(); }
                finally { gate.Release(); }
            }));
        (await officer.PostAsync($"{at}/assessments/submit", null)).EnsureSuccessStatusCode();
        await UntilAsync(() => officer.JsonAsync(at), v => v.GetProperty("step").GetString() == "proposal" && v.GetProperty("actions").GetArrayLength() > 0);

        await fx.OpenAsync(page, $"/ra-soat/{cycle}/{ward}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var change = page.Locator("fieldset.change").First;
        // More than one page of groups: the picker has its search box; what is typed is searched on the server.
        await change.GetByLabel("Tìm tổ").FillAsync("tổ 217");
        var select = change.GetByRole(AriaRole.Combobox, new() { Name = "Tổ", Exact = true }); // its label ends with the required mark (aria-hidden)
        await Assertions.Expect(select.Locator("option")).ToHaveCountAsync(2); // "(chọn)" and the one match
        await select.SelectOptionAsync(new SelectOptionValue { Label = "Tổ 217, khu vực 3" });
        // The group chosen: its members are read for the new leader.
        await Assertions.Expect(change.GetByLabel("Tổ trưởng mới").Locator("option", new() { HasText = "Người Đứng Đầu 217" })).ToHaveCountAsync(1);
        // Searching again for another group keeps the chosen one listed and chosen.
        await change.GetByLabel("Tìm tổ").FillAsync("tổ 3, khu");
        await Assertions.Expect(select.Locator("option", new() { HasText = "Tổ 3, khu vực 1" })).ToHaveCountAsync(1);
        await Assertions.Expect(select.Locator("option:checked")).ToHaveTextAsync("Tổ 217, khu vực 3");
        await fx.CheckAccessibilityAsync(page);
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task The_meeting_support_and_nomination_forms_find_a_group_past_the_200th_by_typing_and_the_campaign_pages_its_groups()
    {
        var (ward, officerId) = await BigWardAsync();
        var page = await fx.NewPageAsync(360, 800);
        await SignOffJourneyTests.SignInAsStaffAsync(fx, page, officerId);
        page.Dialog += async (_, d) => await d.AcceptAsync(); // leaving a form with its changes unsaved asks first: yes, leave

        // Each form's group field: a search box over a select of one page; typing finds Tổ 217, and its members come with it.
        async Task PickAsync(string label = "Tổ")
        {
            await page.GetByLabel("Tìm tổ", new() { Exact = true }).FillAsync("to 217");
            var select = page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
            await Assertions.Expect(select.Locator("option", new() { HasText = "Tổ 217, khu vực 3" })).ToHaveCountAsync(1);
            await select.SelectOptionAsync(new SelectOptionValue { Label = "Tổ 217, khu vực 3" });
        }

        await fx.OpenAsync(page, $"/hop-to/{ward}/ghi-moi");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Ghi biên bản họp");
        await PickAsync();
        await Assertions.Expect(page.GetByLabel("Người chủ trì")).ToHaveValueAsync("Người Đứng Đầu 217"); // the group's leader chairs
        await Assertions.Expect(page.Locator("fieldset.attendance")).ToContainTextAsync("Người Đứng Đầu 217");
        await fx.CheckAccessibilityAsync(page);

        await fx.OpenAsync(page, $"/ho-tro/{ward}/lap-moi");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Lập đợt hỗ trợ");
        await PickAsync();
        await Assertions.Expect(page.GetByLabel("Người nhận").Locator("option", new() { HasText = "Người Đứng Đầu 217 – Tổ trưởng" })).ToHaveCountAsync(1);
        await page.GetByLabel("Người nhận").SelectOptionAsync(new SelectOptionValue { Label = "Người Đứng Đầu 217 – Tổ trưởng" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào danh sách" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.beneficiary-rows tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.beneficiary-rows tbody tr").First).ToContainTextAsync("Tổ 217, khu vực 3");
        // Every leader of every page of groups: 230, and the one added before is not added twice.
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm tất cả tổ trưởng, tổ phó" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.beneficiary-rows tbody tr")).ToHaveCountAsync(GroupCount);

        await fx.OpenAsync(page, "/khen-thuong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đề nghị khen thưởng", Exact = true }).ClickAsync();
        await PickAsync();
        await Assertions.Expect(page.GetByLabel("Cá nhân").Locator("option", new() { HasText = "Người Đứng Đầu 217" })).ToHaveCountAsync(1);
        await fx.CheckAccessibilityAsync(page);

        // The campaign's list of groups: 50 a page, searched on the server.
        await fx.OpenAsync(page, "/khen-thuong/dot/moi");
        var groups = page.GetByRole(AriaRole.List, new() { Name = "Các tổ" });
        await Assertions.Expect(groups.Locator(":scope > li")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Trang sau ›" })).ToBeEnabledAsync();
        await page.GetByLabel("Tìm tổ hoặc thành viên").FillAsync("to 217");
        await Assertions.Expect(groups.Locator(":scope > li")).ToHaveCountAsync(1);
        await Assertions.Expect(groups).ToContainTextAsync("Tổ 217, khu vực 3");
        await groups.GetByRole(AriaRole.Button, new() { Name = "của Tổ 217, khu vực 3" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Thành viên của Tổ 217, khu vực 3" })).ToContainTextAsync("Người Đứng Đầu 217");
        await fx.CheckAccessibilityAsync(page);
        Assert.Empty(fx.Errors[page]);
    }
}
