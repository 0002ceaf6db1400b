namespace Tndtq.Shared;

/// <summary>
/// Every sentence a user reads (errors, notices, documents) lives here, in Vietnamese, so that
/// one person can review the wording and the diacritics in one place. Code refers to these by name.
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

    // Roles as a person reads them
    public static string RoleName(Role role) => role switch
    {
        Role.WardOfficer => "Cán bộ UBND phường",
        Role.WardChairman => "Chủ tịch UBND phường",
        Role.DistrictPolice => "Công an quận",
        Role.EmulationCouncil => "Hội đồng Thi đua – Khen thưởng",
        Role.DistrictLeader => "Lãnh đạo UBND quận",
        Role.Administrator => "Quản trị",
        _ => role.ToString(),
    };

    public static string RequiresRole(IEnumerable<Role> roles) =>
        $"Thao tác này dành cho: {string.Join(", ", roles.Select(RoleName))}.";

    // Sign-off (the foundation's small approval workflow)
    public const string SignOffTitleRequired = "Vui lòng nhập tiêu đề tờ trình.";
    public const string SignOffTitleTooLong = "Tiêu đề tờ trình không được dài quá 200 ký tự.";
    public const string SignOffDeadlineOutOfRange = "Thời hạn ký duyệt phải sau thời điểm hiện tại và không quá 90 ngày.";
    public const string SignOffNotFound = "Không tìm thấy tờ trình này.";
    public const string SignOffChooseOutcome = "Vui lòng chọn duyệt hoặc trả lại tờ trình.";
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

    // Register: wards, groups, members
    public const string InvalidContinuationToken = "Mã trang tiếp theo (continuationToken) không hợp lệ.";
    public const string IfMatchRequired = "Thiếu tiêu đề If-Match: hãy tải lại dữ liệu rồi gửi kèm ETag nhận được để tránh ghi đè thay đổi của người khác.";
    public const string StaleETag = "Dữ liệu đã được người khác thay đổi sau khi bạn mở. Vui lòng tải lại, kiểm tra rồi lưu lại.";
    public const string WardExists = "Mã phường này đã tồn tại.";
    public const string WardNameRequired = "Vui lòng nhập tên phường.";
    public const string WardIdInvalid = "Mã phường chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: an-cu).";
    public const string ApprovingUnitRequired = "Vui lòng nhập đơn vị phê duyệt (quận).";
    public const string GroupNotFound = "Không tìm thấy tổ này trong phường.";
    public const string MemberNotFound = "Không tìm thấy thành viên này trong tổ.";
    public const string GroupNameRequired = "Vui lòng nhập tên tổ (ví dụ: Tổ 12, khu vực 3).";
    public const string GroupNameTooLong = "Tên tổ không được dài quá 100 ký tự.";
    public const string AreaTooLong = "Mô tả địa bàn không được dài quá 500 ký tự.";
    public const string HouseholdsOutOfRange = "Số hộ phải là số từ 0 đến 10.000.";
    public const string MemberNameRequired = "Thiếu họ và tên.";
    public const string MemberNameTooLong = "Họ và tên không được dài quá 100 ký tự.";
    public static string BirthYearOutOfRange(int min, int max) => $"Năm sinh không hợp lệ: phải là năm từ {min} đến {max}.";
    public const string PhoneInvalid = "Số điện thoại không hợp lệ (9–15 chữ số).";
    public const string CitizenIdInvalid = "Số CCCD phải gồm đúng 12 chữ số.";
    public const string AddressTooLong = "Địa chỉ không được dài quá 300 ký tự.";
    public const string JoinedInFuture = "Ngày tham gia không được sau ngày hôm nay.";
    public static string ClosedGroupHasMembers(string group) => $"{group} đã giải thể hoặc sáp nhập nên không còn thành viên đang hoạt động.";
    public static string TooManyLeaders(string group, int max) => max == 1 ? $"{group} chỉ có một tổ trưởng." : $"{group} có tối đa {max} tổ trưởng.";
    public static string TooManyDeputies(string group, int max) => $"{group} có tối đa {max} tổ phó.";
    public static string DuplicateGroupName(string group) => $"Phường đã có tổ đang hoạt động tên \"{group}\".";
    public static string GroupNotActive(string group) => $"{group} không còn hoạt động, không thể thêm hoặc sửa thành viên.";
    public static string PersonAlreadyInGroup(string person, string group) => $"{person} đang là thành viên của {group}. Một người chỉ tham gia một tổ.";
    public const string StructuralChangeViaProposal =
        "Thay đổi tổ trưởng, tổ phó và thành lập, sáp nhập, chia tách, giải thể tổ chỉ thực hiện qua tờ trình kiện toàn được UBND quận phê duyệt.";
    public const string LeaderLeavesViaProposal =
        "Tổ trưởng, tổ phó thôi tham gia tổ phải thực hiện qua tờ trình kiện toàn được UBND quận phê duyệt.";
    public const string MemberAlreadyLeft = "Thành viên này đã rời tổ.";
    public const string LeftBeforeJoined = "Ngày rời tổ không được trước ngày tham gia.";
    public const string SearchQueryRequired = "Vui lòng nhập ít nhất 2 ký tự để tìm kiếm.";
    public const string NoHistoryAtDate = "Chưa có dữ liệu lịch sử của tổ tại ngày này.";
    public const string InvalidDate = "Ngày không hợp lệ (định dạng yyyy-MM-dd).";
    public const string InvalidPageSize = "Kích thước trang (pageSize) phải từ 1 đến 200.";
    public static string InvalidEnumValue(string field, string value) => $"Giá trị \"{value}\" không hợp lệ cho {field}.";

    public static string GroupStatusName(Register.GroupStatus s) => s switch
    {
        Register.GroupStatus.Active => "Đang hoạt động",
        Register.GroupStatus.Merged => "Đã sáp nhập",
        Register.GroupStatus.Split => "Đã chia tách",
        Register.GroupStatus.Dissolved => "Đã giải thể",
        _ => s.ToString(),
    };

    public static string RoleName(Register.MemberRole r) => r switch
    {
        Register.MemberRole.Leader => "Tổ trưởng",
        Register.MemberRole.Deputy => "Tổ phó",
        Register.MemberRole.Member => "Thành viên",
        _ => r.ToString(),
    };

    public static string MemberStatusName(Register.MemberStatus s) => s == Register.MemberStatus.Active ? "Đang tham gia" : "Đã rời tổ";
    public static string GenderName(Register.Gender g) => g == Register.Gender.Male ? "Nam" : "Nữ";

    public static string AuditActionName(string action, string entityType) => (action, entityType) switch
    {
        ("create", "group") => "Thêm tổ",
        ("update", "group") => "Cập nhật tổ",
        ("delete", "group") => "Xóa tổ",
        ("create", "member") => "Thêm thành viên",
        ("update", "member") => "Cập nhật thành viên",
        ("delete", "member") => "Xóa thành viên",
        ("create", "ward") => "Thêm phường",
        ("update", "ward") => "Cập nhật phường",
        ("bulk", _) => "Thay đổi hàng loạt",
        _ => action,
    };

    public static string BulkSummary(int groupsCreated, int groupsUpdated, int membersCreated, int membersUpdated) =>
        $"thêm {groupsCreated} tổ, cập nhật {groupsUpdated} tổ, thêm {membersCreated} thành viên, cập nhật {membersUpdated} thành viên";

    // Audit descriptions of operations
    public const string OpUpdateGroup = "Cập nhật thông tin tổ";
    public const string OpAddMember = "Thêm thành viên vào tổ";
    public const string OpUpdateMember = "Cập nhật thông tin thành viên";
    public const string OpMemberLeaves = "Thành viên rời tổ";
    public static string OpImport(string fileName) => $"Nhập dữ liệu từ tệp \"{fileName}\"";
    public static string OpStructural(string decision) => $"Áp dụng thay đổi theo quyết định {decision}";
    public const string OpDemoSeed = "Khởi tạo dữ liệu mẫu";
    public static string OpTrainingRecorded(DateOnly date) => $"Ghi nhận tập huấn ngày {date:dd/MM/yyyy}";
    public const string OpTrainingBroughtIn = "Ghi nhận ngày tập huấn đã có (dựng lại số liệu)";

    // Import and export
    public const string ImportUnreadable = "Không đọc được tệp. Hãy dùng tệp Excel (.xlsx) hoặc CSV theo mẫu tải từ hệ thống.";
    public const string ImportEmpty = "Tệp không có dữ liệu.";
    public const string NoFile = "Chưa chọn tệp.";
    public static string FileTooLarge(int mb) => $"Tệp quá lớn: tối đa {mb} MB.";
    public static string ImportMissingColumns(IEnumerable<string> headers) => $"Tệp thiếu cột bắt buộc: {string.Join(", ", headers)}. Hãy dùng tệp mẫu.";
    public const string ImportMissingGroup = "Thiếu tên tổ.";
    public static string ImportUnknownRole(string value) => $"Vai trò \"{value}\" không hợp lệ (dùng: Tổ trưởng, Tổ phó, Thành viên).";
    public static string ImportUnknownGender(string value) => $"Giới tính \"{value}\" không hợp lệ (dùng: Nam, Nữ).";
    public static string ImportBadYear(string value, int min, int max) => $"Năm sinh \"{value}\" không hợp lệ: phải là năm từ {min} đến {max}.";
    public static string ImportBadDate(string column, string value) => $"{column} \"{value}\" không hợp lệ (dạng ngày/tháng/năm, ví dụ 15/03/2018).";
    public static string ImportTwoLeaders(string group, int firstRow) => $"{group} có hơn một tổ trưởng (đã có tổ trưởng ở dòng {firstRow}).";
    public static string ImportDuplicatePerson(int firstRow) => $"Trùng người với dòng {firstRow}.";
    public static string ImportGroupFieldsDiffer(int firstRow) => $"Thông tin tổ khác với dòng {firstRow} của cùng tổ.";
    public static string ImportBadCell(string column, string problem) => $"Ô \"{column}\" {problem}.";
    public const string ImportMoveHint = "Muốn chuyển tổ, hãy cho người này rời tổ cũ rồi nhập lại.";
    public static string ImportHasRejectedRows(int count) => $"Tệp còn {count} dòng lỗi nên chưa nhập dữ liệu nào. Vui lòng sửa các dòng lỗi theo báo cáo rồi nhập lại.";
    public const string ImportModeInvalid = "Chế độ nhập (mode) phải là dry-run (kiểm tra thử) hoặc commit (nhập thật).";
    public static string ImportRowStatusName(Register.Import.ImportRowStatus s) => s switch
    {
        Register.Import.ImportRowStatus.Created => "Thêm mới",
        Register.Import.ImportRowStatus.Updated => "Cập nhật",
        Register.Import.ImportRowStatus.Unchanged => "Không thay đổi",
        Register.Import.ImportRowStatus.Rejected => "Lỗi",
        _ => s.ToString(),
    };
    public const string TemplateGuideSheet = "Hướng dẫn";
    public const string TemplateDataSheet = "Danh sách";
    public const string ExportSummarySheet = "Tổng hợp";
    public static readonly string[] CounterHeaders =
        ["Phường", "Tổ đang hoạt động", "Tổ đã sáp nhập", "Tổ đã chia tách", "Tổ đã giải thể", "Thành viên", "Tổ trưởng", "Tổ phó", "Số hộ"];

    public static string SplitMustAssignEveryMember(string group) => $"Khi chia tách {group}, mỗi thành viên đang hoạt động phải được xếp vào đúng một tổ mới.";

    // Staff directory
    public const string StaffObjectIdInvalid = "Mã định danh (object id) không hợp lệ.";
    public const string StaffNameRequired = "Vui lòng nhập họ tên cán bộ.";
    public const string StaffWardRequired = "Cán bộ phường phải gắn với một phường có trong hệ thống.";
    public const string StaffEmailInvalid = "Địa chỉ thư điện tử không hợp lệ (ví dụ: canbo@ninhkieu.gov.vn).";
    public const string StaffCannotRevokeSelf = "Không thể tự thu hồi quyền quản trị của chính mình: hãy nhờ một quản trị viên khác.";
    public const string StaffNotFound = "Không có người này trong danh sách cán bộ.";
    public const string StaffMixedRoles = "Không gán đồng thời vai trò cấp phường và cấp quận cho một người.";

    // Notices (inbox)
    static string VietnamDateTime(DateTimeOffset at) => VietnamTime.ToVietnam(at).ToString("HH:mm 'ngày' dd/MM/yyyy");
    public static string NoticeTaskTitle(string stepName) => $"Việc cần xử lý: {stepName}";
    public static string NoticeTaskBody(string subject, DateTimeOffset due) => $"{subject}. Hạn xử lý: {VietnamDateTime(due)} (giờ Việt Nam).";
    public static string NoticeReminderTitle(string stepName, TimeSpan before) =>
        before >= TimeSpan.FromDays(1) ? $"Nhắc việc: còn {(int)before.TotalDays} ngày đến hạn {stepName}" : $"Nhắc việc: còn {(int)Math.Ceiling(before.TotalHours)} giờ đến hạn {stepName}";
    public static string NoticeOverdueTitle(string stepName) => $"Quá hạn: {stepName}";
    public static string NoticeEscalationTitle(string stepName) => $"Chậm xử lý: {stepName}";
    public static string NoticeEscalationBody(string subject, Role waitingFor, DateTimeOffset due) =>
        $"{subject}: {RoleName(waitingFor)} chưa xử lý, đã quá hạn {VietnamDateTime(due)} (giờ Việt Nam).";

    // Restructure workflow
    public static string RestructureStepName(string step) => step switch
    {
        "starting" => "Đang khởi tạo",
        Restructure.RestructureStep.Assessment => "Đánh giá các tổ",
        Restructure.RestructureStep.Proposal => "Lập tờ trình kiện toàn",
        Restructure.RestructureStep.ChairmanSignOff => "Chủ tịch UBND phường ký duyệt tờ trình",
        Restructure.RestructureStep.PoliceReview => "Công an quận thẩm định tờ trình",
        Restructure.RestructureStep.LeaderDecision => "Lãnh đạo UBND quận quyết định",
        Restructure.RestructureStep.Applying => "Cập nhật sổ theo quyết định",
        Restructure.RestructureStep.Closed => "Đã kết thúc",
        _ => step,
    };
    public static string RestructureOutcomeName(string outcome) => outcome switch
    {
        Restructure.Outcomes.Submitted => "Đã gửi",
        Restructure.Outcomes.Approve => "Đồng ý",
        Restructure.Outcomes.Forward => "Chuyển lãnh đạo quận",
        Restructure.Outcomes.Return => "Trả lại để chỉnh sửa",
        Restructure.Outcomes.Reject => "Không phê duyệt",
        Restructure.Outcomes.Withdraw => "Phường rút tờ trình",
        Restructure.Outcomes.Cancel => "Quận hủy",
        _ => outcome,
    };
    public static string RestructureResultName(string result) => result switch
    {
        Restructure.Outcomes.Approved => "Đã phê duyệt và cập nhật sổ",
        Restructure.Outcomes.Rejected => "Không được phê duyệt",
        Restructure.Outcomes.ApplyFailed => "Đã phê duyệt nhưng chưa cập nhật được sổ",
        Restructure.Outcomes.Withdrawn => "Phường đã rút",
        Restructure.Outcomes.Cancelled => "Quận đã hủy",
        _ => result,
    };
    public static string RestructureSubject(string cycle, string ward) => $"{cycle} – phường {ward}";
    public static string RestructureClosedTitle(string cycle, string result) => $"{cycle}: {result}";
    public static string RestructureClosedBody(string ward, Restructure.RestructureOutcome o) => o.Result switch
    {
        Restructure.Outcomes.Approved => $"Tờ trình của phường {ward} đã được phê duyệt theo quyết định {o.DecisionNumber} ngày {o.DecisionDate:dd/MM/yyyy}; đã cập nhật {o.ChangesApplied} thay đổi vào sổ.",
        Restructure.Outcomes.Rejected => $"Tờ trình của phường {ward} không được phê duyệt. Lý do: {o.Reason}",
        Restructure.Outcomes.Withdrawn => $"Phường {ward} đã rút khỏi kỳ rà soát. Lý do: {o.Reason}",
        Restructure.Outcomes.Cancelled => $"Kỳ rà soát của phường {ward} đã bị hủy. Lý do: {o.Reason}",
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
    public const string DocumentTypeNotAllowed = "Chỉ đính kèm tệp PDF, Word (.docx) hoặc ảnh (.jpg, .png), tối đa 20 MB; nội dung tệp phải đúng loại tệp.";
    public static string OutcomeNotAllowed(IEnumerable<string> allowed) => $"Ý kiến (outcome) phải là một trong: {string.Join(", ", allowed)}.";
    public const string CommentRequired = "Vui lòng ghi rõ lý do.";
    public const string DecisionNumberRequired = "Vui lòng nhập số và ngày quyết định.";
    public const string RemindDaysInvalid = "Số ngày nhắc trước hạn phải từ 1 đến 60.";
    public const string DecisionDateInFuture = "Ngày quyết định không được sau ngày hôm nay.";
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
    public const string ActionWithdrawNomination = "Rút đề nghị";
    public const string ActionAddEvidence = "Bổ sung minh chứng";
    public const string ActionApproveSignOff = "Duyệt";
    public const string ActionReturnSignOff = "Trả lại";

    // Scheduled reminders and digests
    public static string NoticeNoMeetingTitle(string group) => $"{group} chưa họp định kỳ";
    public static string NoticeNoMeetingBody(string group, DateOnly? last, int days) =>
        last is { } d ? $"{group} chưa họp định kỳ từ ngày {d:dd/MM/yyyy} (quá {days} ngày)." : $"{group} chưa có biên bản họp định kỳ trong {days} ngày qua.";
    public static string DigestTitle(int week, int year) => $"Tổng hợp việc quá hạn tuần {week}/{year}";
    public static string DigestWardLine(string wardId, int count, IEnumerable<string> steps) => $"Phường {wardId}: {count} việc quá hạn ({string.Join("; ", steps)}).";
    public static string YearlyCycleName(int year) => $"Rà soát năm {year}";
    public static string QuarterlyCycleName(int quarter, int year) => $"Rà soát quý {new[] { "I", "II", "III", "IV" }[quarter - 1]}/{year}";

    // Commendations
    public static string NominationStepName(string step) => step switch
    {
        "starting" => "Đang kiểm tra điều kiện",
        Commendations.NominationStep.EligibilityOverride => "Công an quận xem xét trường hợp chưa đủ điều kiện",
        Commendations.NominationStep.Revision => "Bổ sung hồ sơ đề nghị",
        Commendations.NominationStep.ChairmanEndorsement => "Chủ tịch UBND phường xác nhận đề nghị",
        Commendations.NominationStep.PoliceReview => "Công an quận thẩm định",
        Commendations.NominationStep.Council => "Hội đồng Thi đua – Khen thưởng xét",
        Commendations.NominationStep.Decision => "Cấp có thẩm quyền quyết định",
        Commendations.NominationStep.Generating => "Đang lập quyết định và giấy khen",
        Commendations.NominationStep.Closed => "Đã kết thúc",
        _ => step,
    };
    public static string NominationOutcomeName(string outcome) => outcome switch
    {
        Commendations.NominationOutcomes.Override => "Chấp thuận ngoại lệ",
        Commendations.NominationOutcomes.Endorse => "Xác nhận",
        Commendations.NominationOutcomes.Forward => "Trình Hội đồng",
        Commendations.NominationOutcomes.Return => "Trả lại để bổ sung",
        Commendations.NominationOutcomes.Reject => "Không đồng ý",
        Commendations.NominationOutcomes.Recommend => "Đề nghị khen thưởng",
        Commendations.NominationOutcomes.NotRecommend => "Không đề nghị",
        Commendations.NominationOutcomes.Approve => "Quyết định khen thưởng",
        Commendations.NominationOutcomes.Resubmit => "Đã bổ sung, gửi lại",
        Commendations.NominationOutcomes.Withdraw => "Rút đề nghị",
        _ => outcome,
    };
    public static string NominationResultName(string result, string lastStepId) => result switch
    {
        Commendations.NominationOutcomes.Approved => "Đã được khen thưởng",
        Commendations.NominationOutcomes.Withdrawn => "Đã rút đề nghị",
        _ when lastStepId.StartsWith(Commendations.NominationStep.Council) => "Hội đồng không đề nghị khen thưởng",
        _ when lastStepId.StartsWith(Commendations.NominationStep.EligibilityOverride) => "Không đủ điều kiện khen thưởng",
        _ => "Không được khen thưởng",
    };
    public static string NominationSubject(string award, string nominee, string ward) => $"Đề nghị {award} cho {nominee} (phường {ward})";
    public static string NominationClosedTitle(string nominee, string result) => $"Đề nghị khen thưởng {nominee}: {result}";
    public static string NominationClosedBody(string award, string nominee, Commendations.NominationOutcome o) => o.Result switch
    {
        Commendations.NominationOutcomes.Approved => $"{nominee} được tặng {award} theo quyết định số {o.DecisionNumber} ngày {o.DecisionDate:dd/MM/yyyy}.",
        Commendations.NominationOutcomes.Withdrawn => $"Đề nghị {award} cho {nominee} đã được rút.",
        _ => $"Đề nghị {award} cho {nominee} không được chấp thuận. {o.Reason}",
    };
    public static string CouncilVotes(Shared.Workflows.CouncilVote v) => $"tán thành {v.For}, không tán thành {v.Against}, không biểu quyết {v.Abstain}; họp ngày {v.MeetingDate:dd/MM/yyyy}";
    public static string NominationNotAtStep(string stepName) => $"Đề nghị khen thưởng không ở bước này (bước hiện tại: {stepName}).";
    public static string CannotWithdraw(string stepName) => $"Không thể rút đề nghị ở bước hiện tại ({stepName}).";
    public const string NominationNotFound = "Không tìm thấy đề nghị khen thưởng.";
    public const string NominationClosed = "Đề nghị khen thưởng đã kết thúc.";
    public const string OnlyNominator = "Chỉ đơn vị đề nghị mới thực hiện được thao tác này.";
    public const string DocumentNotReady = "Văn bản chưa có (đề nghị chưa được quyết định khen thưởng).";
    public static string AwardFormUnknown(IEnumerable<string> ids) => $"Hình thức khen thưởng không có trong danh mục ({string.Join(", ", ids)}).";
    public const string AwardFormIncomplete = "Hình thức khen thưởng cần có tên, cơ quan ban hành và chức danh người ký.";
    public const string PeriodRequired = "Vui lòng nhập năm/kỳ khen thưởng (ví dụ: 2026).";
    public const string AchievementsRequired = "Vui lòng tóm tắt thành tích.";
    public const string CampaignEmpty = "Danh sách đề nghị trống.";
    public const string VotesIncomplete = "Kết quả biểu quyết cần đủ số tán thành, không tán thành, không biểu quyết và ngày họp.";
    public const string NomineeGroupNotActive = "Tổ không còn hoạt động.";
    public const string NomineeNotActive = "Người được đề nghị không còn là thành viên đang tham gia tổ.";
    public static string MembershipTooShort(int months) => $"Thời gian tham gia tổ chưa đủ {months} tháng.";
    public static string NoAssessment(string group) => $"{group} chưa có kết quả đánh giá.";
    public static string RatingTooLow(string group, string rating, string min) => $"{group} được đánh giá {rating}, chưa đạt mức {min} trở lên.";
    public static string IneligibleBecause(IEnumerable<string> failures) => $"Chưa đủ điều kiện: {string.Join(" ", failures)}";
    public static string AwardHeldByAnother(string award, string period) =>
        $"Người (tập thể) này đã được quyết định tặng {award} năm {period} theo một đề nghị khác; mỗi hình thức chỉ tặng một lần trong một năm.";
    public const string CampaignHasErrors = "Danh sách đề nghị có mục chưa hợp lệ nên chưa gửi đề nghị nào. Vui lòng sửa các mục được nêu rồi gửi lại.";
    public const string RequestIdUsedElsewhere = "Mã yêu cầu (x-requestid) này đã được dùng cho một đề nghị ở phường khác. Vui lòng dùng mã khác.";
    public static string AlreadyAwarded(string award, string period) => $"Đã được tặng {award} năm {period}.";
    public static string RatingName(Restructure.Rating r) => r switch
    {
        Restructure.Rating.Good => "Tốt",
        Restructure.Rating.Fair => "Khá",
        Restructure.Rating.Average => "Trung bình",
        _ => "Yếu",
    };
}
