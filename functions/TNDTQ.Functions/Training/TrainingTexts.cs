namespace Tndtq.Training;

/// <summary>Every sentence of the training capability a person reads.</summary>
public static class TrainingTexts
{
    public static string TrainingTopicName(string topic) => topic switch
    {
        TrainingTopic.Politics => "Chính trị",
        TrainingTopic.Law => "Pháp luật",
        TrainingTopic.SecuritySkills => "Kỹ năng bảo đảm an ninh trật tự",
        TrainingTopic.FireSafety => "Phòng cháy chữa cháy",
        TrainingTopic.Other => "Khác",
        _ => topic,
    };
    public static string SessionStatusName(string status) => status switch
    {
        SessionStatus.Planned => "Đang lập kế hoạch",
        SessionStatus.Published => "Đã gửi giấy mời",
        SessionStatus.Held => "Đã tổ chức",
        SessionStatus.Cancelled => "Đã hủy",
        _ => status,
    };
    public static string InvitationStepName(string step) => step switch
    {
        "confirm-attendees" => TrainingConfirmStepName,
        InvitationOutcome.Confirmed => "Đã xác nhận người tham dự",
        InvitationOutcome.Cancel => "Hội nghị đã hủy",
        InvitationOutcome.Closed => "Đã kết thúc (không xác nhận)",
        "not-started" => "Chưa gửi giấy mời",
        _ => "Đang gửi giấy mời",
    };
    public const string TrainingConfirmStepName = "Xác nhận người tham dự";
    public static string TrainingSubject(string title, DateOnly date, string wardName) => $"Tập huấn \"{title}\" ngày {date:dd/MM/yyyy} – {wardName}";
    public static string PresenceName(bool present) => present ? "Có mặt" : "Vắng";
    public const string NeedsTraining = "Cần tập huấn";
    public const string TrainingExpired = "Quá hạn tập huấn";

    public const string TrainingSessionNotFound = "Không tìm thấy hội nghị tập huấn này.";
    public const string TrainingTopicInvalid = "Vui lòng chọn chủ đề: chính trị, pháp luật, kỹ năng bảo đảm an ninh trật tự, phòng cháy chữa cháy hoặc khác.";
    public const string TrainingTitleRequired = "Vui lòng nhập tên hội nghị.";
    public const string TrainingDateRequired = "Vui lòng nhập ngày tổ chức.";
    public const string TrainingDateInPast = "Ngày tổ chức phải sau thời điểm hiện tại.";
    public const string TrainingDateTooFar = "Ngày tổ chức không quá 2 năm kể từ hôm nay.";
    public const string TrainingStartTimeInvalid = "Giờ bắt đầu phải có dạng giờ:phút, ví dụ 08:00.";
    public const string TrainingPlaceRequired = "Vui lòng nhập địa điểm.";
    public const string TrainingTrainerRequired = "Vui lòng nhập báo cáo viên.";
    public const string TrainingWardsRequired = "Vui lòng chọn ít nhất một phường được mời.";
    public static string TrainingUnknownWards(IEnumerable<string> ids) => $"Không có phường: {string.Join(", ", ids)}.";
    public const string TrainingInviteesRequired = "Vui lòng chọn người được mời: tổ trưởng, tổ phó hoặc từng người trong sổ.";
    public const string TrainingMemberNotInvitedWard = "Người này không thuộc phường được mời.";
    public const string TrainingMemberNotActive = "Không tìm thấy người này trong sổ theo dõi, hoặc người này đã rời tổ.";
    public const string TrainingPersonTwice = "Người này đã có trong danh sách.";
    public const string TrainingCapacityInvalid = "Số chỗ phải từ 1 đến 1000.";
    public const string TrainingConfirmByRequired = "Vui lòng nhập hạn xác nhận.";
    public const string TrainingConfirmByInvalid = "Hạn xác nhận phải từ hôm nay đến ngày tổ chức.";
    public const string TrainingNotPlanned = "Hội nghị đã gửi giấy mời hoặc đã kết thúc, không sửa được nữa.";
    public const string TrainingYearInvalid = "Năm (year) không hợp lệ (từ 2000 đến 2100).";
    public const string TrainingCannotPublish = "Chỉ gửi giấy mời được khi hội nghị đang lập kế hoạch.";
    public const string TrainingConfirmByPassed = "Hạn xác nhận đã qua; hãy sửa hạn xác nhận trước khi gửi giấy mời.";
    public const string TrainingCannotCancel = "Hội nghị đã tổ chức hoặc đã hủy, không hủy được nữa.";
    public const string TrainingCancelReasonRequired = "Vui lòng ghi lý do hủy hội nghị.";
    public const string TrainingWardNotInvited = "Phường này không được mời dự hội nghị này.";
    public const string TrainingNotWaitingForConfirmation = "Phường không còn ở bước xác nhận người tham dự (đã xác nhận, hội nghị đã hủy hoặc đã diễn ra).";
    public const string TrainingNobodyConfirmed = "Vui lòng chọn ít nhất một người tham dự.";
    public const string TrainingPersonNotInWard = "Người này không thuộc phường của bạn.";
    public const string TrainingPersonNotInvited = "Người này không thuộc đối tượng được mời (tổ trưởng, tổ phó hoặc người có tên trong giấy mời).";
    public static string TrainingFull(int left) => left <= 0
        ? "Hội nghị đã đủ số chỗ, không nhận thêm người tham dự."
        : $"Hội nghị chỉ còn {left} chỗ; vui lòng bớt người tham dự.";
    public const string TrainingNotHeldYet = "Hội nghị chưa diễn ra; chỉ ghi điểm danh sau giờ bắt đầu.";
    public const string TrainingNotPublished = "Hội nghị chưa gửi giấy mời hoặc đã hủy.";
    public const string TrainingPersonNotConfirmed = "Người này không có trong danh sách phường đã xác nhận.";
    public const string TrainingAttendanceRecorded = "Điểm danh của hội nghị này đã được ghi.";
    public const string TrainingNobodyToRecord = "Chưa phường nào xác nhận người tham dự; không có gì để điểm danh.";
    public static string TrainingTooManyFiles(int max) => $"Mỗi hội nghị đính kèm tối đa {max} tệp.";
    public const string TrainingFileNotAllowed = "Chỉ đính kèm tệp sau khi đã gửi giấy mời.";

    public const string HeaderLeadersTrained = "Tổ trưởng, tổ phó đã tập huấn";

    public const string ActionPlanTraining = "Lập kế hoạch tập huấn";
    public const string ActionEditTraining = "Sửa kế hoạch";
    public const string ActionPublishTraining = "Gửi giấy mời";
    public const string ActionCancelTraining = "Hủy hội nghị";
    public const string ActionConfirmAttendees = "Xác nhận người tham dự";
    public const string ActionChangeConfirmation = "Đổi người tham dự";
    public const string ActionCorrectTrainingAttendance = "Sửa điểm danh";
    public const string TrainingAttendanceNotRecorded = "Hội nghị chưa ghi điểm danh; chỉ sửa điểm danh sau khi đã ghi.";
    public const string TrainingCorrectionReasonRequired = "Vui lòng ghi lý do sửa điểm danh.";
    public static string TrainingTooManyCorrections(int max) => $"Điểm danh của hội nghị này đã được sửa {max} lần; không sửa thêm được.";
    public const string TrainingNothingToCorrect = "Vui lòng chọn ít nhất một người cần sửa điểm danh.";
    public static string TrainingAttendanceCorrected(string title, string reason) => $"Sửa điểm danh tập huấn \"{title}\": {reason}";
    public const string TrainingConfirmationClosed = "Hội nghị đã bắt đầu, đã kết thúc hoặc đã hủy; không đổi được người tham dự nữa.";
    public const string TrainingChangeReasonRequired = "Vui lòng ghi lý do đổi người tham dự.";
    public static string TrainingConfirmationChanged(string wardId, int before, int after, string title, string reason) =>
        $"Phường {wardId} đổi người dự tập huấn \"{title}\" ({before} → {after} người): {reason}";
    public const string ActionRecordTrainingAttendance = "Ghi điểm danh";
    public const string ActionUploadTrainingFile = "Đính kèm danh sách ký, tài liệu";
    public static string TrainingPeopleIdsInvalid(int max) => $"Danh sách thành viên không hợp lệ: tối đa {max} mã, cách nhau bằng dấu phẩy.";
    public static string TrainedOn(DateOnly day) => $"Đã tập huấn ngày {day:dd/MM/yyyy}";
}
