using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Tndtq.Shared.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using PdfPage = UglyToad.PdfPig.Content.Page;

namespace Tndtq.Tests.Documents;

/// <summary>
/// Tables and pictures in generated documents (receipt lists, reports): the PDF read back with PdfPig (cell texts, their fonts,
/// where they sit, the header repeated on a second page, the picture's place), the DOCX with OpenXml (the table, its repeated
/// header, the drawing and its image part).
/// </summary>
public sealed class DocumentTableTests
{
    const double Mm = 72 / 25.4;
    static readonly double TextLeft = DocumentLayout.LeftMm * Mm, TextWidth = (210 - DocumentLayout.LeftMm - DocumentLayout.RightMm) * Mm;

    static DocumentTable Table(int rows, bool longNames = false) => new(
        [new TableColumn("STT", 0.1, Align.Center), new TableColumn("Họ và tên người nhận", 0.5), new TableColumn("Số tiền (đồng)", 0.2, Align.Right), new TableColumn("Ký nhận", 0.2)],
        Enumerable.Range(1, rows).Select(n => (IReadOnlyList<string>)[n.ToString(), longNames ? $"Nguyễn Thị Ánh Tuyết số {n}, Tổ 12, khu vực 3, phường An Cư, quận Ninh Kiều" : $"Trần Văn Bảy {n}",
            (n * 100_000).ToString("N0", new System.Globalization.CultureInfo("vi-VN")), ""]).ToList(),
        ["", "Tổng cộng", (Enumerable.Range(1, rows).Sum() * 100_000).ToString("N0", new System.Globalization.CultureInfo("vi-VN")), ""]);

    static IReadOnlyList<Block> Blocks(DocumentTable table, DocumentImage? image = null) =>
    [
        new("title", "DANH SÁCH KÝ NHẬN"),
        new("para", "Danh sách các hộ nhận hỗ trợ trong đợt này."),
        new("table", "", Table: table),
        .. image is null ? Array.Empty<Block>() : [new Block("image", "Biểu đồ kết quả đánh giá", Image: image)],
        new("para", "Danh sách gồm các hộ có tên trên./."),
    ];

    static List<Word> Words(PdfPage page) => page.GetWords().ToList();
    static Word Single(PdfPage page, string text) => Assert.Single(Words(page), w => w.Text == text);

    [Fact]
    public void A_pdf_table_has_bordered_cells_a_bold_header_right_aligned_numbers_and_a_bold_totals_row()
    {
        using var pdf = PdfDocument.Open(PdfWriter.Write(Blocks(Table(3))));
        var page = pdf.GetPage(1);
        Assert.Equal(1, pdf.NumberOfPages);
        var text = string.Join(" ", Words(page).Select(w => w.Text));
        Assert.Contains("STT Họ và tên người nhận Số tiền (đồng) Ký nhận", text);
        Assert.Contains("Trần Văn Bảy 2", text);
        Assert.All(Single(page, "STT").Letters, l => Assert.Contains("Bold", l.FontName));
        Assert.DoesNotContain("Bold", Single(page, "300.000").Letters[0].FontName);

        // The third column spans 60–80 % of the text width: its numbers end at its right edge, less the cell's padding.
        var columnRight = TextLeft + 0.8 * TextWidth - DocumentLayout.CellPadX;
        foreach (var amount in new[] { "100.000", "200.000", "300.000" })
            Assert.Equal(columnRight, Single(page, amount).BoundingBox.Right, 1.0);
        var total = Single(page, "600.000");
        Assert.Equal(columnRight, total.BoundingBox.Right, 1.0);
        Assert.All(total.Letters, l => Assert.Contains("Bold", l.FontName));
        Assert.All(Single(page, "Tổng").Letters, l => Assert.Contains("Bold", l.FontName));

        // Borders: five rows of four cells, drawn as rectangles inside the text width.
        var cells = page.Paths.Select(p => p.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>().Where(r => r.Height > 5 && r.Width > 5).ToList();
        Assert.Equal(20, cells.Count);
        Assert.Equal(TextLeft, cells.Min(r => r.Left), 1.0);
        Assert.Equal(TextLeft + TextWidth, cells.Max(r => r.Right), 1.0);
    }

    [Fact]
    public void A_long_pdf_table_runs_on_with_its_header_repeated_and_no_row_split_across_pages()
    {
        const int rows = 40;
        var bytes = PdfWriter.Write(Blocks(Table(rows, longNames: true)), title: "Danh sách ký nhận");
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "documents")).FullName, "tndtq-bang-dai.pdf"), bytes); // to look at
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2, $"{pdf.NumberOfPages} page(s)");
        Assert.Equal("Danh sách ký nhận", pdf.Information.Title);
        for (var n = 1; n <= pdf.NumberOfPages; n++)
        {
            var page = pdf.GetPage(n);
            var headers = Words(page).Where(w => w.Text == "STT").ToList();
            Assert.Single(headers);
            if (n > 1) // the header is the first line (by baseline) of the page's text (the page number aside)
                Assert.True(Words(page).Where(w => w.Text != n.ToString()).All(w => w.Letters[0].StartBaseLine.Y <= headers[0].Letters[0].StartBaseLine.Y + 0.5), $"page {n}");
            Assert.True(Words(page).Min(w => w.BoundingBox.Bottom) >= DocumentLayout.BottomMm * Mm - 0.5, $"page {n} reaches the bottom margin");
        }
        // Every row is whole on one page: its name, wrapped over lines, begins ("Tuyết") and ends ("Kiều") on the same page.
        var first = pdf.GetPage(1);
        Assert.NotEqual(Words(first).First(w => w.Text == "Tuyết").Letters[0].StartBaseLine.Y, Words(first).First(w => w.Text == "Kiều").Letters[0].StartBaseLine.Y);
        var perPage = Enumerable.Range(1, pdf.NumberOfPages).Select(n => Words(pdf.GetPage(n))).ToList();
        Assert.All(perPage, words => Assert.Equal(words.Count(w => w.Text == "Tuyết"), words.Count(w => w.Text == "Kiều")));
        Assert.Equal(rows, perPage.Sum(words => words.Count(w => w.Text == "Tuyết")));
        Assert.Contains("Tổng cộng", string.Join(" ", Words(pdf.GetPage(pdf.NumberOfPages)).Select(w => w.Text)));
    }

    [Fact]
    public void A_pdf_picture_is_centred_at_its_width_below_the_table()
    {
        using var pdf = PdfDocument.Open(PdfWriter.Write(Blocks(Table(2), new DocumentImage(Png(400, 200), 120))));
        var page = pdf.GetPage(1);
        var image = Assert.Single(page.GetImages());
        Assert.Equal(120 * Mm, image.BoundingBox.Width, 0.5);
        Assert.Equal(60 * Mm, image.BoundingBox.Height, 0.5);
        Assert.Equal(TextLeft + TextWidth / 2, (image.BoundingBox.Left + image.BoundingBox.Right) / 2, 0.5);
        Assert.True(image.BoundingBox.Top < Single(page, "Tổng").BoundingBox.Bottom, "the picture is below the table");
    }

    [Fact]
    public void The_pdf_title_is_the_documents_type_and_summary_unless_given()
    {
        using var pdf = PdfDocument.Open(PdfWriter.Write([new("title", "QUYẾT ĐỊNH"), new("subtitle", "Về việc tặng Giấy khen"), new("para", "Nội dung.")]));
        Assert.Equal("QUYẾT ĐỊNH Về việc tặng Giấy khen", pdf.Information.Title);
    }

    [Fact]
    public void The_commendation_pdfs_have_a_title_too()
    {
        var (decision, certificate) = Tndtq.Commendations.CommendationDocuments.Build(Tests.Commendations.CommendationDocumentTests.Sample());
        using (var pdf = PdfDocument.Open(PdfWriter.Write(decision))) Assert.StartsWith("QUYẾT ĐỊNH Về việc tặng Giấy khen", pdf.Information.Title);
        using (var pdf = PdfDocument.Open(PdfWriter.Write(certificate))) Assert.Equal("GIẤY KHEN", pdf.Information.Title);
    }

    [Fact]
    public void A_docx_table_has_borders_a_repeated_bold_header_whole_rows_column_widths_by_share_and_a_bold_totals_row_and_the_picture_is_a_drawing()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(Blocks(Table(3), new DocumentImage(Png(400, 200), 120)))), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var table = Assert.Single(body.Elements<Table>());
        var rows = table.Elements<TableRow>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.All(rows, r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<CantSplit>()));
        Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties!.GetFirstChild<TableHeader>()));
        Assert.Equal(["STT", "Họ và tên người nhận", "Số tiền (đồng)", "Ký nhận"], rows[0].Elements<TableCell>().Select(c => c.InnerText));
        Assert.All(rows[0].Descendants<RunProperties>(), p => Assert.NotNull(p.Bold));
        Assert.Equal(["2", "Trần Văn Bảy 2", "200.000", ""], rows[2].Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal(JustificationValues.Right, rows[2].Elements<TableCell>().ElementAt(2).Descendants<Justification>().Single().Val!.Value);
        Assert.Null(rows[2].Descendants<RunProperties>().First().Bold);
        Assert.Equal("600.000", rows[4].Elements<TableCell>().ElementAt(2).InnerText);
        Assert.All(rows[4].Descendants<RunProperties>(), p => Assert.NotNull(p.Bold));
        Assert.Equal(BorderValues.Single, table.GetFirstChild<TableProperties>()!.TableBorders!.InsideVerticalBorder!.Val!.Value);
        var textWidth = (210 - DocumentLayout.LeftMm - DocumentLayout.RightMm) / 25.4 * 1440;
        Assert.Equal([0.1, 0.5, 0.2, 0.2], table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(g => Math.Round(int.Parse(g.Width!.Value!) / textWidth, 2)));

        var drawing = Assert.Single(body.Descendants<Drawing>());
        var blip = Assert.Single(drawing.Descendants<DocumentFormat.OpenXml.Drawing.Blip>());
        var part = (ImagePart)doc.MainDocumentPart.GetPartById(blip.Embed!.Value!);
        Assert.Equal("image/png", part.ContentType);
        var extent = drawing.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent>().Single();
        Assert.Equal(120 * 36000, extent.Cx!.Value);
        Assert.Equal(60 * 36000, extent.Cy!.Value);
        Assert.Equal("Biểu đồ kết quả đánh giá", drawing.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single().Description!.Value);
        Assert.Equal(JustificationValues.Center, drawing.Ancestors<Paragraph>().Single().ParagraphProperties!.Justification!.Val!.Value);
        Assert.True(body.Elements().ToList().IndexOf(table) < body.Elements().ToList().IndexOf(drawing.Ancestors<Paragraph>().Single()));
    }

    /// <summary>A plain PNG of the given size (grey), written here so these tests need no drawing library.</summary>
    internal static byte[] Png(int width, int height)
    {
        static uint Crc(IEnumerable<byte> data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            return ~crc;
        }
        static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        using var output = new MemoryStream();
        void Chunk(string type, byte[] data)
        {
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            output.Write(BigEndian((uint)data.Length));
            output.Write(typed);
            output.Write(BigEndian(Crc(typed)));
        }
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk("IHDR", [.. BigEndian((uint)width), .. BigEndian((uint)height), 8, 0, 0, 0, 0]); // 8-bit greyscale
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
                for (var y = 0; y < height; y++) { z.WriteByte(0); z.Write(Enumerable.Repeat((byte)(y * 255 / height), width).ToArray()); }
            Chunk("IDAT", raw.ToArray());
        }
        Chunk("IEND", []);
        return output.ToArray();
    }
}
