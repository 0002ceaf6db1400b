using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using static Tndtq.Shared.Documents.DocumentLayout;

namespace Tndtq.Shared.Documents;

/// <summary>
/// Renders the blocks as a PDF (PDFsharp) in the layout of <see cref="DocumentLayout"/>, set in Tinos, the metric twin of
/// Times New Roman (so lines break where they break in the DOCX), embedded so every Vietnamese letter prints and the text
/// can be searched and copied. A table is drawn with bordered cells, its header row repeated at the top of each page it runs on,
/// and a row never split across pages; a picture is centred at its width. The document's title (its metadata) is
/// <paramref name="title"/>, else <see cref="DocumentLayout.Title"/>.
/// </summary>
public static class PdfWriter
{
    const string Family = "Tinos";
    const double RuleGap = 3, RuleAfter = 4, RowGap = 4;

    sealed record Word(string Text, XFont Font, double Width, double Space);
    sealed record Line(IReadOnlyList<Word> Words, double Indent, bool Last)
    {
        public double Width => Words.Sum(w => w.Width) + Words.Take(Words.Count - 1).Sum(w => w.Space);
    }
    sealed record TableRow(List<Line>[] Cells, TextStyle[] Styles, double Height);

    public static byte[] Write(IReadOnlyList<Block> blocks, string? title = null)
    {
        EmbeddedFonts.Register();
        var (pageWidthMm, pageHeightMm) = PageSize(IsLandscape(blocks));
        var document = new PdfDocument();
        document.Info.Title = title ?? Title(blocks);
        var pen = new XPen(XColors.Black, 0.6);
        double left = Points(LeftMm), width = Points(pageWidthMm - LeftMm - RightMm), top = Points(TopMm), bottom = Points(pageHeightMm - BottomMm);
        XGraphics gfx = null!;
        var y = top;
        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromMillimeter(pageWidthMm);
            page.Height = XUnit.FromMillimeter(pageHeightMm);
            gfx = XGraphics.FromPdfPage(page);
            y = top;
        }
        NewPage();

        // Subsetting is safe with Tinos: PDFsharp 6.2.4 keeps the components of composite glyphs (ố, ộ, ệ, ữ, Ỷ… are composites
        // in Tinos too): rendered, they match the whole-font PDF pixel for pixel; a one-page document is 50–70 KB instead of ~1.2 MB.
        var fonts = new Dictionary<(double, bool, bool), XFont>();
        XFont Font(double size, bool bold, bool italic) => fonts.TryGetValue((size, bold, italic), out var f) ? f
            : fonts[(size, bold, italic)] = new XFont(Family, size, (bold ? XFontStyleEx.Bold : 0) | (italic ? XFontStyleEx.Italic : 0),
                new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));
        var spaces = new Dictionary<XFont, double>();
        double Space(XFont f) => spaces.TryGetValue(f, out var s) ? s : spaces[f] = gfx.MeasureString("x x", f).Width - gfx.MeasureString("xx", f).Width;

        List<Line> Layout(Block b, TextStyle s, double columnWidth)
        {
            var font = Font(s.Size, s.Bold, s.Italic);
            var leadFont = Font(s.Size, true, s.Italic);
            var words = b.Lead.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, leadFont))
                .Concat(b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, font)))
                .Select(p => new Word(p.w, p.Item2, gfx.MeasureString(p.w, p.Item2).Width, Space(p.Item2))).ToList();
            var lines = new List<Line>();
            var current = new List<Word>();
            double used = 0;
            foreach (var word in words)
            {
                var indent = lines.Count == 0 ? s.FirstIndent : 0;
                var needed = current.Count == 0 ? word.Width : used + current[^1].Space + word.Width;
                if (current.Count > 0 && needed > columnWidth - indent)
                {
                    lines.Add(new Line(current, indent, false));
                    current = [];
                    needed = word.Width;
                }
                current.Add(word);
                used = needed;
            }
            lines.Add(new Line(current, lines.Count == 0 ? s.FirstIndent : 0, true));
            return lines;
        }

        void DrawLine(Line line, TextStyle s, double x, double columnWidth, double lineTop)
        {
            var available = columnWidth - line.Indent;
            var start = x + line.Indent + s.Align switch
            {
                Align.Center => (available - line.Width) / 2,
                Align.Right => available - line.Width,
                _ => 0,
            };
            var justify = s.Align == Align.Justify && !line.Last && line.Words.Count > 1;
            var extra = justify ? (available - line.Width) / (line.Words.Count - 1) : 0;
            // Words of one font are drawn as one string (copied text keeps its spaces) unless the line is justified.
            for (var n = 0; n < line.Words.Count;)
            {
                var run = 1;
                while (!justify && n + run < line.Words.Count && line.Words[n + run].Font == line.Words[n].Font) run++;
                var words = line.Words.Skip(n).Take(run).ToList();
                gfx.DrawString(string.Join(' ', words.Select(w => w.Text)), words[0].Font, XBrushes.Black, start, lineTop, XStringFormats.TopLeft);
                start += words.Sum(w => w.Width + w.Space + extra);
                n += run;
            }
        }

        // Lays out (and, with draw, draws) blocks one under another in a column; returns the height used.
        // A breakable column (the full-width body) moves to a new page at a paragraph (or, failing that, a line) that does not fit.
        double Column(IReadOnlyList<Block> column, double x, double columnWidth, double columnTop, bool draw, bool breakable = false)
        {
            var at = columnTop;
            double widest = 0;
            for (var n = 0; n < column.Count; n++)
            {
                var b = column[n];
                var s = Style(b.Style);
                var height = Font(s.Size, s.Bold, s.Italic).GetHeight();
                if (b.Style == "space") { at += height; continue; }
                if (n == 0 || column[n - 1].Style != b.Style) widest = 0;
                var lines = Layout(b, s, columnWidth);
                // A paragraph is kept on one page (as the DOCX keeps its lines together) unless it is longer than a page.
                if (draw && breakable && at + lines.Count * height > bottom && lines.Count * height <= bottom - top) { NewPage(); at = top; }
                foreach (var line in lines)
                {
                    if (draw && breakable && at + height > bottom) { NewPage(); at = top; }
                    if (draw) DrawLine(line, s, x, columnWidth, at);
                    widest = Math.Max(widest, line.Width + line.Indent);
                    at += height;
                }
                if (s.Rule > 0 && (n == column.Count - 1 || column[n + 1].Style != b.Style))
                {
                    var rule = widest * s.Rule;
                    at += RuleGap;
                    if (draw) gfx.DrawLine(pen, x + (columnWidth - rule) / 2, at, x + (columnWidth + rule) / 2, at);
                    at += RuleAfter;
                }
                at += s.SpaceAfter;
            }
            if (breakable) y = at;
            return at - columnTop;
        }

        // A table's rows laid out in its columns: the header row (bold, centred), the rows, the bold totals row.
        (TableRow Header, List<TableRow> Rows) TableRows(DocumentTable table, TextStyle s)
        {
            var widths = table.Columns.Select(c => c.WidthShare * width).ToArray();
            var lineHeight = Font(s.Size, false, false).GetHeight();
            TableRow Row(IReadOnlyList<string> cells, bool bold, bool header)
            {
                var styles = table.Columns.Select(c => new TextStyle(s.Size, Bold: bold, Align: header ? Align.Center : c.Align)).ToArray();
                // A line break in a cell's text starts a new line of the cell.
                var laid = styles.Select((cs, i) => (i < cells.Count ? cells[i] : "").Split('\n')
                    .SelectMany(part => Layout(new Block("cell", part), cs, widths[i] - 2 * CellPadX)).ToList()).ToArray();
                return new(laid, styles, laid.Max(l => l.Count) * lineHeight + 2 * CellPadY);
            }
            var rows = table.Rows.Select(r => Row(r, bold: false, header: false)).ToList();
            if (table.Totals is { } totals) rows.Add(Row(totals, bold: true, header: false));
            return (Row(table.Columns.Select(c => c.Header).ToList(), bold: true, header: true), rows);
        }

        // A table: the header row (bold, centred) on top and again at the top of each further page; a row that does not fit moves whole.
        void Table(DocumentTable table, TextStyle s)
        {
            var widths = table.Columns.Select(c => c.WidthShare * width).ToArray();
            var lineHeight = Font(s.Size, false, false).GetHeight();
            void Draw(TableRow row)
            {
                var x = left;
                for (var i = 0; i < widths.Length; i++)
                {
                    gfx.DrawRectangle(pen, x, y, widths[i], row.Height);
                    var at = y + CellPadY + (row.Height - 2 * CellPadY - row.Cells[i].Count * lineHeight) / 2; // centred vertically
                    foreach (var line in row.Cells[i]) { DrawLine(line, row.Styles[i], x + CellPadX, widths[i] - 2 * CellPadX, at); at += lineHeight; }
                    x += widths[i];
                }
                y += row.Height;
            }
            var (header, rows) = TableRows(table, s);
            // The header never stands alone at the bottom of a page.
            if (y + header.Height + (rows.Count > 0 ? rows[0].Height : 0) > bottom && y > top) NewPage();
            Draw(header);
            foreach (var row in rows)
            {
                if (y + row.Height > bottom) { NewPage(); Draw(header); }
                Draw(row);
            }
            y += s.SpaceAfter;
        }

        // A picture, centred at its width (never wider than the text), on the next page if it does not fit.
        void Image(DocumentImage image, TextStyle s)
        {
            var w = Math.Min(Points(image.WidthMm), width);
            var h = w * HeightMm(image) / image.WidthMm;
            if (y + h > bottom && y > top) NewPage();
            gfx.DrawImage(XImage.FromStream(new MemoryStream(image.Png)), left + (width - w) / 2, y, w, h);
            y += h + s.SpaceAfter;
        }

        var leftWidth = width * LeftColumnShare;
        double ColumnsHeight(Columns c) =>
            Math.Max(Column(c.Left, left, leftWidth, y, draw: false), Column(c.Right, left + leftWidth, width - leftWidth, y, draw: false));

        // The height of a part's start, which may not be parted from a block kept with it: a paragraph whole (two lines of one longer
        // than a page), a table's header and first row, a picture, a row of two columns.
        double Start(Part part) => part switch
        {
            FullWidth { Block.Table: { } table } f => TableRows(table, Style(f.Block.Style)) is var (header, rows) ? header.Height + (rows.Count > 0 ? rows[0].Height : 0) : 0,
            FullWidth { Block.Image: { } image } f => Math.Min(Points(image.WidthMm), width) * HeightMm(image) / image.WidthMm + Style(f.Block.Style).SpaceAfter,
            FullWidth f => Column([f.Block], left, width, y, draw: false) is var h && h <= bottom - top ? h
                : 2 * Font(Style(f.Block.Style).Size, Style(f.Block.Style).Bold, Style(f.Block.Style).Italic).GetHeight(),
            Columns c => ColumnsHeight(c),
            _ => 0,
        };

        var parts = Arrange(blocks);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            // A heading, a table's title, a picture with its caption, the text before the signature: to the next page with what follows them.
            if (y > top && KeptWithNext(parts, i))
            {
                double needed = 0;
                var k = i;
                for (; k < parts.Count && KeptWithNext(parts, k); k++) needed += Start(parts[k]);
                if (k < parts.Count) needed += Start(parts[k]);
                if (y + needed > bottom && needed <= bottom - top) NewPage();
            }
            switch (part)
            {
                case FullWidth { Block.Style: "space" } when y == top: break; // no blank line at the top of a page
                case FullWidth { Block.Style: "page-break" }: if (y > top) NewPage(); break; // an annex starts on its own page
                case FullWidth { Block.Table: { } table } f: Table(table, Style(f.Block.Style)); break;
                case FullWidth { Block.Image: { } image } f: Image(image, Style(f.Block.Style)); break;
                case FullWidth f: Column([f.Block], left, width, y, draw: true, breakable: true); break;
                case Columns c:
                    var height = ColumnsHeight(c);
                    if (y + height > bottom) NewPage();
                    Column(c.Left, left, leftWidth, y, draw: true);
                    Column(c.Right, left + leftWidth, width - leftWidth, y, draw: true);
                    y += height + RowGap;
                    break;
            }
        }
        gfx.Dispose();

        // Page numbers from the second page: centred in the top margin, 13 pt.
        for (var n = 1; n < document.PageCount; n++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[n], XGraphicsPdfPageOptions.Append);
            var font = Font(13, false, false);
            g.DrawString((n + 1).ToString(), font, XBrushes.Black, new XRect(left, (top - font.GetHeight()) / 2, width, font.GetHeight()), XStringFormats.TopCenter);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}

/// <summary>Tinos (Regular, Bold, Italic, Bold Italic) from the assembly's resources, for PDFsharp: no system fonts are needed.
/// Every family asked for ("Times New Roman" included) resolves to Tinos, its metric twin.</summary>
sealed class EmbeddedFonts : IFontResolver
{
    static readonly object Gate = new();
    static bool registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
            registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold && italic ? "Tinos-BoldItalic" : bold ? "Tinos-Bold" : italic ? "Tinos-Italic" : "Tinos-Regular");

    public byte[]? GetFont(string faceName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".{faceName}.ttf", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }
}
