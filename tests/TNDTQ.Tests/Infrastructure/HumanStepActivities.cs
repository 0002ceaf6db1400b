using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Infrastructure;

/// <summary>Recording stand-ins for the human-step activities, for orchestrator unit tests (registered in one place).</summary>
public sealed class HumanStepRecorder
{
    public ConcurrentQueue<OpenStep> Opened { get; } = new();
    public ConcurrentQueue<StepAlarm> Alarms { get; } = new();

    public DurableTaskRegistry Register(DurableTaskRegistry r) => r
        .AddActivityFunc<OpenStep>(WorkflowActivities.OpenStep, (_, s) => Opened.Enqueue(s))
        .AddActivityFunc<StepClosed>(WorkflowActivities.CloseStep, (_, _) => { })
        .AddActivityFunc<StepAlarm>(WorkflowActivities.Alarm, (_, a) => Alarms.Enqueue(a));
}
