namespace Tndtq.BrowserTests;

/// <summary>Báo cáo: the district dashboard with its chart for a district role, and a ward officer's own ward only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneyTests(BrowserFixture fx)
{
    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task A_district_role_sees_every_ward_the_total_and_the_chart_and_downloads_the_workbook(int width)
    {
        var page = await fx.NewPageAsync(width, 900);
        await fx.SignInAsync(page, People.Police);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" }).GetByRole(AriaRole.Link, new() { Name = "Báo cáo" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bao-cao$"));
        await page.Locator("canvas#report-chart[data-ready='true']").WaitForAsync();

        // The chart is drawn: one bar per ward, as many as the tables have rows.
        var wardsInChart = await page.EvaluateAsync<int>("() => Chart.getChart(document.getElementById('report-chart')).data.labels.length");
        var rows = await page.Locator("#rp-register + .table-wrap tbody tr").CountAsync();
        Assert.True(rows >= 2, $"{rows} wards");
        Assert.Equal(rows, wardsInChart);
        var box = await page.Locator("canvas#report-chart").BoundingBoxAsync();
        Assert.True(box is { Width: > 200, Height: > 200 }, $"chart box {box?.Width}×{box?.Height}");

        var register = page.Locator("#rp-register + .table-wrap");
        await Assertions.Expect(register.Locator("tbody")).ToContainTextAsync("An Cư");
        await Assertions.Expect(register.Locator("tbody")).ToContainTextAsync("Cái Khế");
        await Assertions.Expect(register.Locator("tfoot")).ToContainTextAsync("Toàn quận");
        await Assertions.Expect(page.Locator("#rp-nominations + p + .table-wrap thead")).ToContainTextAsync("Hội đồng Thi đua – Khen thưởng xét");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the dashboard at {width} px is {overflow} px wider than the screen");
        var shot = await fx.ScreenshotAsync(page, $"bao-cao-toan-quan-{width}");
        Assert.True(File.Exists(shot));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải tệp Excel" }).ClickAsync());
        Assert.Matches(@"^bao-cao-to-ndtq-\d{4}\.xlsx$", download.SuggestedFilename);

        // A ward's row leads to that ward's own figures.
        await register.GetByRole(AriaRole.Link, new() { Name = "An Cư" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bao-cao/an-cu$"));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Báo cáo phường An Cư");
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task A_ward_officer_sees_only_their_ward_reached_from_the_ward_page()
    {
        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GotoAsync("/so-theo-doi/an-cu");
        await page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo số liệu của phường" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bao-cao/an-cu$"));
        await page.Locator("canvas#report-chart[data-ready='true']").WaitForAsync();
        await Assertions.Expect(page.Locator("#rp-register + .table-wrap tbody tr")).ToHaveCountAsync(1);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("An Cư", text);
        Assert.DoesNotContain("Cái Khế", text);
        Assert.DoesNotContain("Toàn quận", text); // the ward's own total only
        await fx.ScreenshotAsync(page, "bao-cao-phuong");

        // The navigation's "Báo cáo" is the ward's own; another ward's figures are refused in Vietnamese.
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" }).GetByRole(AriaRole.Link, new() { Name = "Báo cáo" }))
            .ToHaveAttributeAsync("href", "/bao-cao/an-cu");
        await page.GotoAsync("/bao-cao/cai-khe");
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Bạn chỉ được thao tác trên dữ liệu của phường mình.");
        Assert.DoesNotContain("Cái Khế", await page.Locator("main").InnerTextAsync());
        Assert.Empty(fx.Errors[page]);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1366)]
    public async Task The_review_report_downloads_as_a_pdf_and_a_word_document_from_the_reports_page(int width)
    {
        var page = await fx.NewPageAsync(width, 900);
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GotoAsync("/bao-cao/an-cu");
        await page.Locator("canvas#report-chart[data-ready='true']").WaitForAsync();
        await page.GetByLabel("Loại báo cáo").SelectOptionAsync("tong-ket");

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải báo cáo (PDF)" }).ClickAsync());
        Assert.StartsWith("Báo cáo tổng kết Tổ nhân dân tự quản phường An Cư", pdf.SuggestedFilename);
        Assert.EndsWith(".pdf", pdf.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await pdf.PathAsync())!);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);

        var word = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải báo cáo (Word)" }).ClickAsync());
        Assert.EndsWith(".docx", word.SuggestedFilename);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync((await word.PathAsync())!))[..2]); // a zip, as a .docx is

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page at {width} px is {overflow} px wider than the screen");
        await fx.ScreenshotAsync(page, $"bao-cao-tai-bao-cao-{width}");
        Assert.Empty(fx.Errors[page]);
    }
}
