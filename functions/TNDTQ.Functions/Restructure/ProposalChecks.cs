using Microsoft.Extensions.Configuration;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>
/// What a leader or deputy candidate must meet (settings <c>Restructure__Candidates__…</c>).
/// Mandatory criteria block submission.
/// </summary>
public sealed record CandidateCriteria(int MinAge = 25, int MaxAge = 75, int MinYearsOfResidence = 2, bool RequireLivesInArea = true, bool RequireEndorsement = true)
{
    public static CandidateCriteria From(IConfiguration c)
    {
        var d = new CandidateCriteria();
        var s = c.GetSection("Restructure:Candidates");
        return new CandidateCriteria(s.GetValue("MinAge", d.MinAge), s.GetValue("MaxAge", d.MaxAge), s.GetValue("MinYearsOfResidence", d.MinYearsOfResidence),
            s.GetValue("RequireLivesInArea", d.RequireLivesInArea), s.GetValue("RequireEndorsement", d.RequireEndorsement));
    }

    public IEnumerable<string> Failures(Candidate c, int year)
    {
        if (c.BirthYear is not { } born) yield return RestructureTexts.CandidateBirthYearMissing(c.FullName);
        else if (year - born < MinAge || year - born > MaxAge) yield return RestructureTexts.CandidateAge(c.FullName, MinAge, MaxAge);
        if (RequireLivesInArea && !c.LivesInArea) yield return RestructureTexts.CandidateNotInArea(c.FullName);
        if (c.YearsOfResidence < MinYearsOfResidence) yield return RestructureTexts.CandidateResidence(c.FullName, MinYearsOfResidence);
        if (RequireEndorsement && !c.EndorsedByResidents && !c.EndorsedByFrontCommittee) yield return RestructureTexts.CandidateNotEndorsed(c.FullName);
    }
}

/// <summary>
/// Checks a proposal against the register as it will be when applied (the changes are applied,
/// in order, to a copy of today's register and the register's rules run on the result) and its
/// leadership candidates against the criteria.
/// </summary>
public static class ProposalChecks
{
    public static Dictionary<string, string[]> Validate(Proposal proposal, WardState current, RegisterOptions options, CandidateCriteria criteria, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message) { if (!errors.TryGetValue(key, out var l)) errors[key] = l = []; l.Add(message); }
        if (string.IsNullOrWhiteSpace(proposal.Title)) Add("title", RestructureTexts.ProposalTitleRequired);

        var next = current.Clone();
        var n = 0;
        foreach (var (change, i) in proposal.Changes.Select((c, i) => (c, i)))
        {
            var key = $"changes[{i}]";
            try { StructuralChanges.Apply(next, change.Change, new Decision("dự thảo", today), () => $"new{++n}"); }
            catch (ProblemException e) { Add(key, e.Detail ?? e.Title); continue; }
            foreach (var person in Leadership(change.Change, current))
            {
                var candidate = change.Candidates?.FirstOrDefault(c => (person.MemberId is not null && c.MemberId == person.MemberId) ||
                    VietnameseText.Fold(c.FullName) == VietnameseText.Fold(person.FullName));
                if (candidate is null) { Add(key, RestructureTexts.CandidateMissing(person.FullName)); continue; }
                foreach (var failure in criteria.Failures(candidate, today.Year)) Add(key, failure);
            }
        }
        var changedGroups = next.Groups.Keys.Where(id => !Equals(current.Groups.GetValueOrDefault(id), next.Groups[id]));
        var changedMembers = next.Members.Keys.Where(id => !Equals(current.Members.GetValueOrDefault(id), next.Members[id]));
        foreach (var (k, messages) in RegisterRules.Validate(next, changedGroups, changedMembers, options, today))
            foreach (var m in messages) Add("register", m);
        return errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray());
    }

    /// <summary>The people a change makes leader or deputy, with the names the candidates are matched by.</summary>
    static IEnumerable<(string? MemberId, string FullName)> Leadership(StructuralChange change, WardState state)
    {
        (string?, string) Of(PersonSpec p) => (p.MemberId, p.MemberId is { } id && state.Members.TryGetValue(id, out var m) ? m.FullName : p.FullName ?? "");
        (string?, string) OfId(string id) => (id, state.Members.TryGetValue(id, out var m) ? m.FullName : id);
        return change switch
        {
            EstablishGroup e => e.Deputies.Prepend(e.Leader).Select(Of),
            ConsolidateGroup c => (c.Deputies ?? []).Concat(c.Leader is null ? [] : [c.Leader]).Select(Of),
            MergeGroups m => (m.Deputies ?? []).Concat(m.Leader is null ? [] : [m.Leader]).Select(Of),
            SplitGroup s => s.Parts.SelectMany(p => p.DeputyMemberIds.Prepend(p.LeaderMemberId)).Select(OfId),
            _ => [],
        };
    }
}
