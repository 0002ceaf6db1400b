using Tndtq.Reports;
using Tndtq.Restructure;
using Tndtq.Shared.Documents;

namespace Tndtq.Tests.Reports;

/// <summary>
/// The review report's chart is drawn in this process on Linux by ScottPlot on the native Skia library the app ships (the same
/// assets the Functions host loads), its texts in Tinos from the assembly, whose glyphs cover every Vietnamese letter of the labels.
/// </summary>
public sealed class RatingsChartTests
{
    internal static readonly (string, RatingCounts)[] Sample =
        [("An Cư", new(12, 5, 2, 1)), ("Cái Khế", new(8, 7, 3, 0)), ("Tân An", new(0, 0, 0, 0)), ("Xuân Khánh", new(4, 9, 6, 2))];

    [Fact]
    public void The_chart_is_a_png_drawn_by_skia_here_at_three_times_its_size_in_points()
    {
        var png = RatingsChart.Png(Sample, "Kết quả đánh giá Tổ nhân dân tự quản gần nhất theo phường");
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "documents")).FullName, "tndtq-bieu-do.png"), png); // to look at
        Assert.Equal((560 * 3, 320 * 3), DocumentLayout.PngSize(png));
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        // The bars' colours are there: green (Tốt) and red (Yếu).
        var colours = Enumerable.Range(0, bitmap.Width / 10).SelectMany(x => Enumerable.Range(0, bitmap.Height / 10).Select(y => bitmap.GetPixel(x * 10, y * 10))).ToHashSet();
        Assert.Contains(new SkiaSharp.SKColor(0x2E, 0x7D, 0x32), colours);
        Assert.Contains(new SkiaSharp.SKColor(0xC6, 0x28, 0x28), colours);
    }

    [Fact]
    public void Many_wards_lie_one_under_another_on_a_taller_chart()
    {
        var wards = Enumerable.Range(1, 11).Select(i => ($"Phường Thử Nghiệm {i}", new RatingCounts(i, 2, 1, i % 2))).ToList();
        var png = RatingsChart.Png(wards, "Kết quả đánh giá Tổ nhân dân tự quản gần nhất theo phường");
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "documents")).FullName, "tndtq-bieu-do-11.png"), png); // to look at
        Assert.Equal((560 * 3, (110 + 24 * 11) * 3), DocumentLayout.PngSize(png));
    }

    [Fact]
    public void The_charts_font_is_tinos_from_the_assembly_with_every_vietnamese_letter_of_its_labels()
    {
        RatingsChart.Png(Sample, "x");
        var typeface = ScottPlot.Fonts.GetTypeface("Tinos", bold: false, italic: false);
        Assert.Equal("Tinos", typeface.FamilyName);
        Assert.True(typeface.ContainsGlyphs("Tốt Khá Trung bình Yếu Số tổ Kết quả đánh giá Tổ nhân dân tự quản gần nhất theo phường An Cư Cái Khế Xuân Khánh"));
        Assert.Equal("Tinos", ScottPlot.Fonts.GetTypeface("Tinos", bold: true, italic: false).FamilyName);
    }
}
