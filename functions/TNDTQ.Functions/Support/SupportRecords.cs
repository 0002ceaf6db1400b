using Tndtq.Inbox;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using S = Tndtq.Support.SupportStep;

namespace Tndtq.Support;

/// <summary>
/// Records a support round's decisions when a step of workflow <c>"support"</c> closes: from the round the step carries
/// (<see cref="OpenStep.Record"/>), the decision and the time of the close. The write is idempotent (the trail entry is
/// keyed by its step and outcome), as a close may run twice.
/// </summary>
public sealed class SupportRecords(SupportStore store, Notifications notifications) : StepRecordObserver<SupportWorkflowInput>(SupportWorkflow.Key)
{
    /// <summary>The round's status after a decision on a step: withdrawn, or pending again after a revision, returned, approved.</summary>
    public static string StatusAfter(string step, string outcome) => outcome switch
    {
        S.Withdraw => SupportStatus.Withdrawn,
        _ when step == S.Revision => SupportStatus.Pending,
        S.Return => SupportStatus.Returned,
        _ => SupportStatus.Approved,
    };

    /// <summary>What a decision writes on the round: its new status and the trail entry, at <paramref name="at"/>.</summary>
    public static SupportStepRecord StepRecord(SupportWorkflowInput input, string step, StepDecision d, DateTimeOffset at) =>
        new(input, StatusAfter(step, d.Outcome),
            new SupportTrailEntry(at, d.StepId, step, SupportTexts.SupportStepName(step), d.Outcome, SupportTexts.SupportOutcomeName(d.Outcome), d.Comment, d.ActorName));

    /// <summary>What a closed step writes (null: a step without the round).</summary>
    public static SupportStepRecord? StepRecord(StepClosed closed) =>
        RecordOf(closed.Step) is { } input ? StepRecord(input, closed.Step.Step, closed.Decision, closed.At) : null;

    protected override Task ClosedAsync(StepClosed closed, SupportWorkflowInput input) =>
        WriteAsync(store, notifications, StepRecord(input, closed.Step.Step, closed.Decision, closed.At));

    /// <summary>
    /// The round's new status and trail entry with the ward's figures, in one transaction (approval moves the figures);
    /// then, for an approved round, the beneficiaries' history lines (fixed keys: a retry writes the same rows).
    /// </summary>
    public static async Task WriteAsync(SupportStore store, Notifications notifications, SupportStepRecord s)
    {
        var i = s.Input;
        var round = await store.UpdateAsync(i.WardId, i.RoundId, r =>
        {
            if (r is null || r.Trail.Any(t => t.StepId == s.Entry.StepId && t.Outcome == s.Entry.Outcome)) return null; // recorded before
            var approved = s.Status == SupportStatus.Approved;
            return r with
            {
                Status = s.Status,
                Version = r.Version + 1,
                UpdatedAt = s.Entry.At,
                UpdatedByName = s.Entry.ActorName,
                Trail = [.. r.Trail, s.Entry],
                LastComment = s.Entry.Comment ?? (s.Status == SupportStatus.Pending ? null : r.LastComment),
                ApprovedAt = approved ? s.Entry.At : r.ApprovedAt,
                ApprovedByName = approved ? s.Entry.ActorName : r.ApprovedByName,
            };
        });
        if (round is null) return;
        if (SupportStatus.Counts(round.Status)) await store.AddHistoryAsync(round);
        if (s.Status is SupportStatus.Approved or SupportStatus.Returned or SupportStatus.Withdrawn)
            await notifications.SendAsync(Audience.Of(Role.WardOfficer, i.WardId), new Notice($"{SupportWorkflow.InstanceId(i.WardId, i.RoundId)}|{s.Entry.StepId}|{s.Status}",
                "decision", SupportTexts.SupportClosedTitle(i.RoundName, SupportTexts.SupportStatusName(s.Status)), s.Entry.Comment ?? SupportTexts.SupportSubject(i.RoundName, i.WardName),
                i.WardId, SupportService.Url(i.WardId, i.RoundId), s.Entry.At));
    }
}
