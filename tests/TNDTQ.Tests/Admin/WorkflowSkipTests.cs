using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Admin;
using Tndtq.Inbox;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Admin;

/// <summary>The workflow operations on the orchestrator's side, on the in-memory host: a failed reminder skipped, the step waiting on.</summary>
public sealed class WorkflowSkipTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    WorkflowAdmin admin = null!;
    readonly HumanStepRecorder steps = new();
    readonly ActivityFaults faults = new();
    static readonly Caller Administrator = new("admin-1", "Quản trị hệ thống", [Role.Administrator], null);
    const string Workflow = "SkipTestWorkflow";
    const string Alarm = WorkflowActivities.Alarm;

    public async Task InitializeAsync()
    {
        host = await TestDurableHost.StartAsync(r => steps.Register(r, faults).AddOrchestratorFunc<DateTimeOffset, string>(Workflow, async (context, due) =>
        {
            // One human step with a reminder an hour before its deadline: the reminder is due a few seconds after the start.
            var decision = await context.WaitForStepAsync(new OpenStep("sign-off", context.InstanceId, "s1", "waiting", "chờ ký thử", Role.WardChairman, "an-cu",
                "Tờ trình thử", due, [TimeSpan.FromHours(1)], null, "/api/x"));
            return decision.Outcome;
        }));
        admin = await WorkflowAdminForTests.CreateAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_failed_reminder_is_skipped_with_a_reason_and_the_step_waits_on_for_its_decision()
    {
        var id = "signoff:an-cu:skip-" + Guid.NewGuid().ToString("N")[..8];
        faults.Break(Alarm, id);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(Workflow, DateTimeOffset.UtcNow.AddHours(1).AddSeconds(3), new StartOrchestrationOptions(id));
        var paused = await HttpAssertions.EventuallyAsync(async () => WorkflowStatus.Of(await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true)),
            s => s?.Attention is not null);
        Assert.Equal((Alarm, "waiting"), (paused!.Attention!.Activity, paused.Attention.Step));
        var attempts = faults.Attempts(Alarm, id);

        var detail = await admin.GetAsync(host.Client, Administrator, id, default);
        Assert.Equal((WorkflowAdmin.NeedsAttention, true, true, true), (detail.Workflow.State, detail.Workflow.CanRetry, detail.Workflow.CanSkip, detail.Workflow.CanEnd));
        var noReason = await Assert.ThrowsAsync<ProblemException>(() => admin.SkipAsync(host.Client, Administrator, id, new(" "), default));
        Assert.Equal(400, noReason.Status);

        var skipped = await admin.SkipAsync(host.Client, Administrator, id, new("Máy chủ thư hỏng; đã gọi điện nhắc Chủ tịch."), default);
        Assert.Equal(Alarm, skipped.Activity);
        // The workflow goes on without the reminder: back at its step, waiting for the decision; the reminder was not run again.
        var back = await host.Client.AtStepAsync(id, "s1");
        Assert.Null(back.Attention);
        Assert.Equal(attempts, faults.Attempts(Alarm, id));
        Assert.Equal(409, (await Assert.ThrowsAsync<ProblemException>(() => admin.SkipAsync(host.Client, Administrator, id, new("Lần nữa"), default))).Status);

        await host.Client.DecideAsync(id, new StepDecision("s1", "approve", null, "c1", "Chủ tịch"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "approve"), (done.RuntimeStatus, done.ReadOutputAs<string>()));
        var timeline = (await admin.GetAsync(host.Client, Administrator, id, default)).Timeline;
        var entry = Assert.Single(timeline, t => t.Kind == "skip");
        Assert.Equal(("Bỏ qua bước lỗi: gửi nhắc việc, báo quá hạn (bước chờ ký thử)", "Máy chủ thư hỏng; đã gọi điện nhắc Chủ tịch.", "Quản trị hệ thống"),
            (entry.Text, entry.Reason, entry.Actor));
    }
}

/// <summary>A <see cref="WorkflowAdmin"/> over the tests' Azurite (its actions table) for tests on the in-memory Durable host.</summary>
public static class WorkflowAdminForTests
{
    public static async Task<WorkflowAdmin> CreateAsync()
    {
        var tables = new TableServiceClient(await TestAzurite.ConnectionStringAsync());
        return new WorkflowAdmin(tables, new TaskHubName("memhub"), new DueIndex(tables), TimeProvider.System, new WorkflowAdminOptions());
    }
}
