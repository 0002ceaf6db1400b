using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tndtq.BrowserTests;

/// <summary>
/// Khen thưởng in the browser: a nomination through every step, each role pressing the button the server
/// offers, to the certificate, opened again from the nominee's history in the register; a campaign whose
/// bad row is shown beside the row, corrected and sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CommendationJourneyTests(BrowserFixture fx)
{
    const string Council = "demo-council";
    const string Leader = "demo-leader";
    static readonly LocatorAssertionsToHaveCountOptions WorkflowMoves = new() { Timeout = 30_000 };
    /** A page that waits for the server (a nomination being started, a history read) on a machine under load. */
    static readonly LocatorAssertionsToContainTextOptions Loaded = new() { Timeout = 20_000 };

    static async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Waited a minute for {what}.");
    }

    static bool Offers(JsonElement view, string outcome) =>
        view.GetProperty("actions").EnumerateArray().Any(a => a.TryGetProperty("outcome", out var o) && o.GetString() == outcome);

    static string TodayInVietnam() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).ToString("dd/MM/yyyy");

    /// <summary>The person signs in, opens the nomination, presses the button the server offers for the outcome, fills what it asks, confirms.</summary>
    /// <param name="keepsActions">the person still has actions after this one (the nominator can withdraw at every step)</param>
    async Task<IPage> DecideAsync(string person, string id, string outcome, Func<IPage, Task>? fill = null, bool keepsActions = false)
    {
        var view = await UntilAsync(() => fx.Api(person).JsonAsync($"commendations/nominations/{id}"), v => Offers(v, outcome), $"{person} to be offered {outcome}");
        var name = view.GetProperty("actions").EnumerateArray().First(a => a.TryGetProperty("outcome", out var o) && o.GetString() == outcome).GetProperty("name").GetString()!;
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, person);
        await fx.OpenAsync(page, $"/khen-thuong/{id}");
        await page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        if (fill is not null) await fill(page);
        await page.Locator(".actions-panel form").GetByRole(AriaRole.Button, new() { Name = ApiHelpers.Confirming(name) }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok", new() { HasText = "Đã gửi" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (keepsActions)
            await Assertions.Expect(page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0, WorkflowMoves);
        else
            await Assertions.Expect(page.Locator(".actions-panel")).ToHaveCountAsync(0, WorkflowMoves);
        Assert.Empty(fx.Errors[page]);
        return page;
    }

    [Fact]
    public async Task A_nomination_goes_through_every_step_to_the_certificate_opened_again_from_the_members_commendation_history()
    {
        var officerApi = fx.Api(People.OfficerAnCu);
        var group = (await officerApi.JsonAsync("wards/an-cu/groups?status=active&pageSize=1")).GetProperty("items")[0];
        var groupId = group.GetProperty("id").GetString()!;
        // A member who joined today: the membership rule is not met, so the police's exception step always comes first.
        var fullName = "Lâm Thị Thu Khen";
        var member = await (await officerApi.PostJsonAsync($"wards/an-cu/groups/{groupId}/members", new { fullName, joinedOn = DateTime.UtcNow.ToString("yyyy-MM-dd") }))
            .ReadAsync<JsonElement>();
        var memberId = member.GetProperty("id").GetString()!;
        var period = "Năm " + Random.Shared.Next(3000, 9999);

        // The ward officer nominates her from the Khen thưởng screen.
        var officer = await fx.NewPageAsync();
        await fx.SignInAsync(officer, People.OfficerAnCu);
        await officer.GetByRole(AriaRole.Link, new() { Name = "Khen thưởng", Exact = true }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Đề nghị khen thưởng", Exact = true }).ClickAsync();
        await officer.GetByLabel("Tổ", new() { Exact = true }).SelectOptionAsync(groupId);
        await officer.GetByLabel("Cá nhân").SelectOptionAsync(memberId);
        await officer.GetByLabel("Hình thức khen thưởng").SelectOptionAsync("giay-khen-chu-tich-ubnd-quan");
        await officer.GetByLabel("Năm, đợt").FillAsync(period);
        await officer.GetByLabel("Thành tích").FillAsync("Vận động 30 hộ tham gia mô hình camera an ninh; phát hiện, báo tin hai vụ trộm cắp.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi đề nghị" }).ClickAsync();
        await Assertions.Expect(officer.Locator("h1")).ToContainTextAsync(fullName, Loaded);
        var id = officer.Url.Split('/').Last();
        // Why it is not eligible, in the officer's words, and what happens next (the page shows it once the check has run).
        var eligibility = officer.GetByRole(AriaRole.Region, new() { Name = "Điều kiện khen thưởng" });
        await Assertions.Expect(eligibility).ToContainTextAsync("chưa đủ điều kiện vì", new() { Timeout = 30_000 });
        await Assertions.Expect(eligibility).ToContainTextAsync("Thời gian tham gia tổ chưa đủ");
        await Assertions.Expect(eligibility).ToContainTextAsync("Công an quận xem xét từng trường hợp");

        await DecideAsync(People.Police, id, "override", p => p.GetByLabel("Ý kiến, lý do").FillAsync("Thành viên mới nhưng có thành tích nổi bật; đề nghị xét ngoại lệ."));
        // The chairman returns it once; the officer sees who returned it and why at the top of the nomination, and sends it again.
        const string asked = "Đề nghị ghi rõ số hộ tham gia mô hình camera.";
        await DecideAsync(People.ChairmanAnCu, id, "return", p => p.GetByLabel("Ý kiến, lý do").FillAsync(asked));
        await UntilAsync(() => officerApi.JsonAsync($"commendations/nominations/{id}"), v => Offers(v, "resubmitted"), "the officer to be offered resubmitted");
        await fx.OpenAsync(officer, $"/khen-thuong/{id}");
        var banner = officer.Locator(".alert.warn.returned");
        await Assertions.Expect(banner).ToContainTextAsync("Đề nghị bị trả lại bởi", Loaded);
        await Assertions.Expect(banner.Locator(".comment")).ToHaveTextAsync(asked);
        await Assertions.Expect(banner).ToContainTextAsync("Bổ sung hồ sơ theo ý kiến trên rồi gửi lại.");
        await DecideAsync(People.OfficerAnCu, id, "resubmitted", keepsActions: true);
        await DecideAsync(People.ChairmanAnCu, id, "endorse");
        await DecideAsync(People.Police, id, "forward");
        await DecideAsync(Council, id, "recommend", async p =>
        {
            await p.GetByLabel("Số phiếu tán thành").FillAsync("7");
            await p.GetByLabel("Số phiếu không tán thành").FillAsync("0");
            await p.GetByLabel("Số phiếu không biểu quyết").FillAsync("1");
            await p.GetByLabel("Ngày họp").FillAsync(TodayInVietnam());
        });
        var leader = await DecideAsync(Leader, id, "approve", async p =>
        {
            await p.GetByLabel("Số quyết định").FillAsync("321/QĐ-UBND");
            await p.GetByLabel("Ngày quyết định").FillAsync(TodayInVietnam());
        });
        await Assertions.Expect(leader.GetByRole(AriaRole.Region, new() { Name = "Quyết định và giấy khen" })).ToContainTextAsync("Giấy khen", new() { Timeout = 60_000 });
        await Assertions.Expect(leader.Locator(".alert.ok", new() { HasText = "Đã được khen thưởng" })).ToContainTextAsync("321/QĐ-UBND");

        // Later, the officer finds her in the register and opens the award from her history.
        await officer.GetByRole(AriaRole.Link, new() { Name = "Sổ theo dõi" }).ClickAsync();
        await officer.GetByLabel("Họ và tên (gõ có dấu hoặc không dấu)").FillAsync("lam thi thu khen");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await officer.Locator(".hits").GetByRole(AriaRole.Link, new() { Name = fullName }).ClickAsync();
        var history = officer.GetByRole(AriaRole.Region, new() { Name = "Khen thưởng đã nhận" });
        await Assertions.Expect(history).ToContainTextAsync(period, Loaded);
        await Assertions.Expect(history).ToContainTextAsync("321/QĐ-UBND");
        await history.GetByRole(AriaRole.Link, new() { Name = "Giấy khen của Chủ tịch UBND quận" }).ClickAsync();
        await Assertions.Expect(officer.Locator("h1")).ToContainTextAsync(fullName, Loaded);

        var documents = officer.GetByRole(AriaRole.Region, new() { Name = "Quyết định và giấy khen" });
        // The bytes the page receives, passed through unchanged (Chromium keeps no body of a fetched attachment for the test to read afterwards).
        byte[]? pdf = null; var status = 0;
        await officer.RouteAsync($"**/api/commendations/nominations/{id}/documents/certificate/pdf", async route =>
        {
            var answer = await route.FetchAsync();
            status = answer.Status; pdf = await answer.BodyAsync();
            await route.FulfillAsync(new() { Response = answer });
        });
        await documents.GetByRole(AriaRole.Button, new() { Name = "Xem trước Giấy khen" }).ClickAsync();
        var frame = documents.Locator(".pdf-preview iframe");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", new Regex("^blob:"));
        Assert.Equal(200, status);
        Assert.NotNull(pdf);
        Assert.True(pdf.Length > 1000, $"The certificate PDF has {pdf.Length} bytes.");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        await Assertions.Expect(documents.GetByRole(AriaRole.Link, new() { Name = "Mở Giấy khen trong thẻ mới" })).ToHaveAttributeAsync("target", "_blank");
        await fx.ScreenshotAsync(officer, "khen-thuong-de-nghi-van-ban-1366");

        var download = await officer.RunAndWaitForDownloadAsync(() => documents.GetByRole(AriaRole.Button, new() { Name = "Tải bản Word Quyết định khen thưởng" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename);

        var phone = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(phone, People.OfficerAnCu);
        await fx.OpenAsync(phone, $"/khen-thuong/{id}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Xem trước Giấy khen" }).ClickAsync();
        // A phone's browser shows no PDF inside a page: the preview is the button that opens it in a new tab.
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Mở Giấy khen trong thẻ mới" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".pdf-preview iframe")).ToBeHiddenAsync();
        await fx.ScreenshotAsync(phone, "khen-thuong-de-nghi-van-ban-360");
        Assert.Empty(fx.Errors[officer]);
        Assert.Empty(fx.Errors[phone]);
    }

    [Fact]
    public async Task A_campaign_shows_its_bad_row_beside_the_row_and_once_corrected_sends_every_nomination()
    {
        var officerApi = fx.Api(People.OfficerAnCu);
        var group = (await officerApi.JsonAsync("wards/an-cu/groups?status=active&pageSize=3")).GetProperty("items")[2];
        var groupName = group.GetProperty("name").GetString()!;
        var first = (await officerApi.JsonAsync($"wards/an-cu/groups/{group.GetProperty("id").GetString()}/members?status=active&pageSize=1")).GetProperty("items")[0];
        var memberName = first.GetProperty("fullName").GetString()!;
        var period = "Đợt " + Random.Shared.Next(3000, 9999);

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GetByRole(AriaRole.Link, new() { Name = "Khen thưởng", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Đề nghị theo đợt" }).ClickAsync();
        await page.GetByLabel("Năm, đợt").FillAsync(period);
        // The group found by typing its name without diacritics; its members opened; one member and the group itself picked.
        await page.GetByLabel("Tìm tổ hoặc thành viên").FillAsync(Fold(groupName));
        var groups = page.GetByRole(AriaRole.List, new() { Name = "Các tổ" });
        await Assertions.Expect(groups.Locator(":scope > li")).ToHaveCountAsync(1);
        await groups.GetByRole(AriaRole.Button, new() { Name = $"của {groupName}" }).ClickAsync();
        await page.GetByRole(AriaRole.List, new() { Name = $"Thành viên của {groupName}" }).GetByLabel(memberName).CheckAsync();
        await groups.GetByLabel($"{groupName} (cả tổ – tập thể)").CheckAsync();
        var rows = page.Locator("ol.picked > li");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GetByLabel($"Thành tích riêng của {memberName}").FillAsync("Tham gia tuần tra đêm đều đặn cả năm.");
        // The group's row has no achievements and there is no shared text: the server refuses the whole campaign and says which row.
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi 2 đề nghị" }).ClickAsync();
        await Assertions.Expect(rows.Nth(1).Locator(".error")).ToHaveTextAsync("Vui lòng tóm tắt thành tích.");
        await Assertions.Expect(rows.Nth(0).Locator(".error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("chưa gửi đề nghị nào");
        await fx.ScreenshotAsync(page, "khen-thuong-theo-dot-1366");
        Assert.Empty((await officerApi.JsonAsync($"commendations/nominations?period={Uri.EscapeDataString(period)}")).GetProperty("items").EnumerateArray());

        await page.GetByLabel($"Thành tích riêng của {groupName}").FillAsync("Tổ không có tội phạm, tệ nạn xã hội trong năm.");
        await Assertions.Expect(rows.Nth(1).Locator(".error")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi 2 đề nghị" }).ClickAsync();
        var sent = page.GetByRole(AriaRole.Region, new() { Name = "Các đề nghị vừa gửi" });
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Đã gửi 2 đề nghị khen thưởng.");
        await Assertions.Expect(sent.GetByRole(AriaRole.Link)).ToHaveCountAsync(3); // two nominations and the campaign's list
        var mine = (await officerApi.JsonAsync($"commendations/nominations?period={Uri.EscapeDataString(period)}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, mine.Count);
        Assert.Single(mine.Select(n => n.GetProperty("campaign").GetString()).Distinct());
        // A list shows no achievements: the nomination itself does.
        var memberNomination = await officerApi.JsonAsync($"commendations/nominations/{mine.Single(n => n.GetProperty("nomineeName").GetString() == memberName).GetProperty("id").GetString()}");
        Assert.Contains("tuần tra", memberNomination.GetProperty("achievements").GetString());

        await sent.GetByRole(AriaRole.Link, new() { Name = "Xem các đề nghị của đợt này" }).ClickAsync();
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(2);
        await page.Locator("table").GetByRole(AriaRole.Link, new() { Name = memberName }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(memberName, Loaded);

        // The same screen on a phone, with a row picked.
        var phone = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(phone, People.OfficerAnCu);
        await fx.OpenAsync(phone, "/khen-thuong/dot/moi");
        var phoneGroups = phone.GetByRole(AriaRole.List, new() { Name = "Các tổ" });
        await phoneGroups.GetByRole(AriaRole.Button, new() { Name = $"của {groupName}" }).ClickAsync();
        await phone.GetByRole(AriaRole.List, new() { Name = $"Thành viên của {groupName}" }).GetByLabel(memberName).CheckAsync();
        await Assertions.Expect(phone.Locator("ol.picked > li")).ToHaveCountAsync(1);
        await fx.ScreenshotAsync(phone, "khen-thuong-theo-dot-360");
        Assert.Empty(fx.Errors[page]);
        Assert.Empty(fx.Errors[phone]);
    }

    [Fact]
    public async Task The_list_of_nominations_is_filtered_by_the_API_by_ward_period_award_form_and_nominee_name_typed_without_diacritics()
    {
        var officerApi = fx.Api(People.OfficerAnCu);
        var group = (await officerApi.JsonAsync("wards/an-cu/groups?status=active&pageSize=2")).GetProperty("items")[1];
        var groupName = group.GetProperty("name").GetString()!;
        var period = "Kỳ " + Random.Shared.Next(3000, 9999);
        foreach (var award in new[] { "giay-khen-chu-tich-ubnd-quan", "giay-khen-truong-cong-an-quan" })
            await (await officerApi.PostJsonAsync("commendations/nominations", new { wardId = "an-cu", groupId = group.GetProperty("id").GetString(), awardFormId = award, period, achievements = "Giữ vững an ninh trật tự." }))
                .ReadAsync<JsonElement>();

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.Police);
        await page.GetByRole(AriaRole.Link, new() { Name = "Khen thưởng", Exact = true }).ClickAsync();
        await page.GetByLabel("Phường", new() { Exact = true }).SelectOptionAsync("an-cu");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("phuong=an-cu"));
        await page.GetByLabel("Năm, đợt", new() { Exact = true }).FillAsync(period);
        await page.GetByLabel("Năm, đợt", new() { Exact = true }).PressAsync("Tab");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("nam="));
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await fx.ScreenshotAsync(page, "khen-thuong-danh-sach-1366");
        await page.GetByLabel("Hình thức", new() { Exact = true }).SelectOptionAsync("giay-khen-truong-cong-an-quan");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Giấy khen của Trưởng Công an quận");
        await page.GetByLabel("Tên người, tổ được đề nghị").FillAsync(Fold(groupName));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("Tên người, tổ được đề nghị").FillAsync("khong co ai ten nay");
        await Assertions.Expect(page.Locator(".state.empty")).ToContainTextAsync("Không có đề nghị nào khớp");
        // The filters are in the address: reloading keeps them.
        await page.GetByLabel("Tên người, tổ được đề nghị").FillAsync(Fold(groupName));
        await page.GetByLabel("Tên người, tổ được đề nghị").PressAsync("Tab");
        await page.ReloadAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Phường", new() { Exact = true })).ToHaveValueAsync("an-cu");
        Assert.Empty(fx.Errors[page]);
    }

    static string Fold(string s) =>
        new string(s.Normalize(NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray())
            .Replace('đ', 'd').Replace('Đ', 'D').ToLowerInvariant();
}
