using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared.Workflows;

namespace Tndtq.Commendations;

/// <summary>
/// The nomination workflow, version 2: the same steps, statuses and outcomes as <see cref="NominationOrchestrator"/>
/// (which stays until its last instance has completed), without the <c>RecordNominationTrail</c> activity after every
/// step. Each step carries what its trail entry needs (<see cref="OpenStep.Record"/>: the nomination, its ward, the
/// round), so the step's own close (<c>CloseWorkflowStep</c>) writes the entry through <see cref="NominationTrailRecords"/>.
/// New nominations start here (<see cref="NominationService"/>).
/// </summary>
public sealed class NominationOrchestratorV2 : TaskOrchestrator<NominationInput, NominationOutcome>
{
    public const string Name = "NominationWorkflowV2";

    public override Task<NominationOutcome> RunAsync(TaskOrchestrationContext context, NominationInput input) =>
        NominationOrchestrator.RunAsync(context, input, trailByStep: true);

    [Function(Name)]
    public static Task<NominationOutcome> RunNominationWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new NominationOrchestratorV2().RunAsync(context, context.GetInput<NominationInput>()!);
}
