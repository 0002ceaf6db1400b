namespace Tndtq.Restructure;

/// <summary>
/// The ward review-and-restructure workflow, whatever its version: the instance id of a ward's cycle, the workflow's key on
/// its steps (task list, due index, <see cref="RestructureTrailRecords"/>) and the orchestration new cycles start on. A new
/// version is a new, self-contained orchestrator class; <see cref="Current"/> is the one line that moves to it.
/// </summary>
public static class RestructureWorkflow
{
    /// <summary>The orchestration new cycles start on.</summary>
    public const string Current = RestructureOrchestratorV2.Name;

    /// <summary>The workflow's key on its steps (<see cref="Shared.Workflows.OpenStep.Workflow"/>), the same in every version.</summary>
    public const string Key = "restructure";

    public static string InstanceId(string cycleId, string wardId) => $"restructure:{cycleId}:{wardId}";
}

/// <summary>Decision outcomes and results, as the API spells them.</summary>
public static class Outcomes
{
    public const string Submitted = "submitted";
    public const string Approve = "approve";
    public const string Forward = "forward";
    public const string Return = "return";
    public const string Reject = "reject";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string ApplyFailed = "apply-failed";
    public const string Withdraw = "withdraw";
    public const string Cancel = "cancel";
    public const string Withdrawn = "withdrawn";
    public const string Cancelled = "cancelled";
}
