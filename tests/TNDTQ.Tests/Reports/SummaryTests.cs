using System.Net;
using Azure.Data.Tables;
using MiniExcelLibs;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Reports;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Reports;

/// <summary>The multi-year summary over HTTP on Azurite: scoping, the year range at the edge, figures per year and per ward with totals, the workbook, the rebuild.</summary>
[Collection(SharedHost.Name)]
public sealed class SummaryTests(HostFixture fx)
{
    const string Csv = """
        Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia
        "Tổ 1, khu vực 2",Hẻm 51 Mậu Thân,45,15/03/2018,35/QĐ-UBND,Nguyễn Văn An,Nam,1968,"Số 12, hẻm 51",0907123456,,Tổ trưởng,15/03/2018
        "Tổ 1, khu vực 2",,,,,Trần Thị Bích Ngọc,Nữ,1975,"Số 20, hẻm 51",,,Tổ phó,01/06/2020
        "Tổ 1, khu vực 2",,,,,Lê Văn Bảy,Nam,1980,"Số 22, hẻm 51",,,Thành viên,01/06/2020
        "Tổ 2, khu vực 2",Hẻm 60 Mậu Thân,30,01/01/2019,36/QĐ-UBND,Phạm Thị Hồng,Nữ,1970,"Số 3, hẻm 60",,,Tổ trưởng,01/01/2019
        """;

    T Service<T>() => (T)fx.Host.Services.GetService(typeof(T))!;

    /// <summary>Approved nominations written as the workflow writes them (with their figures): two individual awards in 2024, a collective one in 2025.</summary>
    async Task AwardAsync(string ward)
    {
        var store = Service<CommendationStore>();
        var (individual, collective) = (DemoCommendations.Catalogue[0], DemoCommendations.Catalogue[1]);
        NominationRecord Approved(NomineeType type, AwardForm form, int year) => new(
            new NominationInput("n-" + Guid.NewGuid().ToString("N")[..10], ward, "Phường Tổng Hợp", new Nominee(type, "g", type == NomineeType.Individual ? "m" : null),
                "Người được đề nghị", "Tổ 1, khu vực 2", form, year.ToString(), "Thành tích", null, Role.WardOfficer, "officer", "Cán bộ", DateTimeOffset.UtcNow,
                new NominationDeadlines(), []),
            NominationOutcomes.Approved, [], new NominationOutcome(NominationOutcomes.Approved, "Được khen thưởng", "9/QĐ-UBND", new DateOnly(year, 12, 1), null, [], DateTimeOffset.UtcNow));
        await store.SaveAsync(Approved(NomineeType.Individual, individual, 2024));
        await store.SaveAsync(Approved(NomineeType.Individual, individual, 2024));
        await store.SaveAsync(Approved(NomineeType.Collective, collective, 2025));
    }

    async Task<Summary> SummaryAsync(HttpClient who, string query) => await (await who.GetAsync("reports/summary?" + query)).ReadAsync<Summary>();

    static SummaryTable Table(Summary s, string key) => s.Tables.Single(t => t.Key == key);

    static long Cell(SummaryTable t, string row, string column) => t.Rows.Single(r => r.Label == row).Values[t.Columns.ToList().FindIndex(c => c.Key == column)];

    async Task AssertConsistentAsync(string ward)
    {
        var check = await (await fx.Client(As.Admin).GetAsync($"reports/check?wardId={ward}")).ReadAsync<FiguresCheck>();
        Assert.True(check.Consistent, string.Join("; ", check.Wards.SelectMany(w => w.Differences).Select(d => $"{d.Figure}: kept {d.Kept}, recount {d.Recount}")));
    }

    [Fact]
    public async Task Ward_roles_see_their_own_ward_district_roles_every_ward_and_the_year_range_is_checked_with_a_Vietnamese_400()
    {
        var (ward, officer, _) = await fx.NewWardAsync("th", "Phường Phạm Vi", Csv);
        var own = await SummaryAsync(officer, "from=2018&to=2020");
        Assert.Equal([ward], own.Wards.Select(w => w.Key));
        Assert.Equal((2018, 2020), (own.From, own.To));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("reports/summary?wardId=an-cu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("reports/summary/export?wardId=an-cu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.OfficerAnCu).GetAsync($"reports/summary?wardId={ward}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Client().GetAsync("reports/summary")).StatusCode);

        var district = await SummaryAsync(fx.Client(As.Police), "from=2018&to=2020");
        Assert.Contains(district.Wards, w => w.Key == ward);
        Assert.Contains(district.Wards, w => w.Key == "an-cu");
        var byWard = Table(district, "register-by-ward");
        Assert.Equal(district.Wards.Select(w => w.Name).Append("Toàn quận"), byWard.Rows.Select(r => r.Label));
        Assert.Equal(byWard.Rows.SkipLast(1).Sum(r => r.Values[0]), byWard.Rows[^1].Values[0]);

        // Seven years to this one by default.
        var year = VietnamTime.Today(TimeProvider.System).Year;
        var byDefault = await SummaryAsync(officer, "");
        Assert.Equal((year - 6, year), (byDefault.From, byDefault.To));

        async Task<ProblemBody> Bad(string query) => await (await officer.GetAsync("reports/summary?" + query)).ProblemAsync(400);
        Assert.Equal(["Từ năm phải trước hoặc bằng Đến năm."], (await Bad("from=2025&to=2020")).Errors!["from"]);
        Assert.Equal(["Chỉ tổng hợp được tối đa 30 năm một lần."], (await Bad("from=2000&to=2040")).Errors!["to"]);
        Assert.Equal(["Từ năm phải là một năm từ 2000 đến 2100."], (await Bad("from=1999&to=2020")).Errors!["from"]);
        Assert.Equal(["Đến năm phải là một năm từ 2000 đến 2100."], (await Bad("from=2019&to=hai-nghin")).Errors!["to"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("reports/summary/export?from=-5")).StatusCode);
    }

    [Fact]
    public async Task The_summary_has_register_years_and_awards_by_form_per_year_and_per_ward_with_totals_and_the_workbook_has_them_as_numbers()
    {
        var (ward, officer, _) = await fx.NewWardAsync("th", "Phường Tổng Hợp", Csv);
        await AwardAsync(ward);
        await AssertConsistentAsync(ward);

        var s = await SummaryAsync(fx.Client(As.Leader), $"from=2018&to=2025&wardId={ward}");
        Assert.Equal(["register-by-year", "register-by-ward", "commendations-by-year", "commendations-by-ward", "training-by-year", "training-by-ward",
            "meetings-by-year", "meetings-by-ward", "support-by-year", "support-by-ward"], s.Tables.Select(t => t.Key));
        Assert.Equal(["Hội nghị tập huấn", "Lượt người được tập huấn"], Table(s, "training-by-year").Columns.Select(c => c.Name));
        Assert.Equal(["Đợt hỗ trợ", "Lượt tổ, người được hỗ trợ", "Tổng số tiền (đồng)"], Table(s, "support-by-year").Columns.Take(3).Select(c => c.Name));
        Assert.All(Table(s, "support-by-year").Rows, r => Assert.All(r.Values, v => Assert.Equal(0, v))); // no round in this ward
        var register = Table(s, "register-by-year");
        Assert.Equal(["Tổ thành lập mới", "Tổ được kiện toàn", "Tổ sáp nhập", "Tổ chia tách", "Tổ giải thể", "Thành viên tham gia", "Thành viên rời tổ", "Tổ trưởng được thay"],
            register.Columns.Select(c => c.Name));
        Assert.Equal(["2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "Cộng 2018–2025"], register.Rows.Select(r => r.Label));
        Assert.Equal((1, 1, 0), (Cell(register, "2018", "established"), Cell(register, "2019", "established"), Cell(register, "2020", "established")));
        Assert.Equal((1, 1, 2), (Cell(register, "2018", "joined"), Cell(register, "2019", "joined"), Cell(register, "2020", "joined")));
        Assert.Equal((2, 4), (Cell(register, "Cộng 2018–2025", "established"), Cell(register, "Cộng 2018–2025", "joined")));
        Assert.True(register.Rows[^1].Total);

        var awards = Table(s, "commendations-by-year");
        Assert.Equal(["Giấy khen của Chủ tịch UBND quận", "Giấy khen của Trưởng Công an quận", "Cá nhân", "Tập thể"], awards.Columns.Select(c => c.Name));
        Assert.Equal([2L, 0, 2, 0], awards.Rows.Single(r => r.Label == "2024").Values);
        Assert.Equal([0L, 1, 0, 1], awards.Rows.Single(r => r.Label == "2025").Values);
        Assert.Equal([2L, 1, 2, 1], Table(s, "commendations-by-ward").Rows.Single(r => r.Label == "Phường Tổng Hợp").Values);
        Assert.Equal([2L, 1, 2, 1], Table(s, "commendations-by-ward").Rows[^1].Values);
        Assert.Equal([0L, 0, 0, 0], Table(await SummaryAsync(officer, "from=2018&to=2023"), "commendations-by-ward").Rows[0].Values); // out of range

        var response = await officer.GetAsync("reports/summary/export?from=2018&to=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tong-hop-to-ndtq-2018-2025.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(["Tổ và thành viên theo năm", "Tổ và thành viên theo phường", "Khen thưởng theo năm", "Khen thưởng theo phường",
            "Tập huấn theo năm", "Tập huấn theo phường", "Họp tổ theo năm", "Họp tổ theo phường", "Hỗ trợ theo năm", "Hỗ trợ theo phường"],
            MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "Tổ và thành viên theo năm").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Năm", .. register.Columns.Select(c => c.Name)], rows[0].Keys);
        Assert.Equal(1d, Assert.IsType<double>(rows[0]["Tổ thành lập mới"])); // a number, not text
        Assert.Equal("Cộng 2018–2025", rows[^1]["Năm"]);
        Assert.Equal(4d, rows[^1]["Thành viên tham gia"]);
        var byWard = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "Khen thưởng theo phường").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Phường Tổng Hợp", "Cộng"], byWard.Select(r => r["Phường"])); // a ward's own total; "Toàn quận" is the district's
        Assert.Equal(1d, byWard[1]["Tập thể"]);
    }

    [Fact]
    public async Task The_rebuild_brings_in_figures_recorded_before_they_were_kept_once_and_only_for_administrators()
    {
        var (ward, officer, _) = await fx.NewWardAsync("th", "Phường Dựng Lại", Csv);
        await AwardAsync(ward);
        var before = await SummaryAsync(officer, "from=2018&to=2025");

        // As an earlier version left it: no register years, no "Years" on the operations, nomination figures without awards by form.
        var tables = Service<TableServiceClient>();
        var register = tables.GetTableClient(RegisterTable.Name);
        await foreach (var e in register.QueryAsync<TableEntity>(TableRows.PrefixFilter(RegisterTable.Partition(ward), "y|")))
            await register.DeleteEntityAsync(e.PartitionKey, e.RowKey);
        await foreach (var e in register.QueryAsync<TableEntity>(TableRows.PrefixFilter(RegisterTable.Partition(ward), "o|")))
        {
            e.Remove("Years");
            await register.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace);
        }
        var commendations = tables.GetTableClient(CommendationStore.TableName);
        await foreach (var e in commendations.QueryAsync<TableEntity>(TableRows.PrefixFilter($"n|{ward}", "~figures|")))
            await new JsonTable(commendations).PutAsync(e.PartitionKey, e.RowKey, TableRows.FromJson<NominationFigures>(e.GetString("Data")!) with { Awards = null });
        var stripped = await SummaryAsync(officer, "from=2018&to=2025");
        Assert.All(stripped.Tables, t => Assert.All(t.Rows, r => Assert.All(r.Values, v => Assert.Equal(0, v))));

        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Client(As.Police).PostAsync($"reports/rebuild?wardId={ward}", null)).StatusCode);
        var first = await (await fx.Client(As.Admin).PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<FiguresRebuildResult>();
        Assert.Equal(new WardRebuild(ward, true, 1, true, MeetingsListed: true, SupportListed: true, SignOffsListed: true), Assert.Single(first.Wards)); // the ward's meetings, support rounds and sign-offs (none) marked listed
        var second = await (await fx.Client(As.Admin).PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<FiguresRebuildResult>();
        Assert.All(second.Wards, w => Assert.Equal((false, false, false), (w.RegisterRebuilt, w.NominationsRebuilt, w.MeetingsListed)));

        var after = await SummaryAsync(officer, "from=2018&to=2025");
        Assert.Equal(before.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Values), after.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Values));
        await AssertConsistentAsync(ward);
    }
}
