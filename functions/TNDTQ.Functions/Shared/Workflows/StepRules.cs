
namespace Tndtq.Shared.Workflows;

/// <summary>
/// Something the caller may do now on a workflow item, as the pages show it: a button with its
/// Vietnamese <see cref="Name"/>, where it posts (<see cref="Method"/>, <see cref="Href"/>) and what
/// it needs (a comment, a decision number and date, a council vote). The pages render these and
/// copy no role rule: the same tables decide what the API accepts.
/// </summary>
public sealed record WorkflowAction(string Kind, string Name, string Method, string Href, string? Step = null, string? Outcome = null,
    bool CommentRequired = false, bool DecisionRequired = false, bool VotesAllowed = false);

/// <summary>A decision taken and handed to the workflow, which records it after the answer: the step and the outcome chosen.</summary>
public sealed record StepDecisionAccepted(string Step, string Outcome);

/// <summary>One outcome of a decision step and what it needs.</summary>
public sealed record OutcomeRule(string Outcome, bool CommentRequired = false, bool DecisionRequired = false);

/// <summary>Who decides a step and the outcomes they may choose: one row of a workflow's table.</summary>
public sealed record StepRule(Role Role, IReadOnlyList<OutcomeRule> Outcomes, bool VotesAllowed = false)
{
    /// <summary>What is wrong with a decision (empty: nothing), keyed by the body's field names.</summary>
    public Dictionary<string, string[]> Check(string? outcome, string? comment, string? decisionNumber, DateOnly? decisionDate)
    {
        var errors = new Dictionary<string, string[]>();
        var rule = Outcomes.FirstOrDefault(o => o.Outcome == outcome);
        if (rule is null) errors["outcome"] = [Texts.OutcomeNotAllowed(Outcomes.Select(o => o.Outcome))];
        else
        {
            if (rule.CommentRequired && string.IsNullOrWhiteSpace(comment)) errors["comment"] = [Texts.CommentRequired];
            if (rule.DecisionRequired && (string.IsNullOrWhiteSpace(decisionNumber) || decisionDate is null)) errors["decisionNumber"] = [Texts.DecisionNumberRequired];
        }
        return errors;
    }

    /// <summary>The decision buttons of this step for a caller who may decide it.</summary>
    public IEnumerable<WorkflowAction> Actions(string step, string href, Func<string, string> outcomeName) =>
        Outcomes.Select(o => new WorkflowAction("decide", outcomeName(o.Outcome), "POST", href, step, o.Outcome, o.CommentRequired, o.DecisionRequired, VotesAllowed));
}
