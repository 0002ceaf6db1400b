using Tndtq.Shared;

namespace Tndtq.Support;

/// <summary>Every sentence of the support capability (hỗ trợ kinh phí, thăm hỏi Lễ, Tết) a person reads.</summary>
public static class SupportTexts
{
    public static string SupportKindName(string kind) => kind switch
    {
        SupportKind.Funding => "Hỗ trợ kinh phí hoạt động",
        SupportKind.HolidayCare => "Thăm hỏi dịp Lễ, Tết",
        _ => kind,
    };
    public static string FundTypeName(string type) => type switch
    {
        FundType.Sponsor => "Nhà tài trợ",
        FundType.Fund => "Quỹ",
        FundType.Voluntary => "Đóng góp tự nguyện",
        FundType.Other => "Nguồn khác",
        _ => type,
    };
    public static string SupportStatusName(string status) => status switch
    {
        SupportStatus.Draft => "Đang soạn",
        SupportStatus.Pending => "Chờ Chủ tịch phường duyệt",
        SupportStatus.Returned => "Trả lại để chỉnh sửa",
        SupportStatus.Approved => "Đã duyệt, chờ danh sách ký nhận",
        SupportStatus.Disbursed => "Đã trao (có danh sách ký nhận)",
        SupportStatus.Withdrawn => "Đã hủy",
        _ => status,
    };
    public static string SupportStepName(string step) => step switch
    {
        SupportStep.ChairmanApproval => "Chủ tịch phường duyệt",
        SupportStep.Revision => "Cán bộ phường chỉnh sửa và gửi lại",
        SupportStep.Closed => "Đã kết thúc",
        "draft" => "Cán bộ phường lập đợt hỗ trợ",
        "starting" => "Đang gửi",
        _ => step,
    };
    public static string SupportOutcomeName(string outcome) => outcome switch
    {
        SupportStep.Approve => "Duyệt",
        SupportStep.Return => "Trả lại",
        SupportStep.Resubmit => "Gửi lại",
        SupportStep.Withdraw => "Hủy đợt hỗ trợ",
        "submit" => "Gửi trình duyệt",
        _ => outcome,
    };

    public const string SupportRoundNotFound = "Không tìm thấy đợt hỗ trợ này.";
    public const string SupportKindInvalid = "Vui lòng chọn loại: hỗ trợ kinh phí hoạt động hoặc thăm hỏi dịp Lễ, Tết.";
    public const string SupportNameRequired = "Vui lòng nhập tên đợt hỗ trợ (ví dụ: Thăm hỏi Tết Nguyên đán 2027).";
    public const string FundNameRequired = "Vui lòng nhập tên nguồn kinh phí (nhà tài trợ, quỹ hoặc đóng góp).";
    public const string FundTypeInvalid = "Vui lòng chọn loại nguồn kinh phí: nhà tài trợ, quỹ, đóng góp tự nguyện hoặc nguồn khác.";
    /// <summary>The seed (Thông báo kết luận, 2021, mục 2): support and holiday care come from sources other than the budget.</summary>
    public const string FundIsStateBudget =
        "Không dùng được nguồn ngân sách nhà nước: theo Thông báo kết luận, kinh phí hỗ trợ hoạt động và thăm hỏi lực lượng Tổ Nhân dân tự quản dịp Lễ, Tết được vận động từ các nguồn khác ngoài ngân sách.";
    public const string BeneficiariesRequired = "Vui lòng chọn ít nhất một tổ hoặc một người được hỗ trợ.";
    public const string BeneficiaryTypeInvalid = "Người nhận phải là một tổ (group) hoặc một người trong sổ theo dõi (member).";
    public const string BeneficiaryTwice = "Tổ hoặc người này đã có trong danh sách.";
    public const string BeneficiaryGroupNotFound = "Không tìm thấy tổ đang hoạt động này trong phường.";
    public const string BeneficiaryMemberNotFound = "Không tìm thấy người này (tổ trưởng, tổ phó hoặc thành viên đang hoạt động) trong sổ theo dõi của phường.";
    public const string BeneficiaryNothingGiven = "Vui lòng nhập số tiền hoặc quà tặng.";
    public static string BeneficiaryAmountOutOfRange(long max) => $"Số tiền phải là số đồng nguyên, lớn hơn 0 và không quá {max:#,0} đồng.".Replace(',', '.');
    public const string SupportNotEditable = "Đợt hỗ trợ đã gửi trình duyệt hoặc đã kết thúc nên không sửa được; chỉ sửa được khi đang soạn hoặc được trả lại.";
    public static string SupportNotAtStep(string stepName) => $"Đợt hỗ trợ không ở bước này (đang ở: {stepName}).";
    public const string SupportCannotSubmit = "Chỉ gửi được đợt hỗ trợ đang soạn hoặc được trả lại để chỉnh sửa.";
    public const string SupportCannotWithdraw = "Chỉ hủy được đợt hỗ trợ đang soạn, đang chờ duyệt hoặc được trả lại.";
    public const string SupportNotApproved = "Đợt hỗ trợ chưa được duyệt nên chưa có danh sách ký nhận.";
    public const string SupportSignedListOnlyApproved = "Chỉ tải lên danh sách ký nhận cho đợt hỗ trợ đã được duyệt.";
    public const string SupportNoSignedList = "Đợt hỗ trợ này chưa có danh sách ký nhận đã ký.";
    public const string SupportYearInvalid = "Năm không hợp lệ (từ 2000 đến 2100).";
    public const string SupportStatusInvalid = "Tình trạng (status) không hợp lệ: draft, pending, returned, approved, disbursed hoặc withdrawn.";

    public static string SupportSubject(string roundName, string wardName) => $"{roundName} – phường {BareWardName(wardName)}";
    public static string SupportCreated(string name) => $"Lập đợt hỗ trợ \"{name}\"";
    public static string SupportClosedTitle(string name, string statusName) => $"{name}: {statusName}";

    public const string ActionCreateSupportRound = "Lập đợt hỗ trợ";
    public const string ActionEditSupportRound = "Sửa đợt hỗ trợ";
    public const string ActionSubmitSupportRound = "Gửi trình duyệt";
    public const string ActionResubmitSupportRound = "Gửi lại";
    public const string ActionWithdrawSupportRound = "Hủy đợt hỗ trợ";
    public const string ActionReceiptListXlsx = "Tải danh sách ký nhận (Excel)";
    public const string ActionReceiptListPdf = "Tải danh sách ký nhận (PDF)";
    public const string ActionReceiptListDocx = "Tải danh sách ký nhận (Word)";
    public const string ActionUploadSignedList = "Tải lên danh sách đã ký";
    public const string ActionDownloadSignedList = "Xem danh sách đã ký";

    // The receipt list (Danh sách ký nhận)
    public const string ReceiptListTitle = "DANH SÁCH KÝ NHẬN";
    public const string ReceiptSheet = "Danh sách ký nhận";
    public const string ReceiptNo = "STT";
    public const string ReceiptName = "Họ và tên / Tổ";
    public const string ReceiptPlace = "Địa chỉ hoặc Tổ";
    public const string ReceiptAmount = "Số tiền (đồng)";
    public const string ReceiptGift = "Quà tặng";
    public const string ReceiptSignature = "Ký nhận";
    public const string ReceiptTotal = "Tổng cộng";
    public static string ReceiptFund(string name, string type) => $"Nguồn kinh phí: {name} ({type})";
    public static string ReceiptWard(string wardName) => $"Phường {BareWardName(wardName)}";
    /// <summary>A ward's name without "Phường" in front ("Phường An Cư" and "An Cư" both give "An Cư").</summary>
    public static string BareWardName(string wardName) => wardName.StartsWith("Phường ", StringComparison.OrdinalIgnoreCase) ? wardName[7..].Trim() : wardName;
    public const string ReceiptMadeBy = "NGƯỜI LẬP DANH SÁCH";
    public const string ReceiptApprovedBy = "CHỦ TỊCH";
    public static string ReceiptPlaceDate(string ward, DateOnly d) =>
        $"{ward}, ngày {d.Day:D2} tháng {(d.Month <= 2 ? d.Month.ToString("D2") : d.Month.ToString())} năm {d.Year}";
    public static string ReceiptFileName(string roundName, string extension) => $"danh-sach-ky-nhan-{Slug(roundName)}.{extension}";
    static string Slug(string s) => string.Join('-', VietnameseText.Fold(s).Split(' ', StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } x ? x[..Math.Min(x.Length, 60)] : "dot-ho-tro";

    public const string SheetSupport = "Hỗ trợ, thăm hỏi";
    public static string HeaderSupportIn(int year) => $"Hỗ trợ đã trao năm {year} (đồng)";
}
