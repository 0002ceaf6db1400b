using System.Text.Json.Nodes;
using P = Microsoft.DurableTask.Protobuf;

namespace Tndtq.Tests.Workflows;

/// <summary>
/// Instances in flight survive a deployment only if today's code replays their histories exactly.
/// Each recorded history (<c>Histories/*.json</c>, from instances run to the end on an earlier
/// version) is replayed on today's orchestrators: any change to the sequence of activity calls,
/// timers or event waits is reported as non-determinism, and the replay must end as it ended then.
/// </summary>
public sealed class HistoryReplayTests
{
    public static TheoryData<string> Histories() => new(WorkflowHistories.Files().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Histories))]
    public void Todays_code_replays_the_recorded_history_to_the_same_end(string file) =>
        WorkflowHistories.AssertReplaysToTheSameEnd(file, WorkflowHistories.Load(Path.Combine(WorkflowHistories.Folder, file)));

    [Fact]
    public void Every_workflow_has_a_recorded_history()
    {
        var recorded = WorkflowHistories.Files().SelectMany(WorkflowHistories.Load).Select(e => e.ExecutionStarted).Where(e => e is not null).Select(e => e.Name).ToHashSet();
        Assert.All(WorkflowHistories.OrchestratorNames, name => Assert.True(recorded.Contains(name), $"No recorded history of {name} in {WorkflowHistories.Folder}."));
    }
}
