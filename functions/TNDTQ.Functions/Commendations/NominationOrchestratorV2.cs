using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using O = Tndtq.Commendations.NominationOutcomes;

namespace Tndtq.Commendations;

/// <summary>
/// One nomination for a commendation: eligibility (the district police may override a failed check), ward chairman
/// endorsement (for ward nominations), district police review, emulation council recommendation, decision by the authority
/// the award form names; on approval the decision and certificate are generated and the award enters the nominee's history.
/// The nominator may withdraw at any step before the decision. Same human-step machinery as the restructure workflow. Each
/// step carries what its trail entry needs (<see cref="OpenStep.Record"/>: the nomination, its ward, the round), so the
/// step's own close writes the entry through <see cref="NominationTrailRecords"/>.
/// Version 2, the only one: a change to this flow is a new class (docs/changing-workflows.md).
/// </summary>
public sealed class NominationOrchestratorV2 : TaskOrchestrator<NominationInput, NominationOutcome>
{
    public const string Name = "NominationWorkflowV2";

    public override async Task<NominationOutcome> RunAsync(TaskOrchestrationContext context, NominationInput input)
    {
        var steps = new Steps(context, input);
        context.Publish(new WorkflowStatus("starting", CommendationTexts.NominationStepName("starting"), null, input.WardId, null));
        var eligibility = await context.CallAsync<Eligibility>(NominationActivities.CheckEligibility, input);
        if (!eligibility.Eligible)
        {
            var o = await steps.WaitAsync(NominationStep.EligibilityOverride, 0, Role.DistrictPolice, input.Deadlines.PoliceDays,
                CommendationTexts.IneligibleBecause(eligibility.Failures));
            if (o.Outcome is O.Withdraw or O.Reject) return await steps.CloseAsync(o, string.Join(" ", eligibility.Failures));
        }

        string? returned = null; // the last return, said in the revision step's subject
        for (var round = 1; round <= MaxRounds; round++)
        {
            if (round > 1)
            {
                var revised = await steps.WaitAsync(NominationStep.Revision, round, input.NominatedBy, input.Deadlines.RevisionDays, returned);
                if (revised.Outcome == O.Withdraw) return await steps.CloseAsync(revised);
            }
            if (input.NominatedBy == Role.WardOfficer)
            {
                var endorsement = await steps.WaitAsync(NominationStep.ChairmanEndorsement, round, Role.WardChairman, input.Deadlines.ChairmanDays);
                if (endorsement.Outcome == O.Withdraw) return await steps.CloseAsync(endorsement);
                if (endorsement.Outcome == O.Return) { returned = steps.Returned(endorsement); continue; }
            }
            var review = await steps.WaitAsync(NominationStep.PoliceReview, round, Role.DistrictPolice, input.Deadlines.PoliceDays);
            if (review.Outcome is O.Withdraw or O.Reject) return await steps.CloseAsync(review);
            if (review.Outcome == O.Return) { returned = steps.Returned(review); continue; }

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

    sealed class Steps(TaskOrchestrationContext context, NominationInput input)
    {
        DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

        /// <summary>Who returned the nomination, when and why, for the revision step's subject.</summary>
        public string Returned(StepDecision decision) => ReturnTexts.ReturnedBy(decision.ActorName, Now, decision.Comment);

        public async Task<StepDecision> WaitAsync(string step, int round, Role who, double days, string? note = null)
        {
            var escalateTo = who switch { Role.WardOfficer => Role.WardChairman, Role.WardChairman => Role.DistrictPolice, Role.DistrictPolice => Role.DistrictLeader, _ => (Role?)null };
            return await context.WaitForStepAsync(new OpenStep(NominationWorkflow.Key, context.InstanceId, $"{step}-{round}", step, CommendationTexts.NominationStepName(step), who,
                input.WardId, CommendationTexts.NominationSubject(input.Award.Name, input.NomineeName, input.WardName) + (note is null ? "" : $". {note}"), Now.AddDays(days),
                input.RemindBefore, escalateTo, $"/api/commendations/nominations/{input.Id}",
                Record: NominationTrailRecords.Record(new(input.Id, input.WardId, round))));
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
    public static Task<NominationOutcome> RunNominationWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new NominationOrchestratorV2().RunAsync(context, context.GetInput<NominationInput>()!);
}
