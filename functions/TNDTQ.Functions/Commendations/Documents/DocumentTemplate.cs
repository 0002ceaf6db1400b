using System.Reflection;
using System.Text.RegularExpressions;

using Tndtq.Shared.Documents;

namespace Tndtq.Commendations.Documents;

/// <summary>
/// The Vietnamese text of generated documents lives in plain-text templates beside this file
/// (<c>Templates/*.txt</c>), one "@style text" line each, so an office clerk can read and adjust
/// the wording without touching code. The same blocks are rendered to DOCX and PDF
/// (<see cref="DocumentLayout"/> says how each style looks).
/// </summary>
public static partial class DocumentTemplate
{
    public const string Decision = "quyet-dinh-khen-thuong";
    public const string Certificate = "giay-khen";

    /// <summary>Where templates sit next to the app: the commendations' and the reports' (<c>Reports/Templates</c>).</summary>
    static readonly string[] TemplateFolders = [Path.Combine("Commendations", "Documents", "Templates"), Path.Combine("Reports", "Templates")];

    public static string Load(string name)
    {
        // A template next to the app wins (so it can be adjusted without a rebuild); the built-in copy otherwise.
        foreach (var folder in TemplateFolders)
            if (Path.Combine(AppContext.BaseDirectory, folder, name + ".txt") is var file && File.Exists(file)) return File.ReadAllText(file);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(
            Assembly.GetExecutingAssembly().GetManifestResourceNames().Single(n => n.EndsWith($"{name}.txt", StringComparison.Ordinal)))!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// Fills a template: scalar placeholders from <paramref name="values"/>, and each "@list" line once per item of <paramref name="list"/>.
    /// A value with line breaks gives one block per line (an issuing body over two lines, "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH");
    /// a line whose placeholders are all empty is left out; "**…**" at the start of a line is its bold lead.
    /// </summary>
    public static IReadOnlyList<Block> Render(string template, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> list)
    {
        var blocks = new List<Block>();
        foreach (var raw in template.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || !line.StartsWith('@')) continue;
            var space = line.IndexOf(' ');
            var style = space < 0 ? line[1..] : line[1..space];
            var text = space < 0 ? "" : line[(space + 1)..].Trim();
            if (style == "list")
            {
                for (var i = 0; i < list.Count; i++) blocks.Add(new Block("list", $"{i + 1}. {list[i]}"));
                continue;
            }
            var lead = "";
            if (text.StartsWith("**", StringComparison.Ordinal) && text.IndexOf("**", 2, StringComparison.Ordinal) is var end and > 2)
                (lead, text) = (text[2..end], text[(end + 2)..].TrimStart());
            string Fill(string s) => Placeholder().Replace(s, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");
            var filled = Fill(text);
            if (Placeholder().IsMatch(text) && string.IsNullOrWhiteSpace(filled) && lead.Length == 0) continue;
            var lines = filled.Split('\n', StringSplitOptions.TrimEntries);
            for (var n = 0; n < lines.Length; n++)
                if (n == 0 || lines[n].Length > 0) blocks.Add(new Block(style, lines[n], n == 0 ? Fill(lead) : ""));
        }
        return blocks;
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
