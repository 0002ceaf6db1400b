using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.SignOffs;

/// <summary>The states of a sign-off request, in the order they happen.</summary>
public static class SignOffState
{
    public const string Starting = "starting";
    public const string WaitingForChairman = "waiting-for-chairman";
    public const string Approved = "approved";
    public const string Returned = "returned";
    public const string Expired = "expired";
}

/// <summary>
/// What the orchestration is started with. <paramref name="RequestedAt"/>: when it was sent, which orders the list (its list row's key, known
/// to the outcome without a read); null in requests started before it was carried, which are listed at the time they are opened.
/// </summary>
public sealed record SignOffRequest(string Id, string WardId, string Title, string RequestedBy, string RequestedByName, DateTimeOffset DueAt,
    DateTimeOffset? RequestedAt = null);

/// <summary>The ward chairman's decision outcomes (raised as a <c>StepDecision</c>).</summary>
public static class SignOffOutcomes
{
    public const string Approve = "approve";
    public const string Return = "return";
}

/// <summary>How it ended.</summary>
public sealed record SignOffOutcome(string State, string? Comment, string? DecidedBy, string? DecidedByName, DateTimeOffset DecidedAt)
{
    /// <summary>The outcome of the chairman's step: expired at its deadline, else approved or returned by the decision.</summary>
    public static SignOffOutcome Of(StepDecision decision, DateTimeOffset at) => decision.Outcome == StepDecision.Expired
        ? new SignOffOutcome(SignOffState.Expired, null, null, null, at)
        : new SignOffOutcome(decision.Outcome == SignOffOutcomes.Approve ? SignOffState.Approved : SignOffState.Returned,
            decision.Comment, decision.ActorId, decision.ActorName, at);
}

/// <summary>Body of POST /api/wards/{wardId}/sign-offs. The deadline is <c>dueAt</c>, or <c>dueInMinutes</c> from now, or 7 days.</summary>
public sealed record CreateSignOffBody([Text(Limits.Title)] string? Title, int? DueInMinutes, DateTimeOffset? DueAt)
{
    public static readonly TimeSpan DefaultDueIn = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxDueIn = TimeSpan.FromDays(90);

    public (string Title, DateTimeOffset DueAt) Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var title = Title?.Trim() ?? "";
        if (title.Length == 0) errors["title"] = [SignOffTexts.SignOffTitleRequired];
        else if (title.Length > 200) errors["title"] = [SignOffTexts.SignOffTitleTooLong];
        var dueAt = DueAt ?? now + (DueInMinutes is { } m ? TimeSpan.FromMinutes(m) : DefaultDueIn);
        if (dueAt <= now || dueAt > now + MaxDueIn) errors[DueAt is null ? "dueInMinutes" : "dueAt"] = [SignOffTexts.SignOffDeadlineOutOfRange];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        return (title, dueAt);
    }
}

/// <summary>Body of POST .../decision: <c>{"approve": true|false}</c>, or <c>{"outcome": "approve"|"return"}</c> as the other workflows' decisions.</summary>
public sealed record DecideSignOffBody(bool? Approve, [Text(Limits.Comment, MultiLine = true)] string? Comment, [Text(40)] string? Outcome = null)
{
    public bool ValidatedApprove()
    {
        var approve = Outcome switch
        {
            null => Approve,
            SignOffOutcomes.Approve => true,
            SignOffOutcomes.Return => false,
            _ => throw ProblemException.Validation(new Dictionary<string, string[]> { ["outcome"] = [Texts.OutcomeNotAllowed([SignOffOutcomes.Approve, SignOffOutcomes.Return])] }),
        };
        if (approve is null) throw ProblemException.Validation(new Dictionary<string, string[]> { ["approve"] = [SignOffTexts.SignOffChooseOutcome] });
        if (approve == false && string.IsNullOrWhiteSpace(Comment))
            throw ProblemException.Validation(new Dictionary<string, string[]> { ["comment"] = [SignOffTexts.SignOffCommentRequiredOnReturn] });
        return approve.Value;
    }
}

/// <summary>
/// A page of a ward's sign-offs, newest first, and <paramref name="Create"/>: the action that sends a new one, when the caller may
/// (a ward officer of the ward); null otherwise. <paramref name="ContinuationToken"/>: the next page's, null after the last.
/// </summary>
public sealed record SignOffList(string WardId, IReadOnlyList<SignOffView> Items, WorkflowAction? Create, string? ContinuationToken = null);

/// <summary>A sign-off as the API shows it.</summary>
public sealed record SignOffView(
    string Id, string WardId, string Title, string State, string StateName,
    string RequestedBy, string RequestedByName, DateTimeOffset RequestedAt, DateTimeOffset DueAt,
    string? Comment, string? DecidedByName, DateTimeOffset? DecidedAt, IReadOnlyList<WorkflowAction>? Actions = null);
