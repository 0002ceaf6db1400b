using Microsoft.Extensions.Configuration;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.RuleChecks;

/// <summary>
/// Who decides a workflow step with which outcomes and what each needs, and whether a nominee may be commended,
/// without storage: rule tests the mutation score is measured on (docs/engineering.md).
/// </summary>
[Trait("Category", "Rules")]
public sealed class StepAndEligibilityRulesTests
{
    static readonly StepRule Chairman = new(Role.WardChairman,
        [new OutcomeRule("approved"), new OutcomeRule("returned", CommentRequired: true), new OutcomeRule("decided", DecisionRequired: true)], VotesAllowed: true);

    [Fact]
    public void An_outcome_the_step_allows_needs_nothing_more()
    {
        Assert.Empty(Chairman.Check("approved", null, null, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("rejected")]
    [InlineData("Approved")]
    public void An_outcome_the_step_does_not_allow_is_refused_naming_the_allowed_ones(string? outcome)
    {
        var errors = Chairman.Check(outcome, "lý do", "12/QĐ", new DateOnly(2026, 1, 1));
        Assert.Equal(["outcome"], errors.Keys);
        Assert.Equal(["Ý kiến (outcome) phải là một trong: approved, returned, decided."], errors["outcome"]);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(" ", false)]
    [InlineData("Thiếu hồ sơ", true)]
    public void A_return_needs_a_comment(string? comment, bool accepted)
    {
        var errors = Chairman.Check("returned", comment, null, null);
        if (accepted) Assert.Empty(errors);
        else Assert.Equal(["Vui lòng ghi rõ lý do."], errors["comment"]);
        Assert.Empty(Chairman.Check("approved", comment, null, null));
    }

    [Theory]
    [InlineData("12/QĐ-UBND", true, true)]
    [InlineData(null, true, false)]
    [InlineData(" ", true, false)]
    [InlineData("12/QĐ-UBND", false, false)]
    public void A_decision_needs_its_number_and_date(string? number, bool hasDate, bool accepted)
    {
        var errors = Chairman.Check("decided", null, number, hasDate ? new DateOnly(2026, 3, 1) : null);
        if (accepted) Assert.Empty(errors);
        else Assert.Equal(["Vui lòng nhập số và ngày quyết định."], errors["decisionNumber"]);
        Assert.Empty(Chairman.Check("approved", null, number, null));
    }

    [Fact]
    public void The_steps_buttons_are_its_outcomes_with_what_each_needs()
    {
        var actions = Chairman.Actions("chairman", "/api/x/decision", o => "Ý kiến " + o).ToList();
        Assert.Equal([
            new WorkflowAction("decide", "Ý kiến approved", "POST", "/api/x/decision", "chairman", "approved", false, false, true),
            new WorkflowAction("decide", "Ý kiến returned", "POST", "/api/x/decision", "chairman", "returned", true, false, true),
            new WorkflowAction("decide", "Ý kiến decided", "POST", "/api/x/decision", "chairman", "decided", false, true, true)], actions);
        Assert.False(new StepRule(Role.WardChairman, [new OutcomeRule("ok")]).Actions("s", "/h", o => o).Single().VotesAllowed);
    }

    // ---- commendation eligibility ----------------------------------------------------------------

    static readonly DateOnly Today = new(2026, 11, 26);
    static readonly EligibilityOptions Rules = new();
    static readonly Group Active = new("g1", "w", "Tổ 1", null, 30, GroupStatus.Active, null, null);

    static Member M(DateOnly? joined = null, MemberStatus status = MemberStatus.Active) =>
        new("m1", "w", "g1", "Nguyễn Văn An", null, 1970, "Hẻm 1", null, null, MemberRole.Member, joined, status);

    static Assessment Rated(Rating rating) => new("g1", "Tổ 1", rating, null, null, default, "officer", DateTimeOffset.UnixEpoch);

    static List<string> Individual(Group? group, Member? member, Assessment? latest, bool awarded = false, EligibilityOptions? rules = null) =>
        (rules ?? Rules).Failures(NomineeType.Individual, group, member, latest, awarded, "Giấy khen", "2026", Today);

    [Fact]
    public void An_active_member_of_a_well_rated_group_is_eligible()
    {
        Assert.Empty(Individual(Active, M(new DateOnly(2020, 1, 1)), Rated(Rating.Good)));
        Assert.Empty(Individual(Active, M(null), Rated(Rating.Fair)));
        Assert.Empty(Rules.Failures(NomineeType.Collective, Active, null, Rated(Rating.Good), false, "Giấy khen", "2026", Today));
    }

    [Fact]
    public void A_group_not_found_or_no_longer_active_is_not_eligible()
    {
        Assert.Equal(["Tổ không còn hoạt động."], Individual(null, M(), null));
        Assert.Equal(["Tổ không còn hoạt động."], Individual(Active with { Status = GroupStatus.Merged }, M(), Rated(Rating.Good)));
    }

    [Fact]
    public void An_individual_must_still_be_an_active_member()
    {
        Assert.Equal(["Người được đề nghị không còn là thành viên đang tham gia tổ."], Individual(Active, null, Rated(Rating.Good)));
        Assert.Equal(["Người được đề nghị không còn là thành viên đang tham gia tổ."], Individual(Active, M(status: MemberStatus.Left), Rated(Rating.Good)));
    }

    [Theory]
    [InlineData(2025, 11, 26, true)]  // exactly 12 months
    [InlineData(2025, 11, 27, false)] // a day short
    public void Membership_is_at_least_the_minimum_months(int y, int m, int d, bool eligible)
    {
        var failures = Individual(Active, M(new DateOnly(y, m, d)), Rated(Rating.Good));
        if (eligible) Assert.Empty(failures);
        else Assert.Equal(["Thời gian tham gia tổ chưa đủ 12 tháng."], failures);
        Assert.Equal(["Thời gian tham gia tổ chưa đủ 6 tháng."], Individual(Active, M(Today.AddMonths(-5)), Rated(Rating.Good), rules: new EligibilityOptions(MinMembershipMonths: 6)));
    }

    [Fact]
    public void The_group_needs_an_assessment_at_the_minimum_rating_or_better()
    {
        Assert.Equal(["Tổ 1 chưa có kết quả đánh giá."], Individual(Active, M(), null));
        Assert.Equal(["Tổ 1 được đánh giá Trung bình, chưa đạt mức Khá trở lên."], Individual(Active, M(), Rated(Rating.Average)));
        Assert.Empty(Individual(Active, M(), Rated(Rating.Average), rules: new EligibilityOptions(MinRating: Rating.Average)));
    }

    [Fact]
    public void An_award_given_for_the_period_is_not_given_twice_and_every_failure_is_said()
    {
        Assert.Equal(["Đã được tặng Giấy khen năm 2026."], Individual(Active, M(), Rated(Rating.Good), awarded: true));
        Assert.Equal(4, Individual(Active with { Status = GroupStatus.Dissolved }, null, Rated(Rating.Weak), awarded: true).Count);
    }

    [Fact]
    public void The_eligibility_settings_are_read_with_their_defaults()
    {
        var settings = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Commendations:MinRating"] = "good", ["Commendations:MinMembershipMonths"] = "24",
        }).Build();
        Assert.Equal(new EligibilityOptions(Rating.Good, 24), EligibilityOptions.From(settings));
        Assert.Equal(new EligibilityOptions(), EligibilityOptions.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var bad = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Commendations:MinRating"] = "best" }).Build();
        Assert.Equal(Rating.Fair, EligibilityOptions.From(bad).MinRating);
    }
}
