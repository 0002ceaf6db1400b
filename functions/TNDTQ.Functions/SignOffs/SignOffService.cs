using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>A sign-off request: <see cref="Created"/> when this request started it, false when it was already known (a retried request).</summary>
public sealed record SignOffCreated(SignOffView View, bool Created);

/// <summary>What the sign-off endpoints do, as plain code over the Durable client and the store.</summary>
public sealed class SignOffService(SignOffStore store, TimeProvider clock)
{
    public static string InstanceId(string wardId, string id) => $"signoff:{wardId}:{id}";

    public async Task<SignOffCreated> CreateAsync(DurableTaskClient durable, Caller caller, string wardId, string? requestId,
        CreateSignOffBody body, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireInWard(wardId, Role.WardOfficer);
        var (title, dueAt) = body.Validate(clock.GetUtcNow());

        // A retried request (same x-requestid) maps to the same instance id: it is recognised, not started twice.
        var id = requestId ?? Guid.NewGuid().ToString("N");
        var instanceId = InstanceId(wardId, id);
        if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct) is { } existing)
            return new SignOffCreated(ToView(existing), Created: false);
        if (await store.GetAsync(wardId, id, ct) is { } finished) // its instance was purged (Durable__RetentionDays)
            return new SignOffCreated(finished, Created: false);

        var now = clock.GetUtcNow();
        var request = new SignOffRequest(id, wardId, title, caller.ObjectId, caller.DisplayName, dueAt, now);
        await durable.ScheduleNewOrchestrationInstanceAsync(SignOffWorkflow.Current, request,
            new StartOrchestrationOptions(instanceId), ct);
        var view = new SignOffView(id, wardId, title, SignOffState.Starting, SignOffTexts.SignOffStateName(SignOffState.Starting),
            caller.ObjectId, caller.DisplayName, now, request.DueAt, null, null, null);
        return new SignOffCreated(view, Created: true);
    }

    /// <summary>
    /// A page of the ward's sign-offs, newest first, read from storage page by page (their list rows), with the action that sends a
    /// new one when the caller may (the same rule <see cref="CreateAsync"/> enforces).
    /// </summary>
    public async Task<SignOffList> ListAsync(Caller caller, string wardId, string? token, int pageSize, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        var page = await store.ListAsync(wardId, token, pageSize, ct);
        var create = caller.MayActIn(wardId, Role.WardOfficer)
            ? new WorkflowAction("create", SignOffTexts.ActionCreateSignOff, "POST", $"/api/wards/{wardId}/sign-offs") : null;
        return new SignOffList(wardId, page.Items, create, page.ContinuationToken);
    }

    public async Task<SignOffView> GetAsync(DurableTaskClient durable, Caller caller, string wardId, string id, CancellationToken ct)
    {
        caller.RequireRead(wardId);
        var view = await ViewAsync(durable, wardId, id, ct);
        return view with
        {
            Actions = view.State == SignOffState.WaitingForChairman && caller.MayActIn(wardId, Role.WardChairman)
                ? [new("decide", SignOffTexts.ActionApproveSignOff, "POST", $"/api/wards/{wardId}/sign-offs/{id}/decision", SignOffState.WaitingForChairman, SignOffOutcomes.Approve),
                   new("decide", SignOffTexts.ActionReturnSignOff, "POST", $"/api/wards/{wardId}/sign-offs/{id}/decision", SignOffState.WaitingForChairman, SignOffOutcomes.Return, CommentRequired: true)]
                : [],
        };
    }

    public async Task<SignOffView> DecideAsync(DurableTaskClient durable, Caller caller, string wardId, string id,
        DecideSignOffBody body, CancellationToken ct)
    {
        caller.RequireInWard(wardId, Role.WardChairman);
        var approve = body.ValidatedApprove();
        var view = await ViewAsync(durable, wardId, id, ct);
        // Raise the decision only while the workflow waits for exactly this decision (also: an event
        // raised before the instance exists can be dropped by the Azure Storage provider).
        if (view.State != SignOffState.WaitingForChairman)
            throw ProblemException.Conflict(SignOffTexts.SignOffNotWaitingNow(view.StateName), "not-waiting");
        await durable.RaiseEventAsync(InstanceId(wardId, id), HumanStep.DecisionEvent, new StepDecision(SignOffWorkflow.StepId,
            approve ? SignOffOutcomes.Approve : SignOffOutcomes.Return, body.Comment?.Trim(), caller.ObjectId, caller.DisplayName), ct);
        return view with { };
    }

    /// <summary>From the orchestration while it exists; once its instance is purged (Durable__RetentionDays), from the table.</summary>
    async Task<SignOffView> ViewAsync(DurableTaskClient durable, string wardId, string id, CancellationToken ct)
    {
        if (!Ids.IsValidWardId(wardId) || !Ids.IsValidId(id)) throw ProblemException.NotFound(SignOffTexts.SignOffNotFound);
        if (await durable.GetInstanceAsync(InstanceId(wardId, id), getInputsAndOutputs: true, ct) is { } instance) return ToView(instance);
        return await store.GetAsync(wardId, id, ct) ?? throw ProblemException.NotFound(SignOffTexts.SignOffNotFound);
    }

    /// <summary>The view from the orchestration itself: input, custom status and output (no history load).</summary>
    static SignOffView ToView(OrchestrationMetadata m)
    {
        var request = m.ReadInputAs<SignOffRequest>()!;
        var status = WorkflowStatus.Of(m);
        var outcome = m.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? m.ReadOutputAs<SignOffOutcome>() : null;
        var state = outcome?.State
            ?? (m.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
                ? status?.Step ?? SignOffState.Starting
                : m.RuntimeStatus.ToString());
        // The published status names its own state (also "needs attention", which is not a sign-off state of its own).
        var stateName = state == status?.Step ? status.StepName : SignOffTexts.SignOffStateName(state);
        return new SignOffView(request.Id, request.WardId, request.Title, state, stateName,
            request.RequestedBy, request.RequestedByName, m.CreatedAt, request.DueAt,
            outcome?.Comment, outcome?.DecidedByName, outcome?.DecidedAt);
    }
}
