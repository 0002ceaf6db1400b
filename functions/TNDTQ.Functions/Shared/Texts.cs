namespace Tndtq.Shared;

/// <summary>
/// The general sentences a user reads (HTTP problems, input limits, roles, words several slices share), in
/// Vietnamese. Each slice's own sentences live beside it in its <c>*Texts</c> class (<c>RegisterTexts</c>,
/// <c>RestructureTexts</c>, <c>CommendationTexts</c>, …), so that a reviewer of the wording reads one slice's
/// file and Shared names no slice. Code refers to these by name.
/// </summary>
public static partial class Texts
{
    // Generic HTTP problems
    public const string Unauthenticated = "Bạn chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.";
    public const string NotInStaffDirectory = "Tài khoản của bạn chưa được cấp quyền sử dụng hệ thống. Vui lòng liên hệ quản trị viên.";
    public const string Forbidden = "Bạn không có quyền thực hiện thao tác này.";
    public const string OtherWardForbidden = "Bạn chỉ được thao tác trên dữ liệu của phường mình.";
    public const string InvalidPrincipalHeader = "Thông tin đăng nhập không hợp lệ.";
    public const string InvalidJsonBody = "Dữ liệu gửi lên không đúng định dạng JSON.";
    public static string InvalidJsonField(string field) => $"Giá trị của trường \"{field}\" không hợp lệ.";
    public const string MissingBody = "Thiếu dữ liệu trong yêu cầu.";
    public const string NotFound = "Không tìm thấy dữ liệu yêu cầu.";
    public const string Conflict = "Thao tác không thực hiện được ở trạng thái hiện tại.";
    public const string ValidationFailed = "Dữ liệu chưa hợp lệ.";
    public const string InternalError = "Hệ thống gặp lỗi không mong muốn. Vui lòng thử lại sau hoặc liên hệ quản trị viên.";
    public const string WardNotFound = "Không tìm thấy phường này.";
    public const string InvalidRequestId = "Mã yêu cầu (x-requestid) không hợp lệ: chỉ dùng chữ, số, dấu gạch ngang, tối đa 64 ký tự.";

    // Limits of what a request may carry (Shared/Input.cs): the reason follows the field's name
    public static string InvalidField(string field, string reason) => $"Trường \"{field}\" {reason}.";
    public static string InputTooLong(int max) => $"dài quá {Number(max)} ký tự";
    public const string InputOneLine = "chỉ được viết trên một dòng";
    public const string InputBadCharacters = "có ký tự điều khiển hoặc ký tự ẩn không được phép";
    public const string InputBadId = "không phải là mã hợp lệ (chỉ gồm chữ cái không dấu, chữ số và dấu - _ . :, tối đa 128 ký tự)";
    public static string InputTooMany(int max) => $"có quá {Number(max)} mục";
    public const string InputNullItem = "không được để trống";
    public const string InputNotText = "phải là chuỗi ký tự";
    public const string InputNotList = "phải là một danh sách";
    public const string InputRequired = "là thông tin bắt buộc";
    public const string InputWrongValue = "có giá trị không đúng kiểu hoặc định dạng";
    public const string InputKindRequired = "phải ghi rõ loại thay đổi: establish, consolidate, merge, split hoặc dissolve";
    public static string BodyTooLarge(int kb) => $"Dữ liệu gửi lên quá lớn: tối đa {Number(kb)} KB.";
    public const string InvalidPathSegment = "Đường dẫn có mã không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số và dấu - _ . :, tối đa 128 ký tự.";
    public const string RecordTooLarge = "Dữ liệu quá lớn để lưu. Vui lòng rút gọn nội dung (bớt văn bản hoặc bớt số mục) rồi lưu lại.";
    public const string BrokenUpload = "Tệp tải lên bị lỗi (dữ liệu multipart không đúng định dạng). Vui lòng chọn lại tệp rồi gửi lại.";
    public const string ServiceUnavailable = "Hệ thống tạm thời chưa truy cập được dữ liệu.";
    public const string ServiceUnavailableDetail = "Kho dữ liệu đang bận hoặc tạm gián đoạn. Vui lòng thử lại sau ít phút; những gì bạn đã gửi trước đó không bị mất.";
    public const string WardBusy = "Phường đang có nhiều thay đổi cùng lúc nên thay đổi của bạn chưa lưu được. Vui lòng gửi lại sau vài giây; gửi lại không bị ghi trùng.";
    static string Number(int n) => n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    // Roles as a person reads them. The approving level's words come from the units' data (WardTerms, docs/units.md); where no
    // unit is in view (an error about a role, several approving units), the level-free names below are used.
    public static string RoleName(Role role, WardTerms? terms) => terms?.RoleName(role) ?? RoleName(role);
    public static string RoleName(Role role) => role switch
    {
        Role.WardOfficer => "Cán bộ UBND phường",
        Role.WardChairman => "Chủ tịch UBND phường",
        Role.DistrictPolice => "Công an cấp phê duyệt",
        Role.EmulationCouncil => "Hội đồng Thi đua – Khen thưởng",
        Role.DistrictLeader => "Lãnh đạo UBND cấp phê duyệt",
        Role.Administrator => "Quản trị",
        _ => role.ToString(),
    };

    /// <summary>"Công an quận" in a unit's words; "Công an" where no unit is in view (a step's name stored by a workflow).</summary>
    public static string PoliceShort(WardTerms? terms) => terms?.PoliceShort ?? "Công an";

    /// <summary>"Lãnh đạo UBND quận" in a unit's words; "Lãnh đạo UBND" where no unit is in view.</summary>
    public static string LeaderShort(WardTerms? terms) => terms?.LeaderShort ?? "Lãnh đạo UBND";

    /// <summary>The totals row over every ward of a unit: "Toàn quận", "Toàn phường"; "Tổng cộng" where several units are in view.</summary>
    public static string UnitTotal(WardTerms? terms) => terms?.Total ?? "Tổng cộng";

    /// <summary>A ward as a sentence writes it: "An Cư" or "Phường An Cư" → "phường An Cư".</summary>
    public static string WardOf(string wardName)
    {
        var name = wardName.Trim();
        return name.StartsWith("phường ", StringComparison.OrdinalIgnoreCase) ? "phường " + name[7..].Trim() : "phường " + name;
    }

    /// <summary>The place of a ward's date line: its name without its level ("phường An Cư" → "An Cư").</summary>
    public static string WardPlace(string wardName) => WardOf(wardName)["phường ".Length..];

    public static string RequiresRole(IEnumerable<Role> roles, WardTerms? terms = null) =>
        $"Thao tác này dành cho: {string.Join(", ", roles.Select(r => RoleName(r, terms)))}.";

    // Shared by several slices: paging, concurrency, dates, files, attachments, decisions
    public const string InvalidContinuationToken = "Mã trang tiếp theo (continuationToken) không hợp lệ.";
    public const string IfMatchRequired = "Thiếu tiêu đề If-Match: hãy tải lại dữ liệu rồi gửi kèm ETag nhận được để tránh ghi đè thay đổi của người khác.";
    public const string StaleETag = "Dữ liệu đã được người khác thay đổi sau khi bạn mở. Vui lòng tải lại, kiểm tra rồi lưu lại.";
    public const string InvalidDate = "Ngày không hợp lệ (định dạng yyyy-MM-dd).";
    public const string InvalidPageSize = "Kích thước trang (pageSize) phải từ 1 đến 200.";
    public static string InvalidEnumValue(string field, string value) => $"Giá trị \"{value}\" không hợp lệ cho {field}.";
    public const string NoFile = "Chưa chọn tệp.";
    public static string FileTooLarge(int mb) => $"Tệp quá lớn: tối đa {mb} MB.";
    public const string DocumentTypeNotAllowed = "Chỉ đính kèm tệp PDF, Word (.docx) hoặc ảnh (.jpg, .png), tối đa 20 MB; nội dung tệp phải đúng loại tệp.";
    public static string OutcomeNotAllowed(IEnumerable<string> allowed) => $"Ý kiến (outcome) phải là một trong: {string.Join(", ", allowed)}.";
    public const string CommentRequired = "Vui lòng ghi rõ lý do.";
    public const string DecisionNumberRequired = "Vui lòng nhập số và ngày quyết định.";
    public const string DecisionDateInFuture = "Ngày quyết định không được sau ngày hôm nay.";
}
