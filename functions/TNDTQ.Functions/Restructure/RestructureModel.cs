using System.Text.Json.Serialization;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>The steps of the ward review-and-restructure workflow, in order.</summary>
public static class RestructureStep
{
    public const string Assessment = "assessment";
    public const string Proposal = "proposal";
    public const string ChairmanSignOff = "chairman-sign-off";
    public const string PoliceReview = "police-review";
    public const string LeaderDecision = "leader-decision";
    public const string Applying = "applying";
    public const string Closed = "closed";
}

/// <summary>Deadlines of a cycle: fixed dates for the ward's own steps, days allowed for each review.</summary>
public sealed record CycleDeadlines(DateTimeOffset AssessmentDue, DateTimeOffset ProposalDue, int ChairmanDays = 5, int PoliceDays = 10, int LeaderDays = 10,
    int RevisionDays = 7);

/// <summary>What one ward's workflow is started with.</summary>
public sealed record RestructureInput(string CycleId, string CycleName, string WardId, string WardName, CycleDeadlines Deadlines, IReadOnlyList<TimeSpan> RemindBefore);

public enum Rating { Good, Fair, Average, Weak }
public enum Recommendation { Keep, Consolidate, Merge, Split, Dissolve }

/// <summary>A ward officer's assessment of one active group (đánh giá).</summary>
public sealed record Assessment(string GroupId, string GroupName, Rating Rating, string? Strengths, string? Shortcomings, Recommendation Recommendation,
    string AssessedBy, DateTimeOffset AssessedAt);

/// <summary>A proposed leader or deputy and what the ward knows about them (direction 3: dedicated, reputable, with a voice in the area).</summary>
public sealed record Candidate([Text(Limits.Name)] string FullName, [Id] string? MemberId, int? BirthYear, bool LivesInArea, int YearsOfResidence,
    bool EndorsedByResidents, bool EndorsedByFrontCommittee, [Text(Limits.Comment, MultiLine = true)] string? EndorsementNote);

/// <summary>One change of a proposal, with its reason and the candidates for the leadership it sets.</summary>
public sealed record ProposedChange(StructuralChange Change, [Text(Limits.Comment, MultiLine = true)] string? Reason,
    [MaxCount(20)] IReadOnlyList<Candidate>? Candidates);

public sealed record DocumentRef(string Name, string BlobName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>The proposal (tờ trình) a ward drafts; each submission is kept as a numbered version.</summary>
/// <remarks><see cref="ChangeDescriptions"/> and <see cref="Document"/> are the view's (<see cref="RestructureDocumentService.CompleteAsync"/>), never stored.</remarks>
public sealed record Proposal(string Title, string? Summary, IReadOnlyList<ProposedChange> Changes, IReadOnlyList<DocumentRef> Documents,
    int Version, DateTimeOffset UpdatedAt, string UpdatedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChangeDescription>? ChangeDescriptions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DocumentLinks? Document = null);

/// <summary>
/// A comment or decision in the proposal's trail, per round. <paramref name="DecisionNumber"/> and <paramref name="DecisionDate"/>: the
/// approving body's decision a leader's approval carries (absent on other steps, and on entries written before they were kept, whose
/// view fills them from the generated quyết định).
/// </summary>
public sealed record TrailEntry(DateTimeOffset At, int Round, string Step, string StepName, string Outcome, string OutcomeName, string? Comment, string ActorName,
    int? ProposalVersion = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Document = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DecisionNumber = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DecisionDate = null);

/// <summary>How a cycle ended for a ward.</summary>
public sealed record RestructureOutcome(string Result, string ResultName, string? DecisionNumber, DateOnly? DecisionDate, string? Reason, int Rounds,
    int ChangesApplied, IReadOnlyList<string> Errors, WardCounters? Before, WardCounters? After, DateTimeOffset ClosedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DocumentProblems = null);

/// <summary>
/// The approved version to apply, under the decision and the district leader who took it (<paramref name="DecidedById"/>
/// is absent from inputs scheduled before it was recorded).
/// </summary>
public sealed record ApplyInput(RestructureInput Input, int Version, string DecisionNumber, DateOnly DecisionDate, string DecidedBy, string? DecidedById = null);

public sealed record ApplyResult(bool Applied, int ChangesApplied, IReadOnlyList<string> Errors, WardCounters? Before, WardCounters? After);

public sealed record CloseInput(RestructureInput Input, RestructureOutcome Outcome);

