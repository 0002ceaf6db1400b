namespace Tndtq.SignOffs;

/// <summary>Every sentence of the sign-off (the foundation's small approval workflow) a person reads.</summary>
public static class SignOffTexts
{
    // Sign-off (the foundation's small approval workflow)
    public const string SignOffTitleRequired = "Vui lòng nhập tiêu đề tờ trình.";
    public const string SignOffTitleTooLong = "Tiêu đề tờ trình không được dài quá 200 ký tự.";
    public const string SignOffDeadlineOutOfRange = "Thời hạn ký duyệt phải sau thời điểm hiện tại và không quá 90 ngày.";
    public const string SignOffNotFound = "Không tìm thấy tờ trình này.";
    public const string SignOffChooseOutcome = "Vui lòng chọn duyệt hoặc trả lại tờ trình.";
    public const string SignOffCommentRequiredOnReturn = "Vui lòng ghi rõ lý do khi trả lại tờ trình.";

    public static string SignOffStateName(string state) => state switch
    {
        SignOffState.Starting => "đang khởi tạo",
        SignOffState.WaitingForChairman => "chờ Chủ tịch UBND phường ký duyệt",
        SignOffState.Approved => "đã duyệt",
        SignOffState.Returned => "đã trả lại",
        SignOffState.Expired => "quá hạn, không được ký duyệt",
        "Failed" => "gặp lỗi khi xử lý",
        "Terminated" => "đã hủy",
        _ => state,
    };

    // What a person may do now (the buttons of the sign-off page)
    public const string ActionApproveSignOff = "Duyệt";
    public const string ActionReturnSignOff = "Trả lại";
    public const string ActionCreateSignOff = "Trình ký tờ trình mới";

    /// <summary>409 for a decision on a request that no longer waits for the chairman, naming its state as its view does.</summary>
    public static string SignOffNotWaitingNow(string stateName) => $"Tờ trình không còn chờ ký duyệt (trạng thái hiện tại: {stateName}).";
}
