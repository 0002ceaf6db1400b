using System.Text.RegularExpressions;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// One storage idiom (the rule is in <see cref="Tndtq.Shared.JsonTable"/>'s doc comment): every table is reached through
/// <c>JsonTable</c>, every blob container through <c>BlobFiles</c>, and tables and containers are created in one place,
/// <c>Created</c>. A scan of the app's source holds every store to it: the calls that bypass the idiom appear only in the
/// files that make it.
/// </summary>
public sealed class StorageIdiomTests
{
    /// <summary>Each call that bypasses the idiom, and the only files (under functions/TNDTQ.Functions) allowed to make it.</summary>
    static readonly (Regex Call, string[] Allowed)[] Rules =
    [
        (new(@"Create\w*IfNotExists"), ["Shared/Created.cs"]),
        (new(@"\.EnsureCreatedAsync\("), ["Shared/Created.cs", "Shared/JsonTable.cs", "Shared/BlobFiles.cs"]),
        (new(@"\bGetTableClient\("), ["Shared/JsonTable.cs"]),
        (new(@"\bnew TableClient\("), ["Shared/JsonTable.cs"]),
        (new(@"\bGetBlobContainerClient\("), ["Shared/BlobFiles.cs"]),
    ];

    [Fact]
    public void Tables_and_containers_are_reached_and_created_only_through_the_idiom()
    {
        var app = Path.Combine(Tndtq.LocalHost.RepositoryRoot.Find(), "functions", "TNDTQ.Functions");
        var sources = Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(app, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("Shared/JsonTable.cs", sources);

        var found = new List<string>();
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(Path.Combine(app, file));
            for (var n = 0; n < lines.Length; n++)
            {
                if (lines[n].TrimStart().StartsWith("//", StringComparison.Ordinal)) continue; // comments may name what they forbid
                foreach (var (call, allowed) in Rules)
                    if (call.IsMatch(lines[n]) && !allowed.Contains(file))
                        found.Add($"{file}:{n + 1}: {lines[n].Trim()}");
            }
        }
        Assert.True(found.Count == 0,
            "Storage reached around the idiom (use JsonTable for tables, BlobFiles for containers; see JsonTable's doc comment):\n" + string.Join("\n", found));
    }
}
