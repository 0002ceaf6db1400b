using System.Reflection;
using System.Text.RegularExpressions;

namespace Tndtq.Shared.Documents;

/// <summary>
/// The Vietnamese text of generated documents lives in plain-text templates beside the capability that prints them
/// (<c>{Slice}/Templates/*.txt</c> or <c>{Slice}/Documents/Templates/*.txt</c>, embedded in the app), one "@style text" line
/// each, so an office clerk can read and adjust the wording without touching code. The same blocks are rendered to DOCX and
/// PDF (<see cref="DocumentLayout"/> says how each style looks). Each capability names its own templates
/// (e.g. <c>CommendationTemplates</c>); <see cref="TemplateStore"/> lets an administrator's blob win over the built-in one.
/// </summary>
public static partial class DocumentTemplate
{
    public static string Load(string name)
    {
        // A template next to the app wins (so it can be adjusted without a rebuild); the built-in copy otherwise.
        foreach (var slice in Directory.EnumerateDirectories(AppContext.BaseDirectory).Order(StringComparer.Ordinal))
            foreach (var folder in new[] { "Templates", Path.Combine("Documents", "Templates") })
                if (Path.Combine(slice, folder, name + ".txt") is var file && File.Exists(file)) return File.ReadAllText(file);
        return Builtin(name);
    }

    /// <summary>The template as built into the app (never the office's copy): what a broken edited template falls back to.</summary>
    public static string Builtin(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream(
            assembly.GetManifestResourceNames().Single(n => n.EndsWith($".{name}.txt", StringComparison.Ordinal)))!;
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
        foreach (var (style, raw) in Lines(template))
        {
            var text = raw;
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

    /// <summary>
    /// What in a template the renderer cannot use, in Vietnamese (empty: none): a line that is neither a note (#) nor "@style text",
    /// a style the layout does not know (the layout's own, "page", "list", and the capability's <paramref name="extraStyles"/>,
    /// e.g. "table"), a placeholder the document does not fill (<paramref name="placeholders"/>). The capability then prints from
    /// <see cref="Builtin"/> and reports the problems, so an administrator's slip never stops a workflow.
    /// </summary>
    public static IReadOnlyList<string> Problems(string template, IEnumerable<string> placeholders, params string[] extraStyles)
    {
        var known = placeholders.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var n = 0;
        foreach (var raw in template.Split('\n'))
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#')) continue;
            if (!line.StartsWith('@')) { problems.Add(DocumentTexts.TemplateLineNotStyled(n)); continue; }
            var style = line.IndexOf(' ') is var space and > 0 ? line[1..space] : line[1..];
            if (!DocumentLayout.IsStyle(style) && style is not ("page" or "list") && !extraStyles.Contains(style))
                problems.Add(DocumentTexts.TemplateUnknownStyle(n, style));
            foreach (Match m in Placeholder().Matches(line))
                if (!known.Contains(m.Groups[1].Value)) problems.Add(DocumentTexts.TemplateUnknownPlaceholder(n, m.Groups[1].Value));
            if (Regex.Count(line, @"\{\{") != Placeholder().Count(line)) problems.Add(DocumentTexts.TemplateBrokenPlaceholder(n));
        }
        if (problems.Count == 0 && n > 0 && !template.Split('\n').Any(l => l.StartsWith('@'))) problems.Add(DocumentTexts.TemplateEmpty);
        return problems;
    }

    /// <summary>The template's "@style text" lines (notes and other lines left out).</summary>
    static IEnumerable<(string Style, string Text)> Lines(string template)
    {
        foreach (var raw in template.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || !line.StartsWith('@')) continue;
            var space = line.IndexOf(' ');
            yield return (space < 0 ? line[1..] : line[1..space], space < 0 ? "" : line[(space + 1)..].Trim());
        }
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
