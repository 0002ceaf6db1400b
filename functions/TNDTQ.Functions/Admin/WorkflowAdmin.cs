using Microsoft.DurableTask.Client;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Admin;

/// <summary>A workflow instance an administrator must look at: stopped on a failing activity, or failed for good.</summary>
public sealed record TroubledWorkflow(string InstanceId, string Workflow, string WorkflowName, string State, string StateName, string? WardId,
    string? Step, string? StepName, string? Activity, DateTimeOffset Since, string Error, bool CanRetry);

/// <summary>A retry handed to a workflow: the activity it runs again, and the step that waited on it.</summary>
public sealed record RetryAccepted(string InstanceId, string Activity, string? Step, string? StepName);

/// <summary>
/// Workflows that need an administrator, read from the task hub (instance queries; the number of
/// instances is modest), and the retry of one that waits on a failing activity (<see cref="WorkflowCalls"/>).
/// </summary>
public sealed class WorkflowAdmin
{
    public const string NeedsAttention = WorkflowCalls.NeedsAttention;
    public const string Failed = "failed";

    public async Task<IReadOnlyList<TroubledWorkflow>> ListAsync(DurableTaskClient durable, Caller caller, string? state, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        if (state is not (null or NeedsAttention or Failed)) throw ProblemException.BadRequest(AdminTexts.InvalidWorkflowState(state), "invalid-state");
        var list = new List<TroubledWorkflow>();
        if (state is null or NeedsAttention)
            await foreach (var m in durable.GetAllInstancesAsync(Query(OrchestrationRuntimeStatus.Running)).WithCancellation(ct))
                if (WorkflowStatus.Of(m) is { Attention: { } a } s)
                    list.Add(new(m.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), NeedsAttention, s.StepName, s.WardId, a.Step, a.StepName, a.Activity, a.Since, a.Error, true));
        if (state is null or Failed)
            await foreach (var found in durable.GetAllInstancesAsync(Query(OrchestrationRuntimeStatus.Failed)).WithCancellation(ct))
            {
                // Queries do not carry the failure itself: read each failed instance (there are few).
                var m = await durable.GetInstanceAsync(found.InstanceId, getInputsAndOutputs: true, ct) ?? found;
                var s = WorkflowStatus.Of(m);
                list.Add(new(m.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), Failed, AdminTexts.WorkflowFailed, s?.WardId, s?.Step, s?.StepName, null, m.LastUpdatedAt,
                    m.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : "", false));
            }
        return list.OrderBy(w => w.Since).ToList();
    }

    /// <summary>Runs the failed activity again, with the same input, from where the workflow stopped; 409 unless it waits for exactly that.</summary>
    public async Task<RetryAccepted> RetryAsync(DurableTaskClient durable, Caller caller, string instanceId, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var m = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct) ?? throw ProblemException.NotFound(AdminTexts.WorkflowInstanceNotFound);
        var status = WorkflowStatus.Of(m);
        if (m.RuntimeStatus != OrchestrationRuntimeStatus.Running || status?.Attention is not { } attention)
            throw ProblemException.Conflict(AdminTexts.WorkflowNotWaitingForRetry(m.RuntimeStatus == OrchestrationRuntimeStatus.Running
                ? status?.StepName ?? AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus) : AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus)), "not-waiting-for-retry");
        // The event names the pause it answers, so a doubled retry cannot lift a later pause.
        await durable.RaiseEventAsync(m.InstanceId, WorkflowCalls.RetryEvent, new ActivityRetry(attention.Id, caller.ObjectId, caller.DisplayName), ct);
        return new RetryAccepted(m.InstanceId, attention.Activity, attention.Step, attention.StepName);
    }

    static OrchestrationQuery Query(OrchestrationRuntimeStatus status) => new() { Statuses = [status], FetchInputsAndOutputs = true };
}
