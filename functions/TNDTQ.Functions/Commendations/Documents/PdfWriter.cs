using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Tndtq.Commendations.Documents;

/// <summary>
/// Renders the same blocks as a PDF (PDFsharp) with Tinos embedded (the metric twin of Times New Roman),
/// so every Vietnamese diacritic prints and the text can be searched and copied.
/// </summary>
public static class PdfWriter
{
    const string Family = "Tinos";
    const double Margin = 56, LineGap = 1.25;

    public static byte[] Write(IReadOnlyList<Block> blocks)
    {
        EmbeddedFonts.Register();
        var document = new PdfDocument();
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        var gfx = XGraphics.FromPdfPage(page);
        var y = Margin;
        var width = page.Width.Point - 2 * Margin;

        void NewPageIfNeeded(double needed)
        {
            if (y + needed <= page.Height.Point - Margin) return;
            gfx.Dispose();
            page = document.AddPage();
            page.Width = XUnit.FromMillimeter(210);
            page.Height = XUnit.FromMillimeter(297);
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        // Writes wrapped text in a column; returns the height used.
        double Text(string text, XFont font, double x, double top, double columnWidth, XStringFormat align, bool underline = false, double indent = 0)
        {
            var lines = Wrap(gfx, text, font, columnWidth, indent);
            var height = font.GetHeight() * LineGap;
            for (var n = 0; n < lines.Count; n++)
            {
                var lineX = n == 0 ? x + indent : x;
                var rect = new XRect(lineX, top + n * height, columnWidth - (n == 0 ? indent : 0), height);
                gfx.DrawString(lines[n], font, XBrushes.Black, rect, align);
                if (underline && lines[n].Length > 0)
                {
                    var w = gfx.MeasureString(lines[n], font).Width;
                    var start = align == XStringFormats.TopCenter ? rect.X + (rect.Width - w) / 2 : rect.X;
                    gfx.DrawLine(XPens.Black, start, rect.Y + height - 2, start + w, rect.Y + height - 2);
                }
            }
            return Math.Max(lines.Count, 1) * height;
        }

        // Subsetting is safe with Tinos: PDFsharp 6.2.4 keeps the components of composite glyphs (ố, ộ, ệ, ữ, Ỷ… are composites
        // in Tinos too): rendered, they match the whole-font PDF pixel for pixel.
        XFont F(double size, XFontStyleEx style = XFontStyleEx.Regular) => new(Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));
        var half = width / 2;
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            switch (b.Style)
            {
                case "header-left" or "header-right" or "number" or "place-date" or "recipients" or "signature-title" or "signature-name":
                {
                    var (leftStyle, rightStyles) = b.Style switch
                    {
                        "header-left" or "header-right" => ("header-left", new[] { "header-right" }),
                        "number" or "place-date" => ("number", new[] { "place-date" }),
                        _ => ("recipients", new[] { "signature-title", "signature-name", "space" }),
                    };
                    var left = new List<Block>();
                    var right = new List<Block>();
                    for (; i < blocks.Count && (blocks[i].Style == leftStyle || rightStyles.Contains(blocks[i].Style)); i++)
                        (blocks[i].Style == leftStyle ? left : right).Add(blocks[i]);
                    i--;
                    NewPageIfNeeded(40);
                    double ly = y, ry = y;
                    foreach (var l in left)
                        ly += Text(l.Text, l.Style == "recipients" && l == left[0] ? F(10, XFontStyleEx.BoldItalic) : l.Style == "recipients" ? F(10) : l.Style == "number" ? F(12) : F(12, XFontStyleEx.Bold),
                            Margin, ly, half, l.Style == "recipients" ? XStringFormats.TopLeft : XStringFormats.TopCenter);
                    for (var n = 0; n < right.Count; n++)
                    {
                        var r = right[n];
                        var font = r.Style == "place-date" ? F(12, XFontStyleEx.Italic) : F(12, XFontStyleEx.Bold);
                        ry += r.Style == "space" ? font.GetHeight() * LineGap
                            : Text(r.Text, font, Margin + half, ry, half, XStringFormats.TopCenter, underline: r.Style == "header-right" && n == right.Count - 1 && right.Count > 1);
                    }
                    y = Math.Max(ly, ry) + 4;
                    break;
                }
                case "space": y += 8; break;
                default:
                {
                    var (font, align, indent) = b.Style switch
                    {
                        "title" => (F(14, XFontStyleEx.Bold), XStringFormats.TopCenter, 0d),
                        "big" => (F(30, XFontStyleEx.Bold), XStringFormats.TopCenter, 0d),
                        "subtitle" or "center-bold" => (F(13, XFontStyleEx.Bold), XStringFormats.TopCenter, 0d),
                        "center" => (F(13), XStringFormats.TopCenter, 0d),
                        "para" => (F(12), XStringFormats.TopLeft, 28d),
                        _ => (F(12), XStringFormats.TopLeft, 14d),
                    };
                    NewPageIfNeeded(font.GetHeight() * 2);
                    y += Text(b.Text, font, Margin, y, width, align, indent: indent) + 2;
                    break;
                }
            }
        }
        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    static List<string> Wrap(XGraphics gfx, string text, XFont font, double width, double indent)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            var available = width - (lines.Count == 0 ? indent : 0);
            if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > available) { lines.Add(line); line = word; }
            else line = candidate;
        }
        lines.Add(line);
        return lines;
    }
}

/// <summary>Tinos (Regular, Bold, Italic, Bold Italic) from the assembly's resources, for PDFsharp (no system fonts are needed).</summary>
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
