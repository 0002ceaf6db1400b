using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using MiniExcelLibs;
using Tndtq.Identity;
using Tndtq.Inbox;
using Tndtq.Shared;
using Tndtq.Support;
using Tndtq.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Tndtq.Tests.Support;

/// <summary>
/// Support rounds in storage (real Azurite): figures that move only with an approval, in its transaction, and equal a
/// recount; the approval's records exactly once under a crash between its transaction and its history lines; the
/// receipt list's content; the state-budget rule.
/// </summary>
public sealed class SupportStoreTests
{
    static async Task<(SupportStore Store, Func<SupportStepRecord, Task> Record)> PartsAsync()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var tables = new TableServiceClient(connection);
        var store = new SupportStore(tables, new BlobServiceClient(connection));
        var notifications = new Notifications(tables, new Deliveries(tables, new StaffDirectory(tables), [], NullLogger<Deliveries>.Instance));
        return (store, s => SupportRecords.WriteAsync(store, notifications, s)); // what a support step's close writes
    }

    static SupportRound Round(string wardId, string id, string kind = SupportKind.HolidayCare, string fundType = FundType.Sponsor) =>
        new(id, wardId, "An Cư", kind, "Thăm hỏi Tết Nguyên đán 2027", new FundSource("Công ty TNHH Minh Phát", fundType),
        [
            new(BeneficiaryType.Member, "m1", "Nguyễn Văn Hùng", "g1", "Tổ 1, khu vực 2", "Tổ trưởng", "Số 12 hẻm 30", 500_000, "Một phần quà Tết"),
            new(BeneficiaryType.Member, "m2", "Trần Thị Mai", "g1", "Tổ 1, khu vực 2", "Tổ phó", null, 300_000, null),
            new(BeneficiaryType.Group, "g2", "Tổ 2, khu vực 2", "g2", "Tổ 2, khu vực 2", null, "Hẻm 45", 1_000_000, null),
        ], null, SupportStatus.Pending, 2, DateTimeOffset.UtcNow, "Cán bộ", DateTimeOffset.UtcNow, "Cán bộ", []);

    static SupportStepRecord Approve(SupportRound r, DateTimeOffset at) =>
        new(new SupportWorkflowInput(r.WardId, r.Id, r.Name, r.WardName, new SupportDeadlines(), []), SupportStatus.Approved,
            new SupportTrailEntry(at, "chairman-approval-1", SupportStep.ChairmanApproval, "Chủ tịch phường duyệt", SupportStep.Approve, "Duyệt", null, "Chủ tịch An Cư"));

    [Fact]
    public async Task Figures_move_with_the_approval_only_by_year_fund_type_and_kind_and_equal_a_recount()
    {
        var (store, record) = await PartsAsync();
        var ward = "sp-" + Guid.NewGuid().ToString("N")[..8];
        var tet = Round(ward, "r1");
        var funding = Round(ward, "r2", SupportKind.Funding, FundType.Fund);
        await store.UpdateAsync(ward, tet.Id, _ => tet);
        await store.UpdateAsync(ward, funding.Id, _ => funding);
        Assert.Empty(await store.YearsAsync(ward)); // pending rounds count nothing

        var at = new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero); // 1 January 2027 in Vietnam
        await record(Approve(tet, at));
        await record(Approve(tet, at)); // the activity run twice: recorded once
        await record(Approve(funding, at));
        var year = Assert.Single(await store.YearsAsync(ward));
        Assert.Equal(2027, year.Key);
        Assert.Equal(2, year.Value.Rounds);
        Assert.Equal(6, year.Value.Beneficiaries);
        Assert.Equal(3_600_000, year.Value.Amount);
        Assert.Equal(1_800_000, year.Value.AmountByFundType[FundType.Sponsor]);
        Assert.Equal(1_800_000, year.Value.AmountByFundType[FundType.Fund]);
        Assert.Equal(1_800_000, year.Value.AmountByKind[SupportKind.HolidayCare]);
        Assert.True(new SupportFigures(await store.YearsAsync(ward)).SameAs(await store.RecountAsync(ward)));

        var history = Assert.Single(await store.HistoryAsync(ward, "m1"), h => h.RoundId == "r1");
        Assert.Equal(500_000, history.Amount);
        Assert.Equal(new DateOnly(2027, 1, 1), history.ApprovedOn);
        Assert.Equal("Nhà tài trợ", history.FundTypeName);
    }

    [Fact]
    public async Task A_crash_after_the_approval_transaction_leaves_figures_counted_once_and_the_retried_activity_writes_the_history()
    {
        var (store, record) = await PartsAsync();
        var ward = "sc-" + Guid.NewGuid().ToString("N")[..8];
        var round = Round(ward, "r1");
        await store.UpdateAsync(ward, round.Id, _ => round);
        var at = DateTimeOffset.UtcNow;

        store.AfterApproval = () => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => record(Approve(round, at)));
        store.AfterApproval = null;
        // The transaction landed whole (round approved, figures moved), the history lines not yet.
        Assert.Equal(SupportStatus.Approved, (await store.GetAsync(ward, round.Id))!.Status);
        Assert.Equal(1, (await store.YearsAsync(ward)).Values.Single().Rounds);
        Assert.Empty(await store.HistoryAsync(ward, "m1"));

        // Durable runs the activity again: nothing counted twice, every history line written.
        await record(Approve(round, at));
        var year = (await store.YearsAsync(ward)).Values.Single();
        Assert.Equal((1, 3, 1_800_000L), (year.Rounds, year.Beneficiaries, year.Amount));
        foreach (var b in round.Beneficiaries) Assert.Single(await store.HistoryAsync(ward, b.Id));
        Assert.Single((await store.GetAsync(ward, round.Id))!.Trail);
        Assert.True(new SupportFigures(await store.YearsAsync(ward)).SameAs(await store.RecountAsync(ward)));
    }

    [Fact]
    public void The_receipt_list_workbook_has_the_heading_the_vietnamese_headers_numbers_as_numbers_and_a_totals_row()
    {
        var round = Round("an-cu", "r1") with { Status = SupportStatus.Approved, ApprovedAt = DateTimeOffset.UtcNow, ApprovedByName = "Lê Văn Chủ" };
        var bytes = ReceiptList.Xlsx(round);
        Assert.Equal([SupportTexts.ReceiptSheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("PHƯỜNG AN CƯ", rows[0]["A"]);
        Assert.Equal("DANH SÁCH KÝ NHẬN", rows[1]["A"]);
        Assert.Equal("Thăm hỏi Tết Nguyên đán 2027", rows[2]["A"]);
        Assert.Equal("Nguồn kinh phí: Công ty TNHH Minh Phát (Nhà tài trợ)", rows[3]["A"]);
        Assert.Equal(["STT", "Họ và tên / Tổ", "Địa chỉ hoặc Tổ", "Số tiền (đồng)", "Quà tặng", "Ký nhận"], rows[5].Values.Select(v => v?.ToString()));
        Assert.Equal("Nguyễn Văn Hùng", rows[6]["B"]);
        Assert.Equal("Số 12 hẻm 30 (Tổ 1, khu vực 2)", rows[6]["C"]);
        Assert.Equal(500_000d, Convert.ToDouble(rows[6]["D"]));
        Assert.IsNotType<string>(rows[6]["D"]);                      // a number, not text
        Assert.Equal("Một phần quà Tết", rows[6]["E"]);
        Assert.True(rows[6]["F"] is null || (string)rows[6]["F"] == "");  // the signature column is empty
        Assert.Equal("Tổ 2, khu vực 2", rows[8]["B"]);
        Assert.Equal("Tổng cộng", rows[9]["B"]);
        Assert.Equal(1_800_000d, Convert.ToDouble(rows[9]["D"]));
        Assert.Equal(10, rows.Count);
    }

    [Fact]
    public void The_receipt_list_pdf_has_the_vietnamese_heading_and_the_table_with_its_totals()
    {
        var round = Round("an-cu", "r1") with { Status = SupportStatus.Approved, ApprovedAt = new DateTimeOffset(2027, 1, 5, 3, 0, 0, TimeSpan.Zero), ApprovedByName = "Lê Văn Chủ" };
        var bytes = Tndtq.Shared.Documents.PdfWriter.Write(ReceiptList.Blocks(round));
        if (Environment.GetEnvironmentVariable("TNDTQ_KEEP_PDF") is { Length: > 0 } keep) File.WriteAllBytes(keep, bytes); // to look at it (pdftoppm)
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (var expected in new[] { "ỦY BAN NHÂN DÂN", "PHƯỜNG AN CƯ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DANH SÁCH KÝ NHẬN", "Thăm hỏi Tết Nguyên đán 2027",
                     "An Cư, ngày 05 tháng 01 năm 2027", "Công ty TNHH Minh Phát", "Lê Văn Chủ",
                     "STT", "Ký nhận", "Nguyễn Văn Hùng", "Số 12 hẻm 30", "500.000", "Một phần", "Tổng cộng", "1.800.000" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void The_receipt_list_docx_is_the_pdfs_layout_in_times_new_roman_with_the_table_and_its_totals()
    {
        var round = Round("an-cu", "r1") with { Status = SupportStatus.Approved, ApprovedAt = new DateTimeOffset(2027, 1, 5, 3, 0, 0, TimeSpan.Zero), ApprovedByName = "Lê Văn Chủ" };
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(Tndtq.Shared.Documents.DocxWriter.Write(ReceiptList.Blocks(round))), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        Assert.All(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.RunFonts>(), f => Assert.Equal("Times New Roman", f.Ascii?.Value));
        Assert.All(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.PageSize>(), page => Assert.Equal(11906u, page.Width!.Value)); // A4
        foreach (var expected in new[] { "ỦY BAN NHÂN DÂN", "PHƯỜNG AN CƯ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "DANH SÁCH KÝ NHẬN",
                     "Thăm hỏi Tết Nguyên đán 2027", "An Cư, ngày 05 tháng 01 năm 2027", "Nguồn kinh phí: Công ty TNHH Minh Phát (Nhà tài trợ)", "Lê Văn Chủ" })
            Assert.Contains(expected, body.InnerText);
        var table = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single(t => t.InnerText.Contains("Ký nhận"));
        var rows = table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ToList();
        Assert.Equal(["STT", "Họ và tên / Tổ", "Địa chỉ hoặc Tổ", "Số tiền (đồng)", "Quà tặng", "Ký nhận"],
            rows[0].Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText));
        Assert.Contains("Nguyễn Văn Hùng", rows[1].InnerText);
        Assert.Contains("500.000", rows[1].InnerText);
        Assert.Contains("Tổng cộng", rows[^1].InnerText);
        Assert.Contains("1.800.000", rows[^1].InnerText);
        Assert.Equal(round.Beneficiaries.Count + 2, rows.Count); // the header, one row each, the totals
    }

    [Theory]
    [InlineData("Ngân sách nhà nước", true)]
    [InlineData("NGAN SACH NHA NUOC", true)]
    [InlineData("ngân  sách phường An Cư", true)]
    [InlineData("Kinh phí NSNN năm 2027", true)]
    [InlineData("ngansach", true)]
    [InlineData("state budget", true)]
    [InlineData("Quỹ vì người nghèo phường An Cư", false)]
    [InlineData("Nguồn vận động ngoài ngân sách", false)]
    [InlineData("Công ty TNHH Minh Phát", false)]
    public void The_state_budget_is_recognised_under_any_spelling(string name, bool stateBudget) =>
        Assert.Equal(stateBudget, SupportService.IsStateBudget(name));
}
