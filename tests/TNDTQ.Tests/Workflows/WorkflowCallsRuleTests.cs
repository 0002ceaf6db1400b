using Tndtq.LocalHost;

namespace Tndtq.Tests.Workflows;

/// <summary>One mechanism in one place: orchestrators call activities and publish their status only through <c>WorkflowCalls</c>.</summary>
public sealed class WorkflowCallsRuleTests
{
    [Fact]
    public void Every_activity_call_and_every_status_goes_through_WorkflowCalls()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "functions", "TNDTQ.Functions");
        var sep = Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}") && Path.GetFileName(f) != "WorkflowCalls.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line.Trim())))
            .Where(x => x.Text.Contains(".CallActivityAsync") || x.Text.Contains(".SetCustomStatus("))
            .Select(x => $"{x.File}:{x.Line}: {x.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use context.CallAsync / context.Publish (Shared/Workflows/WorkflowCalls.cs), so every call has the retry policy:\n" + string.Join("\n", offenders));
    }
}
