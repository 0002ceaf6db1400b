using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.Register;

public sealed record WardView(string Id, string Name, string ApprovingUnitId, string ApprovingUnitName, WardCounters? Counters, string ETag) : IVersioned;

public sealed record GroupView(
    string Id, string WardId, string Name, string? Area, int Households, GroupStatus Status, string StatusName,
    DateOnly? EstablishedOn, string? EstablishedByDecision, DateOnly? ClosedOn, string? ClosedByDecision, string? SuccessorGroupIds, string? LastDecision,
    MemberRef? Leader, IReadOnlyList<MemberRef> Deputies, int ActiveMembers, string ETag, string? LastDecisionDocument = null) : IVersioned
{
    public static GroupView From(Group g, GroupSummary s, string etag) => new(g.Id, g.WardId, g.Name, g.Area, g.Households, g.Status,
        RegisterTexts.GroupStatusName(g.Status), g.EstablishedOn, g.EstablishedByDecision, g.ClosedOn, g.ClosedByDecision, g.SuccessorGroupIds, g.LastDecision,
        s.Leader, s.Deputies, s.ActiveMembers, etag, g.LastDecisionDocument);
}

public sealed record MemberView(
    string Id, string WardId, string GroupId, string FullName, Gender? Gender, string? GenderName, int? BirthYear, string? Address,
    string? Phone, string? CitizenId, MemberRole Role, string RoleName, DateOnly? JoinedOn, MemberStatus Status, string StatusName,
    DateOnly? LeftOn, string? LeftReason, string ETag) : IVersioned
{
    public static MemberView From(Member m, string etag) => new(m.Id, m.WardId, m.GroupId, m.FullName, m.Gender,
        m.Gender is { } g ? RegisterTexts.GenderName(g) : null, m.BirthYear, m.Address, m.Phone, m.CitizenId, m.Role, RegisterTexts.RoleName(m.Role),
        m.JoinedOn, m.Status, RegisterTexts.MemberStatusName(m.Status), m.LeftOn, m.LeftReason, etag);

    public static MemberView From(TableEntity e) => From(JsonTable.Read<Member>(e), e.ETag.ToString());
}

/// <summary>A member who attended a training on <paramref name="Date"/> (the group they were in then).</summary>
public sealed record TrainingDate(string GroupId, string MemberId, DateOnly Date);

public sealed record SearchHit(string MemberId, string WardId, string GroupId, string GroupName, string FullName, MemberRole Role, string RoleName,
    MemberStatus Status, string StatusName, int? BirthYear);

public sealed record GroupHistoryView(DateTimeOffset ValidFrom, string? ChangedBy, GroupView Group, IReadOnlyList<SnapshotMember> Members)
{
    public static GroupHistoryView From(GroupSnapshot s)
    {
        var summary = new GroupSummary(s.Leader is { } l ? new MemberRef(l.Id, l.FullName) : null,
            s.Deputies.Select(d => new MemberRef(d.Id, d.FullName)).ToList(), s.Members.Count);
        return new GroupHistoryView(s.ValidFrom, s.ChangedBy, GroupView.From(s.Group, summary, ""), s.Members);
    }
}

// ---- request bodies ----------------------------------------------------------------------------

/// <summary>PATCH of a group's details (only the fields sent change). Status and leadership are not here: they change by proposal.</summary>
public sealed record UpdateGroupBody([Text(Limits.Name)] string? Name, [Text(Limits.Area)] string? Area, int? Households, DateOnly? EstablishedOn,
    [Text(Limits.Title)] string? EstablishedByDecision);

/// <summary>A resident joining a group as an ordinary member.</summary>
public sealed record AddMemberBody([Text(Limits.Name)] string? FullName, Gender? Gender, int? BirthYear, [Text(Limits.Address)] string? Address,
    [Text(20)] string? Phone, [Text(20)] string? CitizenId,
    MemberRole? Role, DateOnly? JoinedOn);

/// <summary>PATCH of a member's personal details (only the fields sent change). A role change to or from leader/deputy is refused.</summary>
public sealed record UpdateMemberBody([Text(Limits.Name)] string? FullName, Gender? Gender, int? BirthYear, [Text(Limits.Address)] string? Address,
    [Text(20)] string? Phone, [Text(20)] string? CitizenId,
    MemberRole? Role, DateOnly? JoinedOn);

public sealed record MemberLeavesBody(DateOnly? LeftOn, [Text(Limits.Comment, MultiLine = true)] string? Reason);

public sealed record SaveWardBody([Id] string? Id, [Text(Limits.Name)] string? Name, [Id] string? ApprovingUnitId, [Text(Limits.Name)] string? ApprovingUnitName);
