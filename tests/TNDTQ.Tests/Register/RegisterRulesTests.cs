using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Tests.Register;

/// <summary>The register's rules and the text matching they rely on, without storage.</summary>
[Trait("Category", "Rules")]
public sealed class RegisterRulesTests
{
    static readonly DateOnly Today = new(2026, 11, 26);
    static readonly Group Tổ1 = new("g1", "w", "Tổ 1, khu vực 2", null, 30, GroupStatus.Active, null, null);

    static Member M(string id, string name, MemberRole role, string group = "g1", int year = 1970) =>
        new(id, "w", group, name, Gender.Male, year, "Hẻm 5", null, null, role, null, MemberStatus.Active);

    static Dictionary<string, string[]> Validate(WardState s, params string[] members) =>
        RegisterRules.Validate(s, [], members, new RegisterOptions(), Today);

    [Fact]
    public void A_group_has_one_leader()
    {
        var s = new WardState("w", [Tổ1], [M("a", "Nguyễn Văn An", MemberRole.Leader), M("b", "Lê Thị Bình", MemberRole.Leader)]);
        var errors = Validate(s, "b");
        Assert.Contains("Tổ 1, khu vực 2 chỉ có một tổ trưởng.", errors["group:g1"]);
    }

    [Fact]
    public void A_group_has_at_most_two_deputies_and_the_limit_is_configurable()
    {
        var s = new WardState("w", [Tổ1], [M("a", "A", MemberRole.Deputy), M("b", "B", MemberRole.Deputy), M("c", "C", MemberRole.Deputy)]);
        Assert.Contains("Tổ 1, khu vực 2 có tối đa 2 tổ phó.", Validate(s, "c")["group:g1"]);
        Assert.Empty(RegisterRules.Validate(s, [], ["c"], new RegisterOptions(MaxDeputies: 3), Today));
    }

    [Fact]
    public void A_person_is_active_in_one_group_only()
    {
        var tổ2 = Tổ1 with { Id = "g2", Name = "Tổ 2" };
        var s = new WardState("w", [Tổ1, tổ2], [M("a", "Nguyễn Văn An", MemberRole.Member), M("b", "Nguyễn  Văn  An", MemberRole.Member, "g2")]);
        Assert.Contains("Nguyễn  Văn  An đang là thành viên của Tổ 1, khu vực 2. Một người chỉ tham gia một tổ.", Validate(s, "b")["member:b"]);
    }

    [Fact]
    public void Citizen_id_identifies_a_person_regardless_of_spelling()
    {
        Assert.Equal(PersonKey.Of("Nguyễn Văn An", 1970, "A", "012345678901"), PersonKey.Of("Nguyen Van An", 1971, "B", "0123 4567 8901"));
        Assert.NotEqual(PersonKey.Of("Nguyễn Văn An", 1970, "Hẻm 5", null), PersonKey.Of("Nguyễn Văn An", 1990, "Hẻm 5", null));
    }

    [Fact]
    public void Dissolved_group_has_no_active_members()
    {
        var s = new WardState("w", [Tổ1 with { Status = GroupStatus.Dissolved }], [M("a", "A", MemberRole.Member)]);
        var errors = RegisterRules.Validate(s, ["g1"], [], new RegisterOptions(), Today);
        Assert.Contains("Tổ 1, khu vực 2 đã giải thể hoặc sáp nhập nên không còn thành viên đang hoạt động.", errors["group:g1"]);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2020)]
    public void Birth_year_must_be_plausible(int year)
    {
        var s = new WardState("w", [Tổ1], [M("a", "A", MemberRole.Member, year: year)]);
        Assert.Equal(["Năm sinh không hợp lệ: phải là năm từ 1900 đến 2011."], Validate(s, "a")["member:a:birthYear"]);
    }

    [Theory]
    [InlineData("Nguyễn Văn Ân", "nguyen van an")]
    [InlineData("  ĐẶNG   Thị  Ánh ", "dang thi anh")]
    [InlineData("Tổ 12, khu vực 3", "to 12 khu vuc 3")]
    public void Folding_ignores_diacritics_case_and_spacing(string text, string folded) => Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Search_index_covers_every_word_start()
    {
        Assert.Equal(["nguyen van an", "van an", "an"], VietnameseText.WordSuffixes("nguyen van an"));
    }

    [Fact]
    public void Natural_order_puts_To_2_before_To_10()
    {
        var names = new[] { "Tổ 10", "Tổ 2", "Tổ 1" }.Order(NaturalVietnameseComparer.Instance).ToList();
        Assert.Equal(["Tổ 1", "Tổ 2", "Tổ 10"], names);
    }

    [Fact]
    public void Counters_count_active_groups_members_roles_and_households()
    {
        var s = new WardState("w", [Tổ1, Tổ1 with { Id = "g2", Status = GroupStatus.Dissolved, Households = 99 }],
            [M("a", "A", MemberRole.Leader), M("b", "B", MemberRole.Deputy), M("c", "C", MemberRole.Member) with { Status = MemberStatus.Left }]);
        Assert.Equal(new WardCounters(1, 0, 0, 1, 2, 1, 1, 30), s.Counters());
    }
}
