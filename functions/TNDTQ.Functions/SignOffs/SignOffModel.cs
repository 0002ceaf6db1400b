using Tndtq.Shared;

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

/// <summary>What the orchestration is started with.</summary>
public sealed record SignOffRequest(string Id, string WardId, string Title, string RequestedBy, string RequestedByName, DateTimeOffset DueAt);

/// <summary>The ward chairman's decision outcomes (raised as a <c>StepDecision</c>).</summary>
public static class SignOffOutcomes
{
    public const string Approve = "approve";
    public const string Return = "return";
}

/// <summary>How it ended.</summary>
public sealed record SignOffOutcome(string State, string? Comment, string? DecidedBy, string? DecidedByName, DateTimeOffset DecidedAt);

/// <summary>Body of POST /api/wards/{wardId}/sign-offs.</summary>
/// <summary>Body of POST /api/wards/{wardId}/sign-offs. The deadline is <c>dueAt</c>, or <c>dueInMinutes</c> from now, or 7 days.</summary>
public sealed record CreateSignOffBody([Text(Limits.Title)] string? Title, int? DueInMinutes, DateTimeOffset? DueAt)
{
    public static readonly TimeSpan DefaultDueIn = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxDueIn = TimeSpan.FromDays(90);

    public (string Title, DateTimeOffset DueAt) Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var title = Title?.Trim() ?? "";
        if (title.Length == 0) errors["title"] = [Texts.SignOffTitleRequired];
        else if (title.Length > 200) errors["title"] = [Texts.SignOffTitleTooLong];
        var dueAt = DueAt ?? now + (DueInMinutes is { } m ? TimeSpan.FromMinutes(m) : DefaultDueIn);
        if (dueAt <= now || dueAt > now + MaxDueIn) errors[DueAt is null ? "dueInMinutes" : "dueAt"] = [Texts.SignOffDeadlineOutOfRange];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        return (title, dueAt);
    }
}

/// <summary>Body of POST .../decision.</summary>
public sealed record DecideSignOffBody(bool? Approve, [Text(Limits.Comment, MultiLine = true)] string? Comment)
{
    public bool ValidatedApprove()
    {
        if (Approve is null) throw ProblemException.Validation(new Dictionary<string, string[]> { ["approve"] = ["Vui lòng chọn duyệt (true) hoặc trả lại (false)."] });
        if (Approve == false && string.IsNullOrWhiteSpace(Comment))
            throw ProblemException.Validation(new Dictionary<string, string[]> { ["comment"] = [Texts.SignOffCommentRequiredOnReturn] });
        return Approve.Value;
    }
}

/// <summary>A sign-off as the API shows it.</summary>
public sealed record SignOffView(
    string Id, string WardId, string Title, string State, string StateName,
    string RequestedBy, string RequestedByName, DateTimeOffset RequestedAt, DateTimeOffset DueAt,
    string? Comment, string? DecidedByName, DateTimeOffset? DecidedAt);
