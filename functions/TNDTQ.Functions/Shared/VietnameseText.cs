using System.Globalization;
using System.Text;

namespace Tndtq.Shared;

/// <summary>Vietnamese text for matching: "Nguyễn Văn  Ân" → "nguyen van an".</summary>
public static class VietnameseText
{
    /// <summary>Lowercase, no diacritics (đ → d), single spaces, letters and digits only.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var ch = c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) };
            if (char.IsLetterOrDigit(ch)) { if (space && sb.Length > 0) sb.Append(' '); sb.Append(ch); space = false; }
            else space = true;
        }
        return sb.ToString();
    }

    /// <summary>Trims and collapses inner whitespace, keeping diacritics (in NFC) as typed.</summary>
    public static string Tidy(string? text) =>
        string.Join(' ', (text ?? "").Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Every word-start suffix of the folded text: "nguyen van an" → ["nguyen van an", "van an", "an"].</summary>
    public static IEnumerable<string> WordSuffixes(string folded)
    {
        if (folded.Length == 0) yield break;
        yield return folded;
        for (var i = folded.IndexOf(' '); i >= 0; i = folded.IndexOf(' ', i + 1))
            yield return folded[(i + 1)..];
    }
}
