using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Inbox;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using S = Tndtq.Support.SupportStep;

namespace Tndtq.Support;

/// <summary>
/// One support round's approval, on the shared human step: the ward chairman approves or returns it (with a comment);
/// a returned round goes back to the ward officer, who revises and resubmits it; the officer may withdraw it at either
/// step. Reminders before each deadline and an escalation after it (chairman → district police, officer → chairman),
/// as in the other workflows. Approval records the round, the ward's figures and the beneficiaries' history.
/// Version 1: an activity of its own (<see cref="SupportActivities.Record"/>) after every step; it stays, unchanged, until its
/// last instance has completed. New rounds start on <see cref="SupportOrchestratorV2"/>, the same flow whose steps' close
/// records the decision (<see cref="SupportRecords"/>).
/// </summary>
public sealed class SupportOrchestrator : TaskOrchestrator<SupportWorkflowInput, SupportOutcome>
{
    public const string Name = "SupportRoundWorkflow";
    public static string InstanceId(string wardId, string roundId) => $"support:{wardId}:{roundId}";

    /// <summary>The workflow's name on its steps (task list, due index, <see cref="SupportRecords"/>), the same in every version.</summary>
    public const string Workflow = "support";

    public override Task<SupportOutcome> RunAsync(TaskOrchestrationContext context, SupportWorkflowInput input) => RunAsync(context, input, recordByStep: false);

    /// <summary>
    /// The flow of every version. <paramref name="recordByStep"/> (version 2): each step carries the round
    /// (<see cref="OpenStep.Record"/>) and its close records the decision; otherwise (version 1) an activity after the step does.
    /// </summary>
    internal static async Task<SupportOutcome> RunAsync(TaskOrchestrationContext context, SupportWorkflowInput input, bool recordByStep)
    {
        DateTimeOffset Now() => new(context.CurrentUtcDateTime, TimeSpan.Zero);
        async Task<StepDecision> WaitAsync(string step, int round, Role who, double days)
        {
            var open = new OpenStep(Workflow, context.InstanceId, $"{step}-{round}", step, SupportTexts.SupportStepName(step), who, input.WardId,
                SupportTexts.SupportSubject(input.RoundName, input.WardName), Now().AddDays(days), input.RemindBefore,
                who == Role.WardOfficer ? Role.WardChairman : Role.DistrictPolice, SupportService.Url(input.WardId, input.RoundId));
            return await context.WaitForStepAsync(recordByStep ? open with { Record = SupportRecords.Record(input) } : open);
        }
        // The decision's record: by the step's close (version 2), else by the activity after it. The status follows from the step and the outcome.
        async Task<SupportOutcome?> RecordAsync(StepDecision d, string step)
        {
            var status = SupportRecords.StatusAfter(step, d.Outcome);
            if (!recordByStep) await context.CallAsync(SupportActivities.Record, SupportRecords.StepRecord(input, step, d, Now()));
            if (status is SupportStatus.Pending or SupportStatus.Returned) return null;
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
                if (revised.Outcome == S.Withdraw) return (await RecordAsync(revised, S.Revision))!;
                await RecordAsync(revised, S.Revision);
            }
            var decision = await WaitAsync(S.ChairmanApproval, round, Role.WardChairman, input.Deadlines.ChairmanDays);
            if (decision.Outcome == S.Withdraw) return (await RecordAsync(decision, S.ChairmanApproval))!;
            if (decision.Outcome == S.Return) { await RecordAsync(decision, S.ChairmanApproval); continue; }
            return (await RecordAsync(decision, S.ChairmanApproval))!;
        }
        throw new InvalidOperationException($"{context.InstanceId}: more than {MaxRounds} revision rounds.");
    }

    const int MaxRounds = 50;

    [Function(Name)]
    public static Task<SupportOutcome> RunSupportRoundWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SupportOrchestrator().RunAsync(context, context.GetInput<SupportWorkflowInput>()!);
}

/// <summary>The support workflow's I/O; it can run twice and does its work once (the trail entry is keyed by its step).</summary>
public sealed class SupportActivities(SupportStore store, Notifications notifications)
{
    public const string Record = "RecordSupportStep";

    /// <summary>
    /// The round's new status and trail entry with the ward's figures, in one transaction (approval moves the figures);
    /// then, for an approved round, the beneficiaries' history lines (fixed keys: a retry writes the same rows).
    /// </summary>
    [Function(Record)]
    public Task RecordSupportStep([ActivityTrigger] SupportStepRecord s) => SupportRecords.WriteAsync(store, notifications, s);
}
