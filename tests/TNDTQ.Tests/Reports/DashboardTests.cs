using System.Net;
using System.Net.Http.Json;
using MiniExcelLibs;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Reports;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Support;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Reports;

/// <summary>The district dashboard over HTTP on the real Durable engine and Azurite: scoping, figures against a fresh recount, the workbook.</summary>
[Collection(SharedHost.Name)]
public sealed class DashboardTests(HostFixture fx)
{
    const string Csv = RegisterCsv.TwoGroups;

    static readonly string Today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    async Task<WardFigures> FiguresAsync(string ward) =>
        Assert.Single((await (await fx.Client(As.Police).GetAsync($"reports/dashboard?wardId={ward}")).ReadAsync<Dashboard>()).Wards);

    /// <summary>The kept figures equal a count made afresh from the records (the administrator's check).</summary>
    async Task AssertAgreesWithRecountAsync(string ward)
    {
        var check = await (await fx.Client(As.Admin).GetAsync($"reports/check?wardId={ward}")).ReadAsync<FiguresCheck>();
        var only = Assert.Single(check.Wards);
        Assert.True(check.Consistent, string.Join("; ", only.Differences.Select(d => $"{d.Figure}: kept {d.Kept}, recount {d.Recount}")));
    }

    [Fact]
    public async Task A_ward_officer_sees_only_their_ward_and_a_district_role_sees_every_ward_and_the_total()
    {
        var (ward, officer, _) = await fx.NewWardAsync("bc", "Phường Báo Cáo", Csv);

        var own = await (await officer.GetAsync("reports/dashboard")).ReadAsync<Dashboard>();
        var mine = Assert.Single(own.Wards);
        Assert.Equal((ward, "Phường Báo Cáo"), (mine.WardId, mine.WardName));
        Assert.Equal(new WardCounters(2, 0, 0, 0, 5, 2, 1, 65), mine.Register);
        Assert.Equal(mine.Register, own.Totals.Register);

        // A group meeting recorded today counts on the dashboard at once (the meeting counters kept with each meeting).
        Assert.Equal((0, 0), (mine.GroupMeetingsThisYear, own.Totals.GroupMeetingsThisYear));
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[0];
        var members = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?status=active")).ReadAsync<PageResult<MemberView>>()).Items;
        var meeting = await officer.PostAsJsonAsync($"wards/{ward}/meetings", new {
            scope = "group", groupId = group.Id, date = VietnamTime.Today(TimeProvider.System), kind = "regular", chair = members[0].FullName,
            attendance = members.Select(m => new { memberId = m.Id, status = "present" }).ToArray(), guests = Array.Empty<string>(),
            content = "Phổ biến quy định phòng cháy, chữa cháy.", tasks = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        var after = await (await officer.GetAsync("reports/dashboard")).ReadAsync<Dashboard>();
        Assert.Equal((1, 1, 0), (Assert.Single(after.Wards).GroupMeetingsThisYear, after.Totals.GroupMeetingsThisYear, after.Totals.WardMeetingsThisYear));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("reports/dashboard?wardId=an-cu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("reports/dashboard/export?wardId=an-cu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.OfficerAnCu).GetAsync($"reports/dashboard?wardId={ward}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"reports/check?wardId={ward}")).StatusCode); // the recount is for administrators
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client(As.Police).GetAsync("reports/dashboard?wardId=khong-co")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Client().GetAsync("reports/dashboard")).StatusCode);

        var district = await (await fx.Client(As.Police).GetAsync("reports/dashboard")).ReadAsync<Dashboard>();
        Assert.Contains(district.Wards, w => w.WardId == ward);
        Assert.Contains(district.Wards, w => w.WardId == "an-cu");
        Assert.Equal(district.Wards.Sum(w => w.Register.ActiveMembers), district.Totals.Register.ActiveMembers);
        Assert.Equal(district.Wards.Sum(w => w.Register.Households), district.Totals.Register.Households);
        Assert.Equal(district.Wards.Sum(w => w.AwardsThisYear), district.Totals.AwardsThisYear);
        Assert.Equal(VietnamTime.Today(TimeProvider.System).Year, district.Year);
        Assert.Equal(["Chủ tịch UBND phường xác nhận đề nghị", "Công an quận thẩm định"],
            district.NominationSteps.Where(s => s.Key is NominationStep.ChairmanEndorsement or NominationStep.PoliceReview).Select(s => s.Name));
    }

    [Fact]
    public async Task Figures_equal_the_recount_after_register_changes_an_applied_restructure_and_a_nomination()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("bc", "Phường Số Liệu", Csv);
        var police = fx.Client(As.Police);
        var leader = fx.Client(As.Leader);
        await AssertAgreesWithRecountAsync(ward); // after the import

        // A review cycle: the ward's step, and its ratings as assessed (a rating changed moves from one level to the other).
        var cycle = "bc-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát báo cáo", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }
        })).EnsureSuccessStatusCode();
        var atAssessment = await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.Assessment);
        Assert.Equal(("Rà soát báo cáo", false), (atAssessment.Review!.CycleName, atAssessment.Review.Overdue));
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var tổ1 = groups.Single(g => g.Name == "Tổ 1, khu vực 1");
        var tổ2 = groups.Single(g => g.Name == "Tổ 2, khu vực 1");
        async Task Assess(string groupId, string rating, string recommendation) =>
            (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{groupId}", new { rating, recommendation })).EnsureSuccessStatusCode();
        await Assess(tổ1.Id, "fair", "keep");
        Assert.Equal(new RatingCounts(0, 1, 0, 0), (await FiguresAsync(ward)).Ratings);
        await Assess(tổ1.Id, "good", "keep");
        await Assess(tổ2.Id, "weak", "dissolve");
        var rated = await FiguresAsync(ward);
        Assert.Equal((new RatingCounts(1, 0, 0, 1), "Rà soát báo cáo"), (rated.Ratings, rated.RatingsCycleName));
        await AssertAgreesWithRecountAsync(ward);

        // The proposal dissolves Tổ 2; approved and applied to the register.
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/submit", null)).StatusCode);
        await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.Proposal);
        (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal", new {
            title = "Tờ trình giải thể Tổ 2, khu vực 1",
            changes = new[] { new { change = new { type = "dissolve", groupId = tổ2.Id, reason = "Địa bàn giải tỏa" }, reason = "Địa bàn giải tỏa" } },
        })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/submit", null)).StatusCode);
        await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.ChairmanSignOff);
        (await chairman.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/chairman-sign-off", new { outcome = "approve" })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.PoliceReview);
        (await police.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/police-review", new { outcome = "forward" })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.LeaderDecision);
        (await leader.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/leader-decision",
            new { outcome = "approve", decisionNumber = "77/QĐ-UBND", decisionDate = Today })).EnsureSuccessStatusCode();
        var closed = await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.Closed);
        Assert.Equal("Đã phê duyệt và cập nhật sổ", closed.Review!.StepName);
        Assert.Equal(new WardCounters(1, 0, 0, 1, 3, 1, 1, 40), closed.Register);
        await AssertAgreesWithRecountAsync(ward);

        // A nomination of Tổ 1 (rated good): counted at each step, then as an award of this year.
        var form = "giay-khen-chu-tich-ubnd-quan";
        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = tổ1.Id, awardFormId = form, period = Today[..4], achievements = "Giữ vững an ninh trật tự trên địa bàn",
        })).ReadAsync<NominationView>();
        async Task<WardFigures> At(string step) =>
            await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.NominationsAtStep.Count == 1 && f.NominationsAtStep.GetValueOrDefault(step) == 1);
        async Task Decide(HttpClient who, string step, object body) =>
            Assert.Equal(HttpStatusCode.Accepted, (await who.PostAsJsonAsync($"commendations/nominations/{nomination.Id}/decisions/{step}", body)).StatusCode);
        await At(NominationStep.ChairmanEndorsement);
        await AssertAgreesWithRecountAsync(ward);
        await Decide(chairman, NominationStep.ChairmanEndorsement, new { outcome = "endorse" });
        await At(NominationStep.PoliceReview);
        await Decide(police, NominationStep.PoliceReview, new { outcome = "forward" });
        await At(NominationStep.Council);
        await AssertAgreesWithRecountAsync(ward);
        await Decide(fx.Client("demo-council"), NominationStep.Council, new { outcome = "recommend", votesFor = 5, votesAgainst = 0, votesAbstain = 0, meetingDate = Today });
        await At(NominationStep.Decision);
        await Decide(leader, NominationStep.Decision, new { outcome = "approve", decisionNumber = "78/QĐ-UBND", decisionDate = Today });
        var awarded = await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.AwardsThisYear == 1);
        Assert.Empty(awarded.NominationsAtStep);
        Assert.Equal(1, awarded.NominationResults[NominationOutcomes.Approved]);
        await AssertAgreesWithRecountAsync(ward);
    }

    [Fact]
    public async Task The_rebuild_brings_in_ratings_and_open_steps_recorded_before_they_were_kept_once()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("bc", "Phường Dựng Số Liệu", Csv);
        var police = fx.Client(As.Police);
        var cycle = "bc-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát dựng lại", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }
        })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.Review?.Step == RestructureStep.Assessment);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var (tổ1, tổ2) = (groups.Single(g => g.Name == "Tổ 1, khu vực 1"), groups.Single(g => g.Name == "Tổ 2, khu vực 1"));
        (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{tổ1.Id}", new { rating = "good", recommendation = "keep" })).EnsureSuccessStatusCode();
        (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{tổ2.Id}", new { rating = "weak", recommendation = "dissolve" })).EnsureSuccessStatusCode();
        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = tổ1.Id, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = Today[..4], achievements = "Giữ vững an ninh trật tự trên địa bàn",
        })).ReadAsync<NominationView>();
        var step = Assert.Single((await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.NominationsAtStep.Count == 1)).NominationsAtStep).Key;
        await AssertAgreesWithRecountAsync(ward);

        // As an earlier version left them: assessments without rating counts, a nomination open at a step nobody counted.
        var tables = (Azure.Data.Tables.TableServiceClient)fx.Host.Services.GetService(typeof(Azure.Data.Tables.TableServiceClient))!;
        await tables.GetTableClient(RestructureStore.TableName).DeleteEntityAsync($"{cycle}|{ward}", "ratings");
        var reports = tables.GetTableClient(ReportsStore.TableName);
        await foreach (var e in reports.QueryAsync<Azure.Data.Tables.TableEntity>(x => x.PartitionKey == $"steps|{ward}"))
            await reports.DeleteEntityAsync(e.PartitionKey, e.RowKey);
        var stripped = await FiguresAsync(ward);
        Assert.Equal((RatingCounts.Zero, 0), (stripped.Ratings, stripped.NominationsAtStep.Count));
        var check = await (await fx.Client(As.Admin).GetAsync($"reports/check?wardId={ward}")).ReadAsync<FiguresCheck>();
        Assert.Equal(["nominations-at-step", $"ratings:{cycle}"], Assert.Single(check.Wards).Differences.Select(d => d.Figure).Order());

        // The rebuild brings both in, once.
        var first = Assert.Single((await (await fx.Client(As.Admin).PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<FiguresRebuildResult>()).Wards);
        Assert.Equal((1, 1), (first.Ratings, first.OpenSteps));
        var rebuilt = await FiguresAsync(ward);
        Assert.Equal(new RatingCounts(1, 0, 0, 1), rebuilt.Ratings);
        Assert.Equal(1, rebuilt.NominationsAtStep[step]);
        await AssertAgreesWithRecountAsync(ward);
        var second = Assert.Single((await (await fx.Client(As.Admin).PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<FiguresRebuildResult>()).Wards);
        Assert.Equal((0, 0), (second.Ratings, second.OpenSteps));

        // The row the rebuild wrote moves with the workflow like any other: the nomination's next step counts it there, once.
        var (who, body) = step == NominationStep.EligibilityOverride
            ? (police, (object)new { outcome = "override", comment = "Đủ điều kiện theo kết quả rà soát" })
            : (chairman, new { outcome = "endorse" });
        Assert.Equal(HttpStatusCode.Accepted, (await who.PostAsJsonAsync($"commendations/nominations/{nomination.Id}/decisions/{step}", body)).StatusCode);
        var moved = await HttpAssertions.EventuallyAsync(() => FiguresAsync(ward), f => f.NominationsAtStep.Count == 1 && !f.NominationsAtStep.ContainsKey(step));
        Assert.Equal(1, moved.NominationsAtStep.Values.Single());
        await AssertAgreesWithRecountAsync(ward);
    }

    [Fact]
    public async Task The_check_names_a_kept_figure_that_drifted_from_the_records()
    {
        var (ward, _, _) = await fx.NewWardAsync("bc", "Phường Kiểm Tra", Csv);
        await AssertAgreesWithRecountAsync(ward);
        // Kept figures changed behind the records' back (as a bug or a hand edit would).
        var tables = (Azure.Data.Tables.TableServiceClient)fx.Host.Services.GetService(typeof(Azure.Data.Tables.TableServiceClient))!;
        await new JsonTable(tables.GetTableClient(ReportsStore.TableName)).PutAsync($"steps|{ward}", "figures|0",
            new StepCounts(new Dictionary<string, int> { ["commendation|council"] = 3 }));
        await new JsonTable(tables.GetTableClient(CommendationStore.TableName)).PutAsync($"n|{ward}", "~figures|0",
            new NominationFigures(new Dictionary<string, int> { ["approved"] = 1 }, new Dictionary<int, int> { [2026] = 1 }));

        var check = await (await fx.Client(As.Admin).GetAsync($"reports/check?wardId={ward}")).ReadAsync<FiguresCheck>();
        Assert.False(check.Consistent);
        Assert.Equal(["nominations", "nominations-at-step"], Assert.Single(check.Wards).Differences.Select(d => d.Figure).Order());
        Assert.Equal(3, (await FiguresAsync(ward)).NominationsAtStep[NominationStep.Council]); // the dashboard shows what is kept: hence the check
    }

    [Fact]
    public async Task The_workbook_has_a_sheet_per_table_with_Vietnamese_headers_numbers_and_a_totals_row()
    {
        var (ward, officer, _) = await fx.NewWardAsync("bc", "Phường Xuất Tệp", Csv);
        var response = await officer.GetAsync("reports/dashboard/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([ReportsTexts.SheetRegister, ReportsTexts.SheetRatings, ReportsTexts.SheetReviews, ReportsTexts.SheetNominations, SupportTexts.SheetSupport, ReportsTexts.SheetMeetings], MiniExcel.GetSheetNames(new MemoryStream(bytes)));

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: ReportsTexts.SheetRegister).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Phường", "Tổ đang hoạt động", "Tổ đã sáp nhập", "Tổ đã chia tách", "Tổ đã giải thể", "Thành viên", "Tổ trưởng", "Tổ phó", "Số hộ",
            "Tổ trưởng, tổ phó đã tập huấn"], rows[0].Keys);
        Assert.Equal(0d, rows[0]["Tổ trưởng, tổ phó đã tập huấn"]); // training's column: nobody of the new ward trained yet
        Assert.Equal(["Phường Xuất Tệp", "Toàn quận"], rows.Select(r => r["Phường"]));
        Assert.Equal(5d, Assert.IsType<double>(rows[0]["Thành viên"])); // a number, not text
        Assert.Equal(65d, rows[1]["Số hộ"]);

        var ratings = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: ReportsTexts.SheetRatings).Cast<IDictionary<string, object>>().First();
        Assert.Equal(["Phường", "Đợt rà soát", "Tốt", "Khá", "Trung bình", "Yếu", "Số tổ đã đánh giá"], ratings.Keys);
        Assert.Equal(0d, ratings["Tốt"]);
        var nominations = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: ReportsTexts.SheetNominations).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains("Hội đồng Thi đua – Khen thưởng xét", nominations[0].Keys);
        Assert.Contains($"Khen thưởng năm {VietnamTime.Today(TimeProvider.System).Year}", nominations[0].Keys);
        Assert.Equal("Toàn quận", nominations[^1]["Phường"]);
    }
}
