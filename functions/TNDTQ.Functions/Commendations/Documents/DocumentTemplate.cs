using System.Reflection;
using System.Text.RegularExpressions;

namespace Tndtq.Commendations.Documents;

/// <summary>One block of a document: a style and its text (placeholders filled).</summary>
public sealed record Block(string Style, string Text);

/// <summary>
/// The Vietnamese text of generated documents lives in plain-text templates beside this file
/// (<c>Templates/*.txt</c>), one "@style text" line each, so an office clerk can read and adjust
/// the wording without touching code. The same blocks are rendered to DOCX and PDF.
/// </summary>
public static partial class DocumentTemplate
{
    public const string Decision = "quyet-dinh-khen-thuong";
    public const string Certificate = "giay-khen";

    public static string Load(string name)
    {
        // A template next to the app wins (so it can be adjusted without a rebuild); the built-in copy otherwise.
        var file = Path.Combine(AppContext.BaseDirectory, "Commendations", "Documents", "Templates", name + ".txt");
        if (File.Exists(file)) return File.ReadAllText(file);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(
            Assembly.GetExecutingAssembly().GetManifestResourceNames().Single(n => n.EndsWith($"{name}.txt", StringComparison.Ordinal)))!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Fills a template: scalar placeholders from <paramref name="values"/>, and each "@list" line once per item of <paramref name="list"/>.</summary>
    public static IReadOnlyList<Block> Render(string template, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> list)
    {
        var blocks = new List<Block>();
        foreach (var raw in template.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || !line.StartsWith('@')) continue;
            var space = line.IndexOf(' ');
            var style = space < 0 ? line[1..] : line[1..space];
            var text = space < 0 ? "" : line[(space + 1)..];
            if (style == "list")
            {
                for (var i = 0; i < list.Count; i++) blocks.Add(new Block("list", $"{i + 1}. {list[i]}"));
                continue;
            }
            blocks.Add(new Block(style, Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "")));
        }
        return blocks;
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
