using System.Text.Json.Serialization;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>A person proposed for a group: an existing member (by id) or a new one.</summary>
public sealed record PersonSpec([Id] string? MemberId, [Text(Limits.Name)] string? FullName = null, Gender? Gender = null, int? BirthYear = null,
    [Text(Limits.Address)] string? Address = null, [Text(20)] string? Phone = null, [Text(20)] string? CitizenId = null);

/// <summary>
/// A structural change to the register: only ever applied from an approved restructure proposal
/// (thành lập / kiện toàn / sáp nhập / chia tách / giải thể), through <see cref="StructuralChanges"/>.
/// Serialisable as a Durable Functions payload (the "type" property names the kind).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EstablishGroup), "establish")]
[JsonDerivedType(typeof(ConsolidateGroup), "consolidate")]
[JsonDerivedType(typeof(MergeGroups), "merge")]
[JsonDerivedType(typeof(SplitGroup), "split")]
[JsonDerivedType(typeof(DissolveGroup), "dissolve")]
public abstract record StructuralChange;

/// <summary>Establish a new group with its leader, deputies and members.</summary>
public sealed record EstablishGroup([Text(Limits.Name)] string Name, [Text(Limits.Area)] string? Area, int Households, PersonSpec Leader,
    [MaxCount(10)] IReadOnlyList<PersonSpec> Deputies, IReadOnlyList<PersonSpec> Members) : StructuralChange;

/// <summary>Consolidate a group: a new leader and/or deputies (null: unchanged), members added and removed.</summary>
public sealed record ConsolidateGroup([Id] string GroupId, PersonSpec? Leader, [MaxCount(10)] IReadOnlyList<PersonSpec>? Deputies,
    IReadOnlyList<PersonSpec>? AddMembers, [Id] IReadOnlyList<string>? RemoveMemberIds) : StructuralChange;

/// <summary>Merge groups into one of them (target keeps its leadership unless given).</summary>
public sealed record MergeGroups([Id, MaxCount(20)] IReadOnlyList<string> SourceGroupIds, [Id] string TargetGroupId, int? Households, PersonSpec? Leader,
    [MaxCount(10)] IReadOnlyList<PersonSpec>? Deputies) : StructuralChange;

/// <summary>Split a group into new groups; every active member goes to exactly one part.</summary>
public sealed record SplitGroup([Id] string GroupId, [MaxCount(10)] IReadOnlyList<SplitPart> Parts) : StructuralChange;

public sealed record SplitPart([Text(Limits.Name)] string Name, [Text(Limits.Area)] string? Area, int Households, [Id] string LeaderMemberId,
    [Id, MaxCount(10)] IReadOnlyList<string> DeputyMemberIds, [Id, MaxCount(200)] IReadOnlyList<string> MemberIds);

/// <summary>Dissolve a group; its members leave.</summary>
public sealed record DissolveGroup([Id] string GroupId, [Text(Limits.Comment, MultiLine = true)] string? Reason) : StructuralChange;

/// <summary>The decision that authorises a set of changes; <paramref name="Document"/>: the address of its document, which every group it changes links to.</summary>
public sealed record Decision(string Number, DateOnly Date, string? Document = null);

/// <summary>
/// Applies structural changes to a ward's state, in order, as plain code: the restructure
/// workflow validates a proposal by applying it to the current state ("the register as it will
/// be"), and applies it for real through <see cref="RegisterChanges"/> with the decision's
/// operation id, so an activity that runs twice applies it once.
/// </summary>
public static class StructuralChanges
{
    /// <summary>
    /// What applying <paramref name="changes"/> reads of the register: the groups they name, the name index rows of the
    /// groups they create, the person index rows of the new people they bring, and the members they name by id.
    /// </summary>
    public static ChangeScope Scope(IEnumerable<StructuralChange> changes)
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var members = new HashSet<string>(StringComparer.Ordinal);
        void Person(PersonSpec? p)
        {
            if (p is null) return;
            if (p.MemberId is { } id) { members.Add(id); return; }
            var m = new Member("", "", "", VietnameseText.Tidy(p.FullName), p.Gender, p.BirthYear, p.Address, p.Phone, p.CitizenId, MemberRole.Member, null, MemberStatus.Active);
            foreach (var k in PersonKey.All(m)) keys.Add(RegisterTable.PersonIndexKey(k));
        }
        foreach (var change in changes)
            switch (change)
            {
                case EstablishGroup e:
                    keys.Add(RegisterTable.GroupNameIndexKey(VietnameseText.Tidy(e.Name)));
                    foreach (var p in e.Deputies.Concat(e.Members).Prepend(e.Leader)) Person(p);
                    break;
                case ConsolidateGroup c:
                    groups.Add(c.GroupId);
                    foreach (var p in (c.Deputies ?? []).Concat(c.AddMembers ?? []).Prepend(c.Leader)) Person(p);
                    foreach (var id in c.RemoveMemberIds ?? []) members.Add(id);
                    break;
                case MergeGroups m:
                    groups.UnionWith(m.SourceGroupIds.Append(m.TargetGroupId));
                    foreach (var p in (m.Deputies ?? []).Prepend(m.Leader)) Person(p);
                    break;
                case SplitGroup s:
                    groups.Add(s.GroupId);
                    foreach (var part in s.Parts)
                    {
                        keys.Add(RegisterTable.GroupNameIndexKey(VietnameseText.Tidy(part.Name)));
                        members.UnionWith(part.MemberIds.Append(part.LeaderMemberId).Concat(part.DeputyMemberIds));
                    }
                    break;
                case DissolveGroup d:
                    groups.Add(d.GroupId);
                    break;
            }
        return new ChangeScope(groups, keys, members);
    }

    public static void Apply(WardState next, IEnumerable<StructuralChange> changes, Decision decision, Func<string> newId)
    {
        foreach (var change in changes) Apply(next, change, decision, newId);
    }

    public static void Apply(WardState next, StructuralChange change, Decision decision, Func<string> newId)
    {
        var decisionText = $"{decision.Number} ngày {decision.Date:dd/MM/yyyy}";
        var groupsBefore = new Dictionary<string, Group>(next.Groups);
        var membersBefore = new Dictionary<string, Member>(next.Members);
        ApplyOne(next, change, decision, decisionText, newId);
        // Every group the decision touched (its record or its members) records the decision.
        var touched = next.Groups.Keys.Where(id => !Equals(groupsBefore.GetValueOrDefault(id), next.Groups[id]))
            .Concat(next.Members.Values.Where(m => !Equals(membersBefore.GetValueOrDefault(m.Id), m))
                .SelectMany(m => new[] { m.GroupId, membersBefore.GetValueOrDefault(m.Id)?.GroupId }).OfType<string>())
            .Distinct().ToList();
        foreach (var id in touched) next.Groups[id] = next.Groups[id] with { LastDecision = decisionText, LastDecisionDocument = decision.Document };
    }

    static void ApplyOne(WardState next, StructuralChange change, Decision decision, string decisionText, Func<string> newId)
    {
        switch (change)
        {
            case EstablishGroup e:
                var group = new Group(newId(), next.WardId, VietnameseText.Tidy(e.Name), e.Area, e.Households, GroupStatus.Active, decision.Date, decisionText);
                next.Groups[group.Id] = group;
                Place(next, group.Id, e.Leader, MemberRole.Leader, decision, newId);
                foreach (var d in e.Deputies) Place(next, group.Id, d, MemberRole.Deputy, decision, newId);
                foreach (var m in e.Members) Place(next, group.Id, m, MemberRole.Member, decision, newId);
                break;

            case ConsolidateGroup c:
                RequireActive(next, c.GroupId);
                foreach (var id in c.RemoveMemberIds ?? []) Leave(next, next.RequireMember(c.GroupId, id), decision, decisionText);
                if (c.Leader is not null) { Demote(next, c.GroupId, MemberRole.Leader); Place(next, c.GroupId, c.Leader, MemberRole.Leader, decision, newId); }
                if (c.Deputies is not null) { Demote(next, c.GroupId, MemberRole.Deputy); foreach (var d in c.Deputies) Place(next, c.GroupId, d, MemberRole.Deputy, decision, newId); }
                foreach (var m in c.AddMembers ?? []) Place(next, c.GroupId, m, MemberRole.Member, decision, newId);
                break;

            case MergeGroups m:
                RequireActive(next, m.TargetGroupId);
                foreach (var source in m.SourceGroupIds.Where(id => id != m.TargetGroupId))
                {
                    RequireActive(next, source);
                    foreach (var member in next.ActiveMembersOf(source).ToList())
                        next.Members[member.Id] = member with { GroupId = m.TargetGroupId, Role = MemberRole.Member };
                    next.Groups[source] = next.Groups[source] with { Status = GroupStatus.Merged, ClosedOn = decision.Date, ClosedByDecision = decisionText, SuccessorGroupIds = m.TargetGroupId };
                }
                next.Groups[m.TargetGroupId] = next.Groups[m.TargetGroupId] with
                {
                    Households = m.Households ?? m.SourceGroupIds.Distinct().Sum(id => next.Groups[id].Households) +
                        (m.SourceGroupIds.Contains(m.TargetGroupId) ? 0 : next.Groups[m.TargetGroupId].Households),
                };
                if (m.Leader is not null) { Demote(next, m.TargetGroupId, MemberRole.Leader); Place(next, m.TargetGroupId, m.Leader, MemberRole.Leader, decision, newId); }
                if (m.Deputies is not null) { Demote(next, m.TargetGroupId, MemberRole.Deputy); foreach (var d in m.Deputies) Place(next, m.TargetGroupId, d, MemberRole.Deputy, decision, newId); }
                break;

            case SplitGroup s:
                RequireActive(next, s.GroupId);
                var all = next.ActiveMembersOf(s.GroupId).Select(x => x.Id).ToHashSet();
                var assigned = s.Parts.SelectMany(p => p.MemberIds.Append(p.LeaderMemberId).Concat(p.DeputyMemberIds)).ToList();
                if (assigned.Count != assigned.Distinct().Count() || !all.SetEquals(assigned))
                    throw ProblemException.BadRequest(RegisterTexts.SplitMustAssignEveryMember(next.Groups[s.GroupId].Name), "split-members");
                var partIds = new List<string>();
                foreach (var part in s.Parts)
                {
                    var id = newId();
                    partIds.Add(id);
                    next.Groups[id] = new Group(id, next.WardId, VietnameseText.Tidy(part.Name), part.Area, part.Households, GroupStatus.Active, decision.Date, decisionText);
                    void Move(string memberId, MemberRole role) => next.Members[memberId] = next.Members[memberId] with { GroupId = id, Role = role };
                    Move(part.LeaderMemberId, MemberRole.Leader);
                    foreach (var d in part.DeputyMemberIds) Move(d, MemberRole.Deputy);
                    foreach (var x in part.MemberIds) Move(x, MemberRole.Member);
                }
                next.Groups[s.GroupId] = next.Groups[s.GroupId] with { Status = GroupStatus.Split, ClosedOn = decision.Date, ClosedByDecision = decisionText, SuccessorGroupIds = string.Join(',', partIds) };
                break;

            case DissolveGroup d:
                RequireActive(next, d.GroupId);
                foreach (var member in next.ActiveMembersOf(d.GroupId).ToList()) Leave(next, member, decision, d.Reason ?? decisionText);
                next.Groups[d.GroupId] = next.Groups[d.GroupId] with { Status = GroupStatus.Dissolved, ClosedOn = decision.Date, ClosedByDecision = decisionText };
                break;

            default:
                throw new NotSupportedException(change.GetType().Name);
        }
    }

    static void RequireActive(WardState next, string groupId)
    {
        var group = next.RequireGroup(groupId);
        if (group.Status != GroupStatus.Active) throw ProblemException.Conflict(RegisterTexts.GroupNotActive(group.Name), "group-not-active");
    }

    /// <summary>The current holders of a role become ordinary members (a new leader or deputies follow).</summary>
    static void Demote(WardState next, string groupId, MemberRole role)
    {
        foreach (var m in next.ActiveMembersOf(groupId).Where(m => m.Role == role).ToList()) next.Members[m.Id] = m with { Role = MemberRole.Member };
    }

    /// <summary>Puts a person in a group with a role: an existing member moves (from any group of the ward), a new person joins.</summary>
    static void Place(WardState next, string groupId, PersonSpec person, MemberRole role, Decision decision, Func<string> newId)
    {
        if (person.MemberId is { } id)
        {
            var member = next.Members.GetValueOrDefault(id) ?? throw ProblemException.NotFound(RegisterTexts.MemberNotFound);
            if (!member.IsActive) throw ProblemException.Conflict(RegisterTexts.MemberAlreadyLeft, "member-left");
            next.Members[id] = member with { GroupId = groupId, Role = role, JoinedOn = member.GroupId == groupId ? member.JoinedOn : decision.Date };
            return;
        }
        var created = new Member(newId(), next.WardId, groupId, VietnameseText.Tidy(person.FullName), person.Gender, person.BirthYear,
            person.Address, person.Phone, person.CitizenId, role, decision.Date, MemberStatus.Active);
        next.Members[created.Id] = created;
    }

    static void Leave(WardState next, Member member, Decision decision, string reason) =>
        next.Members[member.Id] = member with { Status = MemberStatus.Left, LeftOn = decision.Date, LeftReason = reason };
}
