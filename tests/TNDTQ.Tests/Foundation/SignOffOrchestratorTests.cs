using System.Text.Json;
using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Admin;
using Tndtq.Identity;
using Tndtq.Shared;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Foundation;

/// <summary>Every branch of the sign-off orchestrator, fast, on the in-memory test host.</summary>
public sealed class SignOffOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly Infrastructure.HumanStepRecorder steps = new();
    readonly ActivityFaults faults = new();
    WorkflowAdmin admin = null!;
    static readonly Caller Administrator = new("admin-1", "Quản trị hệ thống", [Role.Administrator], null);
    const string CloseStep = WorkflowActivities.CloseStep;

    public async Task InitializeAsync()
    {
        host = await TestDurableHost.StartAsync(r => steps.Register(r, faults).AddOrchestrator(SignOffOrchestratorV2.Name, new SignOffOrchestratorV2()));
        admin = await Admin.WorkflowAdminForTests.CreateAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    static SignOffRequest Request(TimeSpan dueIn) =>
        new("r1", "an-cu", "Tờ trình", "demo-officer-an-cu", "Phạm Thị Lan", DateTimeOffset.UtcNow + dueIn);

    async Task<string> StartAndWaitForChairmanAsync(SignOffRequest request)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(SignOffWorkflow.Current, request);
        await host.Client.AtStepAsync(id, SignOffWorkflow.StepId);
        return id;
    }

    Task<SignOffOutcome> CompletionAsync(string id) => host.Client.CompletedAsync<SignOffOutcome>(id);

    /// <summary>The outcome the step's close records (what <see cref="SignOffRecords"/> writes on the request's row), once.</summary>
    SignOffOutcome Recorded(string id)
    {
        var closed = Assert.Single(steps.Closed, c => c.Step.InstanceId == id);
        return SignOffOutcome.Of(closed.Decision, closed.At);
    }

    [Fact]
    public async Task Approved_by_the_chairman()
    {
        var id = await StartAndWaitForChairmanAsync(Request(TimeSpan.FromHours(1)));
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision(SignOffWorkflow.StepId, SignOffOutcomes.Approve, "Đồng ý", "c1", "Chủ tịch"));
        var outcome = await CompletionAsync(id);
        Assert.Equal(SignOffState.Approved, outcome.State);
        Assert.Equal("Chủ tịch", outcome.DecidedByName);
        Assert.Single(steps.Opened, s => s.InstanceId == id);
        Assert.Equal(SignOffState.Approved, Recorded(id).State);
    }

    [Fact]
    public async Task Returned_with_a_comment()
    {
        var id = await StartAndWaitForChairmanAsync(Request(TimeSpan.FromHours(1)));
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision(SignOffWorkflow.StepId, SignOffOutcomes.Return, "Thiếu biên bản", "c1", "Chủ tịch"));
        var outcome = await CompletionAsync(id);
        Assert.Equal(SignOffState.Returned, outcome.State);
        Assert.Equal("Thiếu biên bản", outcome.Comment);
    }

    [Fact]
    public async Task Calls_only_the_step_activities_which_carry_the_request()
    {
        var request = Request(TimeSpan.FromHours(1));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(SignOffWorkflow.Current, request);
        var waiting = await host.Client.AtStepAsync(id, SignOffWorkflow.StepId);
        Assert.Equal((SignOffState.WaitingForChairman, "chờ Chủ tịch UBND phường ký duyệt", Role.WardChairman), (waiting.Step, waiting.StepName, waiting.WaitingFor));
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision(SignOffWorkflow.StepId, SignOffOutcomes.Return, "Thiếu biên bản", "c1", "Chủ tịch"));

        var outcome = await CompletionAsync(id);
        Assert.Equal((SignOffState.Returned, "Thiếu biên bản", "c1", "Chủ tịch"), (outcome.State, outcome.Comment, outcome.DecidedBy, outcome.DecidedByName));
        Assert.Equal(SignOffState.Returned, WorkflowStatus.Of(await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.Step);
        // Two activities: the step's open and close, each carrying the request for SignOffRecords.
        Assert.Equal([WorkflowActivities.OpenStep, CloseStep], steps.CallsOf(id));
        var step = Assert.Single(steps.Opened, s => s.InstanceId == id);
        Assert.Equal((SignOffWorkflow.Key, request), (step.Workflow, step.Record!.Value.Deserialize<SignOffRequest>(Json.Options)));
        var closed = Assert.Single(steps.Closed, c => c.Step.InstanceId == id);
        Assert.Equal(request, closed.Step.Record!.Value.Deserialize<SignOffRequest>(Json.Options));
        Assert.Equal(outcome with { DecidedAt = closed.At }, Recorded(id));
    }

    [Fact]
    public async Task Expires_when_nobody_decides_before_the_deadline()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(SignOffWorkflow.Current, Request(TimeSpan.FromSeconds(2)));
        var outcome = await CompletionAsync(id);
        Assert.Equal(SignOffState.Expired, outcome.State);
        Assert.Null(outcome.DecidedBy);
        Assert.Equal(StepDecision.Expired, Assert.Single(steps.Closed, c => c.Step.InstanceId == id).Decision.Outcome);
        Assert.Equal(SignOffState.Expired, Recorded(id).State);
    }

    async Task<WorkflowStatus> StatusAsync(string id, Func<WorkflowStatus, bool> until)
    {
        var status = await HttpAssertions.EventuallyAsync(async () => WorkflowStatus.Of(await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true)),
            s => s is not null && until(s));
        return status!;
    }

    [Fact]
    public async Task A_permanent_failure_waits_for_an_administrator_and_a_retry_goes_on_from_the_same_activity()
    {
        var id = "signoff:an-cu:" + Guid.NewGuid().ToString("N")[..8];
        faults.Break(CloseStep, id);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(SignOffWorkflow.Current,
            new SignOffRequest("r1", "an-cu", "Tờ trình", "u", "Phạm Thị Lan", DateTimeOffset.UtcNow.AddHours(1)), new StartOrchestrationOptions(id));
        await host.Client.DecideAsync(id, new StepDecision(SignOffWorkflow.StepId, SignOffOutcomes.Approve, "Đồng ý", "c1", "Chủ tịch"));

        // Not Failed: running, and saying so.
        var paused = await StatusAsync(id, s => s.Attention is not null);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(WorkflowCalls.NeedsAttention, paused.Step);
        Assert.Equal("Gặp lỗi, chờ quản trị xử lý", paused.StepName);
        Assert.Equal(Role.Administrator, paused.WaitingFor);
        Assert.Equal("an-cu", paused.WardId);
        Assert.Null(paused.StepId); // no decision can land while it waits
        Assert.Equal(CloseStep, paused.Attention!.Activity);
        Assert.Equal(SignOffState.WaitingForChairman, paused.Attention.Step);
        Assert.Contains($"Injected storage fault in {CloseStep}", paused.Attention.Error);
        Assert.Equal(3, faults.Attempts(CloseStep, id)); // one round of the policy

        // (The list of paused workflows reads the Azure Storage provider's instance table: AdminWorkflowsApiTests, on the real engine.)

        // Retried while still broken: another round, another pause.
        await admin.RetryAsync(host.Client, Administrator, id, default);
        var again = await StatusAsync(id, s => s.Attention is { } a && a.Id != paused.Attention.Id);
        Assert.Equal(6, faults.Attempts(CloseStep, id));
        // A doubled retry meant for the first pause does not lift the second.
        await host.Client.RaiseEventAsync(id, WorkflowCalls.RetryEvent, new ActivityRetry(paused.Attention.Id, "admin-1", "Quản trị"));
        await Task.Delay(1000);
        Assert.Equal(again.Attention!.Id, (await StatusAsync(id, _ => true)).Attention?.Id);
        Assert.Equal(6, faults.Attempts(CloseStep, id));

        // Healed, retried: the same activity with the same input, and the workflow ends as it would have.
        faults.Heal(CloseStep, id);
        await admin.RetryAsync(host.Client, Administrator, id, default);
        var outcome = await host.Client.CompletedAsync<SignOffOutcome>(id);
        Assert.Equal(SignOffState.Approved, outcome.State);
        Assert.Equal(7, faults.Attempts(CloseStep, id));
        Assert.Equal(SignOffState.Approved, Recorded(id).State); // the one close that succeeded
        Assert.Equal(SignOffState.Approved, WorkflowStatus.Of(await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.Step);

        var late = await Assert.ThrowsAsync<ProblemException>(() => admin.RetryAsync(host.Client, Administrator, id, default));
        Assert.Equal(409, late.Status);
        Assert.Contains("đã kết thúc", late.Detail);
    }

    [Fact]
    public async Task A_failed_instance_cannot_be_retried()
    {
        // An orchestration that fails outright (here: started without its input) still ends Failed; the list shows it.
        var id = "signoff:an-cu:" + Guid.NewGuid().ToString("N")[..8];
        await host.Client.ScheduleNewOrchestrationInstanceAsync(SignOffWorkflow.Current, null, new StartOrchestrationOptions(id));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.Client.WaitForInstanceCompletionAsync(id, cts.Token)).RuntimeStatus);

        var detail = await admin.GetAsync(host.Client, Administrator, id, default);
        Assert.Equal((WorkflowAdmin.Failed, "Đã dừng do lỗi", false, false), (detail.Workflow.State, detail.Workflow.StateName, detail.Workflow.CanRetry, detail.Workflow.CanEnd));
        Assert.Contains("NullReferenceException", detail.Workflow.Error);
        Assert.Equal(409, (await Assert.ThrowsAsync<ProblemException>(() => admin.RetryAsync(host.Client, Administrator, id, default))).Status);
    }

    [Fact]
    public async Task Only_an_administrator_may_list_or_retry()
    {
        var police = new Caller("p", "Công an quận", [Role.DistrictPolice], null);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => admin.ListAsync(host.Client, police, new(WorkflowAdmin.NeedsAttention, null, null, null, null, 25), default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => admin.RetryAsync(host.Client, police, "signoff:an-cu:x", default))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ProblemException>(() => admin.ListAsync(host.Client, Administrator, new("broken", null, null, null, null, 25), default))).Status);
    }
}
