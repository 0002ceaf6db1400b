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
    string? LastDecision = null);

/// <summary>A person's membership of a group. A person is identified by citizen id when known, else name + birth year + address.</summary>
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
    string? LeftReason = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsActive => Status == MemberStatus.Active;
}

/// <summary>Per-ward figures for dashboards, kept up to date with every change.</summary>
public sealed record WardCounters(
    int ActiveGroups, int MergedGroups, int SplitGroups, int DissolvedGroups,
    int ActiveMembers, int Leaders, int Deputies, int Households)
{
    public static readonly WardCounters Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static WardCounters operator +(WardCounters a, WardCounters b) => new(a.ActiveGroups + b.ActiveGroups, a.MergedGroups + b.MergedGroups,
        a.SplitGroups + b.SplitGroups, a.DissolvedGroups + b.DissolvedGroups, a.ActiveMembers + b.ActiveMembers, a.Leaders + b.Leaders,
        a.Deputies + b.Deputies, a.Households + b.Households);

    public static WardCounters operator -(WardCounters a, WardCounters b) => a + new WardCounters(-b.ActiveGroups, -b.MergedGroups,
        -b.SplitGroups, -b.DissolvedGroups, -b.ActiveMembers, -b.Leaders, -b.Deputies, -b.Households);

    public static WardCounters Recount(IEnumerable<Group> groups, IEnumerable<Member> members)
    {
        var g = groups.ToList();
        var active = members.Where(m => m.IsActive).ToList();
        return new WardCounters(
            g.Count(x => x.Status == GroupStatus.Active), g.Count(x => x.Status == GroupStatus.Merged),
            g.Count(x => x.Status == GroupStatus.Split), g.Count(x => x.Status == GroupStatus.Dissolved),
            active.Count, active.Count(m => m.Role == MemberRole.Leader), active.Count(m => m.Role == MemberRole.Deputy),
            g.Where(x => x.Status == GroupStatus.Active).Sum(x => x.Households));
    }
}

/// <summary>Who made a change (for the audit log).</summary>
public sealed record Actor(string ObjectId, string DisplayName)
{
    public static Actor Of(Identity.Caller caller) => new(caller.ObjectId, caller.DisplayName);
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
