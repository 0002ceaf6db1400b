using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Tndtq.Demo;
using Tndtq.Register;
using Tndtq.Reports;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Documents;
using Tndtq.Tests.Infrastructure;
using UglyToad.PdfPig;
using Pdf = UglyToad.PdfPig.PdfDocument;

namespace Tndtq.Tests.Reports;

/// <summary>
/// The review report (Báo cáo sơ kết / tổng kết) over HTTP on the real host and Azurite: the PDF's and the DOCX's tables carry the
/// dashboard's numbers, the official heading and title, the chart; scoping as the dashboard's; bad values a Vietnamese 400 naming the field.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ReviewReportTests(HostFixture fx)
{
    const string Csv = RegisterCsv.TwoGroups + "\n" + """
        "Tổ 3, khu vực 2",Hẻm 30,1234,Trần Thị Mỹ,Nữ,1968,Số 1 hẻm 30,Tổ trưởng
        """;

    static string Save(byte[] content, string name)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "documents")).FullName, name);
        File.WriteAllBytes(path, content); // kept beside the test output for a person to look at
        return path;
    }

    static string AllText(Pdf pdf) => string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

    [Fact]
    public async Task A_wards_pdf_report_has_the_official_heading_its_title_the_dashboards_numbers_and_the_chart()
    {
        var (ward, officer, _) = await fx.NewWardAsync("bc", "Phường Sơ Kết", Csv);
        var dashboard = await (await officer.GetAsync("reports/dashboard")).ReadAsync<Dashboard>();
        var figures = Assert.Single(dashboard.Wards).Register;
        Assert.Equal(1299, figures.Households); // a number the report prints with a thousands' dot

        var response = await officer.GetAsync("reports/review-report?format=pdf&kind=so-ket&from=2026-01-01&to=2026-06-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.StartsWith("Báo cáo sơ kết Tổ nhân dân tự quản phường Sơ Kết ", disposition.FileNameStar);
        Assert.EndsWith(".pdf", disposition.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        Save(bytes, "tndtq-bao-cao-so-ket-phuong.pdf");

        using var pdf = Pdf.Open(bytes);
        const string title = "BÁO CÁO Sơ kết công tác xây dựng, củng cố và nâng cao hiệu quả hoạt động của Tổ nhân dân tự quản trên địa bàn phường Sơ Kết (từ ngày 01/01/2026 đến ngày 30/06/2026)";
        Assert.Equal(title, pdf.Information.Title);
        var text = AllText(pdf);
        foreach (var expected in new[] { "ỦY BAN NHÂN DÂN", "PHƯỜNG SƠ KẾT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "/BC-UBND",
                     "I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
                     "Bảng 1. Số tổ, thành viên, hộ gia đình, tổ trưởng và tổ phó theo phường", "Bảng 4. Đề nghị khen thưởng và khen thưởng theo phường",
                     "có 3 Tổ nhân dân tự quản đang hoạt động với 6 thành viên, bao quát 1.299 hộ gia đình" })
            Assert.Contains(expected, text);
        var today = VietnamTime.Today(TimeProvider.System);
        Assert.Contains($"Sơ Kết, ngày {today.Day:D2} tháng {(today.Month <= 2 ? today.Month.ToString("D2") : today.Month.ToString())} năm {today.Year}", text);

        // Table 1's row of the ward: the dashboard's figures, in order, on one line.
        var row = pdf.GetPages().SelectMany(p => p.GetWords().GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y, 1))
                .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))
            .First(l => l.StartsWith("1 Phường Sơ Kết"));
        Assert.Equal($"1 Phường Sơ Kết {figures.ActiveGroups} {figures.ActiveMembers} {ReviewReport.Number(figures.Households)} {figures.Leaders} {figures.Deputies}", row);
        Assert.Equal("3 6 1.299 3 1", $"{figures.ActiveGroups} {figures.ActiveMembers} {ReviewReport.Number(figures.Households)} {figures.Leaders} {figures.Deputies}");
        Assert.Empty(pdf.GetPages().SelectMany(p => p.GetImages())); // no chart (nor its caption) while no group is rated
        Assert.DoesNotContain("Biểu đồ", text);
        Assert.DoesNotContain("Toàn quận", text); // one ward: no totals row
    }

    [Fact]
    public async Task The_docx_report_has_the_tables_with_the_dashboards_numbers()
    {
        var (_, officer, _) = await fx.NewWardAsync("bc", "Phường Tổng Kết", Csv);
        var figures = Assert.Single((await (await officer.GetAsync("reports/dashboard")).ReadAsync<Dashboard>()).Wards).Register;
        var response = await officer.GetAsync("reports/review-report?format=docx&kind=tong-ket");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Save(bytes, "tndtq-bao-cao-tong-ket-phuong.docx");

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        Assert.Contains("Tổng kết công tác xây dựng, củng cố và nâng cao hiệu quả hoạt động của Tổ nhân dân tự quản trên địa bàn phường Tổng Kết", body.InnerText);
        var tables = body.Elements<Table>().Where(t => t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>() is not null).ToList();
        // The dashboard's four tables, then the multi-year summary's by year for the report's period: register, awards, training, meetings, support.
        Assert.Equal(9, tables.Count);
        var year = DateTime.UtcNow.AddHours(7).Year;
        foreach (var title in new[] { ReportsTexts.SummaryRegisterTitle, ReportsTexts.SummaryCommendationsTitle, ReportsTexts.SummaryTrainingTitle, ReportsTexts.SummaryMeetingsTitle, ReportsTexts.SummarySupportTitle })
            Assert.Contains(ReportsTexts.SummaryByYear(title, year, year), body.InnerText);
        var row = tables[0].Elements<TableRow>().ElementAt(1).Elements<TableCell>().Select(c => c.InnerText).ToList();
        Assert.Equal(["1", "Phường Tổng Kết", figures.ActiveGroups.ToString(), figures.ActiveMembers.ToString(), ReviewReport.Number(figures.Households),
            figures.Leaders.ToString(), figures.Deputies.ToString()], row);
        Assert.Empty(body.Descendants<Drawing>()); // nothing rated yet: no chart
    }

    [Fact]
    public async Task The_report_is_scoped_as_the_dashboard_and_bad_values_are_a_vietnamese_400_naming_the_field()
    {
        var (ward, officer, _) = await fx.NewWardAsync("bc", "Phường Phạm Vi", Csv);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("reports/review-report?wardId=an-cu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.OfficerAnCu).GetAsync($"reports/review-report?wardId={ward}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Client().GetAsync("reports/review-report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client(As.Police).GetAsync("reports/review-report?wardId=khong-co")).StatusCode);

        // A district role, one ward: that ward's report.
        using (var one = Pdf.Open(await (await fx.Client(As.Police).GetAsync($"reports/review-report?wardId={ward}")).Content.ReadAsByteArrayAsync()))
            Assert.Contains("PHƯỜNG PHẠM VI", AllText(one));

        // A district role, every ward: the district's report, a row per ward and the total.
        var response = await fx.Client(As.Police).GetAsync("reports/review-report");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Save(bytes, "tndtq-bao-cao-so-ket-quan.pdf");
        using var pdf = Pdf.Open(bytes);
        var text = AllText(pdf);
        Assert.Contains("Phường Phạm Vi", text);
        Assert.Contains("An Cư", text);
        Assert.Contains("Toàn quận", text);
        Assert.DoesNotContain("PHƯỜNG PHẠM VI", text);

        foreach (var (query, field) in new[] { ("format=xls", "format"), ("kind=giua-ky", "kind"), ("from=2026-13-01", "from"), ("to=30/06/2026", "to"),
                     ("from=2026-06-30&to=2026-01-01", "to") })
        {
            var bad = await officer.GetAsync("reports/review-report?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var problem = await bad.Content.ReadAsStringAsync();
            Assert.Contains(field, problem);
            Assert.Contains("không", problem); // Vietnamese
        }
    }
}

/// <summary>The review report built in memory: a district of many wards, the tables a template does not name, the period's defaults.</summary>
public sealed class ReviewReportLayoutTests
{
    static Dashboard District(int count)
    {
        var wards = Enumerable.Range(1, count).Select(i => new WardFigures($"w{i}", $"Phường Thử Nghiệm {i}", new WardCounters(10 + i, i % 3, i % 2, i % 4, 100 + i, 10 + i, 12 + i, 1000 + 37 * i),
            new RatingCounts(4 + i % 5, 3 + i % 4, 2 + i % 3, i % 2), "Rà soát năm 2026", null, new Dictionary<string, int> { ["council"] = i % 3 },
            new Dictionary<string, int> { ["approved"] = i, ["rejected"] = 1 }, i)).ToList();
        var totals = new DashboardTotals(wards.Aggregate(WardCounters.Zero, (t, w) => t + w.Register),
            wards.Aggregate(RatingCounts.Zero, (t, w) => new(t.Good + w.Ratings.Good, t.Fair + w.Ratings.Fair, t.Average + w.Ratings.Average, t.Weak + w.Ratings.Weak)), 0,
            new Dictionary<string, int> { ["council"] = wards.Sum(w => w.NominationsAtStep["council"]) },
            new Dictionary<string, int> { ["approved"] = wards.Sum(w => w.NominationResults["approved"]), ["rejected"] = count }, wards.Sum(w => w.AwardsThisYear));
        return new(2026, DateTimeOffset.UtcNow, wards, totals,
            [new("council", "Hội đồng thi đua")], [new("approved", "Được khen thưởng"), new("rejected", "Không được khen thưởng")], "Toàn quận");
    }

    [Fact]
    public void A_table_the_template_does_not_name_prints_where_it_says_tables_numbered_after_the_others()
    {
        var d = District(11);
        var extra = new ReportTable("summary-2025", "Số tổ thành lập, sáp nhập theo năm",
            [new("Năm", 0.5), new("Số tổ", 0.5, Align.Right)], [["2025", "12"]], ["Tổng cộng", "12"]);
        var blocks = ReviewReport.Build(Tndtq.Shared.Documents.DocumentTemplate.Load(ReviewReport.TemplateName), d, [.. ReportTables.From(d), extra],
            new ReportScope(false, "quận Ninh Kiều", "Ninh Kiều", DemoRegister.ApprovingUnit.ReportTo!, DemoRegister.ApprovingUnit.CopyTo!), ReviewReportKind.TongKet, new ReportPeriod(new(2020, 1, 1), new(2026, 11, 26)),
            new DateOnly(2026, 2, 5), "Nguyễn Thanh Sơn");
        Assert.Equal(["Bảng 1. " + ReportsTexts.TableRegisterTitle, "Bảng 2. " + ReportsTexts.TableRatingsTitle, "Bảng 3. " + ReportsTexts.TableRestructureTitle,
            "Bảng 4. " + ReportsTexts.TableCommendationsTitle, "Bảng 5. Số tổ thành lập, sáp nhập theo năm"], blocks.Where(b => b.Style == "table-title").Select(b => b.Text));
        var tables = blocks.Where(b => b.Table is not null).Select(b => b.Table!).ToList();
        Assert.Equal(5, tables.Count);
        Assert.All(tables, t => Assert.Equal(1, t.Columns.Sum(c => c.WidthShare), 3));
        Assert.Equal(11, tables[0].Rows.Count);
        Assert.Equal(["", "Toàn quận"], tables[0].Totals!.Take(2));

        var bytes = PdfWriter.Write(blocks);
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "documents")).FullName, "tndtq-bao-cao-tong-ket-quan.pdf"), bytes);
        using var pdf = Pdf.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Ninh Kiều, ngày 05 tháng 02 năm 2026", text);
        Assert.Contains("ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", string.Join(" ", pdf.GetPage(1).GetWords().Where(w => w.BoundingBox.Left < 250).Take(7).Select(w => w.Text)));
        Assert.Contains("Nguyễn Thanh Sơn", text);
        Assert.Contains("Bảng 5. Số tổ thành lập, sáp nhập theo năm", text);
        Assert.Contains("Biểu đồ: Kết quả đánh giá Tổ nhân dân tự quản gần nhất theo phường", text);
        var chart = Assert.Single(pdf.GetPages().SelectMany(p => p.GetImages()));
        Assert.Equal(160 * 72 / 25.4, chart.BoundingBox.Width, 0.5);

        // The DOCX: the five tables with their repeated header rows, and the chart as a drawing.
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(blocks)), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        Assert.Equal(5, body.Elements<Table>().Count(t => t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>() is not null));
        var drawing = Assert.Single(body.Descendants<Drawing>());
        Assert.Equal(ReportsTexts.ChartRatingsTitle, drawing.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single().Description!.Value);
        // The recipients, in the left column of the last page.
        const double mm = 72 / 25.4;
        var split = (DocumentLayout.LeftMm + (210 - DocumentLayout.LeftMm - DocumentLayout.RightMm) * DocumentLayout.LeftColumnShare) * mm;
        var recipients = string.Join(" ", pdf.GetPage(pdf.NumberOfPages).GetWords().Where(w => w.BoundingBox.Right < split)
            .OrderByDescending(w => Math.Round(w.Letters[0].StartBaseLine.Y, 1)).ThenBy(w => w.BoundingBox.Left).Select(w => w.Text));
        Assert.Contains("Nơi nhận: - Thường trực Quận ủy, Thường trực Hội đồng nhân dân quận Ninh Kiều (để báo cáo); - Công an quận, Ủy ban nhân dân các phường; - Lưu: VT.", recipients);
    }

    /// <summary>The text lines of a PDF page, top to bottom (words on one baseline, left to right), the page number left out.</summary>
    static List<string> Lines(UglyToad.PdfPig.Content.Page page, int number) => page.GetWords()
        .GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y, 1)).OrderByDescending(g => g.Key)
        .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))
        .Where((l, i) => !(i == 0 && l == number.ToString())).ToList();

    [Fact]
    public void A_heading_or_a_tables_title_never_ends_a_pdf_page_the_charts_caption_stays_with_the_chart_and_the_signature_with_the_text()
    {
        // Districts of 1 to 16 wards, with one or two further tables: the page breaks fall in many places of the report.
        var template = Tndtq.Shared.Documents.DocumentTemplate.Load(ReviewReport.TemplateName);
        var extra = new ReportTable("summary-2025", "Số tổ thành lập, sáp nhập theo năm", [new("Năm", 0.5), new("Số tổ", 0.5, Align.Right)],
            Enumerable.Range(2020, 6).Select(y => (IReadOnlyList<string>)[y.ToString(), "12"]).ToList(), ["Tổng cộng", "72"]);
        var more = extra with { Key = "summary-2026", Title = "Số thành viên theo năm" };
        var seen = 0;
        var wrong = new List<string>();
        foreach (var count in Enumerable.Range(1, 16))
            foreach (var further in new[] { new[] { extra }, new[] { extra, more } })
            {
                var d = District(count);
                var blocks = ReviewReport.Build(template, d, [.. ReportTables.From(d), .. further],
                    new ReportScope(false, "quận Ninh Kiều", "Ninh Kiều", DemoRegister.ApprovingUnit.ReportTo!, DemoRegister.ApprovingUnit.CopyTo!), ReviewReportKind.TongKet, new ReportPeriod(new(2020, 1, 1), new(2026, 11, 26)),
                    new DateOnly(2026, 2, 5), "Nguyễn Thanh Sơn");
                var kept = blocks.Where(b => DocumentLayout.KeepsWithNext(b.Style)).Select(b => b.Text).ToList();
                var caption = Assert.Single(blocks, b => b.Style == "caption").Text;
                using var pdf = Pdf.Open(PdfWriter.Write(blocks));
                for (var n = 1; n <= pdf.NumberOfPages; n++)
                {
                    var lines = Lines(pdf.GetPage(n), n);
                    var last = lines[^1];
                    if (kept.Any(h => h.EndsWith(last, StringComparison.Ordinal))) wrong.Add($"{count} wards, {further.Length} further table(s): page {n} ends with \"{last}\"");
                    if (caption.StartsWith(lines[0], StringComparison.Ordinal) && !pdf.GetPage(n).GetImages().Any())
                        wrong.Add($"{count} wards, {further.Length} further table(s): page {n} begins with the caption, away from its chart");
                    seen += lines.Count;
                }
                // The signature never stands alone on the last page: the closing paragraph is above it.
                if (!Lines(pdf.GetPage(pdf.NumberOfPages), pdf.NumberOfPages).Any(l => l.StartsWith("Trên đây là báo cáo", StringComparison.Ordinal)))
                    wrong.Add($"{count} wards, {further.Length} further table(s): the signature is alone on the last page");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(seen > 1000, $"{seen} lines read");
    }

    [Fact]
    public void The_docx_keeps_headings_and_tables_titles_with_what_follows_the_chart_with_its_caption_and_the_closing_text_with_the_signature()
    {
        var d = District(11);
        var blocks = ReviewReport.Build(Tndtq.Shared.Documents.DocumentTemplate.Load(ReviewReport.TemplateName), d, ReportTables.From(d),
            new ReportScope(false, "quận Ninh Kiều", "Ninh Kiều", DemoRegister.ApprovingUnit.ReportTo!, DemoRegister.ApprovingUnit.CopyTo!), ReviewReportKind.SoKet, new ReportPeriod(new(2026, 1, 1), new(2026, 6, 30)),
            new DateOnly(2026, 7, 1));
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(blocks)), false);
        var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        static bool KeepsWithNext(Paragraph p) => p.ParagraphProperties?.KeepNext is { } k && (k.Val is null || k.Val.Value);
        var kept = blocks.Where(b => DocumentLayout.KeepsWithNext(b.Style)).Select(b => b.Text).ToList();
        Assert.Equal(15, kept.Count); // the template's eleven headings and the four tables' titles
        foreach (var text in kept) Assert.True(KeepsWithNext(Assert.Single(paragraphs, p => p.InnerText == text)), text);
        Assert.True(KeepsWithNext(Assert.Single(paragraphs, p => p.Descendants<Drawing>().Any())), "the chart stays with its caption");
        Assert.True(KeepsWithNext(Assert.Single(paragraphs, p => p.InnerText.StartsWith("Trên đây là báo cáo", StringComparison.Ordinal))), "the closing paragraph stays with the signature");
        Assert.False(KeepsWithNext(paragraphs.First(p => p.InnerText.StartsWith("Đến ngày", StringComparison.Ordinal))), "a body paragraph is not kept with the next");
    }

    [Fact]
    public void The_period_defaults_to_this_year_so_far_and_may_not_run_backwards()
    {
        var today = new DateOnly(2026, 11, 26);
        Assert.Equal(new ReportPeriod(new(2026, 1, 1), today), ReviewReportService.Period(null, null, today));
        Assert.Equal(new ReportPeriod(new(2020, 1, 1), today), ReviewReportService.Period(new(2020, 1, 1), null, today));
        var e = Assert.Throws<ProblemException>(() => ReviewReportService.Period(new(2026, 6, 30), new(2026, 1, 1), today));
        Assert.Equal(["to"], e.Errors!.Keys);
    }
}
