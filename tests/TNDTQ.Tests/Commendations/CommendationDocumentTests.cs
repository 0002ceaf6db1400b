using DocumentFormat.OpenXml.Packaging;
using Tndtq.Commendations;
using Tndtq.Commendations.Documents;
using Tndtq.Identity;
using UglyToad.PdfPig;

namespace Tndtq.Tests.Commendations;

/// <summary>The decision and the certificate: DOCX that opens with the names right, PDF whose text reads back with every diacritic.</summary>
public sealed class CommendationDocumentTests
{
    internal static DecisionInput Sample(NomineeType type = NomineeType.Individual) => new(new NominationInput("n1", "an-cu", "An Cư",
        new Nominee(type, "g1", type == NomineeType.Individual ? "m1" : null), type == NomineeType.Individual ? "Nguyễn Thị Ánh Tuyết" : "Tổ 12, khu vực 3",
        "Tổ 12, khu vực 3", CommendationStore.DefaultCatalogue[0], "2026", "Vận động 45 hộ tham gia phòng cháy chữa cháy, giữ vững an ninh trật tự.", null,
        Role.WardOfficer, "o", "Cán bộ", DateTimeOffset.UtcNow, new NominationDeadlines(), []), "125/QĐ-UBND", new DateOnly(2026, 3, 15), "Lãnh đạo");

    [Fact]
    public void The_decision_docx_has_the_national_motto_the_number_and_the_commended_with_diacritics()
    {
        var (decision, _) = CommendationDocuments.Build(Sample());
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(decision)), false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text);
        Assert.Contains("Số: 125/QĐ-UBND", text);
        Assert.Contains("Ninh Kiều, ngày 15 tháng 03 năm 2026", text);
        Assert.Contains("1. Nguyễn Thị Ánh Tuyết, Tổ 12, khu vực 3, phường An Cư", text);
        Assert.Contains("CHỦ TỊCH", text);
    }

    [Fact]
    public void The_certificate_pdf_text_reads_back_with_the_nominee_name()
    {
        var (_, certificate) = CommendationDocuments.Build(Sample());
        var pdf = PdfWriter.Write(certificate);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "tndtq-giay-khen.pdf"), pdf);
        using var read = PdfDocument.Open(pdf);
        var text = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("GIẤY KHEN", text);
        Assert.Contains("Nguyễn Thị Ánh Tuyết", text);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
    }

    [Fact]
    public void The_decision_pdf_lists_the_commended_collective()
    {
        var (decision, _) = CommendationDocuments.Build(Sample(NomineeType.Collective));
        var pdf = PdfWriter.Write(decision);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "tndtq-quyet-dinh.pdf"), pdf);
        using var read = PdfDocument.Open(pdf);
        var text = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("QUYẾT ĐỊNH", text);
        Assert.Contains("Tổ 12, khu vực 3, phường An Cư", text);
        Assert.Contains("Giấy khen của Chủ tịch UBND quận", text);
    }
}
