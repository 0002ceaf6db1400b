using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Tests.Register;

/// <summary>The structural changes proposals apply, on an in-memory ward.</summary>
[Trait("Category", "Rules")]
public sealed class StructuralChangeTests
{
    static readonly Decision D = new("12/QĐ-UBND", new DateOnly(2026, 3, 1));
    int next;
    string NewId() => $"n{++next}";

    static WardState Ward()
    {
        Group G(string id, string name, int households) => new(id, "w", name, null, households, GroupStatus.Active, null, null);
        Member M(string id, string group, MemberRole role) => new(id, "w", group, "Người " + id, null, 1970, "Địa chỉ " + id, null, null, role, null, MemberStatus.Active);
        return new WardState("w", [G("g1", "Tổ 1", 30), G("g2", "Tổ 2", 20)],
            [M("a", "g1", MemberRole.Leader), M("b", "g1", MemberRole.Deputy), M("c", "g1", MemberRole.Member), M("d", "g1", MemberRole.Member),
             M("e", "g2", MemberRole.Leader), M("f", "g2", MemberRole.Member)]);
    }

    [Fact]
    public void Consolidate_replaces_the_leader_who_stays_as_a_member()
    {
        var s = Ward();
        StructuralChanges.Apply(s, new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), D, NewId);
        Assert.Equal(MemberRole.Leader, s.Members["c"].Role);
        Assert.Equal(MemberRole.Member, s.Members["a"].Role);
        Assert.Empty(RegisterRules.Validate(s, ["g1"], ["a", "c"], new RegisterOptions(), new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Merge_moves_members_closes_the_source_and_adds_households()
    {
        var s = Ward();
        StructuralChanges.Apply(s, new MergeGroups(["g2"], "g1", null, null, null), D, NewId);
        Assert.Equal(GroupStatus.Merged, s.Groups["g2"].Status);
        Assert.Equal("g1", s.Groups["g2"].SuccessorGroupIds);
        Assert.Equal(50, s.Groups["g1"].Households);
        Assert.All(new[] { "e", "f" }, id => Assert.Equal("g1", s.Members[id].GroupId));
        Assert.Equal(MemberRole.Member, s.Members["e"].Role); // only one leader in the merged group
        Assert.Empty(RegisterRules.Validate(s, ["g1", "g2"], ["e", "f"], new RegisterOptions(), new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Split_must_place_every_member_exactly_once()
    {
        var s = Ward();
        var e = Assert.Throws<ProblemException>(() => StructuralChanges.Apply(s,
            new SplitGroup("g1", [new SplitPart("Tổ 1A", null, 15, "a", [], ["c"]), new SplitPart("Tổ 1B", null, 15, "b", [], [])]), D, NewId));
        Assert.Contains("mỗi thành viên", e.Detail);

        StructuralChanges.Apply(s, new SplitGroup("g1", [new SplitPart("Tổ 1A", null, 15, "a", [], ["c"]), new SplitPart("Tổ 1B", null, 15, "b", [], ["d"])]), D, NewId);
        Assert.Equal(GroupStatus.Split, s.Groups["g1"].Status);
        Assert.Equal(MemberRole.Leader, s.Members["b"].Role);
        Assert.Equal(2, s.Groups["g1"].SuccessorGroupIds!.Split(',').Length);
    }

    [Fact]
    public void Dissolve_lets_every_member_leave()
    {
        var s = Ward();
        StructuralChanges.Apply(s, new DissolveGroup("g2", "Giải tỏa khu dân cư"), D, NewId);
        Assert.Equal(GroupStatus.Dissolved, s.Groups["g2"].Status);
        Assert.All(s.Members.Values.Where(m => m.GroupId == "g2"), m => Assert.Equal(MemberStatus.Left, m.Status));
    }

    [Fact]
    public void A_closed_group_cannot_be_changed_again()
    {
        var s = Ward();
        StructuralChanges.Apply(s, new DissolveGroup("g2", null), D, NewId);
        var e = Assert.Throws<ProblemException>(() => StructuralChanges.Apply(s, new ConsolidateGroup("g2", new PersonSpec("e"), null, null, null), D, NewId));
        Assert.Equal(409, e.Status);
    }
}
