using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Infrastructure;

/// <summary>Recording stand-ins for the human-step activities, for orchestrator unit tests (registered in one place).</summary>
public sealed class HumanStepRecorder
{
    public ConcurrentQueue<OpenStep> Opened { get; } = new();
    public ConcurrentQueue<StepAlarm> Alarms { get; } = new();
    public ConcurrentQueue<StepClosed> Closed { get; } = new();

    /// <summary>Every activity run, in order, by instance: these three, and those a test adds with <see cref="Called"/>.</summary>
    public ConcurrentQueue<(string InstanceId, string Activity)> Calls { get; } = new();

    public void Called(TaskActivityContext context) => Calls.Enqueue((context.InstanceId, context.Name.Name));

    /// <summary>The activities an instance ran, in order.</summary>
    public IReadOnlyList<string> CallsOf(string instanceId) => Calls.Where(c => c.InstanceId == instanceId).Select(c => c.Activity).ToList();

    /// <summary>Registers the three; an activity that <paramref name="faults"/> breaks fails after it is counted, before it is recorded.</summary>
    public DurableTaskRegistry Register(DurableTaskRegistry r, ActivityFaults? faults = null) => r
        .AddActivityFunc<OpenStep>(WorkflowActivities.OpenStep, (c, s) => { Called(c); Fault(faults, c); Opened.Enqueue(s); })
        .AddActivityFunc<StepClosed>(WorkflowActivities.CloseStep, (c, closed) => { Called(c); Fault(faults, c); Closed.Enqueue(closed); })
        .AddActivityFunc<StepAlarm>(WorkflowActivities.Alarm, (c, a) => { Called(c); Fault(faults, c); Alarms.Enqueue(a); });

    static void Fault(ActivityFaults? faults, TaskActivityContext c) => faults?.BeforeActivityAsync(c.Name.Name, c.InstanceId).GetAwaiter().GetResult();
}

/// <summary>Drives an orchestration in a unit test: wait until a step is open, decide it, wait for the end.</summary>
public static class WorkflowDriver
{
    /// <summary>Waits until the instance publishes the step (fails fast if the orchestration failed).</summary>
    public static async Task<WorkflowStatus> AtStepAsync(this Microsoft.DurableTask.Client.DurableTaskClient client, string id, string stepId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var m = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (WorkflowStatus.Of(m) is { } s && s.StepId == stepId) return s;
            if (m?.RuntimeStatus is Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed) throw new Exception(m.FailureDetails?.ErrorMessage);
            if (DateTime.UtcNow > until) throw new TimeoutException($"never reached {stepId}: {m?.RuntimeStatus} {m?.SerializedCustomStatus}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the decision's step, then raises the decision.</summary>
    public static async Task DecideAsync(this Microsoft.DurableTask.Client.DurableTaskClient client, string id, StepDecision decision)
    {
        await client.AtStepAsync(id, decision.StepId);
        await client.RaiseEventAsync(id, HumanStep.DecisionEvent, decision);
    }

    /// <summary>Waits for the instance to complete and returns its output.</summary>
    public static async Task<T> CompletedAsync<T>(this Microsoft.DurableTask.Client.DurableTaskClient client, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var m = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, m.RuntimeStatus);
        return m.ReadOutputAs<T>()!;
    }
}
