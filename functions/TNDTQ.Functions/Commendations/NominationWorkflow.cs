namespace Tndtq.Commendations;

/// <summary>
/// The nomination workflow, whatever its version: a nomination's instance id, the workflow's key on its steps (task list,
/// due index, figures, <see cref="NominationTrailRecords"/>) and the orchestration new nominations start on. A new version
/// is a new, self-contained orchestrator class; <see cref="Current"/> is the one line that moves to it.
/// </summary>
public static class NominationWorkflow
{
    /// <summary>The orchestration new nominations start on.</summary>
    public const string Current = NominationOrchestratorV2.Name;

    /// <summary>The workflow's key on its steps (<see cref="Shared.Workflows.OpenStep.Workflow"/>), the same in every version.</summary>
    public const string Key = "commendation";

    public static string InstanceId(string id) => $"nomination:{id}";
}
