using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Support;

/// <summary>What a round gives: funding support for the groups' activities, or holiday care (Lễ, Tết).</summary>
public static class SupportKind
{
    public const string Funding = "funding";
    public const string HolidayCare = "holiday-care";
    public static readonly string[] All = [Funding, HolidayCare];
}

/// <summary>The type of a non-budget fund source. The state budget is not one of them: the seed's conclusion rules it out.</summary>
public static class FundType
{
    public const string Sponsor = "sponsor";
    public const string Fund = "fund";
    public const string Voluntary = "voluntary";
    public const string Other = "other";
    public static readonly string[] All = [Sponsor, Fund, Voluntary, Other];
}

/// <summary>Who receives: a group (Tổ) or a person of the register (a leader, deputy or member).</summary>
public static class BeneficiaryType
{
    public const string Group = "group";
    public const string Member = "member";
}

/// <summary>Where a round is, in the order it happens.</summary>
public static class SupportStatus
{
    public const string Draft = "draft";
    public const string Pending = "pending";       // waiting for the ward chairman
    public const string Returned = "returned";     // back with the ward officer to revise
    public const string Approved = "approved";
    public const string Disbursed = "disbursed";   // the signed receipt list is uploaded
    public const string Withdrawn = "withdrawn";
    public static bool Counts(string status) => status is Approved or Disbursed;
    public static readonly IReadOnlyList<string> All = [Draft, Pending, Returned, Approved, Disbursed, Withdrawn];
}

/// <summary>The steps of a round's workflow and the outcomes people choose.</summary>
public static class SupportStep
{
    public const string ChairmanApproval = "chairman-approval";
    public const string Revision = "revision";
    public const string Closed = "closed";
    public const string Approve = "approve";
    public const string Return = "return";
    public const string Resubmit = "resubmit";
    public const string Withdraw = "withdraw";
}

/// <summary>A named non-budget source: "Công ty TNHH Minh Phát" (sponsor), "Quỹ vì người nghèo phường" (fund)…</summary>
public sealed record FundSource(string Name, string Type);

/// <summary>One beneficiary of a round, with names copied from the register when the round was saved.</summary>
public sealed record Beneficiary(string Type, string Id, string Name, string GroupId, string GroupName, string? RoleName, string? Address, long? Amount, string? Gift);

/// <summary>The signed receipt list as uploaded (PDF or a photo).</summary>
public sealed record SignedList(string Name, string BlobName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>One step of a round's history: who did what, when, with what comment.</summary>
public sealed record SupportTrailEntry(DateTimeOffset At, string StepId, string Step, string StepName, string Outcome, string OutcomeName, string? Comment, string ActorName);

/// <summary>
/// A support round (đợt hỗ trợ / thăm hỏi) of one ward. <see cref="Version"/> grows with every change; the ETag is made of it.
/// <see cref="Year"/> is the Vietnam year of its approval: the year the ward's figures count it in.
/// </summary>
public sealed record SupportRound(
    string Id, string WardId, string WardName, string Kind, string Name, FundSource Fund, IReadOnlyList<Beneficiary> Beneficiaries, string? Note,
    string Status, int Version, DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset UpdatedAt, string UpdatedByName,
    IReadOnlyList<SupportTrailEntry> Trail, DateTimeOffset? SubmittedAt = null, DateTimeOffset? ApprovedAt = null, string? ApprovedByName = null,
    string? LastComment = null, SignedList? Signed = null, DateTimeOffset? DisbursedAt = null)
{
    public long Total => Beneficiaries.Sum(b => b.Amount ?? 0);
    public int? Year => ApprovedAt is { } at ? VietnamTime.ToVietnam(at).Year : null;
    public string ETag => $"\"v{Version}\"";
}

/// <summary>One year of a ward's support: rounds approved, beneficiaries in them, the amount, by fund type and by kind.</summary>
public sealed record SupportYear(int Rounds, int Beneficiaries, long Amount, IReadOnlyDictionary<string, long> AmountByFundType, IReadOnlyDictionary<string, long> AmountByKind)
{
    public static readonly SupportYear Zero = new(0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>());

    public SupportYear Plus(SupportYear o, int sign) => new(Rounds + sign * o.Rounds, Beneficiaries + sign * o.Beneficiaries, Amount + sign * o.Amount,
        Merge(AmountByFundType, o.AmountByFundType, sign), Merge(AmountByKind, o.AmountByKind, sign));

    static Dictionary<string, long> Merge(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b, int sign)
    {
        var all = new SortedDictionary<string, long>(a.ToDictionary(), StringComparer.Ordinal);
        foreach (var (k, v) in b) all[k] = all.GetValueOrDefault(k) + sign * v;
        return all.Where(x => x.Value != 0).ToDictionary();
    }

    public static SupportYear Of(SupportRound r) => new(1, r.Beneficiaries.Count, r.Total,
        new Dictionary<string, long> { [r.Fund.Type] = r.Total }, new Dictionary<string, long> { [r.Kind] = r.Total });

    public bool IsZero => Rounds == 0 && Beneficiaries == 0 && Amount == 0 && AmountByFundType.Count == 0 && AmountByKind.Count == 0;

    public bool SameAs(SupportYear o) => Rounds == o.Rounds && Beneficiaries == o.Beneficiaries && Amount == o.Amount &&
        AmountByFundType.Count == o.AmountByFundType.Count && AmountByFundType.All(x => o.AmountByFundType.GetValueOrDefault(x.Key) == x.Value) &&
        AmountByKind.Count == o.AmountByKind.Count && AmountByKind.All(x => o.AmountByKind.GetValueOrDefault(x.Key) == x.Value);
}

/// <summary>
/// A ward's support figures per year (row <c>~figures</c> of the ward's partition), written in the same transaction as
/// every change of a round: a round counts from its approval (approved or disbursed) in the year of its approval.
/// </summary>
public sealed record SupportFigures(IReadOnlyDictionary<int, SupportYear> Years)
{
    public static readonly SupportFigures Zero = new(new Dictionary<int, SupportYear>());

    public SupportFigures Move(SupportRound? before, SupportRound after)
    {
        var years = new Dictionary<int, SupportYear>(Years);
        void Add(SupportRound? r, int sign)
        {
            if (r is null || !SupportStatus.Counts(r.Status) || r.Year is not { } y) return;
            years[y] = years.GetValueOrDefault(y, SupportYear.Zero).Plus(SupportYear.Of(r), sign);
        }
        Add(before, -1);
        Add(after, +1);
        return new(years.Where(x => !x.Value.IsZero).ToDictionary());
    }

    public static SupportFigures Recount(IEnumerable<SupportRound> rounds) => rounds.Aggregate(Zero, (f, r) => f.Move(null, r));

    public bool SameAs(SupportFigures o) => Years.Count == o.Years.Count && Years.All(x => o.Years.TryGetValue(x.Key, out var y) && y.SameAs(x.Value));
}

/// <summary>A line of a beneficiary's support history (member or group page of the register).</summary>
public sealed record SupportHistoryEntry(string RoundId, string RoundName, string Kind, string KindName, string FundName, string FundType, string FundTypeName,
    long? Amount, string? Gift, DateOnly ApprovedOn, string Status, string StatusName);

// ---- what the workflow carries ------------------------------------------------------------------

public sealed record SupportDeadlines(double ChairmanDays = 5, double RevisionDays = 7);

/// <summary>What a round's workflow is started with (the round itself stays in the table; the workflow only moves it).</summary>
public sealed record SupportWorkflowInput(string WardId, string RoundId, string RoundName, string WardName, SupportDeadlines Deadlines, IReadOnlyList<TimeSpan> RemindBefore);

/// <summary>A decision to record on the round: its new status and the trail entry.</summary>
public sealed record SupportStepRecord(SupportWorkflowInput Input, string Status, SupportTrailEntry Entry);

public sealed record SupportOutcome(string Status, string StatusName, DateTimeOffset ClosedAt);

// ---- what the API shows -------------------------------------------------------------------------

public sealed record BeneficiaryView(string Type, string Id, string Name, string GroupId, string GroupName, string? RoleName, string? Address, long? Amount, string? Gift);

/// <summary>A round as the API shows it, with its ETag (send it back in If-Match to edit it) and what the caller may do now.</summary>
public sealed record SupportRoundView(
    string Id, string WardId, string WardName, string Kind, string KindName, string Name, FundSource Fund, string FundTypeName,
    IReadOnlyList<BeneficiaryView> Beneficiaries, long Total, string? Note, string Status, string StatusName, string? Step, string? StepName,
    Role? WaitingFor, DateTimeOffset? DueAt, int Version, DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset UpdatedAt, string UpdatedByName,
    DateTimeOffset? SubmittedAt, DateTimeOffset? ApprovedAt, string? ApprovedByName, string? LastComment, SignedList? Signed, DateTimeOffset? DisbursedAt,
    IReadOnlyList<SupportTrailEntry> Trail, IReadOnlyList<WorkflowAction> Actions, string ETag) : IVersioned;

public sealed record SupportRoundListItem(string Id, string Kind, string KindName, string Name, string FundName, string FundTypeName, int Beneficiaries, long Total,
    string Status, string StatusName, DateTimeOffset UpdatedAt, DateTimeOffset? ApprovedAt);

/// <summary>A page of a ward's rounds (<paramref name="ContinuationToken"/>: the next page's, null after the last).</summary>
public sealed record SupportRoundList(string WardId, IReadOnlyList<SupportRoundListItem> Items, WorkflowAction? Create, string? ContinuationToken = null);

/// <summary>A ward's support figures for the pages: each year, with the Vietnamese names of the keys.</summary>
public sealed record SupportSummary(string WardId, int Year, SupportYear ThisYear, IReadOnlyDictionary<int, SupportYear> Years,
    IReadOnlyDictionary<string, string> FundTypeNames, IReadOnlyDictionary<string, string> KindNames);

// ---- request bodies -----------------------------------------------------------------------------

/// <summary>Body of POST /api/wards/{wardId}/support-rounds and PUT …/support-rounds/{roundId} (with If-Match).</summary>
public sealed record SupportRoundBody(
    [Text(30)] string? Kind, [Text(Limits.Title)] string? Name, FundSourceBody? Fund,
    [MaxCount(SupportRules.MaxBeneficiaries)] IReadOnlyList<BeneficiaryBody>? Beneficiaries, [Text(Limits.Comment, MultiLine = true)] string? Note = null);

public sealed record FundSourceBody([Text(Limits.Title)] string? Name, [Text(30)] string? Type);

/// <summary>A beneficiary: a group or a person of the register by id, with an amount in whole đồng and/or a gift.</summary>
public sealed record BeneficiaryBody([Text(20)] string? Type, [Id] string? Id, long? Amount, [Text(Limits.Title)] string? Gift);

/// <summary>Body of POST …/decisions/{step}: the chairman approves or returns (a comment is required to return).</summary>
public sealed record SupportDecisionBody([Text(40)] string? Outcome, [Text(Limits.Comment, MultiLine = true)] string? Comment);

/// <summary>The limits of a round, named once.</summary>
public static class SupportRules
{
    /// <summary>At most this many beneficiaries in one round (a larger one is split into several rounds).</summary>
    public const int MaxBeneficiaries = 200;
    /// <summary>At most 100 million đồng to one beneficiary in one round.</summary>
    public const long MaxAmount = 100_000_000;
}
