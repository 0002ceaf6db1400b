using System.Text;
using MiniExcelLibs;

namespace Tndtq.BrowserTests;

/// <summary>
/// Hỗ trợ, thăm hỏi in the web app: the officer prepares a round from the register and submits it, the chairman returns it,
/// the officer revises and resubmits, the chairman approves, the officer downloads the receipt list and uploads the signed one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupportJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Officer_prepares_chairman_returns_officer_revises_chairman_approves_officer_downloads_and_uploads_the_signed_list()
    {
        var groups = (await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?status=active")).GetProperty("items");
        var group = groups[1];
        var groupName = group.GetProperty("name").GetString()!;
        var leaderName = group.GetProperty("leader").GetProperty("fullName").GetString()!;
        var roundName = $"Thăm hỏi Tết Nguyên đán {DateTime.UtcNow.Year + 1} – đợt {Guid.NewGuid().ToString("N")[..4]}";

        var officer = await fx.NewPageAsync();
        await fx.SignInAsync(officer, People.OfficerAnCu);
        await fx.OpenAsync(officer, "/ho-tro/an-cu");
        await Assertions.Expect(officer.Locator("main h1")).ToContainTextAsync("Hỗ trợ kinh phí, thăm hỏi Lễ, Tết");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Lập đợt hỗ trợ" }).ClickAsync();
        await Assertions.Expect(officer.Locator("main h1")).ToHaveTextAsync("Lập đợt hỗ trợ");

        // A state-budget source is refused beside its field, with the seed's reason; what was typed stays.
        await officer.GetByLabel("Tên đợt hỗ trợ").FillAsync(roundName);
        await officer.GetByLabel("Nguồn kinh phí").FillAsync("Ngân sách nhà nước");
        await officer.GetByLabel("Tổ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = groupName });
        await officer.GetByLabel("Người nhận").SelectOptionAsync(new SelectOptionValue { Label = $"{leaderName} – Tổ trưởng" });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Thêm vào danh sách" }).ClickAsync();
        await officer.GetByLabel("Người nhận").SelectOptionAsync("group");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Thêm vào danh sách" }).ClickAsync();
        await officer.GetByLabel($"Số tiền (đồng): {leaderName}").FillAsync("500.000");
        await officer.GetByLabel($"Quà tặng: {leaderName}").FillAsync("Một phần quà Tết");
        await officer.GetByLabel($"Quà tặng: {groupName}").FillAsync("Bộ loa cầm tay");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lưu đợt hỗ trợ" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".field.has-error")).ToContainTextAsync("Không dùng được nguồn ngân sách nhà nước");
        await Assertions.Expect(officer.GetByLabel($"Quà tặng: {groupName}")).ToHaveValueAsync("Bộ loa cầm tay");
        await officer.GetByLabel("Nguồn kinh phí").FillAsync("Công ty TNHH Thương mại Minh Phát");
        await fx.ScreenshotAsync(officer, "ho-tro-lap-dot-1366");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lưu đợt hỗ trợ" }).ClickAsync();

        // The draft, submitted to the chairman.
        await Assertions.Expect(officer.Locator("main h1")).ToContainTextAsync(roundName);
        await Assertions.Expect(officer.Locator(".title-row .tag")).ToHaveTextAsync("Đang soạn");
        var url = new Uri(officer.Url).AbsolutePath;
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi trình duyệt" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".title-row .tag")).ToHaveTextAsync("Chờ Chủ tịch phường duyệt");
        await Assertions.Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Hủy đợt hỗ trợ" })).ToBeVisibleAsync();

        // The chairman returns it with a comment.
        var chairman = await fx.NewPageAsync();
        await fx.SignInAsync(chairman, People.ChairmanAnCu);
        await fx.OpenAsync(chairman, url);
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await chairman.GetByLabel("Ý kiến, lý do").FillAsync("Đề nghị bổ sung số tiền cho tổ.");
        await fx.ScreenshotAsync(chairman, "ho-tro-chu-tich-tra-lai-1366");
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Trả lại" }).ClickAsync();
        await Assertions.Expect(chairman.Locator(".title-row .tag")).ToHaveTextAsync("Trả lại để chỉnh sửa");

        // The officer revises (the amount for the group) and resubmits.
        await officer.ReloadAsync();
        await Assertions.Expect(officer.Locator(".alert.warn")).ToContainTextAsync("Đề nghị bổ sung số tiền cho tổ.");
        // The return banner says who returned it (the role once: the name already says it) and when, as the restructure's does.
        var banner = officer.Locator(".alert.returned");
        await Assertions.Expect(banner).ToContainTextAsync("Đợt hỗ trợ bị trả lại bởi Võ Minh Tuấn (Chủ tịch UBND phường An Cư) lúc");
        await Assertions.Expect(banner).Not.ToContainTextAsync(") (");
        await Assertions.Expect(banner.Locator(".comment")).ToHaveTextAsync("Đề nghị bổ sung số tiền cho tổ.");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Sửa đợt hỗ trợ" }).ClickAsync();
        await officer.GetByLabel($"Số tiền (đồng): {groupName}").FillAsync("1.000.000");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lưu bản sửa" }).ClickAsync();
        await Assertions.Expect(officer.Locator("dl.facts").First).ToContainTextAsync("1.500.000 đồng");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi lại" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Gửi lại" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".title-row .tag")).ToHaveTextAsync("Chờ Chủ tịch phường duyệt");

        // The chairman approves.
        await chairman.ReloadAsync();
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Duyệt" }).ClickAsync();
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Duyệt" }).ClickAsync();
        await Assertions.Expect(chairman.Locator(".title-row .tag")).ToHaveTextAsync("Đã duyệt, chờ danh sách ký nhận");

        // The officer downloads the receipt list and uploads the signed one.
        await officer.ReloadAsync();
        var list = officer.Locator("section[aria-labelledby='list-h']");
        var download = await officer.RunAndWaitForDownloadAsync(() => list.GetByRole(AriaRole.Button, new() { Name = "Tải danh sách ký nhận (Excel)" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var rows = MiniExcel.Query(await download.PathAsync(), useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(roundName, rows[2]["A"]);
        Assert.Equal(leaderName, rows[6]["B"]);
        Assert.Equal(1_500_000d, Convert.ToDouble(rows[^1]["D"]));
        var pdf = await officer.RunAndWaitForDownloadAsync(() => list.GetByRole(AriaRole.Button, new() { Name = "Tải danh sách ký nhận (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", pdf.SuggestedFilename);
        await fx.ScreenshotAsync(officer, "ho-tro-da-duyet-1366");
        await officer.Locator("#signed-file").SetInputFilesAsync(new FilePayload { Name = "Danh sách đã ký.pdf", MimeType = "application/pdf", Buffer = Pdf("da-ky") });
        await Assertions.Expect(officer.Locator(".title-row .tag")).ToHaveTextAsync("Đã trao (có danh sách ký nhận)");
        await Assertions.Expect(list).ToContainTextAsync("Danh sách đã ký.pdf");
        await Assertions.Expect(officer.Locator("section[aria-labelledby='trail-h']")).ToContainTextAsync("Đề nghị bổ sung số tiền cho tổ.");

        // On a phone: the round and the leader's support history fit the screen.
        var phone = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(phone, People.OfficerAnCu);
        await fx.OpenAsync(phone, url);
        await Assertions.Expect(phone.Locator(".title-row .tag")).ToHaveTextAsync("Đã trao (có danh sách ký nhận)");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the round is wider than a phone");
        await fx.ScreenshotAsync(phone, "ho-tro-dot-360");
        await phone.GetByRole(AriaRole.Link, new() { Name = leaderName }).ClickAsync();
        await Assertions.Expect(phone.Locator("section[aria-labelledby='support-h']")).ToContainTextAsync(roundName);
        await fx.ScreenshotAsync(phone, "ho-tro-thanh-vien-360");
        await fx.OpenAsync(phone, "/ho-tro/an-cu/lap-moi");
        await Assertions.Expect(phone.Locator("main h1")).ToHaveTextAsync("Lập đợt hỗ trợ");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the editor is wider than a phone");
        await fx.ScreenshotAsync(phone, "ho-tro-lap-dot-360");
        Assert.Empty(fx.Errors[officer]);
        Assert.Empty(fx.Errors[chairman]);
        Assert.Empty(fx.Errors[phone]);
    }

    static byte[] Pdf(string note) => Encoding.UTF8.GetBytes(
        "%PDF-1.4\n% " + note + "\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task A_wards_rounds_are_shown_25_a_page_with_the_next_and_previous_page()
    {
        const string officerId = "demo-officer-xuan-khanh";
        var api = fx.Api(officerId);
        var group = (await api.JsonAsync("wards/xuan-khanh/groups?status=active")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var tag = Guid.NewGuid().ToString("N")[..4];
        for (var n = 1; n <= 26; n++)
            (await api.PostJsonAsync("wards/xuan-khanh/support-rounds", new {
                kind = "funding", name = $"Hỗ trợ hoạt động tổ – đợt {tag}-{n:D2}", fund = new { name = "Quỹ khuyến học phường", type = "fund" },
                beneficiaries = new[] { new { type = "group", id = group, amount = 1_000_000 } },
            })).EnsureSuccessStatusCode();

        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, officerId);
        await fx.OpenAsync(page, "/ho-tro/xuan-khanh");
        var rows = page.Locator("section[aria-labelledby=rounds-h] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(rows.First).ToContainTextAsync($"đợt {tag}-26"); // last changed first
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Phân trang" });
        await Assertions.Expect(pager).ToContainTextAsync("Trang 1");
        await Assertions.Expect(pager.GetByRole(AriaRole.Button, new() { Name = "‹ Trang trước" })).ToBeDisabledAsync();
        await pager.ScrollIntoViewIfNeededAsync();
        await fx.ScreenshotAsync(page, "ho-tro-phan-trang-360");
        await pager.GetByRole(AriaRole.Button, new() { Name = "Trang sau ›" }).ClickAsync();
        await Assertions.Expect(pager).ToContainTextAsync("Trang 2");
        await Assertions.Expect(rows.First).ToContainTextAsync($"đợt {tag}-01");
        await pager.GetByRole(AriaRole.Button, new() { Name = "‹ Trang trước" }).ClickAsync();
        await Assertions.Expect(pager).ToContainTextAsync("Trang 1");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
    }
}
