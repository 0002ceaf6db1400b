using Microsoft.DurableTask;
using Tndtq.Identity;

namespace Tndtq.Shared.Workflows;

/// <summary>
/// What a workflow is doing now, published as the orchestration's custom status so that lists
/// ("waiting for me") are served without loading histories.
/// </summary>
public sealed record WorkflowStatus(string Step, string StepName, Role? WaitingFor, string WardId, DateTimeOffset? DueAt);

/// <summary>The result of a human step: the decision, or the deadline passed first.</summary>
public sealed record StepOutcome<T>(T? Decision, bool TimedOut)
{
    public static StepOutcome<T> Decided(T decision) => new(decision, false);
    public static readonly StepOutcome<T> Expired = new(default, true);
}

/// <summary>
/// "A human step with a deadline", written once: wait for the decision event or the durable timer,
/// whichever comes first, then cancel the loser so the orchestration can complete.
/// </summary>
public static class HumanStep
{
    public static async Task<StepOutcome<T>> WaitForDecisionAsync<T>(
        this TaskOrchestrationContext context, string eventName, DateTimeOffset dueAt)
    {
        using var cancel = new CancellationTokenSource();
        var decision = context.WaitForExternalEvent<T>(eventName, cancel.Token);
        var deadline = context.CreateTimer(dueAt.UtcDateTime, cancel.Token);
        var first = await Task.WhenAny(decision, deadline);
        cancel.Cancel();
        return first == decision ? StepOutcome<T>.Decided(await decision) : StepOutcome<T>.Expired;
    }
}
