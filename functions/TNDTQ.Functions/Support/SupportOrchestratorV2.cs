using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using S = Tndtq.Support.SupportStep;

namespace Tndtq.Support;

/// <summary>
/// One support round's approval, on the shared human step: the ward chairman approves or returns it (with a comment); a
/// returned round goes back to the ward officer, who revises and resubmits it; the officer may withdraw it at either step.
/// Reminders before each deadline and an escalation after it (chairman → district police, officer → chairman), as in the
/// other workflows. Each step carries the round (<see cref="OpenStep.Record"/>), so the step's own close records the
/// decision through <see cref="SupportRecords"/>: approval records the round, the ward's figures and the beneficiaries' history.
/// Version 2, the only one: a change to this flow is a new class (docs/changing-workflows.md).
/// </summary>
public sealed class SupportOrchestratorV2 : TaskOrchestrator<SupportWorkflowInput, SupportOutcome>
{
    public const string Name = "SupportRoundWorkflowV2";

    public override async Task<SupportOutcome> RunAsync(TaskOrchestrationContext context, SupportWorkflowInput input)
    {
        DateTimeOffset Now() => new(context.CurrentUtcDateTime, TimeSpan.Zero);
        string? returned = null; // the last return, said in the revision step's subject (who, when, why)
        Task<StepDecision> WaitAsync(string step, int round, Role who, double days) =>
            context.WaitForStepAsync(new OpenStep(SupportWorkflow.Key, context.InstanceId, $"{step}-{round}", step, SupportTexts.SupportStepName(step), who, input.WardId,
                ReturnTexts.WithReturn(SupportTexts.SupportSubject(input.RoundName, input.WardName), step == S.Revision ? returned : null), Now().AddDays(days), input.RemindBefore,
                who == Role.WardOfficer ? Role.WardChairman : Role.DistrictPolice, SupportService.Url(input.WardId, input.RoundId),
                Record: SupportRecords.Record(input)));
        // The round's end, once a decision closes it (the step's close has recorded it): withdrawn or approved.
        SupportOutcome End(StepDecision d, string step)
        {
            var status = SupportRecords.StatusAfter(step, d.Outcome);
            var outcome = new SupportOutcome(status, SupportTexts.SupportStatusName(status), Now());
            context.Publish(new WorkflowStatus(S.Closed, outcome.StatusName, null, input.WardId, null));
            return outcome;
        }

        context.Publish(new WorkflowStatus("starting", SupportTexts.SupportStepName("starting"), null, input.WardId, null));
        for (var round = 1; round <= MaxRounds; round++)
        {
            if (round > 1)
            {
                var revised = await WaitAsync(S.Revision, round, Role.WardOfficer, input.Deadlines.RevisionDays);
                if (revised.Outcome == S.Withdraw) return End(revised, S.Revision);
            }
            var decision = await WaitAsync(S.ChairmanApproval, round, Role.WardChairman, input.Deadlines.ChairmanDays);
            if (decision.Outcome == S.Return) { returned = ReturnTexts.ReturnedBy(decision.ActorName, Now(), decision.Comment); continue; }
            return End(decision, S.ChairmanApproval);
        }
        throw new InvalidOperationException($"{context.InstanceId}: more than {MaxRounds} revision rounds.");
    }

    const int MaxRounds = 50;

    [Function(Name)]
    public static Task<SupportOutcome> RunSupportRoundWorkflowV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SupportOrchestratorV2().RunAsync(context, context.GetInput<SupportWorkflowInput>()!);
}
