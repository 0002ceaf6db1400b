namespace Tndtq.Meetings;

/// <summary>Every sentence of the meetings capability a person reads.</summary>
public static class MeetingTexts
{
    public const string WardMeetingName = "Họp giao ban tổ trưởng";
    public static string MeetingScopeName(string scope) => scope == MeetingScope.Ward ? "Họp giao ban" : "Họp tổ";
    public static string MeetingKindName(string kind) => kind switch
    {
        MeetingKind.Regular => "Định kỳ",
        MeetingKind.Extraordinary => "Bất thường",
        _ => kind,
    };
    public static string AttendanceStatusName(string status) => status switch
    {
        AttendanceStatus.Present => "Có mặt",
        AttendanceStatus.Absent => "Vắng",
        AttendanceStatus.Excused => "Vắng có lý do",
        _ => status,
    };

    public const string MeetingNotFound = "Không tìm thấy cuộc họp này.";
    public const string MeetingScopeInvalid = "Loại cuộc họp phải là họp tổ (group) hoặc họp giao ban (ward).";
    public const string MeetingScopeFixed = "Không đổi được họp tổ thành họp giao ban (hoặc ngược lại) khi sửa biên bản; hãy ghi một cuộc họp mới.";
    public const string MeetingGroupFixed = "Không đổi được tổ của cuộc họp khi sửa biên bản; hãy ghi một cuộc họp mới cho tổ kia.";
    public const string MeetingGroupRequired = "Vui lòng chọn tổ họp.";
    public static string MeetingGroupNotActive(string group) => $"{group} không còn hoạt động, không ghi được cuộc họp mới.";
    public const string MeetingDateRequired = "Vui lòng nhập ngày họp.";
    public const string MeetingDateInFuture = "Ngày họp không được sau ngày hôm nay.";
    public static string MeetingDateTooEarly(DateOnly min) => $"Ngày họp phải từ ngày {min:dd/MM/yyyy} trở về sau.";
    public const string MeetingKindInvalid = "Vui lòng chọn hình thức họp: định kỳ hoặc bất thường.";
    public const string MeetingChairRequired = "Vui lòng nhập người chủ trì.";
    public const string MeetingContentRequired = "Vui lòng nhập nội dung cuộc họp.";
    public const string MeetingAttendeeTwice = "Người này đã có trong danh sách dự họp.";
    public const string MeetingAttendeeNotMember = "Người này không phải là thành viên của tổ.";
    public const string MeetingAttendeeNotLeader = "Người này không phải là tổ trưởng hoặc tổ phó của một tổ đang hoạt động trong phường.";
    public const string MeetingAttendanceStatusInvalid = "Tình trạng dự họp phải là có mặt, vắng hoặc vắng có lý do.";
    public const string MeetingNobodyPresent = "Danh sách dự họp phải có ít nhất một người có mặt.";
    public const string MeetingTaskWhatRequired = "Vui lòng nhập việc cần làm.";
    public const string MeetingTaskWhoRequired = "Vui lòng nhập người thực hiện.";
    public const string MeetingTaskDueRequired = "Vui lòng nhập hạn hoàn thành.";
    public static string MeetingTaskDueOutOfRange(int days) => $"Hạn hoàn thành phải từ ngày họp trở đi và không quá {days} ngày sau ngày họp.";
    public const string MeetingTaskNotFound = "Không tìm thấy việc này trong biên bản họp.";
    public const string MeetingCorrectionReasonRequired = "Vui lòng ghi lý do sửa biên bản.";
    public static string MeetingTooManyMinutes(int max) => $"Mỗi cuộc họp đính kèm tối đa {max} tệp biên bản.";
    public const string MeetingYearInvalid = "Năm không hợp lệ (từ 2000 đến 2100).";

    public const string MeetingTaskStepName = "Việc thống nhất tại cuộc họp";
    public static string MeetingTaskSubject(string what, string who, string meeting, DateOnly date) => $"{what} ({who}) – {meeting} ngày {date:dd/MM/yyyy}";

    public static string MeetingRecorded(string subject, DateOnly date) => $"Ghi biên bản cuộc họp {subject} ngày {date:dd/MM/yyyy}";
    public static string MeetingCorrected(string subject, DateOnly date, int version, string reason) => $"Sửa biên bản cuộc họp {subject} ngày {date:dd/MM/yyyy} (lần {version - 1}): {reason}";
    public static string MeetingTaskDone(string what, string subject) => $"Hoàn thành việc \"{what}\" của cuộc họp {subject}";
    public static string MeetingMinutesAdded(string file, string subject) => $"Đính kèm biên bản {file} cho cuộc họp {subject}";

    public const string ActionRecordMeeting = "Ghi biên bản họp";
    public const string ActionCorrectMeeting = "Sửa biên bản";
    public const string ActionRemoveMeeting = "Xóa biên bản";
    public const string MeetingRemovalReasonRequired = "Vui lòng ghi lý do xóa biên bản.";
    public const string MeetingRemoved = "Biên bản cuộc họp này đã bị xóa; không sửa, đính kèm hay đánh dấu việc được nữa.";
    public static string MeetingRemovedAudit(string subject, DateOnly date, string reason) => $"Xóa biên bản cuộc họp {subject} ngày {date:dd/MM/yyyy}: {reason}";
    public const string ActionUploadMinutes = "Đính kèm biên bản";
    public const string ActionCompleteTask = "Đánh dấu đã xong";
}
