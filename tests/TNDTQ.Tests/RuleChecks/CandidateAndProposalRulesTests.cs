using Microsoft.Extensions.Configuration;
using Tndtq.Register;
using Tndtq.Restructure;

namespace Tndtq.Tests.RuleChecks;

/// <summary>
/// A proposal's checks and the leadership candidates' criteria, on an in-memory ward (no storage): the rule
/// tests the mutation score is measured on (docs/engineering.md).
/// </summary>
[Trait("Category", "Rules")]
public sealed class CandidateAndProposalRulesTests
{
    static readonly DateOnly Today = new(2026, 11, 26);
    static readonly CandidateCriteria Criteria = new();

    static Candidate C(string name = "Trần Văn Nam", int? born = 1970, bool lives = true, int years = 5, bool residents = true, bool front = false, string? memberId = null) =>
        new(name, memberId, born, lives, years, residents, front, null);

    static WardState Ward() => new("w",
        [new Group("g1", "w", "Tổ 1", null, 30, GroupStatus.Active, null, null), new Group("g2", "w", "Tổ 2", null, 20, GroupStatus.Active, null, null)],
        [new Member("a", "w", "g1", "Nguyễn Văn An", null, 1970, "Hẻm 1", null, null, MemberRole.Leader, null, MemberStatus.Active),
         new Member("c", "w", "g1", "Lê Thị Cúc", null, 1980, "Hẻm 2", null, null, MemberRole.Member, null, MemberStatus.Active),
         new Member("e", "w", "g2", "Phạm Văn Em", null, 1975, "Hẻm 3", null, null, MemberRole.Leader, null, MemberStatus.Active)]);

    static Proposal P(string title, params ProposedChange[] changes) => new(title, null, changes, [], 1, DateTimeOffset.UnixEpoch, "officer");

    static Dictionary<string, string[]> Check(Proposal p, CandidateCriteria? criteria = null) =>
        ProposalChecks.Validate(p, Ward(), new RegisterOptions(), criteria ?? Criteria, Today);

    [Fact]
    public void A_candidate_who_meets_every_criterion_has_no_failure()
    {
        Assert.Empty(Criteria.Failures(C(), 2026));
        Assert.Empty(Criteria.Failures(C(residents: false, front: true), 2026));
    }

    [Theory]
    [InlineData(2001, true)]  // 25: the youngest allowed
    [InlineData(2002, false)] // 24
    [InlineData(1951, true)]  // 75: the oldest allowed
    [InlineData(1950, false)] // 76
    public void Age_is_between_the_minimum_and_the_maximum_both_included(int born, bool allowed)
    {
        var failures = Criteria.Failures(C(born: born), 2026).ToList();
        if (allowed) Assert.Empty(failures);
        else Assert.Equal(["Trần Văn Nam: tuổi phải từ 25 đến 75."], failures);
    }

    [Fact]
    public void A_missing_birth_year_is_said_and_not_taken_as_an_age()
    {
        Assert.Equal(["Trần Văn Nam: thiếu năm sinh."], Criteria.Failures(C(born: null), 2026));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void Residence_is_at_least_the_minimum_years(int years, bool allowed)
    {
        var failures = Criteria.Failures(C(years: years), 2026).ToList();
        if (allowed) Assert.Empty(failures);
        else Assert.Equal(["Trần Văn Nam: phải cư trú tại địa bàn ít nhất 2 năm."], failures);
    }

    [Fact]
    public void Living_in_the_area_and_an_endorsement_are_required_unless_the_settings_say_otherwise()
    {
        Assert.Equal(["Trần Văn Nam: phải đang cư trú trên địa bàn tổ."], Criteria.Failures(C(lives: false), 2026));
        Assert.Equal(["Trần Văn Nam: chưa được nhân dân hoặc Ban công tác Mặt trận khu vực giới thiệu, tín nhiệm."], Criteria.Failures(C(residents: false, front: false), 2026));
        var lenient = new CandidateCriteria(RequireLivesInArea: false, RequireEndorsement: false);
        Assert.Empty(lenient.Failures(C(lives: false, residents: false, front: false), 2026));
    }

    [Fact]
    public void Every_failure_of_a_candidate_is_said()
    {
        Assert.Equal(4, Criteria.Failures(C(born: 2010, lives: false, years: 0, residents: false), 2026).Count());
    }

    [Fact]
    public void The_criteria_are_read_from_the_settings_with_the_defaults_where_a_setting_is_missing()
    {
        var settings = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Restructure:Candidates:MinAge"] = "30", ["Restructure:Candidates:RequireEndorsement"] = "false",
        }).Build();
        Assert.Equal(new CandidateCriteria(MinAge: 30, RequireEndorsement: false), CandidateCriteria.From(settings));
        var all = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Restructure:Candidates:MinAge"] = "20", ["Restructure:Candidates:MaxAge"] = "60", ["Restructure:Candidates:MinYearsOfResidence"] = "3",
            ["Restructure:Candidates:RequireLivesInArea"] = "false", ["Restructure:Candidates:RequireEndorsement"] = "false",
        }).Build();
        Assert.Equal(new CandidateCriteria(20, 60, 3, false, false), CandidateCriteria.From(all));
    }

    [Fact]
    public void A_valid_proposal_has_no_error()
    {
        var change = new ProposedChange(new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), "Kiện toàn", [C("Lê Thị Cúc", memberId: "c")]);
        Assert.Empty(Check(P("Tờ trình kiện toàn", change)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_proposal_needs_a_title(string title)
    {
        Assert.Equal(["Vui lòng nhập tiêu đề tờ trình."], Check(P(title))["title"]);
    }

    [Fact]
    public void A_new_leader_needs_a_candidate_record_matched_by_member_id_or_by_name()
    {
        var noCandidate = new ProposedChange(new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), null, null);
        Assert.Equal(["Thiếu hồ sơ nhân sự dự kiến cho Lê Thị Cúc."], Check(P("T", noCandidate))["changes[0]"]);
        var byName = new ProposedChange(new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), null, [C("le thi cuc")]);
        Assert.Empty(Check(P("T", byName)));
        var otherPerson = new ProposedChange(new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), null, [C("Nguyễn Văn An", memberId: "a")]);
        Assert.Equal(["Thiếu hồ sơ nhân sự dự kiến cho Lê Thị Cúc."], Check(P("T", otherPerson))["changes[0]"]);
    }

    [Fact]
    public void A_candidate_who_fails_the_criteria_is_an_error_of_that_change()
    {
        var change = new ProposedChange(new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), null, [C("Lê Thị Cúc", memberId: "c", lives: false)]);
        var errors = Check(P("T", new ProposedChange(new DissolveGroup("g2", "Giải thể"), null, null), change));
        Assert.Equal(["Lê Thị Cúc: phải đang cư trú trên địa bàn tổ."], errors["changes[1]"]);
        Assert.False(errors.ContainsKey("changes[0]"));
    }

    [Fact]
    public void Leaders_and_deputies_of_every_kind_of_change_need_candidates()
    {
        var establish = new EstablishGroup("Tổ 3", null, 10, new PersonSpec(null, "Võ Văn Mới", BirthYear: 1980, Address: "Hẻm 9"), [new PersonSpec(null, "Đỗ Thị Phó", BirthYear: 1985, Address: "Hẻm 8")], []);
        var errors = Check(P("T", new ProposedChange(establish, null, [C("Võ Văn Mới")])));
        Assert.Equal(["Thiếu hồ sơ nhân sự dự kiến cho Đỗ Thị Phó."], errors["changes[0]"]);
        var merge = new MergeGroups(["g2"], "g1", 50, null, [new PersonSpec("e")]);
        Assert.Equal(["Thiếu hồ sơ nhân sự dự kiến cho Phạm Văn Em."], Check(P("T", new ProposedChange(merge, null, null)))["changes[0]"]);
        var split = new SplitGroup("g1", [new SplitPart("Tổ 1A", null, 15, "a", [], []), new SplitPart("Tổ 1B", null, 15, "c", [], [])]);
        Assert.Equal(["Thiếu hồ sơ nhân sự dự kiến cho Nguyễn Văn An.", "Thiếu hồ sơ nhân sự dự kiến cho Lê Thị Cúc."], Check(P("T", new ProposedChange(split, null, null)))["changes[0]"]);
        Assert.False(Check(P("T", new ProposedChange(new DissolveGroup("g2", null), null, null))).ContainsKey("changes[0]"));
    }

    [Fact]
    public void A_change_that_cannot_be_applied_is_its_own_error_and_the_next_changes_are_still_checked()
    {
        var errors = Check(P("T", new ProposedChange(new DissolveGroup("missing", null), null, null),
            new ProposedChange(new ConsolidateGroup("g1", new PersonSpec("c"), null, null, null), null, null)));
        Assert.Single(errors["changes[0]"]);
        Assert.Equal(["Thiếu hồ sơ nhân sự dự kiến cho Lê Thị Cúc."], errors["changes[1]"]);
    }

    [Fact]
    public void The_register_as_it_will_be_is_held_to_the_registers_rules()
    {
        // Tổ 2's leader made a deputy of Tổ 1 as well: a person active in two groups.
        var establish = new EstablishGroup("Tổ 1", null, 10, new PersonSpec(null, "Võ Văn Mới", BirthYear: 1980, Address: "Hẻm 9"), [], []);
        var errors = Check(P("T", new ProposedChange(establish, null, [C("Võ Văn Mới")])));
        Assert.Contains("register", errors.Keys);
        Assert.Contains(errors["register"], m => m.Contains("Tổ 1", StringComparison.Ordinal));
        Assert.False(errors.ContainsKey("changes[0]"));
    }

    [Fact]
    public void The_proposal_is_checked_on_a_copy_and_todays_register_is_left_as_it_is()
    {
        var ward = Ward();
        ProposalChecks.Validate(P("T", new ProposedChange(new DissolveGroup("g2", null), null, null)), ward, new RegisterOptions(), Criteria, Today);
        Assert.Equal(GroupStatus.Active, ward.Groups["g2"].Status);
        Assert.True(ward.Members["e"].IsActive);
    }
}
