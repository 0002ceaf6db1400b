namespace Tndtq.Shared;

/// <summary>
/// Every sentence a user reads (errors, notices, documents) lives here, in Vietnamese, so that
/// one person can review the wording and the diacritics in one place. Code refers to these by name.
/// </summary>
public static class Texts
{
    // Generic HTTP problems
    public const string Unauthenticated = "Bạn chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.";
    public const string NotInStaffDirectory = "Tài khoản của bạn chưa được cấp quyền sử dụng hệ thống. Vui lòng liên hệ quản trị viên.";
    public const string Forbidden = "Bạn không có quyền thực hiện thao tác này.";
    public const string OtherWardForbidden = "Bạn chỉ được thao tác trên dữ liệu của phường mình.";
    public const string InvalidPrincipalHeader = "Thông tin đăng nhập không hợp lệ.";
    public const string InvalidJsonBody = "Dữ liệu gửi lên không đúng định dạng JSON.";
    public const string MissingBody = "Thiếu dữ liệu trong yêu cầu.";
    public const string NotFound = "Không tìm thấy dữ liệu yêu cầu.";
    public const string Conflict = "Thao tác không thực hiện được ở trạng thái hiện tại.";
    public const string ValidationFailed = "Dữ liệu chưa hợp lệ.";
    public const string InternalError = "Hệ thống gặp lỗi không mong muốn. Vui lòng thử lại sau hoặc liên hệ quản trị viên.";
    public const string WardNotFound = "Không tìm thấy phường này.";
    public const string InvalidRequestId = "Mã yêu cầu (x-requestid) không hợp lệ: chỉ dùng chữ, số, dấu gạch ngang, tối đa 64 ký tự.";

    // Roles as a person reads them
    public static string RoleName(Identity.Role role) => role switch
    {
        Identity.Role.WardOfficer => "Cán bộ UBND phường",
        Identity.Role.WardChairman => "Chủ tịch UBND phường",
        Identity.Role.DistrictPolice => "Công an quận",
        Identity.Role.EmulationCouncil => "Hội đồng Thi đua – Khen thưởng",
        Identity.Role.DistrictLeader => "Lãnh đạo UBND quận",
        Identity.Role.Administrator => "Quản trị",
        _ => role.ToString(),
    };

    public static string RequiresRole(IEnumerable<Identity.Role> roles) =>
        $"Thao tác này dành cho: {string.Join(", ", roles.Select(RoleName))}.";

    // Sign-off (the foundation's small approval workflow)
    public const string SignOffTitleRequired = "Vui lòng nhập tiêu đề tờ trình.";
    public const string SignOffTitleTooLong = "Tiêu đề tờ trình không được dài quá 200 ký tự.";
    public const string SignOffDeadlineOutOfRange = "Thời hạn ký duyệt phải sau thời điểm hiện tại và không quá 90 ngày.";
    public const string SignOffNotFound = "Không tìm thấy tờ trình này.";
    public static string SignOffNotWaiting(string state) =>
        $"Tờ trình không còn chờ ký duyệt (trạng thái hiện tại: {SignOffStateName(state)}).";
    public const string SignOffCommentRequiredOnReturn = "Vui lòng ghi rõ lý do khi trả lại tờ trình.";

    public static string SignOffStateName(string state) => state switch
    {
        SignOffs.SignOffState.Starting => "đang khởi tạo",
        SignOffs.SignOffState.WaitingForChairman => "chờ Chủ tịch UBND phường ký duyệt",
        SignOffs.SignOffState.Approved => "đã duyệt",
        SignOffs.SignOffState.Returned => "đã trả lại",
        SignOffs.SignOffState.Expired => "quá hạn, không được ký duyệt",
        "Failed" => "gặp lỗi khi xử lý",
        "Terminated" => "đã hủy",
        _ => state,
    };
}
