namespace Tndtq.Shared.Workflows;

/// <summary>
/// The names of the activities of <see cref="HumanStep"/>: the contract between the step and its I/O, which the inbox
/// implements (<c>Inbox/StepActivities.cs</c>: publish the step in the task list, send reminders and escalations, take
/// the step off the list when decided). Recorded histories replay by these names: they never change.
/// </summary>
public static class WorkflowActivities
{
    public const string OpenStep = "OpenWorkflowStep";
    public const string CloseStep = "CloseWorkflowStep";
    public const string Alarm = "SendStepAlarm";
}

/// <summary>
/// Told when a human step opens (or its deadline moves) and when it is decided, from the step activities: how a
/// capability keeps figures of open steps (the reports' nominations by step) or its own record (the sign-off's
/// row, from <see cref="OpenStep.Record"/>) without this shared code knowing it. An observer of one
/// <see cref="Workflow"/> is told of that workflow's steps only. Activities may run twice, so an observer must be idempotent.
/// </summary>
public interface IStepObserver
{
    /// <summary>The workflow (<see cref="OpenStep.Workflow"/>) whose steps this observer is told of; null: every workflow's.</summary>
    string? Workflow => null;

    Task OpenedAsync(OpenStep step);
    Task ClosedAsync(StepClosed closed);
}

static class StepObservers
{
    public static bool Observes(this IStepObserver observer, OpenStep step) => observer.Workflow is null || observer.Workflow == step.Workflow;
}
