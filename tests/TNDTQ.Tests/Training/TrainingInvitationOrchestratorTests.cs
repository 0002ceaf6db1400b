using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Tndtq.Identity;
using Tndtq.Shared.Workflows;
using Tndtq.Training;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Training;

/// <summary>The branches of the invitation workflow on the in-memory Durable host, with real timers and recording step activities.</summary>
public sealed class TrainingInvitationOrchestratorTests : IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly HumanStepRecorder steps = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(TrainingInvitationOrchestrator.Name, new TrainingInvitationOrchestrator()));

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<string> StartAsync(TimeSpan due, params TimeSpan[] remind)
    {
        var session = "th-" + Guid.NewGuid().ToString("N")[..8];
        var input = new InvitationInput(session, "Phòng cháy chữa cháy ở khu dân cư", new DateOnly(2026, 12, 5), "an-cu", "An Cư", DateTimeOffset.UtcNow + due, remind);
        return await host.Client.ScheduleNewOrchestrationInstanceAsync(TrainingInvitationOrchestrator.Name, input,
            new StartOrchestrationOptions(TrainingInvitationOrchestrator.InstanceId(session, "an-cu")));
    }

    Task DecideAsync(string id, string outcome) =>
        host.Client.DecideAsync(id, new StepDecision(TrainingInvitationOrchestrator.ConfirmStepId, outcome, null, "u", "Cán bộ phường"));

    [Fact]
    public async Task The_officer_confirms_and_the_invitation_ends_confirmed()
    {
        var id = await StartAsync(TimeSpan.FromDays(7), TimeSpan.FromDays(3), TimeSpan.FromDays(1));
        await DecideAsync(id, InvitationOutcome.Confirmed);
        Assert.Equal(InvitationOutcome.Confirmed, await host.Client.CompletedAsync<string>(id));
        var step = Assert.Single(steps.Opened, s => s.InstanceId == id);
        Assert.Equal((Role.WardOfficer, "an-cu", "Tập huấn \"Phòng cháy chữa cháy ở khu dân cư\" ngày 05/12/2026 – An Cư", "/api/training/sessions/" + id.Split(':')[1]),
            (step.WaitingFor, step.WardId, step.Subject, step.Link));
        var status = WorkflowStatus.Of(await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true));
        Assert.Equal("Đã xác nhận người tham dự", status!.StepName);
    }

    [Fact]
    public async Task Reminder_before_the_deadline_escalation_to_the_chairman_after_it_and_the_step_keeps_waiting_until_cancelled()
    {
        var id = await StartAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (steps.Alarms.Count(a => a.Step.InstanceId == id) < 2 && DateTime.UtcNow < until) await Task.Delay(200);
        var alarms = steps.Alarms.Where(a => a.Step.InstanceId == id).ToList();
        Assert.Equal(["reminder", "overdue"], alarms.Select(a => a.Kind));
        Assert.Equal(Role.WardChairman, alarms.Last().Step.EscalateTo);
        // Overdue is escalated, not dropped: the step still waits, and the police's cancellation ends it.
        await host.Client.AtStepAsync(id, TrainingInvitationOrchestrator.ConfirmStepId);
        await DecideAsync(id, InvitationOutcome.Cancel);
        Assert.Equal(InvitationOutcome.Cancel, await host.Client.CompletedAsync<string>(id));
        Assert.Equal(2, steps.Alarms.Count(a => a.Step.InstanceId == id));
    }

    [Fact]
    public async Task A_decision_for_another_step_is_ignored()
    {
        var id = await StartAsync(TimeSpan.FromDays(7));
        await host.Client.AtStepAsync(id, TrainingInvitationOrchestrator.ConfirmStepId);
        await host.Client.RaiseEventAsync(id, HumanStep.DecisionEvent, new StepDecision("other-step", InvitationOutcome.Confirmed, null, "u", "Người"));
        await DecideAsync(id, InvitationOutcome.Closed);
        Assert.Equal(InvitationOutcome.Closed, await host.Client.CompletedAsync<string>(id));
    }
}
