namespace Tndtq.SignOffs;

/// <summary>
/// The sign-off workflow, whatever its version: the workflow's key on its step (task list, due index,
/// <see cref="SignOffRecords"/>), its one step's id and the orchestration new requests start on. A new version is a new,
/// self-contained orchestrator class; <see cref="Current"/> is the one line that moves to it.
/// </summary>
public static class SignOffWorkflow
{
    /// <summary>The orchestration new requests start on.</summary>
    public const string Current = SignOffOrchestratorV2.Name;

    /// <summary>The workflow's key on its step (<see cref="Shared.Workflows.OpenStep.Workflow"/>), the same in every version.</summary>
    public const string Key = "sign-off";

    /// <summary>The id of the request's one step, the chairman's.</summary>
    public const string StepId = "chairman-1";
}
