using DocumentFormat.OpenXml.Packaging;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Documents;
using UglyToad.PdfPig;
using static Tndtq.Tests.Documents.PdfLayout;

namespace Tndtq.Tests.Restructure;

/// <summary>
/// The restructure's own documents: what a change does, in words (one renderer for the pages and the documents), the tờ trình of
/// each submitted version and the quyết định of the approval, in the layout of Decree 30/2020/NĐ-CP, Appendix I (the same checks as
/// the commendation's documents), with the groups and people the proposal names; a broken template still gives a document.
/// </summary>
public sealed class RestructureDocumentTests
{
    static Member M(string id, string group, string name, MemberRole role = MemberRole.Member, int? born = 1970) =>
        new(id, "an-cu", group, name, null, born, $"Số {id}", null, null, role, new DateOnly(2020, 1, 1), MemberStatus.Active);

    /// <summary>Tổ 1 led by Châu Công An; Tổ 13 (11 members, 45 households), Tổ 17 (8, 40), Tổ 18 (3, 20); Tổ 20 to dissolve; Tổ 5 to split.</summary>
    internal static WardState Ward()
    {
        var groups = new[]
        {
            new Group("g1", "an-cu", "Tổ 1, khu vực 3", "Hẻm 1", 30, GroupStatus.Active, null, null),
            new Group("g13", "an-cu", "Tổ 13, khu vực 1", "Hẻm 13", 45, GroupStatus.Active, null, null),
            new Group("g17", "an-cu", "Tổ 17, khu vực 1", "Hẻm 17", 40, GroupStatus.Active, null, null),
            new Group("g18", "an-cu", "Tổ 18, khu vực 2", "Hẻm 18", 20, GroupStatus.Active, null, null),
            new Group("g20", "an-cu", "Tổ 20, khu vực 4", "Hẻm 20", 15, GroupStatus.Active, null, null),
            new Group("g5", "an-cu", "Tổ 5, khu vực 2", "Hẻm 5", 60, GroupStatus.Active, null, null),
        };
        var members = new List<Member>
        {
            M("a1", "g1", "Châu Công An", MemberRole.Leader, 1950), M("a2", "g1", "Phạm Thị Kim Hà", born: 1985), M("a3", "g1", "Lý Văn Bé"),
            M("b1", "g13", "Nguyễn Văn Mười", MemberRole.Leader), M("b2", "g13", "Lê Thị Hạnh", MemberRole.Deputy),
            M("c1", "g17", "Trần Văn Bảy", MemberRole.Leader), M("d1", "g18", "Võ Thị Thu", MemberRole.Leader),
            M("e1", "g20", "Đặng Văn Tài", MemberRole.Leader), M("e2", "g20", "Huỳnh Thị Lan"),
            M("f1", "g5", "Tô Văn Năm", MemberRole.Leader), M("f2", "g5", "Mai Thị Sáu", MemberRole.Deputy), M("f3", "g5", "Kha Văn Bảy"), M("f4", "g5", "Lưu Thị Tám"),
        };
        members.AddRange(Enumerable.Range(1, 9).Select(i => M($"b{i + 2}", "g13", $"Thành viên Mười Ba {i}")));
        members.AddRange(Enumerable.Range(1, 7).Select(i => M($"c{i + 1}", "g17", $"Thành viên Mười Bảy {i}")));
        members.AddRange(Enumerable.Range(1, 2).Select(i => M($"d{i + 1}", "g18", $"Thành viên Mười Tám {i}")));
        return new WardState("an-cu", groups, members);
    }

    internal static readonly Candidate Hà = new("Phạm Thị Kim Hà", "a2", 1985, true, 15, true, true, "Họp dân ngày 05/01/2026 thống nhất 95%");

    internal static IReadOnlyList<ProposedChange> Changes() =>
    [
        new(new ConsolidateGroup("g1", new PersonSpec("a2"), null, [new PersonSpec(null, "Đỗ Văn Út", Gender.Male, 1990, "Số 9, hẻm 1")], null),
            "Tổ trưởng xin nghỉ vì sức khỏe", [Hà]),
        new(new MergeGroups(["g17", "g18"], "g13", null, null, null), "Hai tổ ít hộ, cùng khu vực", null),
        new(new EstablishGroup("Tổ 30, khu vực 6", "Hẻm 4", 45, new PersonSpec(null, "Nguyễn Văn An", Gender.Male, 1975, "Số 1, hẻm 4"), [], []), "Khu dân cư mới",
            [new("Nguyễn Văn An", null, 1975, true, 6, true, false, null)]),
        new(new DissolveGroup("g20", "Giải tỏa khu dân cư"), null, null),
        new(new SplitGroup("g5", [new("Tổ 5A, khu vực 2", null, 30, "f1", [], ["f3"]), new("Tổ 5B, khu vực 2", null, 30, "f2", [], ["f4"])]), "Địa bàn rộng",
            [new("Tô Văn Năm", "f1", 1970, true, 20, true, true, null), new("Mai Thị Sáu", "f2", 1970, true, 20, true, true, null)]),
    ];

    static Proposal Version(int version, IReadOnlyList<ProposedChange>? changes = null) =>
        new("Tờ trình kiện toàn Tổ Nhân dân tự quản năm 2026", "Rà soát cuối năm 2025.", changes ?? Changes(), [], version, DateTimeOffset.UtcNow, "Cán bộ");

    static ProposalFacts Facts(IReadOnlyList<ProposedChange>? changes = null) => new("An Cư", "ninh-kieu", "UBND quận Ninh Kiều", "Trần Thị Chủ Tịch",
        new DateOnly(2026, 2, 5), new RatingCounts(2, 2, 1, 1),
        [new(Rating.Good, ["Tổ 13, khu vực 1", "Tổ 17, khu vực 1"]), new(Rating.Fair, ["Tổ 18, khu vực 2", "Tổ 5, khu vực 2"]), new(Rating.Average, ["Tổ 1, khu vực 3"]),
         new(Rating.Weak, ["Tổ 20, khu vực 4"])], 0, ChangeDescriptions.Describe(changes ?? Changes(), Ward()),
        Approving: Tndtq.Demo.DemoRegister.ApprovingUnit, ApprovingLevel: Tndtq.Demo.DemoRegister.Levels[0]);

    static IReadOnlyList<Block> ToTrình(int version = 2, IReadOnlyList<ProposedChange>? changes = null) =>
        RestructureDocuments.Proposal(DocumentTemplate.Load(RestructureDocuments.ProposalTemplate), Version(version, changes), Facts(changes), draft: false).Blocks;

    static IReadOnlyList<Block> QuyếtĐịnh(ProposalFacts? facts = null) => RestructureDocuments.Decision(DocumentTemplate.Load(RestructureDocuments.DecisionTemplate),
        Version(2), facts ?? Facts(), "7/qđ-ubnd", new DateOnly(2026, 3, 15), "Nguyễn Thanh Sơn").Blocks;

    /// <summary>Since 1 July 2025 a commune-level phường approves its own groups: the units' data says so, and the documents take its words.</summary>
    static ProposalFacts Facts2025() => Facts() with
    {
        WardName = "Cái Khế",
        ApprovingUnitId = "cai-khe-2025",
        ApprovingUnitName = "UBND phường Cái Khế",
        Approving = new Unit("cai-khe-2025", "Cái Khế", "phuong", ParentName: "thành phố Cần Thơ"),
        ApprovingLevel = new Level("phuong", "phường"),
    };

    [Fact]
    public void A_2025_phuong_that_approves_itself_issues_its_quyet_dinh_in_its_own_name_with_no_quan_anywhere()
    {
        var (pdf, page) = OpenPdf(QuyếtĐịnh(Facts2025()));
        using var _ = pdf;
        AssertHeading(page, ["ỦY BAN NHÂN DÂN", "PHƯỜNG CÁI KHẾ"], "Số: 07/QĐ-UBND", "Cái Khế, ngày 15 tháng 3 năm 2026");
        Assert.Contains(Lines(page), l => l.Text == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG CÁI KHẾ");
        var (proposal, first) = OpenPdf(RestructureDocuments.Proposal(DocumentTemplate.Load(RestructureDocuments.ProposalTemplate), Version(2), Facts2025(), draft: false).Blocks);
        using var __ = proposal;
        Assert.Contains("Kính gửi: Ủy ban nhân dân phường Cái Khế.", Lines(first).Select(l => l.Text));
        foreach (var text in new[] { DrawnText(pdf), DrawnText(proposal) })
        {
            Assert.False(Holds(text, "quận"), "quận");
            Assert.False(Holds(text, "QUẬN"), "QUẬN");
        }
    }

    [Fact]
    public void Each_change_is_said_in_words_with_the_people_households_and_members_before_and_after()
    {
        var d = ChangeDescriptions.Describe(Changes(), Ward());
        Assert.Equal(["consolidate", "merge", "establish", "dissolve", "split"], d.Select(x => x.Kind));
        Assert.Equal("Kiện toàn Tổ 1, khu vực 3: 3 thành viên, 30 hộ → 4 thành viên, 30 hộ", d[0].Summary);
        Assert.Contains("Tổ 1, khu vực 3: tổ trưởng Châu Công An → Phạm Thị Kim Hà (sinh 1985, cư trú tại địa bàn 15 năm, được nhân dân tín nhiệm, "
            + "được Ban Công tác Mặt trận tín nhiệm; Họp dân ngày 05/01/2026 thống nhất 95%)", d[0].People);
        Assert.Contains("Vào Tổ 1, khu vực 3 (1 người): Đỗ Văn Út", d[0].People);
        Assert.Contains("Lý do: Tổ trưởng xin nghỉ vì sức khỏe", d[0].Lines);

        Assert.Equal("Sáp nhập Tổ 17, khu vực 1 (8 thành viên, 40 hộ), Tổ 18, khu vực 2 (3 thành viên, 20 hộ) vào Tổ 13, khu vực 1 → Tổ 13, khu vực 1: 22 thành viên, 105 hộ",
            d[1].Summary);
        Assert.Equal("11 thành viên, 45 hộ → 22 thành viên, 105 hộ", d[1].Figures);
        Assert.Contains("Trần Văn Bảy: tổ trưởng Tổ 17, khu vực 1 → thành viên Tổ 13, khu vực 1", d[1].People);

        Assert.Equal("Thành lập Tổ 30, khu vực 6 (địa bàn Hẻm 4): 1 thành viên, 45 hộ", d[2].Summary);
        Assert.Contains(d[2].People, p => p.StartsWith("Tổ 30, khu vực 6: tổ trưởng Nguyễn Văn An (sinh 1975, cư trú tại địa bàn 6 năm, được nhân dân tín nhiệm)"));

        Assert.Equal("Giải thể Tổ 20, khu vực 4 (2 thành viên, 15 hộ)", d[3].Summary);
        Assert.Contains("Thôi tham gia Tổ 20, khu vực 4 (2 người): Đặng Văn Tài (tổ trưởng), Huỳnh Thị Lan", d[3].People);
        Assert.Equal("Giải tỏa khu dân cư", d[3].Reason);

        Assert.Equal("Chia tách Tổ 5, khu vực 2 (4 thành viên, 60 hộ) thành Tổ 5A, khu vực 2 (2 thành viên, 30 hộ), Tổ 5B, khu vực 2 (2 thành viên, 30 hộ)", d[4].Summary);
        Assert.Contains(d[4].People, p => p.StartsWith("Tổ 5B, khu vực 2: tổ trưởng Mai Thị Sáu (sinh 1970"));
    }

    [Fact]
    public void A_change_the_register_cannot_take_is_still_described_with_why()
    {
        var d = Assert.Single(ChangeDescriptions.Describe([new(new DissolveGroup("g404", null), "Không còn hộ", null)], Ward()));
        Assert.StartsWith("Giải thể g404", d.Summary);
        Assert.Contains(d.Lines, l => l.StartsWith("(Chưa áp dụng được vào sổ theo dõi hiện nay"));
    }

    [Fact]
    public void The_to_trinh_pdf_is_a_portrait_A4_in_the_decree_layout_naming_its_version_the_groups_and_the_people()
    {
        var (pdf, page) = OpenPdf(ToTrình(), "to-trinh-kien-toan.pdf");
        using var _ = pdf;
        Assert.Equal(210 * Mm, page.Width, Tolerance);
        Assert.Equal(297 * Mm, page.Height, Tolerance);
        foreach (var p in pdf.GetPages()) AssertMarginsAndFont(p, justified: true);
        AssertHeading(page, ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN CƯ"], "Số: /TTr-UBND", "An Cư, ngày 05 tháng 02 năm 2026");
        var lines = Lines(page).Select(l => l.Text).ToList();
        Assert.Contains("TỜ TRÌNH", lines);
        Assert.Contains("Về việc kiện toàn Tổ Nhân dân tự quản phường An Cư", lines);
        Assert.Contains("(phiên bản 2)", lines);
        Assert.Contains("Kính gửi: Ủy ban nhân dân quận Ninh Kiều.", lines);
        var text = DrawnText(pdf);
        foreach (var named in new[] { "Châu Công An", "Phạm Thị Kim Hà", "Tổ 17, khu vực 1", "Tổ 13, khu vực 1", "22 thành viên, 105 hộ", "Đỗ Văn Út",
                     "Xếp loại Tốt: Tổ 13, khu vực 1; Tổ 17, khu vực 1.", "được Ban Công tác Mặt trận tín nhiệm", "Giải tỏa khu dân cư", "Trần Thị Chủ Tịch", "TM. ỦY BAN NHÂN DÂN" })
            Assert.True(Holds(text, named), named);
        Assert.DoesNotContain("DỰ THẢO", text);
        Assert.Equal("TỜ TRÌNH Về việc kiện toàn Tổ Nhân dân tự quản phường An Cư", pdf.Information.Title);
    }

    [Fact]
    public void The_document_of_each_version_names_its_version_and_says_what_that_version_proposes()
    {
        static string Text(IReadOnlyList<Block> blocks) { using var pdf = PdfDocument.Open(PdfWriter.Write(blocks)); return AllText(pdf) + "\n" + DrawnText(pdf); }
        var v1 = Text(ToTrình(1, Changes().Take(1).ToList()));
        var v2 = Text(ToTrình(2));
        Assert.Contains("(phiên bản 1)", v1);
        Assert.DoesNotContain("phiên bản 2", v1);
        Assert.Contains("(phiên bản 2)", v2);
        Assert.False(Holds(v1, "Tổ 17, khu vực 1 (8 thành viên, 40 hộ)"));
        Assert.True(Holds(v2, "Tổ 17, khu vực 1 (8 thành viên, 40 hộ)"));
        var draft = RestructureDocuments.Proposal(DocumentTemplate.Load(RestructureDocuments.ProposalTemplate), Version(3), Facts(), draft: true).Blocks;
        Assert.Contains("DỰ THẢO", Text(draft));
        Assert.Contains("(dự thảo phiên bản 3, chưa gửi)", Text(draft));
    }

    [Fact]
    public void The_quyet_dinh_is_the_approving_bodys_decision_with_its_articles_and_the_approved_changes_as_annex()
    {
        var (pdf, page) = OpenPdf(QuyếtĐịnh(), "quyet-dinh-kien-toan.pdf");
        using var _ = pdf;
        Assert.Equal(297 * Mm, page.Height, Tolerance);
        foreach (var p in pdf.GetPages()) AssertMarginsAndFont(p, justified: true);
        AssertHeading(page, ["ỦY BAN NHÂN DÂN", "QUẬN NINH KIỀU"], "Số: 07/QĐ-UBND", "Ninh Kiều, ngày 15 tháng 3 năm 2026");
        var lines = Lines(page);
        Assert.Contains(lines, l => l.Text == "QUYẾT ĐỊNH");
        Assert.Contains(lines, l => l.Text == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN NINH KIỀU");
        var article = Assert.Single(lines, l => l.Text.StartsWith("Điều 1."));
        Assert.All(article.Words.Take(2).SelectMany(w => w.Letters), l => Assert.Contains("Bold", l.FontName));
        Assert.Contains(lines, l => l.Text.StartsWith("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."));
        var text = DrawnText(pdf);
        foreach (var named in new[] { "Phê duyệt 5 nội dung kiện toàn Tổ Nhân dân tự quản phường An Cư", "Tờ trình của Ủy ban nhân dân phường An Cư (phiên bản 2)",
                     "PHỤ LỤC", "Kèm theo Quyết định số 07/QĐ-UBND ngày 15 tháng 3 năm 2026", "Phạm Thị Kim Hà", "Tổ 18, khu vực 2", "Tổ 5A, khu vực 2", "Nguyễn Thanh Sơn" })
            Assert.True(Holds(text, named), named);
    }

    [Fact]
    public void A_version_that_went_up_prints_the_serial_the_system_gave_it_and_a_draft_leaves_the_number_blank()
    {
        static IReadOnlyList<Block> Numbered(int? serial, bool draft) => RestructureDocuments.Proposal(DocumentTemplate.Load(RestructureDocuments.ProposalTemplate),
            Version(2), Facts() with { Number = serial }, draft).Blocks;
        foreach (var (serial, printed) in new[] { (12, "Số: 12/TTr-UBND"), (3, "Số: 03/TTr-UBND") })
        {
            var (pdf, page) = OpenPdf(Numbered(serial, draft: false), $"to-trinh-so-{serial}.pdf");
            using var _ = pdf;
            AssertHeading(page, ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN CƯ"], printed, "An Cư, ngày 05 tháng 02 năm 2026");
        }
        var (draftPdf, draftPage) = OpenPdf(Numbered(12, draft: true), "du-thao-to-trinh.pdf");
        using (draftPdf) AssertHeading(draftPage, ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN CƯ"], "Số: /TTr-UBND", "An Cư, ngày 05 tháng 02 năm 2026");
    }

    [Fact]
    public void The_quyet_dinh_is_signed_under_the_title_the_data_gives_and_chu_tich_when_none()
    {
        static string Signature(IReadOnlyList<Block> blocks) => string.Join("\n", blocks.Where(b => b.Style == "signature-title").Select(b => b.Text));
        var deputy = RestructureDocuments.Decision(DocumentTemplate.Load(RestructureDocuments.DecisionTemplate), Version(2), Facts(),
            "7/qđ-ubnd", new DateOnly(2026, 3, 15), "Nguyễn Thanh Sơn", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").Blocks;
        Assert.Equal("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", Signature(deputy));
        using (var pdf = PdfDocument.Open(PdfWriter.Write(deputy)))
            foreach (var named in new[] { "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thanh Sơn" }) Assert.True(Holds(DrawnText(pdf), named), named);
        Assert.Equal("CHỦ TỊCH", Signature(QuyếtĐịnh()));
    }

    [Fact]
    public void The_docx_of_both_documents_names_Times_New_Roman_and_holds_the_table_of_changes()
    {
        foreach (var blocks in new[] { ToTrình(), QuyếtĐịnh() })
        {
            using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(blocks)), false);
            var body = doc.MainDocumentPart!.Document.Body!;
            Assert.All(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.RunFonts>(), f => Assert.Equal("Times New Roman", f.Ascii?.Value));
            var table = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single(t => t.InnerText.Contains("Nhân sự"));
            Assert.Equal(6, table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Count()); // the header and five changes
            Assert.Contains("Phạm Thị Kim Hà", table.InnerText);
        }
    }

    [Fact]
    public void A_proposal_of_fifty_changes_runs_over_pages_with_the_table_header_on_each_and_every_page_within_the_margins()
    {
        var many = Enumerable.Range(1, 50).Select(i => new ProposedChange(new EstablishGroup($"Tổ {100 + i}, khu vực 9", $"Hẻm {i}", 20 + i,
            new PersonSpec(null, $"Người Đứng Đầu Số {i}", Gender.Female, 1980, $"Số {i}"), [], []), "Khu dân cư mới", null)).ToList();
        using var pdf = PdfDocument.Open(PdfWriter.Write(ToTrình(2, many)));
        Assert.True(pdf.NumberOfPages >= 4, $"{pdf.NumberOfPages} pages");
        foreach (var p in pdf.GetPages()) AssertMarginsAndFont(p, justified: p.Number == 1);
        Assert.All(pdf.GetPages().Skip(1).Take(pdf.NumberOfPages - 2), p => Assert.Contains("Nhân sự", Text(p)));
        Assert.True(Holds(DrawnText(pdf), "Tổ 150, khu vực 9"));
    }

    [Theory]
    [InlineData("@header-left {{WardCommitteeLines}}\n@tieu-de TỜ TRÌNH\n@table changes", "kiểu không có: @tieu-de")]
    [InlineData("@title TỜ TRÌNH\n@para {{SoTrang}}\n@table changes", "chỗ điền không có: {{SoTrang}}")]
    [InlineData("@title TỜ TRÌNH\nKính gửi quận\n@table changes", "không bắt đầu bằng @kiểu")]
    [InlineData("@title TỜ TRÌNH {{Ward\n@table changes", "chỗ điền viết sai")]
    public void A_template_the_renderer_cannot_use_gives_the_built_in_document_and_says_why_in_Vietnamese(string broken, string said)
    {
        var (blocks, problems) = RestructureDocuments.Proposal(broken, Version(2), Facts(), draft: false);
        var problem = Assert.Single(problems);
        Assert.Contains("to-trinh-kien-toan.txt", problem);
        Assert.Contains(said, problem);
        Assert.Equal(ToTrình().Select(b => b.Text), blocks.Select(b => b.Text)); // the built-in template's document
        Assert.Empty(RestructureDocuments.Proposal(DocumentTemplate.Load(RestructureDocuments.ProposalTemplate), Version(2), Facts(), false).Problems);
        Assert.Empty(RestructureDocuments.Decision(DocumentTemplate.Load(RestructureDocuments.DecisionTemplate), Version(2), Facts(), "1/QĐ-UBND", new DateOnly(2026, 1, 1), "A").Problems);
    }
}
