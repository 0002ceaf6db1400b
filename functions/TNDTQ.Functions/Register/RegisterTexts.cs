namespace Tndtq.Register;

/// <summary>Every sentence of the register (wards, groups, members, import and export, audit) a person reads.</summary>
public static class RegisterTexts
{
    // Register: wards, groups, members
    public const string WardExists = "Mã phường này đã tồn tại.";
    public const string WardNameRequired = "Vui lòng nhập tên phường.";
    public const string LevelIdInvalid = "Mã cấp chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: phuong).";
    public const string LevelNameRequired = "Vui lòng nhập tên cấp (ví dụ: phường, xã, đặc khu).";
    public const string UnitIdInvalid = "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: cai-khe).";
    public const string UnitNameRequired = "Vui lòng nhập tên đơn vị (không kèm cấp, ví dụ: Cái Khế).";
    public const string UnitLevelRequired = "Vui lòng chọn cấp của đơn vị.";
    public const string UnitLevelNotFound = "Cấp đơn vị không tồn tại.";
    public const string UnitExists = "Đã có đơn vị với mã này: hãy mở đơn vị đó trong danh sách để sửa.";
    public const string UnitNotFound = "Không có đơn vị phê duyệt này.";
    public const string WardIdInvalid = "Mã phường chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: an-cu).";
    public const string ApprovingUnitRequired = "Vui lòng nhập đơn vị phê duyệt của phường.";
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
        "Thay đổi tổ trưởng, tổ phó và thành lập, sáp nhập, chia tách, giải thể tổ chỉ thực hiện qua tờ trình kiện toàn được cấp có thẩm quyền phê duyệt.";
    public const string LeaderLeavesViaProposal =
        "Tổ trưởng, tổ phó thôi tham gia tổ phải thực hiện qua tờ trình kiện toàn được cấp có thẩm quyền phê duyệt.";
    public const string MemberAlreadyLeft = "Thành viên này đã rời tổ.";
    public const string LeftBeforeJoined = "Ngày rời tổ không được trước ngày tham gia.";
    public const string SearchQueryRequired = "Vui lòng nhập ít nhất 2 ký tự để tìm kiếm.";
    public const string NoHistoryAtDate = "Chưa có dữ liệu lịch sử của tổ tại ngày này.";

    public static string GroupStatusName(GroupStatus s) => s switch
    {
        GroupStatus.Active => "Đang hoạt động",
        GroupStatus.Merged => "Đã sáp nhập",
        GroupStatus.Split => "Đã chia tách",
        GroupStatus.Dissolved => "Đã giải thể",
        _ => s.ToString(),
    };

    public static string RoleName(MemberRole r) => r switch
    {
        MemberRole.Leader => "Tổ trưởng",
        MemberRole.Deputy => "Tổ phó",
        MemberRole.Member => "Thành viên",
        _ => r.ToString(),
    };

    public static string MemberStatusName(MemberStatus s) => s == MemberStatus.Active ? "Đang tham gia" : "Đã rời tổ";
    public static string GenderName(Gender g) => g == Gender.Male ? "Nam" : "Nữ";

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
    public static string ImportRowStatusName(Import.ImportRowStatus s) => s switch
    {
        Import.ImportRowStatus.Created => "Thêm mới",
        Import.ImportRowStatus.Updated => "Cập nhật",
        Import.ImportRowStatus.Unchanged => "Không thay đổi",
        Import.ImportRowStatus.Rejected => "Lỗi",
        _ => s.ToString(),
    };
    public const string TemplateGuideSheet = "Hướng dẫn";
    public const string TemplateDataSheet = "Danh sách";
    public const string ExportSummarySheet = "Tổng hợp";
    public static readonly string[] CounterHeaders =
        ["Phường", "Tổ đang hoạt động", "Tổ đã sáp nhập", "Tổ đã chia tách", "Tổ đã giải thể", "Thành viên", "Tổ trưởng", "Tổ phó", "Số hộ"];

    public static string SplitMustAssignEveryMember(string group) => $"Khi chia tách {group}, mỗi thành viên đang hoạt động phải được xếp vào đúng một tổ mới.";
}
