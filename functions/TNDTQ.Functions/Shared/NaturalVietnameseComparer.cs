using System.Globalization;
using System.Text.RegularExpressions;

namespace Tndtq.Shared;

/// <summary>Orders names as a person expects: Vietnamese alphabet, and "Tổ 2" before "Tổ 10".</summary>
public sealed partial class NaturalVietnameseComparer : IComparer<string>
{
    public static readonly NaturalVietnameseComparer Instance = new();
    static readonly CompareInfo Vietnamese = new CultureInfo("vi-VN").CompareInfo;

    public int Compare(string? x, string? y)
    {
        var a = Parts().Split(x ?? "");
        var b = Parts().Split(y ?? "");
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = long.TryParse(a[i], out var na) && long.TryParse(b[i], out var nb)
                ? na.CompareTo(nb)
                : Vietnamese.Compare(a[i], b[i], CompareOptions.IgnoreCase);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    [GeneratedRegex(@"(\d+)")]
    private static partial Regex Parts();
}
