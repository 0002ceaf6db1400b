using Tndtq.Demo;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Register;

/// <summary>
/// The words of a ward's approving unit come from the levels and units stored beside the wards (docs/units.md): a ward under
/// the quận reads "Công an quận", a commune-level phường that approves itself (since 1 July 2025) reads "Công an phường", and
/// a ward whose unit has no row reads as its record names it. Real Azurite; each test its own ids.
/// </summary>
public sealed class UnitTermsTests(RegisterFixture fx) : IClassFixture<RegisterFixture>
{
    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    async Task<WardTerms> TermsAsync(Ward ward)
    {
        await fx.Store.SaveWardAsync(ward, null, Actor.System, fx.Clock.GetUtcNow(), default);
        return (await new UnitTerms(fx.Store).ForWardAsync(ward.Id, default))!;
    }

    [Fact]
    public async Task A_ward_under_the_seeds_quan_reads_the_bodies_of_the_quan()
    {
        var unit = DemoRegister.ApprovingUnit with { Id = NewId("quan") };
        foreach (var level in DemoRegister.Levels) await fx.Store.SaveLevelAsync(level, Actor.System, fx.Clock.GetUtcNow(), default);
        await fx.Store.SaveUnitAsync(unit, null, Actor.System, fx.Clock.GetUtcNow(), default);
        var t = await TermsAsync(new Ward(NewId("p"), "An Cư", unit.Id, "UBND quận Ninh Kiều"));

        Assert.False(t.ApprovesItself);
        Assert.Equal("quận Ninh Kiều", t.ApprovingUnit);
        Assert.Equal("Ủy ban nhân dân quận Ninh Kiều", t.Committee);
        Assert.Equal("ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", t.CommitteeCaps);
        Assert.Equal("Công an quận Ninh Kiều", t.Police);
        Assert.Equal("Ninh Kiều", t.Place);
        Assert.Equal("Toàn quận", t.Total);
        // The role names the 2021 pages have always shown.
        Assert.Equal("Công an quận", t.RoleName(Role.DistrictPolice));
        Assert.Equal("Lãnh đạo UBND quận", t.RoleName(Role.DistrictLeader));
        // Where no unit is in view (several approving units), the names say the level, not a unit's word.
        Assert.Equal("Công an cấp phê duyệt", Texts.RoleName(Role.DistrictPolice, null));
        Assert.Equal("Lãnh đạo UBND cấp phê duyệt", Texts.RoleName(Role.DistrictLeader, null));
        Assert.Equal("Chủ tịch UBND phường", t.RoleName(Role.WardChairman));
        Assert.Equal("Hội đồng Thi đua – Khen thưởng", t.RoleName(Role.EmulationCouncil));
    }

    [Fact]
    public async Task A_commune_level_phuong_that_approves_itself_has_no_quan_in_its_words()
    {
        await fx.Store.SaveLevelAsync(new Level("phuong", "phường"), Actor.System, fx.Clock.GetUtcNow(), default);
        var wardId = NewId("cai-khe");
        await fx.Store.SaveUnitAsync(new Unit(wardId, "Cái Khế", "phuong", ParentName: "thành phố Cần Thơ", LeaderTitle: "Phó Chủ tịch"), null, Actor.System, fx.Clock.GetUtcNow(), default);
        var t = await TermsAsync(new Ward(wardId, "Cái Khế", wardId, "UBND phường Cái Khế"));

        Assert.True(t.ApprovesItself);
        Assert.Equal("Ủy ban nhân dân phường Cái Khế", t.Committee);
        Assert.Equal("ỦY BAN NHÂN DÂN PHƯỜNG CÁI KHẾ", t.CommitteeCaps);
        Assert.Equal("Công an phường Cái Khế", t.Police);
        Assert.Equal("Toàn phường", t.Total);
        Assert.Equal("Công an phường", t.RoleName(Role.DistrictPolice));
        Assert.Equal("Lãnh đạo UBND phường", t.RoleName(Role.DistrictLeader));
        Assert.Equal("Hội đồng Thi đua – Khen thưởng phường", t.RoleName(Role.EmulationCouncil));
        var words = string.Join("|", t.Committee, t.Police, t.Council, t.PoliceShort, t.LeaderShort, t.Total,
            string.Join("|", Enum.GetValues<Role>().Select(t.RoleName)));
        Assert.DoesNotContain("quận", words, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_ward_whose_unit_has_no_row_reads_as_its_record_names_it_and_an_edit_of_the_unit_is_read_at_once()
    {
        var unitId = NewId("cu");
        var t = await TermsAsync(new Ward(NewId("p"), "Thử", unitId, "UBND huyện Phong Điền"));
        Assert.Equal("huyện Phong Điền", t.ApprovingUnit);
        Assert.Equal("Ủy ban nhân dân huyện Phong Điền", t.Committee);
        Assert.Equal("Công an huyện Phong Điền", t.PoliceShort);
        Assert.Equal("Toàn huyện Phong Điền", t.Total);

        // The administrator describes the unit: the next read has its words (this process forgets what it remembered).
        await fx.Store.SaveLevelAsync(new Level("xa", "xã"), Actor.System, fx.Clock.GetUtcNow(), default);
        await fx.Store.SaveUnitAsync(new Unit(unitId, "Phong Điền", "xa", Police: "Công an xã Phong Điền, thành phố Cần Thơ"), null, Actor.System, fx.Clock.GetUtcNow(), default);
        var again = (await new UnitTerms(fx.Store).ForWardAsync(t.WardId!, default))!;
        Assert.Equal("Ủy ban nhân dân xã Phong Điền", again.Committee);
        Assert.Equal("Công an xã Phong Điền, thành phố Cần Thơ", again.Police);
        Assert.Equal("Công an xã", again.RoleName(Role.DistrictPolice));
        Assert.Contains(await fx.Store.ListUnitsAsync(default), u => u.Id == unitId && u.LevelId == "xa");
        Assert.Null(await new UnitTerms(fx.Store).ForWardAsync(NewId("none"), default));
    }

    static readonly WardTerms Quan2021 = new("an-cu", "An Cư", DemoRegister.ApprovingUnit, DemoRegister.Levels[0]);
    static readonly WardTerms Phuong2025 = new("cai-khe-2025", "Cái Khế", new Unit("cai-khe-2025", "Cái Khế", "phuong"), new Level("phuong", "phường"));

    [Fact]
    public void A_workflows_steps_are_stored_level_free_and_a_page_names_them_in_the_wards_words()
    {
        // What the workflows store (no unit in view): right in every unit, "quận" nowhere.
        string[] stored = [RestructureTexts.RestructureStepName(RestructureStep.PoliceReview), RestructureTexts.RestructureStepName(RestructureStep.LeaderDecision),
            RestructureTexts.RestructureOutcomeName(Outcomes.Forward), RestructureTexts.RestructureOutcomeName(Outcomes.Cancel),
            RestructureTexts.RestructureResultName(Outcomes.Cancelled), Tndtq.Commendations.CommendationTexts.NominationStepName(Tndtq.Commendations.NominationStep.PoliceReview)];
        Assert.Equal(["Công an thẩm định tờ trình", "Lãnh đạo UBND quyết định", "Chuyển lãnh đạo UBND", "Cấp phê duyệt hủy", "Cấp phê duyệt đã hủy", "Công an thẩm định"], stored);

        // The 2021 ward's pages read as they always have; the 2025 phường's, in its own level.
        Assert.Equal("Công an quận thẩm định tờ trình", RestructureTexts.RestructureStepName(RestructureStep.PoliceReview, Quan2021));
        Assert.Equal("Chuyển lãnh đạo quận", RestructureTexts.RestructureOutcomeName(Outcomes.Forward, Quan2021));
        Assert.Equal("Quận đã hủy", RestructureTexts.RestructureResultName(Outcomes.Cancelled, Quan2021));
        Assert.Equal("Công an phường thẩm định tờ trình", RestructureTexts.RestructureStepName(RestructureStep.PoliceReview, Phuong2025));
        Assert.Equal("Lãnh đạo UBND phường quyết định", RestructureTexts.RestructureStepName(RestructureStep.LeaderDecision, Phuong2025));
        Assert.Equal("Chuyển lãnh đạo phường", RestructureTexts.RestructureOutcomeName(Outcomes.Forward, Phuong2025));
        Assert.Equal("Phường hủy", RestructureTexts.RestructureOutcomeName(Outcomes.Cancel, Phuong2025));
        Assert.Equal("Công an phường xem xét trường hợp chưa đủ điều kiện",
            Tndtq.Commendations.CommendationTexts.NominationStepName(Tndtq.Commendations.NominationStep.EligibilityOverride, Phuong2025));
    }

    [Fact]
    public void The_web_apps_words_are_the_callers_units_and_level_free_where_several_units_are_in_view()
    {
        var w = Tndtq.Identity.UnitWords.From(Phuong2025);
        Assert.Equal(("phường Cái Khế", true, "Công an phường", "Lãnh đạo UBND phường", "Toàn phường"), (w.ApprovingUnit, w.ApprovesItself, w.Police, w.Leader, w.Total));
        Assert.Contains(new Tndtq.Identity.RoleWord(Role.DistrictPolice, "Công an phường"), w.Roles);
        var none = Tndtq.Identity.UnitWords.From(null);
        Assert.Equal((null, "Công an", "Tổng cộng"), (none.ApprovingUnit, none.Police, none.Total));
        Assert.Contains(new Tndtq.Identity.RoleWord(Role.DistrictLeader, "Lãnh đạo UBND cấp phê duyệt"), none.Roles);
        Assert.Equal(Enum.GetValues<Role>().Length, none.Roles.Count);
    }
}
