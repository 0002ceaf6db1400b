using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Tndtq.Inbox;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Admin;

/// <summary>
/// A workflow instance an administrator must look at: waiting on a failing activity (<c>needs-attention</c>), failed for good
/// (<c>failed</c>), at a step past its deadline by more than the margin (<c>stuck</c>), or ended by someone (<c>terminated</c>).
/// <paramref name="CanSkip"/>: the failing activity is one the workflow can go on without (<see cref="WorkflowCalls.Skippable"/>).
/// </summary>
public sealed record TroubledWorkflow(string InstanceId, string Workflow, string WorkflowName, string State, string StateName, string? WardId,
    string? Step, string? StepName, string? Activity, DateTimeOffset Since, string Error, bool CanRetry, bool CanSkip = false, bool CanEnd = false,
    DateTimeOffset? DueAt = null);

/// <summary>A retry or skip handed to a workflow: the activity it runs again (or goes on without), and the step that waited on it.</summary>
public sealed record RetryAccepted(string InstanceId, string Activity, string? Step, string? StepName);

/// <summary>What an administrator did to a workflow instance, kept for its timeline (table <c>WorkflowActions</c>).</summary>
public sealed record AdminAction(DateTimeOffset At, string Action, string ActionName, string ActorId, string ActorName, string? Reason,
    string? Activity, string? Step, string? StepName);

/// <summary>One line of an instance's timeline on the operations page.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Text, string? Actor = null, string? Reason = null);

/// <summary>One instance as the operations page shows it: where it is, why it stopped, what may be done, and its timeline.</summary>
public sealed record WorkflowDetail(TroubledWorkflow Workflow, string RuntimeState, DateTimeOffset CreatedAt, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>The body of a skip or an end: why (kept in the timeline).</summary>
public sealed record ReasonBody([Text(Limits.Comment, MultiLine = true)] string? Reason);

/// <summary>The operations area's settings: <c>Operations__StuckMarginDays</c> (default 3), how far past its deadline a step is "stuck".</summary>
public sealed record WorkflowAdminOptions(int StuckMarginDays = 3)
{
    public static WorkflowAdminOptions From(IConfiguration c) => new(c.GetValue("Operations:StuckMarginDays", 3));
}

/// <summary>
/// The operations area for workflows. Lists are paged by storage queries, never by reading every running instance: instances that
/// wait on a failing activity, failed or were ended are one query of the task hub's instance table (Azure Storage provider,
/// <c>{hub}Instances</c>: by <c>RuntimeStatus</c>, the start of <c>CustomStatus</c>, the instance id's start, <c>LastUpdatedTime</c>); stuck
/// steps are one key range of <see cref="DueIndex"/>. Then only the page's own instances are read from the engine. The actions — retry, skip the failed activity (only <see cref="WorkflowCalls.Skippable"/>),
/// end — are refused with a 409 where they do not apply, and each is kept in <c>WorkflowActions</c> for the instance's timeline.
/// </summary>
public sealed class WorkflowAdmin(TableServiceClient tables, TaskHubName hub, DueIndex due, TimeProvider clock, WorkflowAdminOptions options)
{
    public const string NeedsAttention = WorkflowCalls.NeedsAttention;
    public const string Failed = "failed";
    public const string Stuck = "stuck";
    public const string Terminated = "terminated";
    public const string ActionsTable = "WorkflowActions";
    const int MaxPageSize = 100;

    readonly JsonTable instances = new(tables, hub.Value + "Instances");
    readonly JsonTable actions = new(tables, ActionsTable);

    /// <summary>The workflows by the start of their instance ids (filter value → prefix, orchestrator names).</summary>
    public static readonly IReadOnlyDictionary<string, string> Workflows = new Dictionary<string, string>
    {
        ["sign-off"] = "signoff:", ["restructure"] = "restructure:", ["commendation"] = "nomination:", ["support"] = "support:", ["training"] = "training:",
    };

    public async Task<PageResult<TroubledWorkflow>> ListAsync(DurableTaskClient durable, Caller caller, WorkflowFilter filter, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        if (filter.State is not (NeedsAttention or Failed or Stuck or Terminated)) throw ProblemException.BadRequest(AdminTexts.InvalidWorkflowState(filter.State), "invalid-state");
        if (filter.Workflow is { } w && !Workflows.ContainsKey(w)) throw ProblemException.BadRequest(AdminTexts.InvalidWorkflow(w), "invalid-workflow");
        if (filter.OlderThanDays is < 0 or > 3650) throw ProblemException.BadRequest(AdminTexts.InvalidAge, "invalid-age");
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var scope = $"admin-workflows|{filter.State}|{filter.Workflow}|{filter.WardId}|{filter.OlderThanDays}";
        var token = ContinuationToken.Decode(filter.ContinuationToken, scope);
        var now = clock.GetUtcNow();
        return filter.State == Stuck ? await StuckAsync(durable, filter, token, pageSize, scope, now, ct) : await InstancesAsync(durable, filter, token, pageSize, scope, now, ct);
    }

    async Task<PageResult<TroubledWorkflow>> InstancesAsync(DurableTaskClient durable, WorkflowFilter f, string? token, int pageSize, string scope, DateTimeOffset now, CancellationToken ct)
    {
        var parts = new List<string>
        {
            f.State switch
            {
                // The attention status is the only custom status whose first property is the step "needs-attention" (either spelling of its name).
                NeedsAttention => "RuntimeStatus eq 'Running' and (" + StartsWith("CustomStatus", "{\"Step\":\"needs-attention\"") + " or " + StartsWith("CustomStatus", "{\"step\":\"needs-attention\"") + ")",
                Failed => "RuntimeStatus eq 'Failed'",
                _ => "RuntimeStatus eq 'Terminated'",
            },
        };
        if (f.Workflow is { } w) parts.Add(StartsWith("PartitionKey", Workflows[w]));
        if (f.OlderThanDays is { } days) parts.Add(TableClient.CreateQueryFilter($"LastUpdatedTime le {now.AddDays(-days).UtcDateTime}"));
        IReadOnlyList<TableEntity> rows; string? next;
        try { (rows, next) = await JsonTable.OnePageAsync(instances.Client, string.Join(" and ", parts.Select(p => $"({p})")), token, pageSize, ct); }
        catch (Azure.RequestFailedException e) when (e.Status == 404) { (rows, next) = ([], null); } // no task hub yet: nothing has run
        // Only the page's own instances are read (their status as the engine gives it; one that moved on since is left out).
        var items = new List<TroubledWorkflow>();
        foreach (var row in rows)
            if (await durable.GetInstanceAsync(row.PartitionKey, getInputsAndOutputs: true, ct) is { } m && Describe(m, now) is { } t && t.State == f.State
                && (f.WardId is null || t.WardId == f.WardId))
                items.Add(t);
        return new(items, ContinuationToken.Encode(next, scope));
    }

    /// <summary>"column starts with prefix" (the column's name is not a value: only the bounds are quoted).</summary>
    static string StartsWith(string column, string prefix) =>
        $"{column} ge {TableClient.CreateQueryFilter($"{prefix}")} and {column} lt {TableClient.CreateQueryFilter($"{TableRows.UpperBound(prefix)}")}";

    static string Unquote(string o) => o.Length >= 2 && o[0] == '"' ? System.Text.Json.JsonSerializer.Deserialize<string>(o) ?? o : o;

    async Task<PageResult<TroubledWorkflow>> StuckAsync(DurableTaskClient durable, WorkflowFilter f, string? token, int pageSize, string scope, DateTimeOffset now,
        CancellationToken ct)
    {
        var lastDay = DueIndex.Day(now.AddDays(-options.StuckMarginDays - (f.OlderThanDays ?? 0)));
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {lastDay}") + (f.WardId is { } ward ? " and " + TableClient.CreateQueryFilter($"WardId eq {ward}") : "");
        var (rows, next) = await due.PageAsync(filter, token, pageSize, ct);
        var items = new List<TroubledWorkflow>();
        foreach (var step in rows)
        {
            if (f.Workflow is { } w && !step.InstanceId.StartsWith(Workflows[w], StringComparison.Ordinal)) continue;
            // Only the page's own instances are read, to leave out those that ended since (their index row goes when the step closes).
            var m = await durable.GetInstanceAsync(step.InstanceId, getInputsAndOutputs: false, ct);
            if (m is null || m.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)) continue;
            if (WorkflowStatus.Of(m) is { } s && s.StepId != step.StepId) continue; // the workflow moved on (or waits on a failing activity: listed there)
            items.Add(new(step.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), Stuck, AdminTexts.StateName(Stuck), step.WardId, step.Step, step.StepName, null, step.DueAt,
                AdminTexts.Overdue(step.DueAt, now), false, false, true, step.DueAt));
        }
        return new(items, ContinuationToken.Encode(next, scope));
    }

    /// <summary>One instance with its timeline: started, the administrators' actions, the pause or the end.</summary>
    public async Task<WorkflowDetail> GetAsync(DurableTaskClient durable, Caller caller, string instanceId, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var m = await InstanceAsync(durable, instanceId, ct);
        var current = Describe(m, clock.GetUtcNow());
        var timeline = new List<TimelineEntry> { new(m.CreatedAt, "started", AdminTexts.Started) };
        timeline.AddRange((await actions.ListAsync<AdminAction>(TableRows.Safe(m.InstanceId))).Select(a => new TimelineEntry(a.At, a.Action,
            AdminTexts.ActionLine(a), a.ActorName, a.Reason)));
        if (current.State == NeedsAttention) timeline.Add(new(current.Since, "paused", AdminTexts.PausedLine(current.Activity, current.StepName), null, current.Error));
        else if (current.State is Failed or Terminated) timeline.Add(new(m.LastUpdatedAt, current.State, current.StateName, null, current.Error is { Length: > 0 } e ? e : null));
        else if (m.RuntimeStatus == OrchestrationRuntimeStatus.Completed) timeline.Add(new(m.LastUpdatedAt, "completed", AdminTexts.Completed));
        return new(current, AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus), m.CreatedAt, timeline.OrderBy(t => t.At).ToList());
    }

    TroubledWorkflow Describe(OrchestrationMetadata m, DateTimeOffset now)
    {
        var s = WorkflowStatus.Of(m);
        var running = m.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
        string? ward = s?.WardId is { Length: > 0 } w ? w : null;
        return m.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running when s?.Attention is { } a => new(m.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), NeedsAttention,
                AdminTexts.StateName(NeedsAttention), ward, a.Step, a.StepName, a.Activity, a.Since, a.Error, true, WorkflowCalls.Skippable.Contains(a.Activity), true),
            OrchestrationRuntimeStatus.Failed => new(m.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), Failed, AdminTexts.StateName(Failed), ward, s?.Step, s?.StepName,
                null, m.LastUpdatedAt, m.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : Unquote(m.SerializedOutput ?? ""), false),
            OrchestrationRuntimeStatus.Terminated => new(m.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), Terminated, AdminTexts.StateName(Terminated), ward, s?.Step,
                s?.StepName, null, m.LastUpdatedAt, m.SerializedOutput is { Length: > 0 } o ? AdminTexts.EndedWith(Unquote(o)) : "", false),
            _ => new(m.InstanceId, m.Name, AdminTexts.WorkflowName(m.Name), running ? "running" : "completed", s?.StepName ?? AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus),
                ward, s?.Step, s?.StepName, null, m.LastUpdatedAt, s?.DueAt is { } d && d < now ? AdminTexts.Overdue(d, now) : "", false, false, running, s?.DueAt),
        };
    }

    static async Task<OrchestrationMetadata> InstanceAsync(DurableTaskClient durable, string instanceId, CancellationToken ct) =>
        await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct) ?? throw ProblemException.NotFound(AdminTexts.WorkflowInstanceNotFound);

    /// <summary>Runs the failed activity again, with the same input, from where the workflow stopped; 409 unless it waits for exactly that.</summary>
    public Task<RetryAccepted> RetryAsync(DurableTaskClient durable, Caller caller, string instanceId, CancellationToken ct) =>
        AnswerPauseAsync(durable, caller, instanceId, null, null, ct);

    /// <summary>Goes on without the failed activity, where the workflow can (<see cref="WorkflowCalls.Skippable"/>); a reason is required.</summary>
    public Task<RetryAccepted> SkipAsync(DurableTaskClient durable, Caller caller, string instanceId, ReasonBody body, CancellationToken ct) =>
        AnswerPauseAsync(durable, caller, instanceId, WorkflowCalls.SkipAction, RequireReason(body), ct);

    async Task<RetryAccepted> AnswerPauseAsync(DurableTaskClient durable, Caller caller, string instanceId, string? action, string? reason, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var m = await InstanceAsync(durable, instanceId, ct);
        var status = WorkflowStatus.Of(m);
        if (m.RuntimeStatus != OrchestrationRuntimeStatus.Running || status?.Attention is not { } attention)
        {
            var now = m.RuntimeStatus == OrchestrationRuntimeStatus.Running ? status?.StepName ?? AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus) : AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus);
            throw action is null ? ProblemException.Conflict(AdminTexts.WorkflowNotWaitingForRetry(now), "not-waiting-for-retry")
                : ProblemException.Conflict(AdminTexts.NoFailedStepToSkip(now), "no-failed-step");
        }
        if (action == WorkflowCalls.SkipAction && !WorkflowCalls.Skippable.Contains(attention.Activity))
            throw ProblemException.Conflict(AdminTexts.StepCannotBeSkipped(attention.Activity), "step-not-skippable");
        // The event names the pause it answers, so a doubled retry cannot lift a later pause.
        await durable.RaiseEventAsync(m.InstanceId, WorkflowCalls.RetryEvent, new ActivityRetry(attention.Id, caller.ObjectId, caller.DisplayName, action, reason), ct);
        await AuditAsync(m.InstanceId, new(clock.GetUtcNow(), action ?? "retry", AdminTexts.ActionName(action ?? "retry"), caller.ObjectId, caller.DisplayName, reason,
            attention.Activity, attention.Step, attention.StepName));
        return new RetryAccepted(m.InstanceId, attention.Activity, attention.Step, attention.StepName);
    }

    /// <summary>Ends a workflow that has not ended (waiting for a person, stuck, or on a failing activity), with a reason; 409 when it has ended.</summary>
    public async Task<AdminAction> EndAsync(DurableTaskClient durable, Caller caller, string instanceId, ReasonBody body, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var reason = RequireReason(body);
        var m = await InstanceAsync(durable, instanceId, ct);
        if (m.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended))
            throw ProblemException.Conflict(AdminTexts.WorkflowAlreadyEnded(AdminTexts.WorkflowRuntimeStateName(m.RuntimeStatus)), "workflow-ended");
        var s = WorkflowStatus.Of(m);
        var entry = new AdminAction(clock.GetUtcNow(), "end", AdminTexts.ActionName("end"), caller.ObjectId, caller.DisplayName, reason, s?.Attention?.Activity,
            s?.Attention?.Step ?? s?.Step, s?.Attention?.StepName ?? s?.StepName);
        await AuditAsync(m.InstanceId, entry); // first: an end that is not kept must not happen
        await durable.TerminateInstanceAsync(m.InstanceId, new TerminateInstanceOptions { Output = AdminTexts.EndReason(caller.DisplayName, reason) }, ct);
        return entry;
    }

    static string RequireReason(ReasonBody body) => body.Reason?.Trim() is { Length: > 0 } r ? r
        : throw ProblemException.Validation(new Dictionary<string, string[]> { ["reason"] = [AdminTexts.ReasonRequired] });

    Task AuditAsync(string instanceId, AdminAction a) =>
        actions.PutAsync(TableRows.Safe(instanceId), $"{a.At.UtcTicks:D19}|{Guid.NewGuid():N}"[..32], a);
}

/// <summary>What the operations list is asked for: one state, optionally one workflow, one ward, and instances older than so many days.</summary>
public sealed record WorkflowFilter(string State, string? Workflow, string? WardId, int? OlderThanDays, string? ContinuationToken, int PageSize);
