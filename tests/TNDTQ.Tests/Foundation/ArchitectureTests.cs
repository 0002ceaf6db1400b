using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using Tndtq.LocalHost;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The slices' dependencies, declared in one table and held to it. A slice is a namespace <c>Tndtq.X</c> with
/// everything below it (<c>Tndtq.Register.Import</c> is Register). Shared (<c>Tndtq.Shared*</c>) is the leaf every
/// slice may use and that uses no slice; the composition root (namespace <c>Tndtq</c>: <c>AppServices</c>,
/// <c>Program</c>) may use every slice. Checked twice: over the compiled assembly (NetArchTest: signatures, fields,
/// calls) and over the source, because the compiler copies constants into their users (a <c>const</c> table name or
/// step id of another slice leaves no trace in the assembly).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Each slice and the slices it may use. Shared is always allowed and is no row's business.</summary>
    static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Shared"] = [],
        ["ApiReference"] = [],
        ["Admin"] = ["Commendations", "Inbox", "Operations", "Restructure", "SignOffs", "Support", "Training"],
        ["Commendations"] = ["Inbox", "Register", "Restructure"],
        ["Demo"] = ["Commendations", "Identity", "Meetings", "Register", "Reports", "Support", "Training", "Web"],
        ["Health"] = [],
        ["Identity"] = ["Register"],
        ["Inbox"] = ["Identity"],
        ["Meetings"] = ["Inbox", "Register"],
        ["Operations"] = ["Commendations", "Health", "Identity", "Inbox", "Meetings", "Register", "Reports", "Restructure", "SignOffs", "Support", "Training"],
        ["Register"] = [],
        ["Reports"] = ["Commendations", "Meetings", "Register", "Restructure", "SignOffs", "Support", "Training"],
        ["Restructure"] = ["Identity", "Inbox", "Register"],
        ["SignOffs"] = ["Register"],
        ["Support"] = ["Inbox", "Register"],
        ["Training"] = ["Register"],
        ["Web"] = [],
    };

    static readonly Assembly App = typeof(AppServices).Assembly;

    /// <summary>The slice a namespace belongs to; null for the composition root and for code the build generates outside <c>Tndtq.*</c>.</summary>
    static string? SliceOf(string? ns) =>
        ns is not null && ns.StartsWith("Tndtq.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;

    [Fact]
    public void The_table_has_no_cycle()
    {
        Assert.All(MayUse, row => Assert.All(row.Value, used => Assert.True(MayUse.ContainsKey(used), $"{row.Key} may use {used}, which is not a slice of the table")));
        var cycles = new List<string>();
        foreach (var start in MayUse.Keys)
        {
            // Depth first from each slice: a path that comes back to its start is a cycle.
            var stack = new Stack<List<string>>([[start]]);
            while (stack.TryPop(out var path))
                foreach (var next in MayUse[path[^1]])
                    if (next == start) cycles.Add(string.Join(" → ", path.Append(next)));
                    else if (!path.Contains(next)) stack.Push([.. path, next]);
        }
        Assert.True(MayUse["Shared"].Length == 0, "Shared is the leaf: its row stays empty");
        Assert.True(cycles.Count == 0, "The table of allowed dependencies has cycles:\n" + string.Join("\n", cycles.Distinct()));
    }

    [Fact]
    public void Every_namespace_of_the_app_is_a_slice_of_the_table()
    {
        var unknown = App.GetTypes().Select(t => SliceOf(t.Namespace)).OfType<string>().Distinct().Where(s => !MayUse.ContainsKey(s)).ToList();
        Assert.True(unknown.Count == 0, "Namespaces with no row in ArchitectureTests.MayUse (add the slice and the slices it uses): " + string.Join(", ", unknown));
    }

    [Fact]
    public void Shared_uses_no_slice()
    {
        var slices = MayUse.Keys.Where(s => s != "Shared").ToList();
        var offenders = CompiledUses().Concat(SourceUses())
            .Where(u => u.From == "Shared" && slices.Contains(u.To))
            .Select(u => u.Describe()).Distinct().ToList();
        Assert.True(offenders.Count == 0, "Shared is the leaf every slice uses; it may name no slice (put an interface in Shared and its implementation in the slice):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_slice_uses_only_the_slices_its_row_names()
    {
        var offenders = CompiledUses().Concat(SourceUses())
            .Where(u => u.From != u.To && u.To != "Shared" && MayUse.ContainsKey(u.From) && !MayUse[u.From].Contains(u.To))
            .Select(u => u.Describe()).Distinct().Order().ToList();
        Assert.True(offenders.Count == 0, "Dependencies not in ArchitectureTests.MayUse (remove them, or add them to the table if they keep it free of cycles):\n" + string.Join("\n", offenders));
    }

    /// <summary>One use of slice <paramref name="To"/> by <paramref name="Where"/> (a type, or a source file and line) in slice <paramref name="From"/>.</summary>
    sealed record Use(string From, string To, string Where)
    {
        public string Describe() => $"{From} → {To}: {Where}";
    }

    /// <summary>What the compiled types of each slice depend on (NetArchTest reads the assembly's metadata and method bodies).</summary>
    static IEnumerable<Use> CompiledUses()
    {
        var types = Types.InAssembly(App);
        foreach (var from in MayUse.Keys)
            foreach (var to in MayUse.Keys.Where(to => to != from))
            {
                var result = types.That().ResideInNamespaceMatching($@"^Tndtq\.{from}(\..+)?$").ShouldNot().HaveDependencyOn($"Tndtq.{to}").GetResult();
                foreach (var type in result.FailingTypeNames ?? [])
                    yield return new Use(from, to, $"type {type.Split('/')[0]} uses Tndtq.{to}");
            }
    }

    /// <summary>
    /// The slices each source file names: its <c>using</c> directives and every qualified name (<c>Register.GroupStatus</c>,
    /// <c>Tndtq.Register.Actor</c>) outside comments and string literals. This sees the constants the assembly does not.
    /// </summary>
    static IEnumerable<Use> SourceUses()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "functions", "TNDTQ.Functions");
        var sep = Path.DirectorySeparatorChar;
        var names = string.Join("|", MayUse.Keys);
        var usingDirective = new Regex($@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?Tndtq\.(?<to>{names})\b", RegexOptions.Multiline);
        var qualified = new Regex($@"(?<![\w.])(?:global::)?(?:Tndtq\.)?(?<to>{names})\.(?=[A-Z])");
        var stringsAndComments = new Regex(@"@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{sep}obj{sep}") || file.Contains($"{sep}bin{sep}")) continue;
            var text = File.ReadAllText(file);
            var from = SliceOf(Regex.Match(text, @"^namespace\s+([\w.]+)", RegexOptions.Multiline).Groups[1].Value);
            if (from is null) continue;
            // Blank out comments and literals but keep the line breaks, so that line numbers stay right.
            var code = stringsAndComments.Replace(text, m => Regex.Replace(m.Value, "[^\n]", " "));
            var relative = Path.GetRelativePath(root, file);
            foreach (var m in usingDirective.Matches(code).Concat(qualified.Matches(code)))
                yield return new Use(from, m.Groups["to"].Value, $"{relative}:{code[..m.Index].Count(c => c == '\n') + 1} names Tndtq.{m.Groups["to"].Value}");
        }
    }
}
