using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>What a ward's register went through in one year: groups established, consolidated, merged, split and dissolved, members joined and left, leaders replaced.</summary>
public sealed record RegisterYear(int GroupsEstablished, int GroupsConsolidated, int GroupsMerged, int GroupsSplit, int GroupsDissolved,
    int MembersJoined, int MembersLeft, int LeadersReplaced)
{
    public static readonly RegisterYear Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static RegisterYear operator +(RegisterYear a, RegisterYear b) => new(a.GroupsEstablished + b.GroupsEstablished,
        a.GroupsConsolidated + b.GroupsConsolidated, a.GroupsMerged + b.GroupsMerged, a.GroupsSplit + b.GroupsSplit,
        a.GroupsDissolved + b.GroupsDissolved, a.MembersJoined + b.MembersJoined, a.MembersLeft + b.MembersLeft, a.LeadersReplaced + b.LeadersReplaced);
}

/// <summary>What a structural change says beyond the rows it changes: its decision's date, and the groups it consolidated (a consolidation changes no status).</summary>
public sealed record StructuralInfo(DateOnly On, IReadOnlyList<string> Consolidated);

/// <summary>
/// A ward's <see cref="RegisterYear"/> figures by year, kept like the counters (<see cref="RegisterTable"/>): a change adds its
/// difference to the shard <c>y|{shard}</c> (the same shard number as its counters, in the same transaction, ETag-checked), a
/// journaled change adds its difference to a shard in the journal's last transaction (earlier versions wrote <c>y|op|{operationId}</c> once,
/// still added up), and the one-off rebuild of older history writes <c>y|rebuild</c>.
/// The ward's years are the sum of its <c>y|</c> rows: one range query.
/// </summary>
public sealed record RegisterYears(IReadOnlyDictionary<int, RegisterYear> Years)
{
    public static readonly RegisterYears Zero = new(new Dictionary<int, RegisterYear>());

    public bool IsZero => Years.Values.All(y => y == RegisterYear.Zero);

    public RegisterYears Plus(RegisterYears o) => new(Years.Concat(o.Years).GroupBy(x => x.Key)
        .Select(g => (g.Key, Sum: g.Aggregate(RegisterYear.Zero, (t, x) => t + x.Value))).Where(x => x.Sum != RegisterYear.Zero)
        .OrderBy(x => x.Key).ToDictionary(x => x.Key, x => x.Sum));

    public RegisterYear Of(int year) => Years.GetValueOrDefault(year) ?? RegisterYear.Zero;

    public bool SameAs(RegisterYears o) => Years.Keys.Union(o.Years.Keys).All(y => Of(y) == o.Of(y));

    /// <summary>Only the years <paramref name="from"/>–<paramref name="to"/>.</summary>
    public RegisterYears Between(int from, int to) => new(Years.Where(x => x.Key >= from && x.Key <= to).ToDictionary());

    /// <summary>
    /// The figures one operation moves, from its groups and members before and after (what its audit rows record). Each counts in
    /// the Vietnam-time year of the date the record carries for it (established on, closed on, joined on, left on), else of
    /// <paramref name="on"/> (the decision's date, or the day of the change): a group is established when it appears active (a split's parts
    /// are the split, not new groups); merged, split or dissolved when an active group takes that status; consolidated when the operation
    /// says so; a member joins when becoming active and leaves when no longer active (moves between groups are neither); a leader is
    /// replaced when someone becomes the active leader of a group that existed before the operation.
    /// </summary>
    public static RegisterYears Of(IReadOnlyList<(Group? Before, Group? After)> groups, IReadOnlyList<(Member? Before, Member? After)> members,
        IReadOnlyCollection<string> consolidated, DateOnly on)
    {
        var years = new Dictionary<int, RegisterYear>();
        void Add(DateOnly? date, RegisterYear one) => years[(date ?? on).Year] = (years.GetValueOrDefault((date ?? on).Year) ?? RegisterYear.Zero) + one;
        var created = groups.Where(g => g.Before is null && g.After is not null).Select(g => g.After!.Id).ToHashSet();
        var splitParts = groups.Select(g => g.After).Where(g => g is { Status: GroupStatus.Split, SuccessorGroupIds: not null })
            .SelectMany(g => g!.SuccessorGroupIds!.Split(',')).ToHashSet();
        var z = RegisterYear.Zero;
        foreach (var (before, after) in groups)
        {
            if (before is null && after is { Status: GroupStatus.Active } && !splitParts.Contains(after.Id)) Add(after.EstablishedOn, z with { GroupsEstablished = 1 });
            if (before is { Status: GroupStatus.Active } && after is { Status: not GroupStatus.Active } closed)
                Add(closed.ClosedOn, closed.Status switch
                {
                    GroupStatus.Merged => z with { GroupsMerged = 1 },
                    GroupStatus.Split => z with { GroupsSplit = 1 },
                    _ => z with { GroupsDissolved = 1 },
                });
            if (after is not null && consolidated.Contains(after.Id)) Add(null, z with { GroupsConsolidated = 1 });
        }
        foreach (var (before, after) in members)
        {
            if (before is not { IsActive: true } && after is { IsActive: true }) Add(after.JoinedOn, z with { MembersJoined = 1 });
            if (before is { IsActive: true } && after is not { IsActive: true }) Add(after?.LeftOn, z with { MembersLeft = 1 });
            var wasLeaderHere = before is { IsActive: true, Role: MemberRole.Leader } && before.GroupId == after?.GroupId;
            if (after is { IsActive: true, Role: MemberRole.Leader } && !created.Contains(after.GroupId) && !wasLeaderHere)
                Add(null, z with { LeadersReplaced = 1 });
        }
        return new RegisterYears(years).Plus(Zero);
    }

    /// <summary>The day an operation counts in when its records carry no date: its decision's, else the day (Vietnam time) it was made.</summary>
    public static DateOnly DayOf(DateTimeOffset at, DateOnly? decisionDate) => decisionDate ?? DateOnly.FromDateTime(VietnamTime.ToVietnam(at).DateTime);
}
