using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared.Workflows;

namespace Tndtq.Support;

/// <summary>
/// A support round's approval, version 2: the same steps, statuses and outcomes as <see cref="SupportOrchestrator"/> (which
/// stays until its last instance has completed), without the <c>RecordSupportStep</c> activity after every step. Each step
/// carries the round (<see cref="OpenStep.Record"/>), so the step's own close (<c>CloseWorkflowStep</c>) records the decision
/// through <see cref="SupportRecords"/>. New rounds start here (<see cref="SupportService"/>).
/// </summary>
public sealed class SupportOrchestratorV2 : TaskOrchestrator<SupportWorkflowInput, SupportOutcome>
{
    public const string Name = "SupportRoundWorkflowV2";

    public override Task<SupportOutcome> RunAsync(TaskOrchestrationContext context, SupportWorkflowInput input) =>
        SupportOrchestrator.RunAsync(context, input, recordByStep: true);

    [Function(Name)]
    public static Task<SupportOutcome> RunSupportRoundWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SupportOrchestratorV2().RunAsync(context, context.GetInput<SupportWorkflowInput>()!);
}
