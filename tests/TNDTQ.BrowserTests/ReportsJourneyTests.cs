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
        await fx.NavigateByMenuAsync(page, "Báo cáo");
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
        if (width == 360)
        {
            // Every table (the dashboard's and the summary's) stays a table, not a pile of cards: the district's page on a phone is
            // about 10,200 px (its fourteen tables; about 8,800 px at 1366 px), where cards made it about 19,000 px.
            var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            Assert.True(height < 12_000, $"the district's page at {width} px is {height} px tall");
            // The register's table scrolls sideways with the ward's name kept in view.
            var scrolled = await register.EvaluateAsync<double[]>("w => { const before = w.querySelector('tbody th').getBoundingClientRect().left; w.scrollLeft = 400; return [w.scrollWidth - w.clientWidth, w.scrollLeft, w.querySelector('tbody th').getBoundingClientRect().left - before]; }");
            Assert.True(scrolled[0] > 0 && scrolled[1] > 0, $"the register's table scrolls by {scrolled[1]} of {scrolled[0]} px");
            Assert.Equal(0, scrolled[2], 1.0);
            await fx.ScreenshotAsync(page, "bao-cao-toan-quan-360-cuon-ngang");
            await register.EvaluateAsync("w => w.scrollLeft = 0");
        }
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
        await fx.OpenAsync(page, "/so-theo-doi/an-cu");
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
        await fx.OpenAsync(page, "/bao-cao/cai-khe");
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
        await fx.OpenAsync(page, "/bao-cao/an-cu");
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
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task The_multi_year_summary_shows_its_tables_for_a_year_range_says_a_wrong_range_beside_the_field_and_downloads(int width)
    {
        var page = await fx.NewPageAsync(width, 900);
        await fx.SignInAsync(page, People.Police);
        await fx.OpenAsync(page, "/bao-cao");
        var year = DateTime.UtcNow.AddHours(7).Year;
        var byYear = page.Locator("#rp-register-by-year + .table-wrap");
        await Assertions.Expect(byYear.Locator("thead")).ToContainTextAsync("Tổ thành lập mới");
        await Assertions.Expect(byYear.Locator("tbody tr")).ToHaveCountAsync(7); // the seven years to this one
        await Assertions.Expect(byYear.Locator("tfoot")).ToContainTextAsync($"Cộng {year - 6}–{year}");
        await Assertions.Expect(page.Locator("#rp-commendations-by-ward + .table-wrap tfoot")).ToContainTextAsync("Toàn quận");
        await Assertions.Expect(page.Locator("#rp-commendations-by-year + .table-wrap thead")).ToContainTextAsync("Tập thể");

        // A range the server refuses: said beside the field, in Vietnamese; corrected, the tables follow.
        var from = page.GetByLabel("Từ năm");
        var to = page.GetByLabel("Đến năm");
        await from.FillAsync("2030");
        await to.FillAsync("2020");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem số liệu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync("Từ năm phải trước hoặc bằng Đến năm.");
        await Assertions.Expect(from).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Locator("section.summary form").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"bao-cao-tong-hop-loi-o-{width}.png") });
        await fx.ScreenshotAsync(page, $"bao-cao-tong-hop-loi-{width}");
        await from.FillAsync("2019");
        await to.PressAsync("Enter"); // the keyboard submits too
        await Assertions.Expect(byYear.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(byYear.Locator("tfoot")).ToContainTextAsync("Cộng 2019–2020");
        await Assertions.Expect(page.Locator(".field.has-error")).ToHaveCountAsync(0);

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the summary at {width} px is {overflow} px wider than the screen");
        await page.Locator("#rp-summary").ScrollIntoViewIfNeededAsync();
        await fx.ScreenshotAsync(page, $"bao-cao-tong-hop-{width}");
        await page.Locator("section.summary").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"bao-cao-tong-hop-muc-{width}.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải bảng tổng hợp (Excel)" }).ClickAsync());
        Assert.Equal("tong-hop-to-ndtq-2019-2020.xlsx", download.SuggestedFilename);
        Assert.Empty(fx.Errors[page]);
    }
}
