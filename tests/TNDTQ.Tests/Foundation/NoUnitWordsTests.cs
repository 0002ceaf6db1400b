using System.Globalization;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// Since 1 July 2025 Vietnam has no districts: no word a person reads may say "quận" or "huyện" unless the units' data says it
/// (docs/units.md). Every page, text, document template and API description of the app is scanned, in any case ("QUẬN" too);
/// comments (they describe the 2021 seed) and the demo data (the 2021 seed itself: <c>Demo/</c>, <c>Demo*.cs</c>) are not.
/// </summary>
public sealed class NoUnitWordsTests
{
    static readonly string[] Words = ["quận", "huyện"];
    static readonly string[] Kinds = ["*.cs", "*.js", "*.html", "*.txt", "*.css"];
    static readonly CompareInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    static DirectoryInfo App()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TNDTQ.Functions.sln"))) root = root.Parent;
        return new DirectoryInfo(Path.Combine(root!.FullName, "functions", "TNDTQ.Functions"));
    }

    static bool IsComment(string line)
    {
        var t = line.TrimStart();
        return t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith('*') || t.StartsWith("/*", StringComparison.Ordinal) || t.StartsWith('#');
    }

    static string Code(string line) => line.IndexOf(" // ", StringComparison.Ordinal) is var i and >= 0 ? line[..i] : line;

    [Fact]
    public void No_page_text_or_template_says_quan_or_huyen_of_itself()
    {
        var app = App();
        var found = new List<string>();
        foreach (var file in Kinds.SelectMany(k => app.EnumerateFiles(k, SearchOption.AllDirectories)))
        {
            var relative = Path.GetRelativePath(app.FullName, file.FullName).Replace('\\', '/');
            if (relative.StartsWith("obj/") || relative.StartsWith("bin/") || relative.StartsWith("Demo/") || file.Name.StartsWith("Demo", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file.FullName);
            for (var n = 0; n < lines.Length; n++)
                if (!IsComment(lines[n]) && Words.Any(w => Vietnamese.IndexOf(Code(lines[n]), w, CompareOptions.IgnoreCase) >= 0))
                    found.Add($"{relative}:{n + 1}: {lines[n].Trim()}");
        }
        Assert.True(app.EnumerateFiles("*.js", SearchOption.AllDirectories).Any(), "the scan must see the web app");
        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_sees_a_capitalised_quan()
    {
        Assert.True(Vietnamese.IndexOf("ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", "quận", CompareOptions.IgnoreCase) >= 0);
        Assert.False(IsComment("    public const string X = \"Công an quận\";"));
    }
}
