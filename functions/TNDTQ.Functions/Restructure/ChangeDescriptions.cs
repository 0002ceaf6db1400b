using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>
/// One change of a proposal in words, as every reader sees it (the pages, the tờ trình's table, the quyết định's annex):
/// its kind, the group(s) before → after with members and households, the people who come in, leave or change role (the
/// candidates with their criteria), and the reason. <see cref="Lines"/> is the whole, first the summary.
/// </summary>
public sealed record ChangeDescription(string Kind, string KindName, string Summary, string Groups, string Figures, IReadOnlyList<string> People,
    string? Reason, IReadOnlyList<string> Lines);

/// <summary>
/// The one renderer of what a change does: a pure function of the proposed changes and the register's state before them.
/// The changes are applied in order to a copy of the state (as the register will apply them), each described against the
/// state the ones before it leave; a change that cannot be applied is still described from what it names, with the reason.
/// </summary>
public static class ChangeDescriptions
{
    public static IReadOnlyList<ChangeDescription> Describe(IReadOnlyList<ProposedChange> changes, WardState current)
    {
        var state = current.Clone();
        var n = 0;
        var list = new List<ChangeDescription>();
        foreach (var change in changes)
        {
            var next = state.Clone();
            string? failure = null;
            try { StructuralChanges.Apply(next, change.Change, new Decision("", new DateOnly(2000, 1, 1)), () => $"new-{++n}"); }
            catch (Exception e) when (e is ProblemException or KeyNotFoundException or NotSupportedException)
            {
                failure = e is ProblemException p ? p.Detail ?? p.Title : e.Message;
                next = state.Clone();
            }
            list.Add(Describe(change, state, next, failure));
            state = next;
        }
        return list;
    }

    static ChangeDescription Describe(ProposedChange proposed, WardState before, WardState after, string? failure)
    {
        var people = new List<string>();
        string summary, groups, figures;
        string Name(string groupId) => before.Groups.GetValueOrDefault(groupId)?.Name ?? after.Groups.GetValueOrDefault(groupId)?.Name ?? groupId;
        string FiguresOf(WardState s, string groupId) => RestructureDocumentTexts.Figures(s.ActiveMembersOf(groupId).Count(),
            s.Groups.GetValueOrDefault(groupId)?.Households ?? 0);
        string Described(WardState s, string groupId) => $"{Name(groupId)} ({FiguresOf(s, groupId)})";
        var kind = proposed.Change switch
        {
            EstablishGroup => "establish",
            ConsolidateGroup => "consolidate",
            MergeGroups => "merge",
            SplitGroup => "split",
            _ => "dissolve",
        };
        var created = after.Groups.Keys.Where(id => !before.Groups.ContainsKey(id)).ToList();
        switch (proposed.Change)
        {
            case EstablishGroup e:
                var name = VietnameseText.Tidy(e.Name);
                var id = created.FirstOrDefault();
                figures = id is null ? RestructureDocumentTexts.Figures(1 + e.Deputies.Count + e.Members.Count, e.Households) : FiguresOf(after, id);
                groups = RestructureDocumentTexts.NewGroup(name, e.Area);
                summary = RestructureDocumentTexts.Establish(groups, figures);
                if (id is not null) Leadership(id, before, after, proposed, people, name);
                else people.Add(RestructureDocumentTexts.LeaderOf(name, "", Person(e.Leader, before), Criteria(proposed, null, e.Leader.FullName)));
                var joined = id is null ? [] : after.ActiveMembersOf(id).Where(m => m.Role == MemberRole.Member).Select(m => m.FullName).ToList();
                if (joined.Count > 0) people.Add(RestructureDocumentTexts.MembersJoin(name, joined));
                break;

            case ConsolidateGroup c:
                groups = Name(c.GroupId);
                figures = $"{FiguresOf(before, c.GroupId)} → {FiguresOf(after, c.GroupId)}";
                summary = RestructureDocumentTexts.Consolidate(groups, figures);
                Leadership(c.GroupId, before, after, proposed, people, groups);
                Movements(c.GroupId, before, after, people);
                break;

            case MergeGroups m:
                var sources = m.SourceGroupIds.Where(s => s != m.TargetGroupId).Distinct().ToList();
                groups = $"{string.Join(", ", sources.Select(s => Described(before, s)))} → {Name(m.TargetGroupId)}";
                figures = $"{FiguresOf(before, m.TargetGroupId)} → {FiguresOf(after, m.TargetGroupId)}";
                summary = RestructureDocumentTexts.Merge(sources.Select(s => Described(before, s)).ToList(), Name(m.TargetGroupId), FiguresOf(after, m.TargetGroupId));
                Leadership(m.TargetGroupId, before, after, proposed, people, Name(m.TargetGroupId));
                foreach (var s in sources)
                    foreach (var led in before.ActiveMembersOf(s).Where(x => x.Role != MemberRole.Member).OrderBy(x => x.Role))
                        if (after.Members.GetValueOrDefault(led.Id) is { IsActive: true } now && now.Role == MemberRole.Member)
                            people.Add(RestructureDocumentTexts.Stepped(led.FullName, led.Role, Name(s), Name(m.TargetGroupId)));
                break;

            case SplitGroup sp:
                groups = $"{Described(before, sp.GroupId)} → {string.Join(", ", created.Select(x => Described(after, x)))}";
                figures = $"{FiguresOf(before, sp.GroupId)} → {string.Join("; ", created.Select(x => $"{Name(x)}: {FiguresOf(after, x)}"))}";
                summary = RestructureDocumentTexts.Split(Described(before, sp.GroupId),
                    created.Count > 0 ? created.Select(x => Described(after, x)).ToList() : sp.Parts.Select(p => RestructureDocumentTexts.NewGroup(p.Name, p.Area)).ToList());
                foreach (var part in created) Leadership(part, before, after, proposed, people, Name(part));
                break;

            case DissolveGroup d:
                groups = Described(before, d.GroupId);
                figures = $"{FiguresOf(before, d.GroupId)} → {RestructureDocumentTexts.Figures(0, 0)}";
                summary = RestructureDocumentTexts.Dissolve(groups);
                var left = before.ActiveMembersOf(d.GroupId).OrderBy(x => x.Role).ThenBy(x => x.FullName, StringComparer.Ordinal)
                    .Select(x => RestructureDocumentTexts.WithRole(x.FullName, x.Role)).ToList();
                if (left.Count > 0) people.Add(RestructureDocumentTexts.MembersLeave(groups.Split(" (")[0], left));
                break;

            default:
                throw new NotSupportedException(proposed.Change.GetType().Name);
        }
        var reason = proposed.Reason ?? (proposed.Change as DissolveGroup)?.Reason;
        var lines = new List<string> { summary };
        lines.AddRange(people);
        if (!string.IsNullOrWhiteSpace(reason)) lines.Add(RestructureDocumentTexts.Reason(reason));
        if (failure is not null) lines.Add(RestructureDocumentTexts.NotApplicable(failure));
        return new ChangeDescription(kind, RestructureDocumentTexts.KindName(kind), summary, groups, figures, people, reason, lines);
    }

    /// <summary>The group's leader and deputies before → after; a newly chosen one with the candidate's criteria.</summary>
    static void Leadership(string groupId, WardState before, WardState after, ProposedChange proposed, List<string> people, string groupName)
    {
        List<Member> Holding(WardState s, MemberRole role) => s.ActiveMembersOf(groupId).Where(m => m.Role == role).OrderBy(m => m.FullName, StringComparer.Ordinal).ToList();
        var leaderBefore = Holding(before, MemberRole.Leader).FirstOrDefault();
        var leaderAfter = Holding(after, MemberRole.Leader).FirstOrDefault();
        if (leaderAfter is not null && leaderAfter.Id != leaderBefore?.Id)
            people.Add(RestructureDocumentTexts.LeaderOf(groupName, leaderBefore?.FullName ?? "", Person(leaderAfter), Criteria(proposed, leaderAfter.Id, leaderAfter.FullName)));
        var deputiesBefore = Holding(before, MemberRole.Deputy);
        var deputiesAfter = Holding(after, MemberRole.Deputy);
        if (!deputiesBefore.Select(m => m.Id).SequenceEqual(deputiesAfter.Select(m => m.Id)))
            people.Add(RestructureDocumentTexts.DeputiesOf(groupName, deputiesBefore.Select(m => m.FullName).ToList(),
                deputiesAfter.Select(m => deputiesBefore.Any(b => b.Id == m.Id) ? m.FullName : $"{Person(m)}{Criteria(proposed, m.Id, m.FullName)}").ToList()));
    }

    /// <summary>Ordinary members who join or leave the group (leaders and deputies are said by <see cref="Leadership"/>).</summary>
    static void Movements(string groupId, WardState before, WardState after, List<string> people)
    {
        var was = before.ActiveMembersOf(groupId).ToDictionary(m => m.Id);
        var now = after.ActiveMembersOf(groupId).ToDictionary(m => m.Id);
        var name = before.Groups.GetValueOrDefault(groupId)?.Name ?? groupId;
        var joined = now.Values.Where(m => !was.ContainsKey(m.Id) && m.Role == MemberRole.Member).Select(m => m.FullName).Order(StringComparer.Ordinal).ToList();
        var left = was.Values.Where(m => !now.ContainsKey(m.Id)).Select(m => RestructureDocumentTexts.WithRole(m.FullName, m.Role)).Order(StringComparer.Ordinal).ToList();
        if (joined.Count > 0) people.Add(RestructureDocumentTexts.MembersJoin(name, joined));
        if (left.Count > 0) people.Add(RestructureDocumentTexts.MembersLeave(name, left));
    }

    static string Person(Member m) => RestructureDocumentTexts.Person(m.FullName, m.BirthYear);

    static string Person(PersonSpec p, WardState state) => p.MemberId is { } id && state.Members.TryGetValue(id, out var m)
        ? Person(m) : RestructureDocumentTexts.Person(p.FullName ?? "", p.BirthYear);

    /// <summary>The candidate record of the person (matched by member id, else by name), in words; "" when the proposal has none.</summary>
    static string Criteria(ProposedChange proposed, string? memberId, string? fullName)
    {
        var c = proposed.Candidates?.FirstOrDefault(c => (memberId is not null && c.MemberId == memberId)
            || (fullName is not null && VietnameseText.Fold(c.FullName) == VietnameseText.Fold(fullName)));
        return c is null ? "" : RestructureDocumentTexts.Criteria(c);
    }
}
