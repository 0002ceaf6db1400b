using System.Net.Http.Json;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Register;

/// <summary>
/// Since 1 July 2025 a commune-level phường approves its own groups. The administrator describes it as a unit in the web app's API,
/// its police are people of that unit: they read and act only in its wards, and every page names them in its words ("Công an phường").
/// </summary>
[Collection(SharedHost.Name)]
public sealed class UnitScopeTests(HostFixture fx)
{
    [Fact]
    public async Task The_police_of_a_self_approving_phuong_reach_its_ward_only_and_read_its_words()
    {
        var admin = fx.Client(As.Admin);
        var id = "tu-duyet-" + Guid.NewGuid().ToString("N")[..8];
        var unit = await (await admin.PutAsJsonAsync($"admin/units/{id}", new { name = "Tự Duyệt", levelId = "phuong", parentName = "thành phố Cần Thơ" }))
            .ReadAsync<UnitView>();
        Assert.Equal(("phường Tự Duyệt", "Ủy ban nhân dân phường Tự Duyệt", "Công an phường Tự Duyệt"), (unit.ApprovingUnit, unit.Committee, unit.Police));
        // Created once; edited with the ETag it was read with, and a stale one is refused, so no one overwrites another's edit unseen.
        Assert.Equal(RegisterTexts.UnitExists, (await (await admin.PutAsJsonAsync($"admin/units/{id}", new { name = "Khác", levelId = "phuong" })).ProblemAsync(409)).Detail);
        unit = await (await admin.SendAsync(IfMatch($"admin/units/{id}", unit.ETag, new { name = "Tự Duyệt", levelId = "phuong", parentName = "thành phố Cần Thơ", leaderTitle = "Phó Chủ tịch" })))
            .ReadAsync<UnitView>();
        Assert.Equal("Phó Chủ tịch", unit.Unit.LeaderTitle);
        Assert.Equal(Texts.StaleETag, (await (await admin.SendAsync(IfMatch($"admin/units/{id}", "W/\"datetime'2020-01-01T00%3A00%3A00Z'\"", new { name = "Cũ", levelId = "phuong" })))
            .ProblemAsync(412)).Detail);
        Assert.True((await admin.PostAsJsonAsync("wards", new { id, name = "Tự Duyệt", approvingUnitId = id, approvingUnitName = "UBND phường Tự Duyệt" })).IsSuccessStatusCode);
        var policeId = "ca-" + id;
        var saved = await (await admin.PutAsJsonAsync($"staff/{policeId}", new { displayName = "Đại úy Lê Văn Phường", roles = new[] { "district-police" }, unitId = id }))
            .ReadAsync<StaffMember>();
        Assert.Equal(id, saved.UnitId);

        var police = fx.Client(policeId);
        var me = await (await police.GetAsync("me")).ReadAsync<MeResponse>();
        Assert.Equal(["Công an phường"], me.RoleNames);
        Assert.Equal(("phường Tự Duyệt", "Công an phường", "Lãnh đạo UBND phường", "Toàn phường"), (me.Words.ApprovingUnit, me.Words.Police, me.Words.Leader, me.Words.Total));
        var wards = await (await police.GetAsync("wards")).ReadAsync<List<WardView>>();
        Assert.Equal([id], wards.Select(w => w.Id));
        Assert.True((await police.GetAsync($"wards/{id}/sign-offs")).IsSuccessStatusCode);
        Assert.Equal(Texts.OtherWardForbidden, (await (await police.GetAsync("wards/an-cu/sign-offs")).ProblemAsync(403)).Detail);
        Assert.Equal(Texts.OtherWardForbidden, (await (await police.GetAsync("wards/an-cu/groups")).ProblemAsync(403)).Detail);
        // A refusal names the roles in the unit's words: the ward officer's step is not theirs.
        Assert.Equal("Thao tác này dành cho: Cán bộ UBND phường.", (await (await police.PostAsJsonAsync($"wards/{id}/sign-offs", new { title = "Thử" })).ProblemAsync(403)).Detail);
        var officerId = "cb-" + id;
        Assert.True((await admin.PutAsJsonAsync($"staff/{officerId}", new { displayName = "Cán bộ Tự Duyệt", roles = new[] { "ward-officer" }, wardId = id })).IsSuccessStatusCode);
        Assert.Contains("dành cho: Công an phường", (await (await fx.Client(officerId).PostAsJsonAsync("training/sessions", new { title = "Thử" })).ProblemAsync(403)).Detail);

        // No training session invites its ward: none is listed to it, while the quận's police see the quận's.
        var sessions = await (await police.GetAsync("training/sessions?pageSize=200")).ReadAsync<Tndtq.Training.TrainingSessionList>();
        Assert.Empty(sessions.Items);
        Assert.NotEmpty((await (await fx.Client(As.Police).GetAsync("training/sessions?pageSize=200")).ReadAsync<Tndtq.Training.TrainingSessionList>()).Items);

        // The deployment's other units stay as they were: the 2021 quận's police still read every ward of the quận.
        Assert.True((await fx.Client(As.Police).GetAsync("wards/an-cu/sign-offs")).IsSuccessStatusCode);
        var units = await (await fx.Client(As.OfficerAnCu).GetAsync("units")).ReadAsync<UnitsView>();
        Assert.Contains(units.Units, u => u.Unit.Id == id && u.Wards.Count == 0); // an An Cư officer reads the unit, not its ward
        Assert.Contains(units.Levels, l => l.Id == "phuong" && l.Name == "phường");
    }

    static HttpRequestMessage IfMatch(string url, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task A_unit_of_no_known_level_a_missing_name_or_unit_and_a_non_administrator_are_refused_in_vietnamese()
    {
        var admin = fx.Client(As.Admin);
        var id = "sai-" + Guid.NewGuid().ToString("N")[..8];
        var bad = await (await admin.PutAsJsonAsync($"admin/units/{id}", new { name = " ", levelId = "khong-co" })).ProblemAsync(400);
        Assert.Equal(RegisterTexts.UnitNameRequired, Assert.Single(bad.Errors!["name"]));
        Assert.Equal(RegisterTexts.UnitLevelNotFound, Assert.Single(bad.Errors!["levelId"]));
        var badId = await (await admin.PutAsJsonAsync("admin/units/Sai-Ma", new { name = "Sai", levelId = "phuong" })).ProblemAsync(400);
        Assert.Equal(RegisterTexts.UnitIdInvalid, Assert.Single(badId.Errors!["unitId"]));
        var level = await (await admin.PutAsJsonAsync("admin/levels/dac-khu", new { name = "" })).ProblemAsync(400);
        Assert.Equal(RegisterTexts.LevelNameRequired, Assert.Single(level.Errors!["name"]));

        var noUnit = await (await admin.PutAsJsonAsync($"staff/p-{id}", new { displayName = "Thử", roles = new[] { "district-police" }, unitId = "khong-co-don-vi" })).ProblemAsync(400);
        Assert.Equal(IdentityTexts.StaffUnitNotFound, Assert.Single(noUnit.Errors!["unitId"]));
        var wardRole = await (await admin.PutAsJsonAsync($"staff/o-{id}", new { displayName = "Thử", roles = new[] { "ward-officer" }, wardId = "an-cu", unitId = "ninh-kieu" }))
            .ProblemAsync(400);
        Assert.Equal(IdentityTexts.StaffUnitForWardRole, Assert.Single(wardRole.Errors!["unitId"]));

        Assert.Contains("Quản trị", (await (await fx.Client(As.Police).PutAsJsonAsync($"admin/units/{id}", new { name = "Thử", levelId = "phuong" })).ProblemAsync(403)).Detail);
        var units = await (await admin.GetAsync("units")).ReadAsync<UnitsView>();
        Assert.DoesNotContain(units.Units, u => u.Unit.Id == id); // nothing was written
        Assert.DoesNotContain(units.Levels, l => l.Id == "dac-khu");
    }
}
