using ScottPlot;
using SkiaSharp;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Documents;

namespace Tndtq.Reports;

/// <summary>
/// The review report's chart, drawn on the server with ScottPlot 5 (Skia; the Linux native library comes with its
/// <c>SkiaSharp.NativeAssets.Linux.NoDependencies</c>, so no system font or library is needed): the latest assessment
/// ratings of each ward as stacked bars (Tốt, Khá, Trung bình, Yếu), every text in Tinos, the font the PDFs embed, loaded
/// from the assembly so Vietnamese letters draw whatever fonts the machine has.
/// </summary>
public static class RatingsChart
{
    const string Family = "Tinos";

    /// <summary>The four ratings, best first, with the colour of their part of a bar.</summary>
    static readonly (Rating Rating, Color Color)[] Parts =
    [
        (Rating.Good, Color.FromHex("#2E7D32")), (Rating.Fair, Color.FromHex("#1565C0")),
        (Rating.Average, Color.FromHex("#EF8F00")), (Rating.Weak, Color.FromHex("#C62828")),
    ];

    static int Count(RatingCounts c, Rating r) => r switch { Rating.Good => c.Good, Rating.Fair => c.Fair, Rating.Average => c.Average, _ => c.Weak };

    /// <summary>Up to this many wards the bars stand side by side; more lie one under another, a ward's name on the left of its bar.</summary>
    const int MostUpright = 6;

    /// <summary>The chart's size in points (a report prints it 160 mm wide): its height grows with the wards when the bars lie.</summary>
    public static (int Width, int Height) Size(int wards) => (560, wards <= MostUpright ? 320 : 110 + 24 * wards);

    /// <summary>A PNG of <see cref="Size"/>, drawn at three times that in pixels (sharp when printed).</summary>
    public static byte[] Png(IReadOnlyList<(string Ward, RatingCounts Ratings)> wards, string title)
    {
        TinosFonts.Register();
        var lying = wards.Count > MostUpright;
        var plot = new Plot { ScaleFactor = 3 };
        plot.Font.Set(Family);
        plot.Title(title, size: 13);
        IAxis valueAxis = lying ? plot.Axes.Bottom : plot.Axes.Left, wardAxis = lying ? plot.Axes.Left : plot.Axes.Bottom;
        valueAxis.Label.Text = ReportsTexts.ChartGroupsAxis;
        valueAxis.Label.FontSize = 11;

        // The first ward on the left, or on top when the bars lie.
        double Position(int i) => lying ? wards.Count - 1 - i : i;
        var bars = new List<Bar>();
        for (var i = 0; i < wards.Count; i++)
        {
            double at = 0;
            foreach (var (rating, color) in Parts)
            {
                var n = Count(wards[i].Ratings, rating);
                if (n == 0) continue;
                bars.Add(new Bar { Position = Position(i), ValueBase = at, Value = at + n, FillColor = color, LineWidth = 0, Label = n.ToString(), CenterLabel = true });
                at += n;
            }
        }
        var series = plot.Add.Bars(bars);
        series.Horizontal = lying;
        series.ValueLabelStyle.FontName = Family;
        series.ValueLabelStyle.FontSize = 9;
        series.ValueLabelStyle.ForeColor = Colors.White;

        // Every ward is a "phường": its name alone under (or beside) its bar.
        wardAxis.SetTicks(Enumerable.Range(0, wards.Count).Select(Position).ToArray(), wards.Select(w => Texts.WardPlace(w.Ward)).ToArray());
        wardAxis.MajorTickStyle.Length = 0;
        wardAxis.TickLabelStyle.FontSize = 10;
        valueAxis.TickLabelStyle.FontSize = 10;
        // Whole numbers of groups on the axis, from zero, a little room beyond the longest bar.
        valueAxis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var longest = Math.Max(wards.Count == 0 ? 0 : wards.Max(w => w.Ratings.Total), 1) * 1.08;
        if (lying) plot.Axes.SetLimits(0, longest, -0.6, Math.Max(wards.Count, 1) - 0.4);
        else plot.Axes.SetLimits(-0.6, Math.Max(wards.Count, 1) - 0.4, 0, longest);
        plot.HideGrid();

        plot.Legend.FontName = Family;
        plot.Legend.FontSize = 10;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.ShadowColor = Colors.Transparent;
        foreach (var (rating, color) in Parts)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = RestructureTexts.RatingName(rating), FillColor = color });
        plot.ShowLegend(Edge.Bottom);

        var (width, height) = Size(wards.Count);
        return plot.GetImageBytes(width * 3, height * 3, ImageFormat.Png);
    }
}

/// <summary>Tinos for ScottPlot, from the assembly's resources (the same faces <see cref="PdfWriter"/> embeds).</summary>
sealed class TinosFonts : IFontResolver
{
    static readonly object Gate = new();
    static bool registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            Fonts.FontResolvers.Insert(0, new TinosFonts());
            registered = true;
        }
    }

    static readonly Dictionary<string, SKTypeface> Faces = [];

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
    {
        if (!fontName.Equals("Tinos", StringComparison.OrdinalIgnoreCase) && !fontName.Equals("Times New Roman", StringComparison.OrdinalIgnoreCase)) return null;
        var face = bold && italic ? "Tinos-BoldItalic" : bold ? "Tinos-Bold" : italic ? "Tinos-Italic" : "Tinos-Regular";
        lock (Faces)
        {
            if (!Faces.TryGetValue(face, out var typeface))
                Faces[face] = typeface = SKTypeface.FromStream(new MemoryStream(new EmbeddedFonts().GetFont(face)!));
            return typeface;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
}
