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

    /// <summary>A PNG of <paramref name="width"/> × <paramref name="height"/> points, drawn at twice that in pixels (sharp when printed).</summary>
    public static byte[] Png(IReadOnlyList<(string Ward, RatingCounts Ratings)> wards, string title, int width = 800, int height = 450)
    {
        TinosFonts.Register();
        var plot = new Plot { ScaleFactor = 2 };
        plot.Font.Set(Family);
        plot.Title(title, size: 16);
        plot.Axes.Left.Label.Text = Texts.ChartGroupsAxis;
        plot.Axes.Left.Label.FontSize = 13;

        var bars = new List<Bar>();
        for (var i = 0; i < wards.Count; i++)
        {
            double at = 0;
            foreach (var (rating, color) in Parts)
            {
                var n = Count(wards[i].Ratings, rating);
                if (n == 0) continue;
                bars.Add(new Bar { Position = i, ValueBase = at, Value = at + n, FillColor = color, LineWidth = 0, Label = n.ToString(), CenterLabel = true });
                at += n;
            }
        }
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontName = Family;
        series.ValueLabelStyle.FontSize = 11;
        series.ValueLabelStyle.ForeColor = Colors.White;

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, wards.Count).Select(i => (double)i).ToArray(), wards.Select(w => w.Ward).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        if (wards.Count > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        // Whole numbers of groups on the axis, from zero, a little headroom above the tallest bar.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var tallest = wards.Count == 0 ? 0 : wards.Max(w => w.Ratings.Total);
        plot.Axes.SetLimits(-0.6, Math.Max(wards.Count, 1) - 0.4, 0, Math.Max(tallest, 1) * 1.1);
        plot.HideGrid();

        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontName = Family;
        plot.Legend.FontSize = 12;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.ShadowColor = Colors.Transparent;
        foreach (var (rating, color) in Parts)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = Texts.RatingName(rating), FillColor = color });
        plot.ShowLegend(Edge.Bottom);

        return plot.GetImageBytes(width * 2, height * 2, ImageFormat.Png);
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
