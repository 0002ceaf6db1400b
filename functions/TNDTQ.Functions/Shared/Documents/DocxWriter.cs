using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using PdfSharp.Drawing;
using static Tndtq.Shared.Documents.DocumentLayout;

namespace Tndtq.Shared.Documents;

/// <summary>
/// Renders the blocks as an editable Word document in the layout of <see cref="DocumentLayout"/>, in Times New Roman
/// for the office's Word. Rows of two columns are borderless tables; the short rules under the issuing body, the motto
/// and the summary are empty paragraphs with a top border, indented to the rule's length (measured with Tinos, whose
/// widths are Times New Roman's). A table is a Word table with borders, its header row marked to repeat on each page and
/// its rows kept whole; a picture is an inline drawing, centred, its text as the alternative text.
/// </summary>
public static class DocxWriter
{
    const string Font = "Times New Roman";
    const double TwipsPerPoint = 20;

    public static byte[] Write(IReadOnlyList<Block> blocks)
    {
        var landscape = IsLandscape(blocks);
        var (pageWidthMm, pageHeightMm) = PageSize(landscape);
        var textWidth = Twips(Points(pageWidthMm - LeftMm - RightMm));
        var leftWidth = (int)Math.Round(textWidth * LeftColumnShare);

        EmbeddedFonts.Register();
        using var measure = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
        var fonts = new Dictionary<TextStyle, XFont>();
        double Measure(string text, TextStyle s) => text.Length == 0 ? 0 : measure.MeasureString(text,
            fonts.TryGetValue(s, out var f) ? f : fonts[s] = new XFont("Tinos", s.Size, (s.Bold ? XFontStyleEx.Bold : 0) | (s.Italic ? XFontStyleEx.Italic : 0))).Width;

        // The blocks of one column (or the whole width), each followed, where its style has one, by its rule.
        IEnumerable<OpenXmlElement> Content(IReadOnlyList<Block> column, int columnWidth, bool keepWithNext = false)
        {
            double widest = 0;
            for (var n = 0; n < column.Count; n++)
            {
                var b = column[n];
                var s = Style(b.Style);
                if (n == 0 || column[n - 1].Style != b.Style) widest = 0;
                widest = Math.Max(widest, Measure(string.Join(' ', new[] { b.Lead, b.Text }.Where(t => t.Length > 0)), s));
                var last = n == column.Count - 1 || column[n + 1].Style != b.Style;
                yield return Paragraph(b, s, spaceAfter: s.Rule > 0 && last ? 0 : s.SpaceAfter, keepWithNext);
                if (s.Rule > 0 && last) yield return Rule(Math.Min(Twips(widest * s.Rule), columnWidth), columnWidth, s.SpaceAfter);
            }
        }

        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Defaults();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = PageNumberHeader();
            var body = new Body();
            main.Document = new Document(body);
            uint pictures = 0;
            var parts = Arrange(blocks);
            for (var i = 0; i < parts.Count; i++)
            {
                switch (parts[i])
                {
                    case FullWidth { Block.Style: "page-break" }: body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page }))); break;
                    case FullWidth { Block.Table: { } table } f: body.Append(DataTable(table, textWidth, Style(f.Block.Style))); break;
                    case FullWidth { Block.Image: { } image } f: body.Append(Picture(main, f.Block, image, ++pictures, Style(f.Block.Style), KeptWithNext(parts, i))); break;
                    case FullWidth f: body.Append(Content([f.Block], textWidth, KeptWithNext(parts, i))); break;
                    case Columns c: body.Append(TwoColumns(Content(c.Left, leftWidth), Content(c.Right, textWidth - leftWidth), leftWidth, textWidth - leftWidth)); break;
                }
            }
            // Page numbers from the second page (the first page has its own, empty, header).
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new PageSize
                {
                    Width = (UInt32Value)(uint)Twips(Points(pageWidthMm)), Height = (UInt32Value)(uint)Twips(Points(pageHeightMm)),
                    Orient = landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait
                },
                new PageMargin
                {
                    Top = Twips(Points(TopMm)), Bottom = Twips(Points(BottomMm)), Left = (UInt32Value)(uint)Twips(Points(LeftMm)),
                    Right = (UInt32Value)(uint)Twips(Points(RightMm)), Header = (UInt32Value)(uint)Twips(Points(TopMm / 2) - 8), Footer = 567U, Gutter = 0U
                },
                new TitlePage()));
        }
        return stream.ToArray();
    }

    static int Twips(double points) => (int)Math.Round(points * TwipsPerPoint);

    static RunProperties RunStyle(double size, bool bold, bool italic)
    {
        var run = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font });
        if (bold) run.Append(new Bold(), new BoldComplexScript());
        if (italic) run.Append(new Italic(), new ItalicComplexScript());
        var halfPoints = ((int)Math.Round(size * 2)).ToString();
        run.Append(new FontSize { Val = halfPoints }, new FontSizeComplexScript { Val = halfPoints });
        return run;
    }

    static Paragraph Paragraph(Block b, TextStyle s, double spaceAfter, bool keepWithNext)
    {
        var props = new ParagraphProperties(
            new KeepNext { Val = s.Align != Align.Justify || keepWithNext }, // see DocumentLayout.KeptWithNext
            new KeepLines(),
            new SpacingBetweenLines { Before = "0", After = Twips(spaceAfter).ToString(), Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new Indentation { FirstLine = Twips(s.FirstIndent).ToString() },
            new Justification { Val = s.Align switch { Align.Center => JustificationValues.Center, Align.Justify => JustificationValues.Both, _ => JustificationValues.Left } },
            new ParagraphMarkRunProperties(RunStyle(s.Size, s.Bold, s.Italic).ChildElements.Select(e => e.CloneNode(true))));
        var paragraph = new Paragraph(props);
        if (b.Lead.Length > 0)
            paragraph.Append(new Run(RunStyle(s.Size, true, s.Italic), new Text(b.Lead + " ") { Space = SpaceProcessingModeValues.Preserve }));
        if (b.Style != "space")
            paragraph.Append(new Run(RunStyle(s.Size, s.Bold, s.Italic), new Text(b.Text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    /// <summary>A solid rule of <paramref name="length"/> twips, centred in <paramref name="width"/>: an empty 2-point paragraph with a top border.</summary>
    static Paragraph Rule(int length, int width, double spaceAfter)
    {
        var side = ((width - length) / 2).ToString();
        return new Paragraph(new ParagraphProperties(
            new KeepNext(),
            new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 5U, Space = 0U, Color = "000000" }),
            new SpacingBetweenLines { Before = "60", After = Twips(Math.Max(spaceAfter, 2)).ToString(), Line = "40", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = side, Right = side, FirstLine = "0" },
            new ParagraphMarkRunProperties(new FontSize { Val = "2" })));
    }

    static Paragraph CellParagraph(string text, double size, bool bold, Align align) => new(
        new ParagraphProperties(new KeepLines(), new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = align switch { Align.Center => JustificationValues.Center, Align.Right => JustificationValues.Right, _ => JustificationValues.Left } },
            new ParagraphMarkRunProperties(RunStyle(size, bold, false).ChildElements.Select(e => e.CloneNode(true)))),
        new Run(RunStyle(size, bold, false), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>A gap of <paramref name="points"/> after a table or a picture (and a paragraph between two tables, which Word would join).</summary>
    static Paragraph Gap(double points) => new(new ParagraphProperties(
        new SpacingBetweenLines { Before = "0", After = "0", Line = Twips(Math.Max(points, 1)).ToString(), LineRule = LineSpacingRuleValues.Exact },
        new ParagraphMarkRunProperties(new FontSize { Val = "2" })));

    /// <summary>A table with single borders: column widths by their share of the text width, the header row bold, centred and repeated
    /// at the top of each page, rows never split across pages, an optional bold totals row.</summary>
    static IEnumerable<OpenXmlElement> DataTable(DocumentTable t, int textWidth, TextStyle s)
    {
        var widths = t.Columns.Select(c => (int)Math.Round(c.WidthShare * textWidth)).ToArray();
        TableRow Row(IReadOnlyList<string> cells, bool bold, bool header)
        {
            var props = new TableRowProperties(new CantSplit());
            if (header) props.Append(new TableHeader());
            var row = new TableRow(props);
            for (var i = 0; i < widths.Length; i++)
            {
                // A line break in a cell's text starts a new paragraph of the cell.
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }));
                foreach (var part in (i < cells.Count ? cells[i] : "").Split('\n'))
                    cell.Append(CellParagraph(part, s.Size, bold, header ? Align.Center : t.Columns[i].Align));
                row.Append(cell);
            }
            return row;
        }
        var pad = Twips(CellPadX);
        var vertical = Twips(CellPadY).ToString();
        var table = new Table(
            new TableProperties(new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4U, Color = "000000" }, new LeftBorder { Val = BorderValues.Single, Size = 4U, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U, Color = "000000" }, new RightBorder { Val = BorderValues.Single, Size = 4U, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Color = "000000" }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Color = "000000" }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = vertical, Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = (short)pad, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = vertical, Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = (short)pad, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        table.Append(Row(t.Columns.Select(c => c.Header).ToList(), bold: true, header: true));
        foreach (var r in t.Rows) table.Append(Row(r, bold: false, header: false));
        if (t.Totals is { } totals) table.Append(Row(totals, bold: true, header: false));
        return [table, Gap(s.SpaceAfter)];
    }

    /// <summary>A PNG as an inline picture in a centred paragraph, at its width (its height by its aspect ratio).</summary>
    static Paragraph Picture(MainDocumentPart main, Block block, DocumentImage image, uint number, TextStyle s, bool keepWithNext)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(image.Png)) part.FeedData(png);
        const long EmuPerMm = 36000;
        long cx = (long)Math.Round(image.WidthMm * EmuPerMm), cy = (long)Math.Round(HeightMm(image) * EmuPerMm);
        var name = $"Hình {number}";
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = number, Name = name, Description = block.Text },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name + ".png" }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
        return new Paragraph(
            new ParagraphProperties(new KeepNext { Val = keepWithNext }, new KeepLines(), new SpacingBetweenLines { Before = "0", After = Twips(s.SpaceAfter).ToString() },
                new Justification { Val = JustificationValues.Center }),
            new Run(drawing));
    }

    static Table TwoColumns(IEnumerable<OpenXmlElement> left, IEnumerable<OpenXmlElement> right, int leftWidth, int rightWidth)
    {
        static TableCell Cell(IEnumerable<OpenXmlElement> content, int width)
        {
            var elements = content.ToList();
            if (elements.Count == 0) elements.Add(new Paragraph());
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }));
            cell.Append(elements);
            return cell;
        }
        var none = new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        return new Table(
            new TableProperties(new TableWidth { Width = (leftWidth + rightWidth).ToString(), Type = TableWidthUnitValues.Dxa }, none,
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(new GridColumn { Width = leftWidth.ToString() }, new GridColumn { Width = rightWidth.ToString() }),
            new TableRow(new TableRowProperties(new CantSplit()), Cell(left, leftWidth), Cell(right, rightWidth)));
    }

    /// <summary>Times New Roman, body size, Vietnamese (so Word checks spelling in Vietnamese) for everything not set otherwise.</summary>
    static Styles Defaults() => new(new DocDefaults(
        new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
            new FontSize { Val = ((int)(BodySize * 2)).ToString() }, new FontSizeComplexScript { Val = ((int)(BodySize * 2)).ToString() },
            new Languages { Val = "vi-VN" })),
        new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));

    static Header PageNumberHeader() => new(new Paragraph(
        new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
        new SimpleField(new Run(RunStyle(13, false, false), new Text("2"))) { Instruction = " PAGE " }));
}
