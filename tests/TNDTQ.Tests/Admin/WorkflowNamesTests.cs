using System.Text.Json.Nodes;
using Tndtq.Admin;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Admin;

/// <summary>The operations page names every kind of workflow in Vietnamese, never by its orchestrator's code name.</summary>
public sealed class WorkflowNamesTests
{
    [Fact]
    public void Every_orchestrator_the_app_runs_has_a_vietnamese_name_on_the_operations_page()
    {
        var path = BuildOutput.Of("TNDTQ.Functions", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the Functions app first.");
        var orchestrators = JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .Where(f => f!["bindings"]!.AsArray().Any(b => b!["type"]!.GetValue<string>() == "orchestrationTrigger"))
            .Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("TableRestoreJob", orchestrators);
        Assert.All(orchestrators, name => Assert.NotEqual(name, AdminTexts.WorkflowName(name)));
    }
}
