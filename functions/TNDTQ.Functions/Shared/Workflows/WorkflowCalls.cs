using System.Runtime.CompilerServices;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Tndtq.Shared.Workflows;

/// <summary>Why a workflow stopped: the activity that still failed after its retries, and where the workflow was.</summary>
public sealed record WorkflowAttention(string Id, string Activity, string Error, DateTimeOffset Since, string? Step, string? StepName);

/// <summary>
/// An administrator's answer to a pause (the payload of the retry event): run the failed activity again, or — with
/// <paramref name="Action"/> <see cref="WorkflowCalls.SkipAction"/>, for an activity of <see cref="WorkflowCalls.Skippable"/> only — go on
/// without it. <paramref name="Action"/> and <paramref name="Reason"/> are optional, so an event sent before they existed is a retry.
/// </summary>
public sealed record ActivityRetry(string AttentionId, string ActorId, string ActorName, string? Action = null, string? Reason = null);

/// <summary>
/// The retry policy of every activity call (settings <c>Workflows__Retry__MaxAttempts</c>, <c>__FirstInterval</c>,
/// <c>__BackoffCoefficient</c>, <c>__MaxInterval</c>): exponential backoff on durable timers, so a workflow waits
/// out a storage hiccup instead of failing.
/// </summary>
public sealed record WorkflowRetryOptions(int MaxAttempts = 5, TimeSpan? FirstInterval = null, double BackoffCoefficient = 2, TimeSpan? MaxInterval = null)
{
    public RetryPolicy Policy => new(MaxAttempts, FirstInterval ?? TimeSpan.FromSeconds(10), BackoffCoefficient, MaxInterval ?? TimeSpan.FromMinutes(5));

    public static WorkflowRetryOptions From(IConfigurationSection s) => new(
        s.GetValue("MaxAttempts", 5), s.GetValue<TimeSpan?>("FirstInterval"), s.GetValue("BackoffCoefficient", 2.0), s.GetValue<TimeSpan?>("MaxInterval"));
}

/// <summary>
/// How orchestrators call activities and publish what they are doing — written once for every workflow.
/// Each activity call carries <see cref="Retry"/>. An activity that still fails after the last attempt
/// does not fail the workflow: it publishes a "needs attention" status naming the activity, the error and
/// the step it was at, and waits for an administrator (<see cref="RetryEvent"/>); then it calls the same
/// activity with the same input again and goes on from there. The success path records exactly the
/// history a plain call records, so instances started before this existed replay unchanged.
/// </summary>
public static class WorkflowCalls
{
    public const string RetryEvent = "RetryFailedActivity";
    public const string NeedsAttention = "needs-attention";
    /// <summary>The <see cref="ActivityRetry.Action"/> that goes on without the failed activity.</summary>
    public const string SkipAction = "skip";

    /// <summary>
    /// The activities a workflow can go on without, and why (the same for every workflow: they are <see cref="HumanStep"/>'s). Only
    /// <see cref="WorkflowActivities.Alarm"/>: a reminder or escalation notice — the step stays open and waits as before, and the daily
    /// reminder scan sends the same notice (the same id) again. Every other activity records what the workflow decided (a step opened or
    /// closed, the register changed, a decision archived, a document made) or returns what the workflow goes on with: without it the
    /// records would disagree with the workflow, so it may be retried or the workflow ended, never skipped. An activity may be added
    /// here; never removed while an instance that skipped it may still replay (a skip it replays would call the activity again).
    /// </summary>
    public static readonly IReadOnlySet<string> Skippable = new HashSet<string>(StringComparer.Ordinal) { WorkflowActivities.Alarm };

    /// <summary>
    /// The policy of every activity call. Orchestrators take no services, so it is process-wide, set once
    /// at start-up (<see cref="Configure"/>). Changing it is safe for instances that are not in the middle
    /// of a backoff (see README, "Changing a workflow safely").
    /// </summary>
    public static WorkflowRetryOptions Retry { get; set; } = new();

    /// <summary>Reads <c>Workflows:Retry</c> when it is configured; otherwise the policy stays as it is.</summary>
    public static void Configure(IConfiguration configuration)
    {
        var section = configuration.GetSection("Workflows:Retry");
        if (section.Exists()) Retry = WorkflowRetryOptions.From(section);
    }

    public static async Task<T> CallAsync<T>(this TaskOrchestrationContext context, string activity, object? input)
    {
        // Each turn is a round of attempts; after a failed round an administrator decides when to try again.
        // The bound keeps the history finite: after that many rounds the workflow fails for good.
        for (var round = 1; ; round++)
        {
            try
            {
                return await context.CallActivityAsync<T>(activity, input, TaskOptions.FromRetryPolicy(Retry.Policy));
            }
            catch (TaskFailedException failed) when (round < MaxRounds)
            {
                // A skip adds nothing to the history (the event is the same retry event): instances that never skipped replay unchanged.
                if (await WaitForAdministratorAsync(context, activity, failed) is { Action: SkipAction } && Skippable.Contains(activity)) return default!;
            }
        }
    }

    /// <summary>Rounds of attempts an activity gets (one, then one per administrator's retry).</summary>
    public const int MaxRounds = 20;

    public static Task CallAsync(this TaskOrchestrationContext context, string activity, object? input) => context.CallAsync<object?>(activity, input);

    /// <summary>Publishes what the workflow is doing (its custom status), remembered so that a pause can name the step and lift back to it.</summary>
    public static void Publish(this TaskOrchestrationContext context, WorkflowStatus status)
    {
        Published.AddOrUpdate(context, status);
        context.SetCustomStatus(status);
    }

    /// <summary>The status last published in this execution (rebuilt on every replay, as the code runs again).</summary>
    static readonly ConditionalWeakTable<TaskOrchestrationContext, WorkflowStatus> Published = new();

    static async Task<ActivityRetry> WaitForAdministratorAsync(TaskOrchestrationContext context, string activity, TaskFailedException failed)
    {
        var before = Published.TryGetValue(context, out var s) ? s : null;
        var attention = new WorkflowAttention(context.NewGuid().ToString("N")[..12], activity, Describe(failed),
            new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), before?.Step, before?.StepName);
        var log = context.CreateReplaySafeLogger("Tndtq.Workflows");
        log.LogError("Activity {Activity} of {Instance} failed after {Attempts} attempts; waiting for an administrator: {Error}",
            activity, context.InstanceId, Retry.MaxAttempts, attention.Error);
        context.SetCustomStatus(new WorkflowStatus(NeedsAttention, Texts.WorkflowNeedsAttention, Role.Administrator, before?.WardId ?? "", null, null, attention));

        ActivityRetry retry;
        do retry = await context.WaitForExternalEvent<ActivityRetry>(RetryEvent);
        while (retry.AttentionId != attention.Id); // a late or doubled retry meant for an earlier pause: ignore
        log.LogWarning("{Actor} answers the failed activity {Activity} of {Instance}: {Action} {Reason}", retry.ActorName, activity, context.InstanceId,
            retry.Action ?? "retry", retry.Reason);
        context.SetCustomStatus(before);
        return retry;
    }

    /// <summary>The failure as an administrator reads it, kept short enough for the custom status.</summary>
    static string Describe(TaskFailedException failed)
    {
        var details = failed.FailureDetails;
        var text = $"{details.ErrorType}: {details.ErrorMessage}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
    }

    const int MaxErrorLength = 1000;
}
