using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

/// <summary>
/// The restructure workflow, version 2: the same steps, statuses and outcomes as <see cref="RestructureOrchestrator"/>
/// (which stays until its last instance has completed), without the <c>RecordRestructureTrail</c> activity after every
/// step. Each step carries what its trail entry needs (<see cref="OpenStep.Record"/>: the cycle, the ward, the round and
/// the proposal version under review), so the step's own close (<c>CloseWorkflowStep</c>) writes the entry through
/// <see cref="RestructureTrailRecords"/>. A withdrawal or cancellation still ends it from whichever step it reaches.
/// New cycles start here (<see cref="RestructureService.OpenCycleAsync"/>).
/// </summary>
public sealed class RestructureOrchestratorV2 : TaskOrchestrator<RestructureInput, RestructureOutcome>
{
    public const string Name = "RestructureWorkflowV2";

    public override Task<RestructureOutcome> RunAsync(TaskOrchestrationContext context, RestructureInput input) =>
        RestructureOrchestrator.RunAsync(context, input, trailByStep: true);

    [Function(Name)]
    public static Task<RestructureOutcome> RunRestructureWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RestructureOrchestratorV2().RunAsync(context, context.GetInput<RestructureInput>()!);
}
