using Tndtq.Shared;

namespace Tndtq.Commendations;

public enum NomineeType { Individual, Collective }

/// <summary>
/// A form of award in the catalogue, with the authority that decides it and how its documents are signed.
/// <see cref="IssuingBodyParent"/> is the superior body shown above the issuing body (blank for a People's Committee);
/// <see cref="SignerTitle"/> is the signer's own title: a deputy's ("PHÓ CHỦ TỊCH") signs on the head's behalf,
/// "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH" (<see cref="CommendationTexts.SignatureTitle"/>).
/// </summary>
public sealed record AwardForm([Id] string Id, [Text(Limits.Title)] string Name, Role DecidedBy, [Text(Limits.Title)] string IssuingBodyParent,
    [Text(Limits.Title)] string IssuingBody, [Text(Limits.Title)] string SignerAuthority, [Text(Limits.Name)] string SignerTitle, [Text(Limits.Name)] string SignerName,
    [Text(Limits.Name)] string Place);

public sealed record Nominee(NomineeType Type, string GroupId, string? MemberId);

public sealed record NominationDeadlines(double ChairmanDays = 5, double PoliceDays = 10, double CouncilDays = 15, double DecisionDays = 10, double RevisionDays = 7);

/// <summary>What a nomination's workflow is started with.</summary>
public sealed record NominationInput(string Id, string WardId, string WardName, Nominee Nominee, string NomineeName, string GroupName, AwardForm Award,
    string Period, string Achievements, string? Campaign, Role NominatedBy, string NominatedById, string NominatedByName, DateTimeOffset CreatedAt,
    NominationDeadlines Deadlines, IReadOnlyList<TimeSpan> RemindBefore);

public sealed record Eligibility(bool Eligible, IReadOnlyList<string> Failures);

public sealed record GeneratedDocument(string Kind, string Format, string BlobName);

/// <summary>How a nomination ended.</summary>
public sealed record NominationOutcome(string Result, string ResultName, string? DecisionNumber, DateOnly? DecisionDate, string? Reason,
    IReadOnlyList<GeneratedDocument> Documents, DateTimeOffset ClosedAt);

/// <summary>An award in a member's or a group's commendation history.</summary>
public sealed record AwardRecord(string NominationId, string AwardFormId, string AwardName, string Period, string DecisionNumber, DateOnly DecisionDate,
    NomineeType NomineeType, string GroupId, string? MemberId, string NomineeName, IReadOnlyList<GeneratedDocument> Documents);

public sealed record DecisionInput(NominationInput Input, string DecisionNumber, DateOnly DecisionDate, string DecidedBy);
public sealed record NominationClose(NominationInput Input, NominationOutcome Outcome);

public static class NominationStep
{
    public const string EligibilityOverride = "eligibility-override";
    public const string Revision = "revision";
    public const string ChairmanEndorsement = "chairman-endorsement";
    public const string PoliceReview = "police-review";
    public const string Council = "council";
    public const string Decision = "decision";
    public const string Generating = "generating";
    public const string Closed = "closed";
}

public static class NominationOutcomes
{
    public const string Override = "override";
    public const string Endorse = "endorse";
    public const string Forward = "forward";
    public const string Return = "return";
    public const string Reject = "reject";
    public const string Recommend = "recommend";
    public const string NotRecommend = "not-recommend";
    public const string Approve = "approve";
    public const string Resubmit = "resubmitted";
    public const string Withdraw = "withdraw";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
}
