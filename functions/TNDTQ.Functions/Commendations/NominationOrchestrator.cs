using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using O = Tndtq.Commendations.NominationOutcomes;

namespace Tndtq.Commendations;

/// <summary>
/// One nomination for a commendation: eligibility (the district police may override a failed
/// check), ward chairman endorsement (for ward nominations), district police review, emulation
/// council recommendation, decision by the authority the award form names; on approval the
/// decision and certificate are generated and the award enters the nominee's history. The nominator
/// may withdraw at any step before the decision. Same human-step machinery as the restructure workflow.
/// Version 1: an activity of its own (<see cref="NominationActivities.RecordTrail"/>) after every step; it stays, unchanged,
/// until its last instance has completed. New nominations start on <see cref="NominationOrchestratorV2"/>, the same flow
/// whose steps' close writes the trail.
/// </summary>
public sealed class NominationOrchestrator : TaskOrchestrator<NominationInput, NominationOutcome>
{
    public const string Name = "NominationWorkflow";
    public static string InstanceId(string id) => $"nomination:{id}";

    /// <summary>The workflow's name on its steps (task list, due index, figures, <see cref="NominationTrailRecords"/>), the same in every version.</summary>
    public const string Workflow = "commendation";


    public override Task<NominationOutcome> RunAsync(TaskOrchestrationContext context, NominationInput input) => RunAsync(context, input, trailByStep: false);

    /// <summary>
    /// The flow of every version. <paramref name="trailByStep"/> (version 2): each step carries its
    /// <see cref="NominationStepRecord"/> and its close writes the trail entry; otherwise (version 1) an activity after the step does.
    /// </summary>
    internal static async Task<NominationOutcome> RunAsync(TaskOrchestrationContext context, NominationInput input, bool trailByStep)
    {
        var steps = new Steps(context, input, trailByStep);
        context.Publish(new WorkflowStatus("starting", CommendationTexts.NominationStepName("starting"), null, input.WardId, null));
        var eligibility = await context.CallAsync<Eligibility>(NominationActivities.CheckEligibility, input);
        if (!eligibility.Eligible)
        {
            var o = await steps.WaitAsync(NominationStep.EligibilityOverride, 0, Role.DistrictPolice, input.Deadlines.PoliceDays,
                CommendationTexts.IneligibleBecause(eligibility.Failures));
            if (o.Outcome is O.Withdraw or O.Reject) return await steps.CloseAsync(o, string.Join(" ", eligibility.Failures));
        }

        for (var round = 1; round <= MaxRounds; round++)
        {
            if (round > 1)
            {
                var revised = await steps.WaitAsync(NominationStep.Revision, round, input.NominatedBy, input.Deadlines.RevisionDays);
                if (revised.Outcome == O.Withdraw) return await steps.CloseAsync(revised);
            }
            if (input.NominatedBy == Role.WardOfficer)
            {
                var endorsement = await steps.WaitAsync(NominationStep.ChairmanEndorsement, round, Role.WardChairman, input.Deadlines.ChairmanDays);
                if (endorsement.Outcome == O.Withdraw) return await steps.CloseAsync(endorsement);
                if (endorsement.Outcome == O.Return) continue;
            }
            var review = await steps.WaitAsync(NominationStep.PoliceReview, round, Role.DistrictPolice, input.Deadlines.PoliceDays);
            if (review.Outcome is O.Withdraw or O.Reject) return await steps.CloseAsync(review);
            if (review.Outcome == O.Return) continue;

            var council = await steps.WaitAsync(NominationStep.Council, round, Role.EmulationCouncil, input.Deadlines.CouncilDays);
            if (council.Outcome is O.Withdraw or O.NotRecommend) return await steps.CloseAsync(council);

            var decision = await steps.WaitAsync(NominationStep.Decision, round, input.Award.DecidedBy, input.Deadlines.DecisionDays);
            if (decision.Outcome is O.Withdraw or O.Reject) return await steps.CloseAsync(decision);

            context.Publish(new WorkflowStatus(NominationStep.Generating, CommendationTexts.NominationStepName(NominationStep.Generating), null, input.WardId, null));
            var documents = await context.CallAsync<IReadOnlyList<GeneratedDocument>>(NominationActivities.GenerateDocuments,
                new DecisionInput(input, decision.DecisionNumber!, decision.DecisionDate!.Value, decision.ActorName));
            // No documents: the same award for the same period went to this nominee by another nomination first.
            if (documents.Count == 0) return await steps.CloseAsync(decision, CommendationTexts.AlreadyAwarded(input.Award.Name, input.Period), notAwarded: true);
            return await steps.CloseAsync(decision, documents: documents);
        }
        throw new InvalidOperationException($"{context.InstanceId}: more than {MaxRounds} revision rounds.");
    }

    const int MaxRounds = 50;

    sealed class Steps(TaskOrchestrationContext context, NominationInput input, bool trailByStep)
    {
        DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

        public async Task<StepDecision> WaitAsync(string step, int round, Role who, double days, string? note = null)
        {
            var escalateTo = who switch { Role.WardOfficer => Role.WardChairman, Role.WardChairman => Role.DistrictPolice, Role.DistrictPolice => Role.DistrictLeader, _ => (Role?)null };
            var open = new OpenStep(Workflow, context.InstanceId, $"{step}-{round}", step, CommendationTexts.NominationStepName(step), who, input.WardId,
                CommendationTexts.NominationSubject(input.Award.Name, input.NomineeName, input.WardName) + (note is null ? "" : $". {note}"), Now.AddDays(days), input.RemindBefore, escalateTo,
                $"/api/commendations/nominations/{input.Id}");
            if (trailByStep) return await context.WaitForStepAsync(open with { Record = NominationTrailRecords.Record(new(input.Id, input.WardId, round)) });
            var decision = await context.WaitForStepAsync(open);
            await context.CallAsync(NominationActivities.RecordTrail, new NominationTrail(input, NominationTrailRecords.Entry(Now, round, step, decision)));
            return decision;
        }

        public async Task<NominationOutcome> CloseAsync(StepDecision last, string? reason = null, IReadOnlyList<GeneratedDocument>? documents = null,
            bool notAwarded = false)
        {
            var result = last.Outcome switch { O.Withdraw => O.Withdrawn, O.Approve when !notAwarded => O.Approved, _ => O.Rejected };
            var outcome = new NominationOutcome(result, CommendationTexts.NominationResultName(result, last.StepId), last.DecisionNumber, last.DecisionDate,
                reason ?? last.Comment, documents ?? [], Now);
            await context.CallAsync(NominationActivities.Close, new NominationClose(input, outcome));
            context.Publish(new WorkflowStatus(NominationStep.Closed, outcome.ResultName, null, input.WardId, null));
            return outcome;
        }
    }

    [Function(Name)]
    public static Task<NominationOutcome> RunNominationWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new NominationOrchestrator().RunAsync(context, context.GetInput<NominationInput>()!);
}
