using Microsoft.Extensions.Configuration;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>Configurable limits of the register (settings <c>Register__MaxLeaders</c>, <c>Register__MaxDeputies</c>).</summary>
public sealed record RegisterOptions(int MaxLeaders = 1, int MaxDeputies = 2)
{
    public static RegisterOptions From(IConfiguration configuration) => new(
        configuration.GetValue("Register:MaxLeaders", 1),
        configuration.GetValue("Register:MaxDeputies", 2));
}

/// <summary>
/// The register's rules, checked on the state a change would produce. Plain code: the same
/// checks serve direct edits, imports and structural changes from approved proposals.
/// </summary>
public static class RegisterRules
{
    public const int MinBirthYear = 1900;
    public const int MinAge = 15;

    /// <summary>
    /// Errors keyed by field or entity ("group:{id}", "member:{id}"), in Vietnamese. Empty: the state is valid.
    /// <paramref name="index"/>: who holds person keys and group names outside <paramref name="state"/>, when it is not the whole ward.
    /// </summary>
    public static Dictionary<string, string[]> Validate(WardState state, IEnumerable<string> touchedGroupIds,
        IEnumerable<string> touchedMemberIds, RegisterOptions options, DateOnly today, IWardIndex? index = null)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message) { if (!errors.TryGetValue(key, out var l)) errors[key] = l = []; if (!l.Contains(message)) l.Add(message); }

        var members = touchedMemberIds.Distinct().Select(id => state.Members[id]).ToList();
        var groupIds = touchedGroupIds.Concat(members.Select(m => m.GroupId)).Distinct().ToList();
        // Indexes built once, so a 5,000-row import stays linear.
        var activeByGroup = state.Members.Values.Where(m => m.IsActive).ToLookup(m => m.GroupId);
        var activeByPerson = members.Count == 0 ? null : state.Members.Values.Where(m => m.IsActive).SelectMany(m => PersonKey.All(m).Select(k => (k, m))).ToLookup(x => x.k, x => x.m);
        var activeGroupNames = state.Groups.Values.Where(g => g.Status == GroupStatus.Active).ToLookup(g => VietnameseText.Fold(g.Name));

        foreach (var group in groupIds.Select(id => state.Groups.GetValueOrDefault(id)).OfType<Group>())
        {
            foreach (var message in GroupFieldErrors(group)) Add($"group:{group.Id}", message);
            var active = activeByGroup[group.Id].ToList();
            if (group.Status != GroupStatus.Active)
            {
                if (active.Count > 0) Add($"group:{group.Id}", RegisterTexts.ClosedGroupHasMembers(group.Name));
                continue;
            }
            if (active.Count(m => m.Role == MemberRole.Leader) > options.MaxLeaders) Add($"group:{group.Id}", RegisterTexts.TooManyLeaders(group.Name, options.MaxLeaders));
            if (active.Count(m => m.Role == MemberRole.Deputy) > options.MaxDeputies) Add($"group:{group.Id}", RegisterTexts.TooManyDeputies(group.Name, options.MaxDeputies));
            if (activeGroupNames[VietnameseText.Fold(group.Name)].Any(g => g.Id != group.Id) || index?.GroupNameHolder(group.Name) is { } holder && holder != group.Id)
                Add($"group:{group.Id}", RegisterTexts.DuplicateGroupName(group.Name));
        }

        foreach (var member in members)
        {
            foreach (var (field, message) in MemberFieldErrors(member, today)) Add($"member:{member.Id}:{field}", message);
            if (!member.IsActive) continue;
            if (state.Groups.GetValueOrDefault(member.GroupId) is not { } g) { Add($"member:{member.Id}", RegisterTexts.GroupNotFound); continue; }
            if (g.Status != GroupStatus.Active) Add($"member:{member.Id}", RegisterTexts.GroupNotActive(g.Name));
            var other = PersonKey.All(member).SelectMany(k => activeByPerson![k]).FirstOrDefault(o => o.Id != member.Id);
            if (other is not null)
                Add($"member:{member.Id}", RegisterTexts.PersonAlreadyInGroup(member.FullName, state.Groups.GetValueOrDefault(other.GroupId)?.Name ?? index?.GroupName(other.GroupId) ?? other.GroupId));
            else if (PersonKey.All(member).Select(k => index?.PersonHolder(k)).FirstOrDefault(h => h is { } x && x.MemberId != member.Id) is { } elsewhere)
                Add($"member:{member.Id}", RegisterTexts.PersonAlreadyInGroup(member.FullName, index!.GroupName(elsewhere.GroupId)));
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public static IEnumerable<string> GroupFieldErrors(Group g)
    {
        if (string.IsNullOrWhiteSpace(g.Name)) yield return RegisterTexts.GroupNameRequired;
        else if (g.Name.Length > 100) yield return RegisterTexts.GroupNameTooLong;
        if (g.Households < 0 || g.Households > 10_000) yield return RegisterTexts.HouseholdsOutOfRange;
        if (g.Area?.Length > 500) yield return RegisterTexts.AreaTooLong;
    }

    public static IEnumerable<(string Field, string Message)> MemberFieldErrors(Member m, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(m.FullName)) yield return ("fullName", RegisterTexts.MemberNameRequired);
        else if (m.FullName.Length > 100) yield return ("fullName", RegisterTexts.MemberNameTooLong);
        if (m.BirthYear is { } y && (y < MinBirthYear || y > today.Year - MinAge))
            yield return ("birthYear", RegisterTexts.BirthYearOutOfRange(MinBirthYear, today.Year - MinAge));
        if (!string.IsNullOrEmpty(m.Phone) && !IsPhone(m.Phone)) yield return ("phone", RegisterTexts.PhoneInvalid);
        if (!string.IsNullOrEmpty(m.CitizenId) && !(m.CitizenId.Length == 12 && m.CitizenId.All(char.IsAsciiDigit)))
            yield return ("citizenId", RegisterTexts.CitizenIdInvalid);
        if (m.Address?.Length > 300) yield return ("address", RegisterTexts.AddressTooLong);
        if (m.JoinedOn is { } j && j > today) yield return ("joinedOn", RegisterTexts.JoinedInFuture);
    }

    static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 9 and <= 15 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-');
    }
}
