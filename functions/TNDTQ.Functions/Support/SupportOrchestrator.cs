using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tndtq.Identity;
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
/// </summary>
public sealed class SupportOrchestrator : TaskOrchestrator<SupportWorkflowInput, SupportOutcome>
{
    public const string Name = "SupportRoundWorkflow";
    public static string InstanceId(string wardId, string roundId) => $"support:{wardId}:{roundId}";

    public override async Task<SupportOutcome> RunAsync(TaskOrchestrationContext context, SupportWorkflowInput input)
    {
        DateTimeOffset Now() => new(context.CurrentUtcDateTime, TimeSpan.Zero);
        async Task<StepDecision> WaitAsync(string step, int round, Role who, double days)
        {
            var open = new OpenStep("support", context.InstanceId, $"{step}-{round}", step, Texts.SupportStepName(step), who, input.WardId,
                Texts.SupportSubject(input.RoundName, input.WardName), Now().AddDays(days), input.RemindBefore,
                who == Role.WardOfficer ? Role.WardChairman : Role.DistrictPolice, SupportService.Url(input.WardId, input.RoundId));
            return await context.WaitForStepAsync(open);
        }
        async Task<SupportOutcome?> RecordAsync(StepDecision d, string step, string status)
        {
            var entry = new SupportTrailEntry(Now(), d.StepId, step, Texts.SupportStepName(step), d.Outcome, Texts.SupportOutcomeName(d.Outcome), d.Comment, d.ActorName);
            await context.CallAsync(SupportActivities.Record, new SupportStepRecord(input, status, entry));
            if (status is SupportStatus.Pending or SupportStatus.Returned) return null;
            var outcome = new SupportOutcome(status, Texts.SupportStatusName(status), Now());
            context.Publish(new WorkflowStatus(S.Closed, outcome.StatusName, null, input.WardId, null));
            return outcome;
        }

        context.Publish(new WorkflowStatus("starting", Texts.SupportStepName("starting"), null, input.WardId, null));
        for (var round = 1; round <= MaxRounds; round++)
        {
            if (round > 1)
            {
                var revised = await WaitAsync(S.Revision, round, Role.WardOfficer, input.Deadlines.RevisionDays);
                if (revised.Outcome == S.Withdraw) return (await RecordAsync(revised, S.Revision, SupportStatus.Withdrawn))!;
                await RecordAsync(revised, S.Revision, SupportStatus.Pending);
            }
            var decision = await WaitAsync(S.ChairmanApproval, round, Role.WardChairman, input.Deadlines.ChairmanDays);
            if (decision.Outcome == S.Withdraw) return (await RecordAsync(decision, S.ChairmanApproval, SupportStatus.Withdrawn))!;
            if (decision.Outcome == S.Return) { await RecordAsync(decision, S.ChairmanApproval, SupportStatus.Returned); continue; }
            return (await RecordAsync(decision, S.ChairmanApproval, SupportStatus.Approved))!;
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
    public async Task RecordSupportStep([ActivityTrigger] SupportStepRecord s)
    {
        var i = s.Input;
        var round = await store.UpdateAsync(i.WardId, i.RoundId, r =>
        {
            if (r is null || r.Trail.Any(t => t.StepId == s.Entry.StepId && t.Outcome == s.Entry.Outcome)) return null; // recorded before
            var approved = s.Status == SupportStatus.Approved;
            return r with
            {
                Status = s.Status, Version = r.Version + 1, UpdatedAt = s.Entry.At, UpdatedByName = s.Entry.ActorName, Trail = [.. r.Trail, s.Entry],
                LastComment = s.Entry.Comment ?? (s.Status == SupportStatus.Pending ? null : r.LastComment),
                ApprovedAt = approved ? s.Entry.At : r.ApprovedAt, ApprovedByName = approved ? s.Entry.ActorName : r.ApprovedByName,
            };
        });
        if (round is null) return;
        if (SupportStatus.Counts(round.Status)) await store.AddHistoryAsync(round);
        if (s.Status is SupportStatus.Approved or SupportStatus.Returned or SupportStatus.Withdrawn)
            await notifications.SendAsync(Audience.Of(Role.WardOfficer, i.WardId), new Notice($"{SupportOrchestrator.InstanceId(i.WardId, i.RoundId)}|{s.Entry.StepId}|{s.Status}",
                "decision", Texts.SupportClosedTitle(i.RoundName, Texts.SupportStatusName(s.Status)), s.Entry.Comment ?? Texts.SupportSubject(i.RoundName, i.WardName),
                i.WardId, SupportService.Url(i.WardId, i.RoundId), s.Entry.At));
    }
}
