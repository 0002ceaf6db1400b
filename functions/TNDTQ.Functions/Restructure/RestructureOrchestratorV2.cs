using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

/// <summary>
/// One ward's review-and-restructure cycle: assess every group, draft the proposal, ward chairman signs off, district
/// police review, district leader decides; approved changes are applied to the register once and the outcome is recorded.
/// A return at any review sends the ward back to revise; a withdrawal or cancellation ends it from whichever step it reaches.
/// Each step carries what its trail entry needs (<see cref="OpenStep.Record"/>: the cycle, the ward, the round and the
/// proposal version under review), so the step's own close writes the entry through <see cref="RestructureTrailRecords"/>.
/// Version 2, the only one: a change to this flow is a new class (docs/changing-workflows.md).
/// </summary>
public sealed class RestructureOrchestratorV2 : TaskOrchestrator<RestructureInput, RestructureOutcome>
{
    public const string Name = "RestructureWorkflowV2";

    public override async Task<RestructureOutcome> RunAsync(TaskOrchestrationContext context, RestructureInput input)
    {
        var steps = new Steps(context, input);
        try
        {
            return await RunStepsAsync(context, input, steps);
        }
        catch (StoppedException stop)
        {
            // Withdrawn by the ward or cancelled by the district, at whatever step it was.
            return await steps.CloseAsync(stop.Decision.Outcome == Outcomes.Withdraw ? Outcomes.Withdrawn : Outcomes.Cancelled, stop.Decision, stop.Round,
                new ApplyResult(false, 0, [], null, null));
        }
    }

    static async Task<RestructureOutcome> RunStepsAsync(TaskOrchestrationContext context, RestructureInput input, Steps steps)
    {
        await steps.WaitAsync(RestructureStep.Assessment, 0, Role.WardOfficer, input.Deadlines.AssessmentDue, Role.WardChairman);

        for (var round = 1; round <= MaxRounds; round++)
        {
            var draftDue = round == 1 ? input.Deadlines.ProposalDue : steps.InDays(input.Deadlines.RevisionDays);
            var submitted = await steps.WaitAsync(RestructureStep.Proposal, round, Role.WardOfficer, draftDue, Role.WardChairman);
            steps.Version = submitted.Version ?? round;

            var signOff = await steps.WaitAsync(RestructureStep.ChairmanSignOff, round, Role.WardChairman, steps.InDays(input.Deadlines.ChairmanDays), Role.DistrictPolice);
            if (signOff.Outcome == Outcomes.Return) { steps.Returned(signOff); continue; }

            var review = await steps.WaitAsync(RestructureStep.PoliceReview, round, Role.DistrictPolice, steps.InDays(input.Deadlines.PoliceDays), Role.DistrictLeader);
            if (review.Outcome == Outcomes.Return) { steps.Returned(review); continue; }

            var decision = await steps.WaitAsync(RestructureStep.LeaderDecision, round, Role.DistrictLeader, steps.InDays(input.Deadlines.LeaderDays), null);
            if (decision.Outcome == Outcomes.Return) { steps.Returned(decision); continue; }
            if (decision.Outcome == Outcomes.Reject)
                return await steps.CloseAsync(Outcomes.Rejected, decision, round, new ApplyResult(false, 0, [], null, null));

            context.Publish(new WorkflowStatus(RestructureStep.Applying, RestructureTexts.RestructureStepName(RestructureStep.Applying), null, input.WardId, null));
            var applied = await context.CallAsync<ApplyResult>(RestructureActivities.Apply,
                new ApplyInput(input, submitted.Version ?? round, decision.DecisionNumber!, decision.DecisionDate!.Value, decision.ActorName, decision.ActorId));
            return await steps.CloseAsync(applied.Applied ? Outcomes.Approved : Outcomes.ApplyFailed, decision, round, applied);
        }
        throw new InvalidOperationException($"{context.InstanceId}: more than {MaxRounds} revision rounds.");
    }

    /// <summary>Revision rounds a cycle may take before it stops (far beyond any real case).</summary>
    const int MaxRounds = 50;

    /// <summary>The workflow's human steps, each a <see cref="HumanStep"/> carrying its trail entry's record.</summary>
    sealed class Steps(TaskOrchestrationContext context, RestructureInput input)
    {
        DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);
        /// <summary>A review's deadline: the end of the day (Vietnam time) that many days from now — a date, as people read deadlines.</summary>
        public DateTimeOffset InDays(int days) => StepDeadlines.EndOfVietnamDay(Now.AddDays(days));

        /// <summary>The proposal version under review (for the timeline).</summary>
        public int? Version { get; set; }

        /// <summary>The last return, said in the subject of the proposal step it reopens (who, when, why).</summary>
        string? lastReturn;
        public void Returned(StepDecision decision) => lastReturn = ReturnTexts.ReturnedBy(decision.ActorName, Now, decision.Comment);

        public async Task<StepDecision> WaitAsync(string step, int round, Role who, DateTimeOffset due, Role? escalateTo)
        {
            var decision = await context.WaitForStepAsync(new OpenStep(RestructureWorkflow.Key, context.InstanceId, $"{step}-{round}", step,
                RestructureTexts.RestructureStepName(step), who, input.WardId, ReturnTexts.WithReturn(RestructureTexts.RestructureSubject(input.CycleName, input.WardName), step == RestructureStep.Proposal ? lastReturn : null), due, input.RemindBefore,
                escalateTo, $"/api/restructure/cycles/{input.CycleId}/wards/{input.WardId}",
                Record: RestructureTrailRecords.Record(new(input.CycleId, input.WardId, round, Version))));
            if (decision.Outcome is Outcomes.Withdraw or Outcomes.Cancel) throw new StoppedException(decision, round);
            return decision;
        }

        public async Task<RestructureOutcome> CloseAsync(string result, StepDecision decision, int rounds, ApplyResult applied)
        {
            var outcome = new RestructureOutcome(result, RestructureTexts.RestructureResultName(result), decision.DecisionNumber, decision.DecisionDate,
                result is Outcomes.Rejected or Outcomes.Withdrawn or Outcomes.Cancelled ? decision.Comment : null, rounds, applied.ChangesApplied, applied.Errors, applied.Before, applied.After, Now);
            await context.CallAsync(RestructureActivities.Close, new CloseInput(input, outcome));
            context.Publish(new WorkflowStatus(RestructureStep.Closed, RestructureTexts.RestructureResultName(result), null, input.WardId, null));
            return outcome;
        }
    }

    /// <summary>A withdrawal or cancellation ends the workflow from whichever step it reaches.</summary>
    sealed class StoppedException(StepDecision decision, int round) : Exception(decision.Outcome)
    {
        public StepDecision Decision { get; } = decision;
        public int Round { get; } = round;
    }

    [Function(Name)]
    public static Task<RestructureOutcome> RunRestructureWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RestructureOrchestratorV2().RunAsync(context, context.GetInput<RestructureInput>()!);
}
