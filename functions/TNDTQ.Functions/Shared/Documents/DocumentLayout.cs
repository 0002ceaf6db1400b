namespace Tndtq.Shared.Documents;

/// <summary>
/// One block of a document: a style, its text (placeholders filled) and an optional bold lead ("Điều 1.").
/// A block of style <c>table</c> carries a <see cref="DocumentTable"/>, one of style <c>image</c> a <see cref="DocumentImage"/> (a chart).
/// </summary>
public sealed record Block(string Style, string Text, string Lead = "", DocumentTable? Table = null, DocumentImage? Image = null);

/// <summary>A table's column: its header, its share of the text width (the shares of a table add up to 1), how its cells align.</summary>
public sealed record TableColumn(string Header, double WidthShare, Align Align = Align.Left);

/// <summary>A table of a document: bordered cells, the header row repeated on each page, and an optional bold totals row.</summary>
public sealed record DocumentTable(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string>? Totals = null);

/// <summary>A picture of a document (a chart drawn on the server), PNG, centred at the given width; its height follows its aspect ratio.</summary>
public sealed record DocumentImage(byte[] Png, double WidthMm);

public enum Align { Left, Center, Justify, Right }

/// <summary>How a block style looks: size in points, weight, slant, alignment, first-line indent and space after (points),
/// and, when <see cref="Rule"/> &gt; 0, a solid rule under the last of consecutive blocks of the style, that fraction of their widest line.</summary>
public sealed record TextStyle(double Size, bool Bold = false, bool Italic = false, Align Align = Align.Center, double FirstIndent = 0,
    double SpaceAfter = 0, double Rule = 0);

/// <summary>A full-width block, or a row of two columns side by side (the heading, the number and date, the signature).</summary>
public abstract record Part;
public sealed record FullWidth(Block Block) : Part;
public sealed record Columns(IReadOnlyList<Block> Left, IReadOnlyList<Block> Right) : Part;

/// <summary>
/// The layout of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I), shared by
/// <see cref="DocxWriter"/> and <see cref="PdfWriter"/> so both give the same page: A4, margins top and
/// bottom 20 mm, left 30 mm, right 15 mm; a heading of two columns (issuing body | national title and
/// motto, then number | place and date); body 14 pt; signature on the right with the recipients on the left.
/// A template's "@page landscape" line turns the page (the certificate).
/// </summary>
public static class DocumentLayout
{
    public const double TopMm = 20, BottomMm = 20, LeftMm = 30, RightMm = 15;
    /// <summary>The left column's share of the text width: wide enough for "CÔNG AN THÀNH PHỐ CẦN THƠ" at 12 pt, leaving the
    /// right column room for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 12 pt bold (88 mm) on one line.</summary>
    public const double LeftColumnShare = 0.4;
    public const double BodySize = 14;
    /// <summary>First-line indent of body paragraphs: 1.27 cm.</summary>
    public const double Indent = 36;
    /// <summary>Text size in the cells of a table.</summary>
    public const double TableSize = 12;
    /// <summary>Padding inside a table's cells, points: left and right, top and bottom.</summary>
    public const double CellPadX = 4, CellPadY = 2;

    /// <summary>A picture's size in pixels, read from its PNG header (IHDR).</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        if (png.Length < 24 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') throw new ArgumentException("not a PNG image", nameof(png));
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    /// <summary>A picture's height in millimetres: its width, scaled by its aspect ratio.</summary>
    public static double HeightMm(DocumentImage image)
    {
        var (w, h) = PngSize(image.Png);
        return image.WidthMm * h / w;
    }

    /// <summary>The PDF's title (its metadata): the document type and its summary ("QUYẾT ĐỊNH Về việc …", "BÁO CÁO …"), else the large title.</summary>
    public static string Title(IReadOnlyList<Block> blocks)
    {
        var title = string.Join(" ", blocks.Where(b => b.Style is "title" or "subtitle").Select(b => b.Text).Where(t => t.Length > 0));
        return title.Length > 0 ? title : string.Join(" ", blocks.Where(b => b.Style == "big").Select(b => b.Text));
    }

    /// <summary>Styles kept on the page of what follows them (a heading, a table's title).</summary>
    public static bool KeepsWithNext(string style) => style is "heading" or "table-title";

    /// <summary>Whether a full-width part of <see cref="Arrange"/> stays on the page of the part after it: a heading or a table's title
    /// with what follows it, a picture with its caption (style <c>caption</c>, under it), the text before the signature (the closing
    /// paragraph and the space under it) with the signature, which never stands alone on a page. The DOCX marks such a paragraph
    /// "keep with next"; the PDF moves it to the next page when it, with the start of what follows (a paragraph, kept whole; a table's
    /// header and first row; a picture; the signature), does not fit.</summary>
    public static bool KeptWithNext(IReadOnlyList<Part> parts, int at)
    {
        if (parts[at] is not FullWidth { Block: var b }) return false;
        if (KeepsWithNext(b.Style) || at + 1 < parts.Count && parts[at + 1] is FullWidth { Block.Style: "caption" }) return true;
        var next = parts.Skip(at + 1).FirstOrDefault(p => p is not FullWidth { Block.Style: "space" });
        return b.Table is null && b.Image is null && next is Columns c && c.Left.Concat(c.Right).Any(x => Row(x.Style) == "signature");
    }

    public static bool IsLandscape(IReadOnlyList<Block> blocks) => blocks.Any(b => b.Style == "page" && b.Text.Trim() == "landscape");
    public static (double WidthMm, double HeightMm) PageSize(bool landscape) => landscape ? (297, 210) : (210, 297);
    public static double Points(double mm) => mm / 25.4 * 72;

    /// <summary>Whether the layout knows a style (an unknown one prints as a plain justified paragraph).</summary>
    public static bool IsStyle(string style) => KnownStyles.Contains(style);

    static readonly HashSet<string> KnownStyles = ["header-parent", "header-left", "national", "motto", "number", "place-date", "title", "subtitle",
        "center-bold", "center", "center-italic", "caption", "big", "nominee", "ground", "para", "list", "recipients-title", "recipients",
        "signature-title", "signature-name", "space", "heading", "table-title", "table", "image", "page-break"];

    public static TextStyle Style(string style) => style switch
    {
        "header-parent" => new(12),
        "header-left" => new(12, Bold: true, Rule: 0.4),
        "national" => new(12, Bold: true),
        "motto" => new(13, Bold: true, Rule: 1),
        "number" => new(13),
        "place-date" => new(13, Italic: true),
        "title" => new(BodySize, Bold: true),
        "subtitle" => new(BodySize, Bold: true, SpaceAfter: 6, Rule: 0.4),
        "center-bold" => new(BodySize, Bold: true, SpaceAfter: 6),
        "center" => new(BodySize, SpaceAfter: 3),
        "center-italic" => new(BodySize, Italic: true, SpaceAfter: 3),
        "caption" => new(BodySize, Italic: true, SpaceAfter: 6),
        "big" => new(40, Bold: true, SpaceAfter: 6),
        "nominee" => new(20, Bold: true, SpaceAfter: 3),
        "ground" => new(BodySize, Italic: true, Align: Align.Justify, FirstIndent: Indent, SpaceAfter: 6),
        "para" or "list" => new(BodySize, Align: Align.Justify, FirstIndent: Indent, SpaceAfter: 6),
        "recipients-title" => new(12, Bold: true, Italic: true, Align: Align.Left),
        "recipients" => new(11, Align: Align.Left),
        "signature-title" or "signature-name" => new(BodySize, Bold: true),
        "space" => new(BodySize),
        "heading" => new(BodySize, Bold: true, Align: Align.Left, FirstIndent: Indent, SpaceAfter: 6),
        "table-title" => new(13, Bold: true, SpaceAfter: 4),
        "table" => new(TableSize, Align: Align.Left, SpaceAfter: 6),
        "image" => new(BodySize, SpaceAfter: 6),
        _ => new(BodySize, Align: Align.Justify, SpaceAfter: 6),
    };

    static readonly string[] LeftStyles = ["header-parent", "header-left", "number", "recipients-title", "recipients"];

    /// <summary>Which row of two columns a style belongs to (null: a full-width block).</summary>
    static string? Row(string style) => style switch
    {
        "header-parent" or "header-left" or "national" or "motto" => "heading",
        "number" or "place-date" => "number",
        "recipients-title" or "recipients" or "signature-title" or "signature-name" => "signature",
        _ => null,
    };

    /// <summary>
    /// Groups blocks into full-width blocks and rows of two columns. Spaces between blocks of one row stay in
    /// the column of the block before them (the room for the signature). A heading with nothing on the left
    /// (the certificate) is centred across the page instead.
    /// </summary>
    public static IReadOnlyList<Part> Arrange(IReadOnlyList<Block> blocks)
    {
        var parts = new List<Part>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var row = Row(blocks[i].Style);
            if (blocks[i].Style == "page") continue;
            if (row is null) { parts.Add(new FullWidth(blocks[i])); continue; }
            var left = new List<Block>();
            var right = new List<Block>();
            var last = right;
            for (; i < blocks.Count; i++)
            {
                var b = blocks[i];
                if (b.Style == "space")
                {
                    var next = i + 1;
                    while (next < blocks.Count && blocks[next].Style == "space") next++;
                    if (next >= blocks.Count || Row(blocks[next].Style) != row) break;
                    last.Add(b);
                    continue;
                }
                if (Row(b.Style) != row) break;
                last = LeftStyles.Contains(b.Style) ? left : right;
                last.Add(b);
            }
            i--;
            if (row == "heading" && left.Count == 0) parts.AddRange(right.Select(b => new FullWidth(b)));
            else parts.Add(new Columns(left, right));
        }
        return parts;
    }
}
