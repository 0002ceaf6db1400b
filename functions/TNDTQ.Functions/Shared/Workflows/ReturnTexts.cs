namespace Tndtq.Shared.Workflows;

/// <summary>
/// What a step reopened after a return says about it (its subject, so the task list, the notice and every reminder
/// carry it): who returned it, when (Vietnam time) and why.
/// </summary>
public static class ReturnTexts
{
    /// <summary>"Bị trả lại bởi {actor} ngày {dd/MM/yyyy}: {comment}" (the comment omitted when there is none).</summary>
    public static string ReturnedBy(string actorName, DateTimeOffset at, string? comment) =>
        $"Bị trả lại bởi {actorName} ngày {VietnamTime.ToVietnam(at):dd/MM/yyyy}" + (string.IsNullOrWhiteSpace(comment) ? "" : $": {comment.Trim()}");

    /// <summary>A step's subject followed by the return that reopened it (none: the subject alone).</summary>
    public static string WithReturn(string subject, string? returned) => returned is null ? subject : $"{subject}. {returned}";
}
