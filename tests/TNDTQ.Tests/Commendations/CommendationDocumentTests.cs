using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Tndtq.Commendations;
using Tndtq.Commendations.Documents;
using Tndtq.Shared.Documents;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using PdfPage = UglyToad.PdfPig.Content.Page;
using static Tndtq.Tests.Documents.PdfLayout;

namespace Tndtq.Tests.Commendations;

/// <summary>
/// The decision and the certificate in the layout of Decree 30/2020/NĐ-CP, Appendix I: the PDF read back for where its text
/// sits (page, margins, the heading's lines, the rules, the signature), its font and its words; the DOCX for its section and font.
/// </summary>
public sealed class CommendationDocumentTests
{
    internal static DecisionInput Sample(NomineeType type = NomineeType.Individual, string name = "Nguyễn Thị Ánh Tuyết", string signerTitle = "PHÓ CHỦ TỊCH",
        string number = "125/QĐ-UBND", DateOnly? date = null) => new(new NominationInput("n1", "an-cu", "An Cư",
        new Nominee(type, "g1", type == NomineeType.Individual ? "m1" : null), type == NomineeType.Individual ? name : "Tổ 12, khu vực 3",
        "Tổ 12, khu vực 3", DemoCommendations.Catalogue[0] with { SignerTitle = signerTitle }, "2026",
        "Vận động 45 hộ tham gia phòng cháy chữa cháy, giữ vững an ninh trật tự.", null,
        Role.WardOfficer, "o", "Cán bộ", DateTimeOffset.UtcNow, new NominationDeadlines(), []), number, date ?? new DateOnly(2026, 3, 15), "Lãnh đạo");

    [Fact]
    public void The_decision_pdf_is_a_portrait_A4_within_the_decree_margins_set_in_Tinos()
    {
        var (pdf, page) = OpenPdf(CommendationDocuments.Build(Sample()).Decision, "tndtq-quyet-dinh.pdf");
        using var _ = pdf;
        Assert.Equal(1, pdf.NumberOfPages);
        Assert.Equal(210 * Mm, page.Width, Tolerance);
        Assert.Equal(297 * Mm, page.Height, Tolerance);
        AssertMarginsAndFont(page, justified: true);
    }

    [Fact]
    public void The_decision_heading_has_the_issuing_body_on_two_whole_lines_and_the_national_title_on_one()
    {
        var (pdf, page) = OpenPdf(CommendationDocuments.Build(Sample()).Decision);
        using var _ = pdf;
        // The committee over its unit (never "NINH / KIỀU"), the number at the height of the italic place and date.
        AssertHeading(page, ["ỦY BAN NHÂN DÂN", "QUẬN NINH KIỀU"], "Số: 125/QĐ-UBND", "Ninh Kiều, ngày 15 tháng 3 năm 2026");
    }

    [Fact]
    public void The_decision_body_has_its_type_summary_authority_grounds_and_bold_articles()
    {
        var (pdf, page) = OpenPdf(CommendationDocuments.Build(Sample(NomineeType.Collective)).Decision);
        using var _ = pdf;
        var lines = Lines(page);
        var type = Assert.Single(lines, l => l.Text == "QUYẾT ĐỊNH");
        var centre = (page.Width + (DocumentLayout.LeftMm - DocumentLayout.RightMm) * Mm) / 2;
        Assert.Equal(centre, (type.Left + type.Right) / 2, 1.0);
        var summary = Assert.Single(lines, l => l.Text == "Về việc tặng Giấy khen của Chủ tịch UBND quận");
        Assert.All(summary.Letters, l => Assert.Contains("Bold", l.FontName));
        Assert.Single(Rules(page), r => r.Top < summary.Baseline && r.Top > summary.Baseline - 10);
        Assert.Single(lines, l => l.Text == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN NINH KIỀU");
        var ground = Assert.Single(lines, l => l.Text.StartsWith("Căn cứ Luật Thi đua"));
        Assert.All(ground.Letters, l => Assert.Contains("Italic", l.FontName));
        Assert.Equal(DocumentLayout.LeftMm * Mm + DocumentLayout.Indent, ground.Left, 1.0); // first line indented 1.27 cm
        var article = Assert.Single(lines, l => l.Text.StartsWith("Điều 1."));
        Assert.All(article.Words.Take(2).SelectMany(w => w.Letters), l => Assert.Contains("Bold", l.FontName));
        Assert.DoesNotContain("Bold", article.Words[2].Letters[0].FontName);
        Assert.Contains("Tổ 12, khu vực 3, phường An Cư", Text(page));
        Assert.Contains("Giấy khen của Chủ tịch UBND quận", Text(page));
    }

    [Fact]
    public void A_deputy_signs_for_the_chairman_and_the_chairman_signs_in_his_own_name()
    {
        foreach (var blocks in new[] { CommendationDocuments.Build(Sample()).Decision, CommendationDocuments.Build(Sample()).Certificate })
        {
            var (pdf, page) = OpenPdf(blocks);
            using var _ = pdf;
            var right = Lines(page, w => w.BoundingBox.Left >= ColumnSplit(page)).Select(l => l.Text).ToList();
            var kt = right.IndexOf("KT. CHỦ TỊCH");
            Assert.True(kt >= 0, string.Join(" | ", right));
            Assert.Equal("PHÓ CHỦ TỊCH", right[kt + 1]);
            Assert.Equal("Nguyễn Thanh Sơn", right[kt + 2]);
            var name = Lines(page).Single(l => l.Text.Contains("Nguyễn Thanh Sơn"));
            Assert.All(name.Letters, l => Assert.Contains("Bold", l.FontName));
        }

        var (chairmanPdf, chairmanPage) = OpenPdf(CommendationDocuments.Build(Sample(signerTitle: "CHỦ TỊCH")).Decision);
        using (chairmanPdf)
        {
            var right = Lines(chairmanPage, w => w.BoundingBox.Left >= ColumnSplit(chairmanPage)).Select(l => l.Text).ToList();
            Assert.Equal("Nguyễn Thanh Sơn", right[right.IndexOf("CHỦ TỊCH") + 1]);
            Assert.DoesNotContain("KT.", Text(chairmanPage));
            Assert.DoesNotContain("PHÓ", Text(chairmanPage));
        }
    }

    [Theory]
    [InlineData("PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")]
    [InlineData("Phó Chủ tịch", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")]
    [InlineData("PHÓ TRƯỞNG CÔNG AN QUẬN", "KT. TRƯỞNG CÔNG AN QUẬN\nPHÓ TRƯỞNG CÔNG AN QUẬN")]
    [InlineData("CHỦ TỊCH", "CHỦ TỊCH")]
    [InlineData("TRƯỞNG CÔNG AN QUẬN", "TRƯỞNG CÔNG AN QUẬN")]
    [InlineData("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")]
    public void The_signing_capacity_follows_the_signers_title(string title, string expected) =>
        Assert.Equal(expected, CommendationTexts.SignatureTitle(title));

    [Theory]
    [InlineData("ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", "ỦY BAN NHÂN DÂN\nQUẬN NINH KIỀU")]
    [InlineData("ỦY BAN NHÂN DÂN PHƯỜNG AN CƯ", "ỦY BAN NHÂN DÂN\nPHƯỜNG AN CƯ")]
    [InlineData("CÔNG AN QUẬN NINH KIỀU", "CÔNG AN QUẬN NINH KIỀU")]
    public void The_issuing_body_breaks_where_the_office_breaks_it(string name, string expected) =>
        Assert.Equal(expected, CommendationTexts.IssuingBodyLines(name));

    [Theory]
    [InlineData(Gender.Male, "Trần Văn Hùng", "Ông Trần Văn Hùng")]
    [InlineData(Gender.Female, "Nguyễn Thị Ánh Tuyết", "Bà Nguyễn Thị Ánh Tuyết")]
    [InlineData(null, "Lê Minh Khoa", "Ông/Bà Lê Minh Khoa")]
    public void The_certificate_addresses_the_member_by_gender(Gender? gender, string name, string expected)
    {
        var (pdf, page) = OpenPdf(CommendationDocuments.Build(Sample(name: name), gender).Certificate);
        using var _ = pdf;
        var line = Assert.Single(Lines(page), l => l.Text.Contains(name));
        Assert.Equal(expected, line.Text);
        if (gender == Gender.Male) Assert.DoesNotContain("Bà ", Text(page));
        if (gender == Gender.Female) Assert.DoesNotContain("Ông", Text(page));
    }

    [Fact]
    public void The_certificate_names_a_group_as_a_collective()
    {
        var (pdf, page) = OpenPdf(CommendationDocuments.Build(Sample(NomineeType.Collective), Gender.Female).Certificate);
        using var _ = pdf;
        Assert.Single(Lines(page), l => l.Text == "Tập thể Tổ 12, khu vực 3");
        Assert.DoesNotContain("Ông", Text(page));
        Assert.DoesNotContain("Bà ", Text(page));
    }

    [Fact]
    public void The_certificate_pdf_is_a_landscape_A4_with_the_national_title_centred_at_the_top_and_the_award_large()
    {
        var (pdf, page) = OpenPdf(CommendationDocuments.Build(Sample(), Gender.Female).Certificate, "tndtq-giay-khen.pdf");
        using var _ = pdf;
        Assert.Equal(1, pdf.NumberOfPages);
        Assert.Equal(297 * Mm, page.Width, Tolerance);
        Assert.Equal(210 * Mm, page.Height, Tolerance);
        AssertMarginsAndFont(page, justified: false);

        var lines = Lines(page);
        var centre = (page.Width + (DocumentLayout.LeftMm - DocumentLayout.RightMm) * Mm) / 2;
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lines[0].Text);
        Assert.Equal(centre, (lines[0].Left + lines[0].Right) / 2, 1.0);
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", lines[1].Text);
        Assert.Equal(centre, (lines[1].Left + lines[1].Right) / 2, 1.0);
        Assert.Equal(["CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", "tặng", "GIẤY KHEN", "Bà Nguyễn Thị Ánh Tuyết", "Tổ 12, khu vực 3, phường An Cư"],
            lines.Skip(2).Take(5).Select(l => l.Text));
        var award = lines[4];
        Assert.True(award.Letters.Min(l => l.PointSize) >= 30);
        Assert.True(lines.Where(l => l != award).SelectMany(l => l.Letters).Max(l => l.PointSize) < 30);
        // The decision number at the height of the place and date, the signature under them.
        var dated = Assert.Single(lines, l => l.Text.Contains("Ninh Kiều, ngày 15 tháng 3 năm 2026"));
        Assert.Contains("Quyết định số: 125/QĐ-UBND", dated.Text);
        Assert.True(lines.IndexOf(dated) < lines.FindIndex(l => l.Text == "KT. CHỦ TỊCH"));
    }

    [Fact]
    public void Dates_and_numbers_below_10_have_a_leading_zero_and_months_from_march_do_not()
    {
        var (february, _) = CommendationDocuments.Build(Sample(number: "5/qđ-ubnd", date: new DateOnly(2026, 2, 5)));
        var text = string.Join(" | ", february.Select(b => b.Text));
        Assert.Contains("Số: 05/QĐ-UBND", text);
        Assert.Contains("Ninh Kiều, ngày 05 tháng 02 năm 2026", text);
        var (november, _) = CommendationDocuments.Build(Sample(date: new DateOnly(2026, 11, 24)));
        Assert.Contains("Ninh Kiều, ngày 24 tháng 11 năm 2026", string.Join(" | ", november.Select(b => b.Text)));
    }

    [Fact]
    public void The_decision_docx_has_the_national_motto_the_number_and_the_commended_with_diacritics()
    {
        var (decision, _) = CommendationDocuments.Build(Sample());
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(decision)), false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text);
        Assert.Contains("Số: 125/QĐ-UBND", text);
        Assert.Contains("Ninh Kiều, ngày 15 tháng 3 năm 2026", text);
        Assert.Contains("1. Nguyễn Thị Ánh Tuyết, Tổ 12, khu vực 3, phường An Cư", text);
        Assert.Contains("CHỦ TỊCH", text);
    }

    static string Paragraphs(TableCell cell) => string.Join(" | ", cell.Elements<Paragraph>().Select(p => p.InnerText));

    [Fact]
    public void The_decision_docx_is_a_portrait_A4_with_the_decree_margins_in_Times_New_Roman_and_a_two_column_heading()
    {
        var (decision, _) = CommendationDocuments.Build(Sample());
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(decision)), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.NotEqual(PageOrientationValues.Landscape, size.Orient?.Value);
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((1134, 1134, 1701u, 850u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value)); // 20, 20, 30, 15 mm
        Assert.All(body.Descendants<RunFonts>(), f => Assert.Equal(("Times New Roman", "Times New Roman"), (f.Ascii?.Value, f.HighAnsi?.Value)));
        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<RunFonts>().Single();
        Assert.Equal("Times New Roman", defaults.Ascii!.Value);

        // Heading: the committee over its unit, then a rule (a bordered empty paragraph) on the left; title and motto on the right.
        var heading = body.Elements<Table>().First().Elements<TableRow>().Single().Elements<TableCell>().ToList();
        Assert.Equal("ỦY BAN NHÂN DÂN | QUẬN NINH KIỀU | ", Paragraphs(heading[0]));
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | Độc lập - Tự do - Hạnh phúc | ", Paragraphs(heading[1]));
        Assert.All(new[] { heading[0], heading[1] }, c => Assert.NotNull(c.Elements<Paragraph>().Last().ParagraphProperties!.ParagraphBorders!.TopBorder));
        // The right column is wider than the national title set at its size (measured from the PDF, same metrics).
        var (pdf, page) = OpenPdf(decision);
        using (pdf)
        {
            var titleWords = Lines(page).First().Words.Where(w => w.BoundingBox.Left >= ColumnSplit(page)).ToList();
            var titleWidthTwips = (titleWords.Max(w => w.BoundingBox.Right) - titleWords.Min(w => w.BoundingBox.Left)) * 20;
            Assert.True(int.Parse(heading[1].TableCellProperties!.TableCellWidth!.Width!) > titleWidthTwips + 100);
        }
        var signature = body.Elements<Table>().Last().Elements<TableRow>().Single().Elements<TableCell>().ToList();
        Assert.StartsWith("Nơi nhận:", Paragraphs(signature[0]));
        Assert.StartsWith("KT. CHỦ TỊCH | PHÓ CHỦ TỊCH |", Paragraphs(signature[1]));
        Assert.EndsWith("Nguyễn Thanh Sơn", Paragraphs(signature[1]));
    }

    [Fact]
    public void The_certificate_docx_is_a_landscape_A4_with_the_same_margins()
    {
        var (_, certificate) = CommendationDocuments.Build(Sample(name: "Trần Văn Hùng"), Gender.Male);
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(certificate)), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!;
        Assert.Equal((16838u, 11906u, PageOrientationValues.Landscape), (size.Width!.Value, size.Height!.Value, size.Orient!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((1134, 1134, 1701u, 850u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        Assert.All(body.Descendants<RunFonts>(), f => Assert.Equal("Times New Roman", f.Ascii?.Value));
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == "Ông Trần Văn Hùng");
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", body.Elements<Paragraph>().First().InnerText);
    }

    [Fact]
    public void The_certificate_pdf_text_reads_back_with_the_nominee_name()
    {
        var (_, certificate) = CommendationDocuments.Build(Sample());
        var (pdf, page) = OpenPdf(certificate);
        using var _ = pdf;
        var text = Text(page);
        Assert.Contains("GIẤY KHEN", text);
        Assert.Contains("Nguyễn Thị Ánh Tuyết", text);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
    }
}
