namespace Tndtq.Support;

/// <summary>
/// A support round's approval workflow, whatever its version: a round's instance id, the workflow's key on its steps (task
/// list, due index, <see cref="SupportRecords"/>) and the orchestration new rounds start on. A new version is a new,
/// self-contained orchestrator class; <see cref="Current"/> is the one line that moves to it.
/// </summary>
public static class SupportWorkflow
{
    /// <summary>The orchestration new rounds start on.</summary>
    public const string Current = SupportOrchestratorV2.Name;

    /// <summary>The workflow's key on its steps (<see cref="Shared.Workflows.OpenStep.Workflow"/>), the same in every version.</summary>
    public const string Key = "support";

    public static string InstanceId(string wardId, string roundId) => $"support:{wardId}:{roundId}";
}
