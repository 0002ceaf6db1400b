using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>
/// One ward's register in memory: every group and member. Every change — a direct edit, an
/// import, a structural change from an approved proposal — is made to a copy of this state,
/// validated as a whole, then written as the difference (see <see cref="RegisterPlan"/>).
/// A ward is small (hundreds of rows), so this is cheap and leaves one way of changing the register.
/// </summary>
public sealed class WardState
{
    public string WardId { get; }
    public Dictionary<string, Group> Groups { get; }
    public Dictionary<string, Member> Members { get; }

    public WardState(string wardId, IEnumerable<Group> groups, IEnumerable<Member> members)
    {
        WardId = wardId;
        Groups = groups.ToDictionary(g => g.Id);
        Members = members.ToDictionary(m => m.Id);
    }

    public WardState Clone() => new(WardId, Groups.Values, Members.Values);

    public IEnumerable<Member> ActiveMembersOf(string groupId) =>
        Members.Values.Where(m => m.GroupId == groupId && m.IsActive);

    public Group RequireGroup(string groupId) =>
        Groups.GetValueOrDefault(groupId) ?? throw ProblemException.NotFound(RegisterTexts.GroupNotFound);

    public Member RequireMember(string groupId, string memberId) =>
        Members.GetValueOrDefault(memberId) is { } m && m.GroupId == groupId ? m : throw ProblemException.NotFound(RegisterTexts.MemberNotFound);

    public Group? FindActiveGroupByName(string name)
    {
        var folded = VietnameseText.Fold(name);
        return Groups.Values.FirstOrDefault(g => g.Status == GroupStatus.Active && VietnameseText.Fold(g.Name) == folded);
    }

    public Member? FindActiveByPerson(string personKey) =>
        Members.Values.FirstOrDefault(m => m.IsActive && PersonKey.Of(m) == personKey);

    public WardCounters Counters() => WardCounters.Recount(Groups.Values, Members.Values);

    public GroupSnapshot Snapshot(string groupId, DateTimeOffset at, string? by) =>
        new(Groups[groupId], ActiveMembersOf(groupId).OrderBy(m => m.Role).ThenBy(m => m.FullName, StringComparer.Ordinal)
            .Select(m => new SnapshotMember(m.Id, m.FullName, m.Role)).ToList(), at, by);
}

/// <summary>How a person is recognised: citizen id (CCCD) when known, else folded name + birth year + address.</summary>
public static class PersonKey
{
    public static string Of(Member m) => Of(m.FullName, m.BirthYear, m.Address, m.CitizenId);

    public static string Of(string fullName, int? birthYear, string? address, string? citizenId) =>
        !string.IsNullOrWhiteSpace(citizenId)
            ? "cccd-" + new string(citizenId.Where(char.IsAsciiDigit).ToArray())
            : NameKey(fullName, birthYear, address);

    /// <summary>Name + birth year + address, whatever the citizen id: recognises a person whose CCCD was added later.</summary>
    public static string NameKey(Member m) => NameKey(m.FullName, m.BirthYear, m.Address);

    static string NameKey(string fullName, int? birthYear, string? address) => $"{VietnameseText.Fold(fullName)}|{birthYear}|{VietnameseText.Fold(address)}";

    /// <summary>Both ways a member can be recognised.</summary>
    public static IEnumerable<string> All(Member m) => Of(m) == NameKey(m) ? [Of(m)] : [Of(m), NameKey(m)];
}
