using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Tndtq.Commendations.Documents;

/// <summary>
/// Renders blocks as an editable Word document in the layout of Vietnamese administrative documents
/// (Times New Roman 13–14 pt, A4, the issuing body and national motto side by side, signature on the right).
/// </summary>
public static class DocxWriter
{
    const string Font = "Times New Roman";

    public static byte[] Write(IReadOnlyList<Block> blocks)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            for (var i = 0; i < blocks.Count; i++)
            {
                var b = blocks[i];
                switch (b.Style)
                {
                    case "header-left" or "header-right":
                        var left = TakeRun(blocks, ref i, "header-left", "header-right", out var right);
                        body.Append(TwoColumns(left.Select(t => Paragraph(t, bold: true, JustificationValues.Center)),
                            right.Select((t, n) => Paragraph(t, bold: true, JustificationValues.Center, underline: n == right.Count - 1 && right.Count > 1))));
                        break;
                    case "number" or "place-date":
                        var numbers = TakeRun(blocks, ref i, "number", "place-date", out var dates);
                        body.Append(TwoColumns(numbers.Select(t => Paragraph(t, justify: JustificationValues.Center)),
                            dates.Select(t => Paragraph(t, italic: true, justify: JustificationValues.Center))));
                        break;
                    case "recipients" or "signature-title" or "signature-name":
                        var recipients = TakeRun(blocks, ref i, "recipients", "signature-title|signature-name|space", out var signature);
                        body.Append(TwoColumns(recipients.Select((t, n) => Paragraph(t, bold: n == 0, italic: n == 0, justify: JustificationValues.Left, size: 11)),
                            signature.Select(t => Paragraph(t, bold: true, justify: JustificationValues.Center))));
                        break;
                    case "title": body.Append(Paragraph(b.Text, bold: true, JustificationValues.Center, size: 14)); break;
                    case "big": body.Append(Paragraph(b.Text, bold: true, JustificationValues.Center, size: 28)); break;
                    case "subtitle" or "center-bold": body.Append(Paragraph(b.Text, bold: true, JustificationValues.Center)); break;
                    case "center": body.Append(Paragraph(b.Text, justify: JustificationValues.Center)); break;
                    case "space": body.Append(Paragraph("")); break;
                    default: body.Append(Paragraph(b.Text, justify: JustificationValues.Both, indent: b.Style == "para")); break;
                }
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 720, Footer = 720, Gutter = 0 }));
        }
        return stream.ToArray();
    }

    /// <summary>Consecutive blocks of two kinds that sit side by side (left column, right column).</summary>
    static List<string> TakeRun(IReadOnlyList<Block> blocks, ref int i, string leftStyle, string rightStyles, out List<string> right)
    {
        var left = new List<string>();
        right = [];
        var rights = rightStyles.Split('|');
        var j = i;
        for (; j < blocks.Count && (blocks[j].Style == leftStyle || rights.Contains(blocks[j].Style)); j++)
            (blocks[j].Style == leftStyle ? left : right).Add(blocks[j].Style == "space" ? "" : blocks[j].Text);
        i = j - 1;
        return left;
    }

    static Table TwoColumns(IEnumerable<Paragraph> left, IEnumerable<Paragraph> right)
    {
        static TableCell Cell(IEnumerable<Paragraph> content)
        {
            var paragraphs = content.ToList();
            if (paragraphs.Count == 0) paragraphs.Add(Paragraph(""));
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2500", Type = TableWidthUnitValues.Pct }));
            cell.Append(paragraphs);
            return cell;
        }
        var none = new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        return new Table(new TableProperties(none, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }),
            new TableRow(Cell(left), Cell(right)));
    }

    static Paragraph Paragraph(string text, bool bold = false, JustificationValues? justify = null, bool italic = false, bool underline = false,
        int size = 13, bool indent = false)
    {
        var run = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font }, new FontSize { Val = (size * 2).ToString() });
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        if (underline) run.Append(new Underline { Val = UnderlineValues.Single });
        var props = new ParagraphProperties(new SpacingBetweenLines { After = "60" });
        if (justify is { } j) props.Append(new Justification { Val = j });
        if (indent) props.Append(new Indentation { FirstLine = "567" });
        return new Paragraph(props, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
