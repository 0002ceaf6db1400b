using Tndtq.Shared;

namespace Tndtq.Register;

public enum GroupStatus { Active, Merged, Split, Dissolved }
public enum MemberRole { Leader, Deputy, Member }
public enum MemberStatus { Active, Left }
public enum Gender { Male, Female }

/// <summary>A ward (phường): data, not code. <see cref="ApprovingUnitId"/> is the level that approves (the district).</summary>
public sealed record Ward(string Id, string Name, string ApprovingUnitId, string ApprovingUnitName);

/// <summary>A self-management group (Tổ NDTQ). Leader and deputies are members with those roles.</summary>
public sealed record Group(
    string Id,
    string WardId,
    string Name,
    string? Area,
    int Households,
    GroupStatus Status,
    DateOnly? EstablishedOn,
    string? EstablishedByDecision,
    DateOnly? ClosedOn = null,
    string? ClosedByDecision = null,
    string? SuccessorGroupIds = null,
    string? LastDecision = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? LastDecisionDocument = null);

/// <summary>
/// A person's membership of a group. A person is identified by citizen id when known, else name + birth year + address.
/// <paramref name="LastTrainedOn"/>: the date of the last training session they attended (written by attendance through
/// <see cref="RegisterService.RecordTrainingAsync"/>, never by an edit), so the counters can keep who of the leaders and deputies is trained.
/// </summary>
public sealed record Member(
    string Id,
    string WardId,
    string GroupId,
    string FullName,
    Gender? Gender,
    int? BirthYear,
    string? Address,
    string? Phone,
    string? CitizenId,
    MemberRole Role,
    DateOnly? JoinedOn,
    MemberStatus Status,
    DateOnly? LeftOn = null,
    string? LeftReason = null,
    DateOnly? LastTrainedOn = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsActive => Status == MemberStatus.Active;
}

/// <summary>
/// Per-ward figures for dashboards, kept up to date with every change. <paramref name="LeadersByLastTraining"/>: the active
/// leaders and deputies who were ever trained, counted by the date of their last training (a small map, one entry per session
/// date; null when empty), so "trained within N months" is a sum over the dates, whatever the size of the register. Left out of
/// the JSON when null: workflows return counters in their outcome, and an outcome recorded before the map existed must replay to
/// the same JSON.
/// </summary>
public sealed record WardCounters(
    int ActiveGroups, int MergedGroups, int SplitGroups, int DissolvedGroups,
    int ActiveMembers, int Leaders, int Deputies, int Households,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<DateOnly, int>? LeadersByLastTraining = null)
{
    public static readonly WardCounters Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static WardCounters operator +(WardCounters a, WardCounters b) => new(a.ActiveGroups + b.ActiveGroups, a.MergedGroups + b.MergedGroups,
        a.SplitGroups + b.SplitGroups, a.DissolvedGroups + b.DissolvedGroups, a.ActiveMembers + b.ActiveMembers, a.Leaders + b.Leaders,
        a.Deputies + b.Deputies, a.Households + b.Households, Add(a.LeadersByLastTraining, b.LeadersByLastTraining, 1));

    public static WardCounters operator -(WardCounters a, WardCounters b) => new(a.ActiveGroups - b.ActiveGroups, a.MergedGroups - b.MergedGroups,
        a.SplitGroups - b.SplitGroups, a.DissolvedGroups - b.DissolvedGroups, a.ActiveMembers - b.ActiveMembers, a.Leaders - b.Leaders,
        a.Deputies - b.Deputies, a.Households - b.Households, Add(a.LeadersByLastTraining, b.LeadersByLastTraining, -1));

    /// <summary>The leaders and deputies whose last training is on or after <paramref name="since"/>.</summary>
    public int TrainedSince(DateOnly since) => LeadersByLastTraining?.Where(x => x.Key >= since).Sum(x => x.Value) ?? 0;

    /// <summary>a + sign × b by date, without the dates that come to zero; null when none is left.</summary>
    static IReadOnlyDictionary<DateOnly, int>? Add(IReadOnlyDictionary<DateOnly, int>? a, IReadOnlyDictionary<DateOnly, int>? b, int sign)
    {
        if (b is null or { Count: 0 }) return a is { Count: > 0 } ? a : null;
        var sum = new SortedDictionary<DateOnly, int>();
        foreach (var (date, n) in a ?? new Dictionary<DateOnly, int>()) sum[date] = n;
        foreach (var (date, n) in b) sum[date] = sum.GetValueOrDefault(date) + sign * n;
        var kept = sum.Where(x => x.Value != 0).ToDictionary(x => x.Key, x => x.Value);
        return kept.Count == 0 ? null : kept;
    }

    /// <summary>Equal figures: the map compared by its entries (null and empty alike).</summary>
    public bool Equals(WardCounters? o) => o is not null && (ActiveGroups, MergedGroups, SplitGroups, DissolvedGroups, ActiveMembers, Leaders, Deputies, Households)
        == (o.ActiveGroups, o.MergedGroups, o.SplitGroups, o.DissolvedGroups, o.ActiveMembers, o.Leaders, o.Deputies, o.Households)
        && (LeadersByLastTraining?.Count ?? 0) == (o.LeadersByLastTraining?.Count ?? 0)
        && (LeadersByLastTraining ?? new Dictionary<DateOnly, int>()).All(x => o.LeadersByLastTraining!.TryGetValue(x.Key, out var n) && n == x.Value);

    public override int GetHashCode() => HashCode.Combine(ActiveGroups, ActiveMembers, Leaders, Deputies, Households, LeadersByLastTraining?.Count ?? 0);

    public static WardCounters Recount(IEnumerable<Group> groups, IEnumerable<Member> members)
    {
        var g = groups.ToList();
        var active = members.Where(m => m.IsActive).ToList();
        var trained = active.Where(m => m.Role is MemberRole.Leader or MemberRole.Deputy && m.LastTrainedOn is not null)
            .GroupBy(m => m.LastTrainedOn!.Value).OrderBy(x => x.Key).ToDictionary(x => x.Key, x => x.Count());
        return new WardCounters(
            g.Count(x => x.Status == GroupStatus.Active), g.Count(x => x.Status == GroupStatus.Merged),
            g.Count(x => x.Status == GroupStatus.Split), g.Count(x => x.Status == GroupStatus.Dissolved),
            active.Count, active.Count(m => m.Role == MemberRole.Leader), active.Count(m => m.Role == MemberRole.Deputy),
            g.Where(x => x.Status == GroupStatus.Active).Sum(x => x.Households), trained.Count == 0 ? null : trained);
    }
}

/// <summary>Who made a change (for the audit log).</summary>
public sealed record Actor(string ObjectId, string DisplayName)
{
    public static Actor Of(Caller caller) => new(caller.ObjectId, caller.DisplayName);
    public static readonly Actor System = new("system", "Hệ thống");
}

/// <summary>A group as it was at some moment: what history answers ("who led it, how many households").</summary>
public sealed record GroupSnapshot(Group Group, IReadOnlyList<SnapshotMember> Members, DateTimeOffset ValidFrom, string? ChangedBy)
{
    public SnapshotMember? Leader => Members.FirstOrDefault(m => m.Role == MemberRole.Leader);
    public IEnumerable<SnapshotMember> Deputies => Members.Where(m => m.Role == MemberRole.Deputy);
}

public sealed record SnapshotMember(string Id, string FullName, MemberRole Role);

public sealed record MemberRef(string Id, string FullName);

/// <summary>Who leads a group and how many active members it has: kept beside the group for lists.</summary>
public sealed record GroupSummary(MemberRef? Leader, IReadOnlyList<MemberRef> Deputies, int ActiveMembers)
{
    public static readonly GroupSummary Empty = new(null, [], 0);

    public static GroupSummary Of(WardState state, string groupId)
    {
        var active = state.ActiveMembersOf(groupId).OrderBy(m => m.FullName, StringComparer.Ordinal).ToList();
        var leader = active.FirstOrDefault(m => m.Role == MemberRole.Leader);
        return new GroupSummary(leader is null ? null : new MemberRef(leader.Id, leader.FullName),
            active.Where(m => m.Role == MemberRole.Deputy).Select(m => new MemberRef(m.Id, m.FullName)).ToList(), active.Count);
    }
}
