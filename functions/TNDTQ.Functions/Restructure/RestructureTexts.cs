using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>Every sentence of the restructure workflow (rà soát, kiện toàn) a person reads.</summary>
public static class RestructureTexts
{
    // Restructure workflow. The workflow stores its steps' and results' names level-free ("Công an thẩm định tờ trình"); a page
    // with a ward in view names them in its approving unit's words (WardTerms): "Công an quận …" in 2021, "Công an phường …" since 2025.
    public static string RestructureStepName(string step, WardTerms? terms = null) => step switch
    {
        "starting" => "Đang khởi tạo",
        RestructureStep.Assessment => "Đánh giá các tổ",
        RestructureStep.Proposal => "Lập tờ trình kiện toàn",
        RestructureStep.ChairmanSignOff => "Chủ tịch UBND phường ký duyệt tờ trình",
        RestructureStep.PoliceReview => $"{Texts.PoliceShort(terms)} thẩm định tờ trình",
        RestructureStep.LeaderDecision => $"{Texts.LeaderShort(terms)} quyết định",
        RestructureStep.Applying => "Cập nhật sổ theo quyết định",
        RestructureStep.Closed => "Đã kết thúc",
        _ => step,
    };
    public static string RestructureOutcomeName(string outcome, WardTerms? terms = null) => outcome switch
    {
        Outcomes.Submitted => "Đã gửi",
        Outcomes.Approve => "Đồng ý",
        Outcomes.Forward => terms is null ? "Chuyển lãnh đạo UBND" : $"Chuyển lãnh đạo {terms.LevelOrUnit}",
        Outcomes.Return => "Trả lại để chỉnh sửa",
        Outcomes.Reject => "Không phê duyệt",
        Outcomes.Withdraw => "Phường rút tờ trình",
        Outcomes.Cancel => terms is null ? "Cấp phê duyệt hủy" : $"{terms.LevelCapitalized} hủy",
        _ => outcome,
    };
    public static string RestructureResultName(string result, WardTerms? terms = null) => result switch
    {
        Outcomes.Approved => "Đã phê duyệt và cập nhật sổ",
        Outcomes.Rejected => "Không được phê duyệt",
        Outcomes.ApplyFailed => "Đã phê duyệt nhưng chưa cập nhật được sổ",
        Outcomes.Withdrawn => "Phường đã rút",
        Outcomes.Cancelled => terms is null ? "Cấp phê duyệt đã hủy" : $"{terms.LevelCapitalized} đã hủy",
        _ => result,
    };
    public static string RestructureSubject(string cycle, string ward) => $"{cycle} – phường {ward}";
    public static string RestructureClosedTitle(string cycle, string result) => $"{cycle}: {result}";
    public static string RestructureClosedBody(string ward, RestructureOutcome o) => o.Result switch
    {
        Outcomes.Approved => $"Tờ trình của phường {ward} đã được phê duyệt theo quyết định {o.DecisionNumber} ngày {o.DecisionDate:dd/MM/yyyy}; đã cập nhật {o.ChangesApplied} thay đổi vào sổ.",
        Outcomes.Rejected => $"Tờ trình của phường {ward} không được phê duyệt. Lý do: {o.Reason}",
        Outcomes.Withdrawn => $"Phường {ward} đã rút khỏi kỳ rà soát. Lý do: {o.Reason}",
        Outcomes.Cancelled => $"Kỳ rà soát của phường {ward} đã bị hủy. Lý do: {o.Reason}",
        _ => $"Tờ trình của phường {ward} đã được phê duyệt nhưng chưa cập nhật được sổ: {string.Join(" ", o.Errors)}",
    };
    public static string RestructureNotAtStep(string stepName) => $"Quy trình rà soát không ở bước này (bước hiện tại: {stepName}).";
    public static string RestructureCannotStop(string stepName) => $"Không thể rút hoặc hủy ở bước hiện tại ({stepName}).";
    public const string RestructureNotFound = "Phường này chưa được mở kỳ rà soát này.";
    public const string CycleNotFound = "Không tìm thấy kỳ rà soát.";
    public const string CycleNameRequired = "Vui lòng nhập tên kỳ rà soát (ví dụ: Rà soát năm 2026).";
    public const string CycleIdInvalid = "Mã kỳ rà soát chỉ gồm chữ thường không dấu, số và dấu gạch ngang.";
    public const string CycleDeadlinesRequired = "Vui lòng nhập thời hạn các bước.";
    public const string CycleDeadlinesInvalid = "Thời hạn không hợp lệ: hạn đánh giá phải sau hôm nay, hạn lập tờ trình sau hạn đánh giá và trong vòng 2 năm, số ngày mỗi bước từ 1 đến 90.";
    public static string UnknownWards(IEnumerable<string> ids) => $"Không có phường: {string.Join(", ", ids)}.";
    public const string AssessmentRatingRequired = "Vui lòng chọn xếp loại (tốt, khá, trung bình, yếu).";
    public const string AssessmentRecommendationRequired = "Vui lòng chọn kiến nghị (giữ nguyên, kiện toàn, sáp nhập, chia tách, giải thể).";
    public static string GroupsNotAssessed(IEnumerable<string> groups) => $"Còn tổ chưa được đánh giá: {string.Join(", ", groups)}.";
    public const string ProposalTitleRequired = "Vui lòng nhập tiêu đề tờ trình.";
    public const string DraftMissing = "Chưa có dự thảo tờ trình: hãy lưu dự thảo trước.";
    public const string RemindDaysInvalid = "Số ngày nhắc trước hạn phải từ 1 đến 60.";
    public const string DeadlineInPast = "Thời hạn mới phải sau thời điểm hiện tại và trong vòng một năm.";
    public static string CandidateMissing(string name) => $"Thiếu hồ sơ nhân sự dự kiến cho {name}.";
    public static string CandidateBirthYearMissing(string name) => $"{name}: thiếu năm sinh.";
    public static string CandidateAge(string name, int min, int max) => $"{name}: tuổi phải từ {min} đến {max}.";
    public static string CandidateNotInArea(string name) => $"{name}: phải đang cư trú trên địa bàn tổ.";
    public static string CandidateResidence(string name, int years) => $"{name}: phải cư trú tại địa bàn ít nhất {years} năm.";
    public static string CandidateNotEndorsed(string name) => $"{name}: chưa được nhân dân hoặc Ban công tác Mặt trận khu vực giới thiệu, tín nhiệm.";

    // What a person may do now (the buttons of the workflow pages)
    public const string ActionAssess = "Đánh giá tổ";
    public const string ActionSubmitAssessments = "Hoàn thành đánh giá";
    public const string ActionSaveProposal = "Lưu dự thảo tờ trình";
    public const string ActionUploadDocument = "Đính kèm văn bản";
    public const string ActionSubmitProposal = "Gửi tờ trình";
    public const string ActionWithdrawRestructure = "Rút khỏi kỳ rà soát";
    public const string ActionMoveDeadline = "Gia hạn bước hiện tại";
    public const string ActionOpenCycle = "Mở kỳ rà soát";
    public const string ActionCancelRestructure = "Hủy kỳ rà soát của phường";

    // The cycles opened on a schedule
    public static string YearlyCycleName(int year) => $"Rà soát năm {year}";
    public static string QuarterlyCycleName(int quarter, int year) => $"Rà soát quý {new[] { "I", "II", "III", "IV" }[quarter - 1]}/{year}";

    // Assessment ratings
    public static string RatingName(Rating r) => r switch
    {
        Rating.Good => "Tốt",
        Rating.Fair => "Khá",
        Rating.Average => "Trung bình",
        _ => "Yếu",
    };
}
