using Tndtq.Shared.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using PdfPage = UglyToad.PdfPig.Content.Page;

namespace Tndtq.Tests.Documents;

/// <summary>
/// Reading a generated PDF back for the layout of Decree 30/2020/NĐ-CP, Appendix I: its lines, the heading's column split, its
/// rules, its margins and font. Shared by every test of a generated document (the commendation's, the restructure's).
/// </summary>
public static class PdfLayout
{
    public const double Mm = 72 / 25.4;
    public const double Tolerance = 0.5; // points

    /// <summary>A line of text: the words on one baseline (optionally only those a filter keeps), left to right.</summary>
    public sealed record TextLine(double Baseline, string Text, IReadOnlyList<Word> Words)
    {
        public double Left => Words.Min(w => w.BoundingBox.Left);
        public double Right => Words.Max(w => w.BoundingBox.Right);
        public IEnumerable<Letter> Letters => Words.SelectMany(w => w.Letters);
    }

    /// <summary>The page's lines, top to bottom.</summary>
    public static List<TextLine> Lines(PdfPage page, Func<Word, bool>? keep = null) => page.GetWords().Where(keep ?? (_ => true))
        .GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y, 1)).OrderByDescending(g => g.Key)
        .Select(g => { var words = g.OrderBy(w => w.BoundingBox.Left).ToList(); return new TextLine(g.Key, string.Join(" ", words.Select(w => w.Text)), words); })
        .ToList();

    /// <summary>The x that divides the heading's two columns (and the recipients from the signature).</summary>
    public static double ColumnSplit(PdfPage page) => DocumentLayout.LeftMm * Mm + (page.Width - (DocumentLayout.LeftMm + DocumentLayout.RightMm) * Mm) * DocumentLayout.LeftColumnShare;

    public static string Text(PdfPage page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    /// <summary>The horizontal rules drawn on the page.</summary>
    public static List<UglyToad.PdfPig.Core.PdfRectangle> Rules(PdfPage page) =>
        page.Paths.Select(p => p.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>().Where(r => r.Height < 1 && r.Width > 10).ToList();

    public static (PdfDocument Pdf, PdfPage Page) OpenPdf(IReadOnlyList<Block> blocks, string? saveAs = null)
    {
        var bytes = PdfWriter.Write(blocks);
        if (saveAs is not null) // kept beside the test output for a person to look at, never in a shared folder
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "documents")).FullName, saveAs), bytes);
        var pdf = PdfDocument.Open(bytes);
        return (pdf, pdf.GetPage(1));
    }

    /// <summary>
    /// Every letter inside the margins (left 30 mm, right 15 mm, top and bottom 20 mm; horizontally the pen's advance, vertically the
    /// glyphs), the first line at the top margin, set in Tinos. A page of justified text also reaches its left and right margins.
    /// </summary>
    public static void AssertMarginsAndFont(PdfPage page, bool justified)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        // From page 2 the page number sits centred in the top margin (Decree 30/2020): it is checked, then left out.
        var number = letters.Where(l => l.BoundingBox.Bottom > page.Height - DocumentLayout.TopMm * Mm).ToList();
        if (page.Number > 1 && number.Count > 0)
        {
            Assert.Equal(page.Number.ToString(), string.Concat(number.Select(l => l.Value)));
            Assert.Equal(page.Width / 2 + (DocumentLayout.LeftMm - DocumentLayout.RightMm) * Mm / 2,
                (number.Min(l => l.StartBaseLine.X) + number.Max(l => l.EndBaseLine.X)) / 2, 2.0);
            letters = letters.Except(number).ToList();
        }
        var left = letters.Min(l => l.StartBaseLine.X) / Mm;
        var right = (page.Width - letters.Max(l => l.EndBaseLine.X)) / Mm;
        var top = (page.Height - letters.Max(l => l.BoundingBox.Top)) / Mm;
        var bottom = letters.Min(l => l.BoundingBox.Bottom) / Mm;
        Assert.InRange(left, 30 - 0.01, justified ? 35 : 1000);
        Assert.InRange(right, 15 - 0.01, justified ? 20 : 1000);
        Assert.InRange(top, 20 - 0.01, 25);
        Assert.True(bottom >= 20, $"bottom margin {bottom:F1} mm");
        Assert.All(letters, l => Assert.Contains("Tinos", l.FontName));
    }

    /// <summary>
    /// The heading every administrative document shares: the national title alone on the first line of the right column, bold; the
    /// motto under it with a rule as long as it; the issuing body's lines on the left as <paramref name="issuingBody"/>, bold, with a
    /// short rule (1/3–1/2 of its width) centred under it; the number on the left at the height of the italic place and date.
    /// </summary>
    public static void AssertHeading(PdfPage page, IReadOnlyList<string> issuingBody, string number, string placeDate)
    {
        var split = ColumnSplit(page);
        var lines = Lines(page);
        var title = Assert.Single(lines, l => l.Text.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        Assert.Same(lines[0], title);
        var titleWords = title.Words.Where(w => w.BoundingBox.Left >= split).ToList();
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", string.Join(" ", titleWords.Select(w => w.Text)));
        Assert.All(titleWords.SelectMany(w => w.Letters), l => Assert.Contains("Bold", l.FontName));
        var motto = Assert.Single(lines, l => l.Text.Contains("Độc lập - Tự do - Hạnh phúc"));
        var left = Lines(page, w => w.BoundingBox.Right <= split);
        Assert.Equal([.. issuingBody, number], left.Select(l => l.Text).Take(issuingBody.Count + 1));
        var unit = left[issuingBody.Count - 1];
        Assert.All(left.Take(issuingBody.Count).SelectMany(l => l.Letters), l => Assert.Contains("Bold", l.FontName));
        var numberLine = Assert.Single(lines, l => l.Text.Contains(number));
        Assert.Contains(placeDate, numberLine.Text);
        Assert.All(numberLine.Words.Where(w => w.BoundingBox.Left >= split).SelectMany(w => w.Letters), l => Assert.Contains("Italic", l.FontName));
        var rules = Rules(page);
        var unitRule = Assert.Single(rules, r => r.Top < unit.Baseline && r.Top > unit.Baseline - 10 && r.Right <= split);
        Assert.InRange(unitRule.Width / (unit.Right - unit.Left), 1 / 3d, 1 / 2d);
        Assert.Equal((unit.Left + unit.Right) / 2, (unitRule.Left + unitRule.Right) / 2, 1.0);
        var mottoRule = Assert.Single(rules, r => r.Top < motto.Baseline && r.Top > motto.Baseline - 10 && r.Left >= split);
        Assert.Equal(motto.Right - motto.Left, mottoRule.Width, 1.0);
        Assert.Equal(motto.Left, mottoRule.Left, 1.0);
    }

    /// <summary>Whether the text holds the phrase, whatever the line breaks (a table's cell wraps its text).</summary>
    public static bool Holds(string text, string phrase) => Squash(text).Contains(Squash(phrase), StringComparison.Ordinal);
    static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A PDF's whole text, page after page, its words joined (each page's words as PdfPig orders them).</summary>
    public static string AllText(PdfDocument pdf) => string.Join(" ", pdf.GetPages().Select(Text));

    /// <summary>A PDF's letters in the order they are drawn (a table's cell after cell), for <see cref="Holds"/>.</summary>
    public static string DrawnText(PdfDocument pdf) => string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
}
