using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

/// <summary>
/// One ward's review-and-restructure cycle: assess every group, draft the proposal, ward chairman
/// signs off, district police review, district leader decides; approved changes are applied to the
/// register once and the outcome is recorded. A return at any review sends the ward back to revise.
/// Version 1: an activity of its own (<see cref="RestructureActivities.RecordTrail"/>) after every step; it stays, unchanged,
/// until its last instance has completed. New cycles start on <see cref="RestructureOrchestratorV2"/>, the same flow whose
/// steps' close writes the trail.
/// </summary>
public sealed class RestructureOrchestrator : TaskOrchestrator<RestructureInput, RestructureOutcome>
{
    public const string Name = "RestructureWorkflow";

    public static string InstanceId(string cycleId, string wardId) => $"restructure:{cycleId}:{wardId}";

    /// <summary>The workflow's name on its steps (task list, due index, <see cref="RestructureTrailRecords"/>), the same in every version.</summary>
    public const string Workflow = "restructure";


    public override Task<RestructureOutcome> RunAsync(TaskOrchestrationContext context, RestructureInput input) => RunAsync(context, input, trailByStep: false);

    /// <summary>
    /// The flow of every version. <paramref name="trailByStep"/> (version 2): each step carries its
    /// <see cref="RestructureStepRecord"/> and its close writes the trail entry; otherwise (version 1) an activity after the step does.
    /// </summary>
    internal static async Task<RestructureOutcome> RunAsync(TaskOrchestrationContext context, RestructureInput input, bool trailByStep)
    {
        var steps = new Steps(context, input, trailByStep);
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
            if (signOff.Outcome == Outcomes.Return) continue;

            var review = await steps.WaitAsync(RestructureStep.PoliceReview, round, Role.DistrictPolice, steps.InDays(input.Deadlines.PoliceDays), Role.DistrictLeader);
            if (review.Outcome == Outcomes.Return) continue;

            var decision = await steps.WaitAsync(RestructureStep.LeaderDecision, round, Role.DistrictLeader, steps.InDays(input.Deadlines.LeaderDays), null);
            if (decision.Outcome == Outcomes.Return) continue;
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

    /// <summary>The workflow's human steps, each a <see cref="HumanStep"/> with its trail entry.</summary>
    sealed class Steps(TaskOrchestrationContext context, RestructureInput input, bool trailByStep)
    {
        DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);
        public DateTimeOffset InDays(int days) => Now.AddDays(days);

        /// <summary>The proposal version under review (for the timeline).</summary>
        public int? Version { get; set; }

        public async Task<StepDecision> WaitAsync(string step, int round, Role who, DateTimeOffset due, Role? escalateTo)
        {
            var open = new OpenStep(Workflow, context.InstanceId, $"{step}-{round}", step, RestructureTexts.RestructureStepName(step), who, input.WardId,
                RestructureTexts.RestructureSubject(input.CycleName, input.WardName), due, input.RemindBefore,
                escalateTo, $"/api/restructure/cycles/{input.CycleId}/wards/{input.WardId}");
            StepDecision decision;
            if (trailByStep)
                decision = await context.WaitForStepAsync(open with { Record = RestructureTrailRecords.Record(new(input.CycleId, input.WardId, round, Version)) });
            else
            {
                decision = await context.WaitForStepAsync(open);
                await context.CallAsync(RestructureActivities.RecordTrail, new TrailInput(input, RestructureTrailRecords.Entry(Now, round, step, decision, Version)));
            }
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

    [Function(Name)]
    public static Task<RestructureOutcome> RunRestructureWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RestructureOrchestrator().RunAsync(context, context.GetInput<RestructureInput>()!);
}

/// <summary>Decision outcomes and results, as the API spells them.</summary>
public static class Outcomes
{
    public const string Submitted = "submitted";
    public const string Approve = "approve";
    public const string Forward = "forward";
    public const string Return = "return";
    public const string Reject = "reject";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string ApplyFailed = "apply-failed";
    public const string Withdraw = "withdraw";
    public const string Cancel = "cancel";
    public const string Withdrawn = "withdrawn";
    public const string Cancelled = "cancelled";
}

/// <summary>A withdrawal or cancellation ends the workflow from whichever step it reaches.</summary>
sealed class StoppedException(StepDecision decision, int round) : Exception(decision.Outcome)
{
    public StepDecision Decision { get; } = decision;
    public int Round { get; } = round;
}
