using System.Diagnostics;
using System.Text;
using MiniExcelLibs;
using Tndtq.Register;
using Tndtq.Register.Import;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tndtq.Tests.Register;

/// <summary>Import from the spreadsheets wards keep today: dry run, commit, re-import, corrections, bad rows, size.</summary>
public sealed class ImportTests(RegisterFixture fx, ITestOutputHelper output) : IClassFixture<RegisterFixture>
{
    const string Header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";

    static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. lines]));

    static readonly string[] GoodRows =
    [
        "\"Tổ 1, khu vực 2\",Hẻm 51 Mậu Thân,45,15/03/2018,35/QĐ-UBND,Nguyễn Văn An,Nam,1968,\"Số 12, hẻm 51\",0907123456,,Tổ trưởng,15/03/2018",
        "\"Tổ 1, khu vực 2\",,,,,Trần Thị Bích Ngọc,Nữ,1975,\"Số 20, hẻm 51\",,,Tổ phó,01/06/2020",
        "\"Tổ 1, khu vực 2\",,,,,Lê Văn Bảy,Nam,1980,\"Số 22, hẻm 51\",,,Thành viên,01/06/2020",
        "\"Tổ 2, khu vực 2\",Hẻm 60 Mậu Thân,30,01/01/2019,36/QĐ-UBND,Phạm Thị Hồng,Nữ,1970,\"Số 3, hẻm 60\",,,Tổ trưởng,01/01/2019",
    ];

    [Fact]
    public async Task Dry_run_reports_each_bad_row_with_its_reason_in_Vietnamese_and_writes_nothing()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var file = Csv(
            "Tổ 5,,20,,,,Nam,1970,Số 1,,,Thành viên,",                       // 2: missing name
            "Tổ 5,,,,,Võ Văn Một,Nam,1970,Số 2,,,Tổ trưởng,",                 // 3: leader
            "Tổ 5,,,,,Võ Văn Hai,Nam,1971,Số 3,,,Tổ trưởng,",                 // 4: second leader
            "Tổ 5,,,,,Võ Văn Ba,Nam,1972,Số 4,,,Chủ nhiệm,",                  // 5: unknown role
            "Tổ 5,,,,,Võ Văn Bốn,Nam,19x2,Số 5,,,Thành viên,",                // 6: bad year
            "Tổ 5,,,,,Võ  Văn Một,Nam,1970,Số 2,,,Thành viên,",               // 7: duplicate of row 3
            "Tổ 5,,,,,Võ Văn Năm,Nam,1975,Số 6,,,Thành viên,");              // 8: fine

        var (report, rejected) = await fx.Transfer.ImportAsync(officer, ward, file, "to5.csv", commit: false, null, default);
        Assert.True(rejected);
        string[] Reasons(int row) => report.Rows.Single(r => r.Row == row).Messages.ToArray();
        Assert.Contains(RegisterTexts.MemberNameRequired, Reasons(2));
        Assert.Contains("Tổ 5 có hơn một tổ trưởng (đã có tổ trưởng ở dòng 3).", Reasons(4));
        Assert.Contains("Vai trò \"Chủ nhiệm\" không hợp lệ (dùng: Tổ trưởng, Tổ phó, Thành viên).", Reasons(5));
        Assert.Contains("Năm sinh \"19x2\" không hợp lệ: phải là năm từ 1900 đến 2010.", Reasons(6));
        Assert.Contains("Trùng người với dòng 3.", Reasons(7));
        Assert.Equal(ImportRowStatus.Created, report.Rows.Single(r => r.Row == 8).Status);
        Assert.Equal("Lỗi", report.Rows.Single(r => r.Row == 4).StatusName);
        Assert.Equal(5, report.Summary.Rejected);

        // Commit refuses the whole file while any row is rejected: nothing is half-applied.
        var (_, stillRejected) = await fx.Transfer.ImportAsync(officer, ward, file, "to5.csv", commit: true, null, default);
        Assert.True(stillRejected);
        Assert.Empty((await fx.Store.LoadAsync(ward, default)).State.Members);
    }

    [Fact]
    public async Task Commit_then_reimport_changes_nothing_and_a_corrected_file_changes_only_what_differs()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var (first, rejected) = await fx.Transfer.ImportAsync(officer, ward, Csv(GoodRows), "so-to.csv", commit: true, null, default);
        Assert.False(rejected);
        Assert.Equal(new ImportSummary(4, 4, 0, 2, 0, 4, 0, 0), first.Summary);
        var group = (await fx.Service.ListGroupsAsync(officer, ward, null, null, 50, default)).Items.First();
        Assert.Equal("Tổ 1, khu vực 2", group.Name);
        Assert.Equal("Nguyễn Văn An", group.Leader!.FullName);
        Assert.Equal(45, group.Households);
        var auditBefore = (await fx.Service.AuditAsync(officer, ward, null, null, 200, default)).Items.Count;

        var (again, _) = await fx.Transfer.ImportAsync(officer, ward, Csv(GoodRows), "so-to.csv", commit: true, null, default);
        Assert.Equal(4, again.Summary.Unchanged);
        Assert.Equal(auditBefore, (await fx.Service.AuditAsync(officer, ward, null, null, 200, default)).Items.Count);

        var corrected = GoodRows.ToArray();
        corrected[2] = corrected[2].Replace(",,,Thành viên", ",0912000111,,Thành viên"); // Lê Văn Bảy's phone added
        var (fix, _) = await fx.Transfer.ImportAsync(officer, ward, Csv(corrected), "so-to-sua.csv", commit: true, null, default);
        Assert.Equal(1, fix.Summary.MembersUpdated);
        Assert.Equal(3, fix.Summary.Unchanged);
        var bay = (await fx.Service.SearchAsync(officer, "le van bay", null, null, null, null, 5, default)).Items.Single();
        Assert.Equal("0912000111", (await fx.Service.GetMemberAsync(officer, ward, bay.GroupId, bay.MemberId, default)).Phone);
    }

    [Fact]
    public async Task A_corrected_file_that_adds_a_citizen_id_updates_the_person_instead_of_adding_a_second_one()
    {
        var (ward, officer) = await fx.NewWardAsync();
        await fx.Transfer.ImportAsync(officer, ward, Csv(GoodRows), "a.csv", commit: true, null, default);
        var withId = GoodRows.ToArray();
        withId[2] = withId[2].Replace(",,,Thành viên", ",,079080001234,Thành viên");  // Lê Văn Bảy's CCCD
        withId[0] = withId[0].Replace(",0907123456,,Tổ trưởng", ",0907123456,079068005678,Tổ trưởng"); // and the leader's
        var (report, rejected) = await fx.Transfer.ImportAsync(officer, ward, Csv(withId), "b.csv", commit: true, null, default);
        Assert.False(rejected, string.Join("; ", report.Rows.SelectMany(r => r.Messages)));
        Assert.Equal(2, report.Summary.MembersUpdated);
        Assert.Equal(0, report.Summary.MembersCreated);
        Assert.Equal(4, (await fx.Store.LoadAsync(ward, default)).State.Members.Count);
    }

    [Fact]
    public async Task Reimport_cannot_change_the_leader_of_an_existing_group()
    {
        var (ward, officer) = await fx.NewWardAsync();
        await fx.Transfer.ImportAsync(officer, ward, Csv(GoodRows), "a.csv", commit: true, null, default);
        var swapped = GoodRows.ToArray();
        swapped[0] = swapped[0].Replace("Tổ trưởng", "Thành viên");
        swapped[2] = swapped[2].Replace("Thành viên", "Tổ trưởng");
        var (report, rejected) = await fx.Transfer.ImportAsync(officer, ward, Csv(swapped), "b.csv", commit: false, null, default);
        Assert.True(rejected);
        Assert.Contains(RegisterTexts.StructuralChangeViaProposal, report.Rows.Single(r => r.Row == 4).Messages);
    }

    [Fact]
    public async Task Xlsx_from_the_template_imports_and_the_export_imports_back_unchanged()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var template = RegisterTransfer.Template(csv: false);
        var (fromTemplate, rejected) = await fx.Transfer.ImportAsync(officer, ward, template, "mau.xlsx", commit: true, null, default);
        Assert.False(rejected, string.Join("; ", fromTemplate.Rows.SelectMany(r => r.Messages)));
        Assert.Equal(2, fromTemplate.Summary.MembersCreated);

        var export = await (await fx.Transfer.ExportWardAsync(officer, ward, default)).ToBytesAsync();
        var rows = MiniExcel.Query(new MemoryStream(export), useHeaderRow: true, sheetName: RegisterTexts.TemplateDataSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["Họ và tên"] == "Trần Thị Bích Ngọc" && (string)r["Vai trò"] == "Thành viên");

        var (back, _) = await fx.Transfer.ImportAsync(officer, ward, export, "xuat.xlsx", commit: false, null, default);
        Assert.Equal(2, back.Summary.Unchanged);
        Assert.Equal(0, back.Summary.Rejected);
    }

    [Fact]
    public async Task District_export_streams_the_kept_counters_and_every_ward_register_as_a_recount_would()
    {
        // Two wards with groups, members and a member who left (not exported), and a ward with nothing yet.
        var (first, officer1) = await fx.NewWardAsync();
        var (second, officer2) = await fx.NewWardAsync();
        var (empty, _) = await fx.NewWardAsync();
        Assert.False((await fx.Transfer.ImportAsync(officer1, first, Csv(GoodRows), "a.csv", commit: true, null, default)).Rejected);
        var lines = Enumerable.Range(1, 30).SelectMany(g => Enumerable.Range(0, 4).Select(m =>
            $"Tổ {g},Khu vực {g % 3},{10 + g},,,Người {g}-{m},Nam,{1960 + m},Số {m} tổ {g},,,{(m == 0 ? "Tổ trưởng" : "Thành viên")},")).ToArray();
        Assert.False((await fx.Transfer.ImportAsync(officer2, second, Csv(lines), "b.csv", commit: true, null, default)).Rejected);
        var state2 = (await fx.Store.LoadAsync(second, default)).State;
        var leaving = state2.Members.Values.First(m => m.FullName == "Người 7-3");
        var view = await fx.Service.GetMemberAsync(officer2, second, leaving.GroupId, leaving.Id, default);
        await fx.Service.MemberLeavesAsync(officer2, second, leaving.GroupId, leaving.Id, view.ETag, null, new MemberLeavesBody(null, "Chuyển nơi ở"), default);

        var file = await fx.Transfer.ExportDistrictAsync(RegisterFixture.Police, default);
        Assert.Equal("so-to-ndtq-toan-quan.xlsx", file.FileName);
        var bytes = await file.ToBytesAsync();
        var summary = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: RegisterTexts.ExportSummarySheet).Cast<IDictionary<string, object>>().ToList();
        var data = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: RegisterTexts.TemplateDataSheet).Cast<IDictionary<string, object>>().ToList();

        foreach (var wardId in new[] { first, second, empty })
        {
            var ward = (await fx.Store.GetWardAsync(wardId, default))!.Value.Value;
            var state = (await fx.Store.LoadAsync(wardId, default)).State;
            // The summary row: what a recount of the rows gives.
            var c = state.Counters();
            var row = summary.Single(r => (string)r[RegisterTexts.CounterHeaders[0]] == ward.Name);
            object[] expected = [c.ActiveGroups, c.MergedGroups, c.SplitGroups, c.DissolvedGroups, c.ActiveMembers, c.Leaders, c.Deputies, c.Households];
            Assert.Equal(expected.Select(Convert.ToInt64), RegisterTexts.CounterHeaders.Skip(1).Select(h => Convert.ToInt64(row[h])));
            // The data rows: groups by name, then active members, leader first, by name — as before.
            var want = (from g in state.Groups.Values.OrderBy(g => g.Name, NaturalVietnameseComparer.Instance)
                        from m in state.ActiveMembersOf(g.Id).OrderBy(m => m.Role).ThenBy(m => m.FullName, NaturalVietnameseComparer.Instance)
                        select $"{g.Name}|{g.Households}|{m.FullName}|{m.BirthYear}|{RegisterTexts.RoleName(m.Role)}|{RegisterTexts.GroupStatusName(g.Status)}").ToList();
            var got = data.Where(r => (string)r[RegisterSheet.WardHeader] == ward.Name)
                .Select(r => $"{r["Tổ"]}|{r["Số hộ"]}|{r["Họ và tên"]}|{r["Năm sinh"]}|{r["Vai trò"]}|{r[RegisterSheet.GroupStatusHeader]}").ToList();
            Assert.Equal(want, got);
        }
        var secondName = (await fx.Store.GetWardAsync(second, default))!.Value.Value.Name;
        Assert.DoesNotContain(data, r => (string)r[RegisterSheet.WardHeader] == secondName && (string)r["Họ và tên"] == "Người 7-3");
        Assert.Equal(119, data.Count(r => (string)r[RegisterSheet.WardHeader] == secondName));

        var wardFile = await (await fx.Transfer.ExportWardAsync(officer2, second, default)).ToBytesAsync();
        var wardRows = MiniExcel.Query(new MemoryStream(wardFile), useHeaderRow: true, sheetName: RegisterTexts.TemplateDataSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(119, wardRows.Count);
        Assert.DoesNotContain(RegisterSheet.WardHeader, wardRows[0].Keys);
    }

    [Fact]
    public async Task Five_thousand_rows_import_whole()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var lines = new List<string>();
        for (var g = 1; g <= 250; g++)
            for (var m = 0; m < 20; m++)
                lines.Add($"Tổ {g},Khu vực {g % 9},40,,,Người {g}-{m},{(m % 2 == 0 ? "Nam" : "Nữ")},{1950 + m},Số {m} tổ {g},,,{(m == 0 ? "Tổ trưởng" : m <= 2 ? "Tổ phó" : "Thành viên")},");
        var file = Csv([.. lines]);
        var watch = Stopwatch.StartNew();
        var (report, rejected) = await fx.Transfer.ImportAsync(officer, ward, file, "lon.csv", commit: true, null, default);
        output.WriteLine($"5,000-row import committed in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.False(rejected);
        Assert.Equal(5000, report.Summary.MembersCreated);
        var counters = (await fx.Service.GetWardAsync(officer, ward, default)).Counters!;
        Assert.Equal(new WardCounters(250, 0, 0, 0, 5000, 250, 500, 250 * 40), counters);
        Assert.Equal(await fx.Changes.RecountAsync(ward, default), counters);
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_clearly()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var e = await Assert.ThrowsAsync<ProblemException>(() =>
            fx.Transfer.ImportAsync(officer, ward, Encoding.UTF8.GetBytes("Tên,Tuổi\nA,3"), "x.csv", commit: false, null, default));
        Assert.Equal("Tệp thiếu cột bắt buộc: Tổ, Họ và tên. Hãy dùng tệp mẫu.", e.Detail);
    }
}
