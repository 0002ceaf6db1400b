using Tndtq.Shared;

namespace Tndtq.Inbox;

/// <summary>The notices of the inbox: tasks, reminders, escalations, digests.</summary>
public static class InboxTexts
{
    // Notices (inbox)
    static string VietnamDateTime(DateTimeOffset at) => VietnamTime.ToVietnam(at).ToString("HH:mm 'ngày' dd/MM/yyyy");
    public static string NoticeTaskTitle(string stepName) => $"Việc cần xử lý: {stepName}";
    public static string NoticeTaskBody(string subject, DateTimeOffset due) => $"{subject}. Hạn xử lý: {VietnamDateTime(due)} (giờ Việt Nam).";
    public static string NoticeReminderTitle(string stepName, TimeSpan before) =>
        before >= TimeSpan.FromDays(1) ? $"Nhắc việc: còn {(int)before.TotalDays} ngày đến hạn {stepName}" : $"Nhắc việc: còn {(int)Math.Ceiling(before.TotalHours)} giờ đến hạn {stepName}";
    public static string NoticeOverdueTitle(string stepName) => $"Quá hạn: {stepName}";
    public static string NoticeEscalationTitle(string stepName) => $"Chậm xử lý: {stepName}";
    public static string NoticeEscalationBody(string subject, Role waitingFor, DateTimeOffset due) =>
        $"{subject}: {Texts.RoleName(waitingFor)} chưa xử lý, đã quá hạn {VietnamDateTime(due)} (giờ Việt Nam).";

    // Scheduled reminders and digests
    public static string NoticeNoMeetingTitle(string group) => $"{group} chưa họp định kỳ";
    public static string NoticeNoMeetingBody(string group, DateOnly? last, int days) =>
        last is { } d ? $"{group} chưa họp định kỳ từ ngày {d:dd/MM/yyyy} (quá {days} ngày)." : $"{group} chưa có biên bản họp định kỳ trong {days} ngày qua.";
    public static string DigestTitle(int week, int year) => $"Tổng hợp việc quá hạn tuần {week}/{year}";
    public static string DigestWardLine(string wardId, int count, IEnumerable<string> steps) => $"Phường {wardId}: {count} việc quá hạn ({string.Join("; ", steps)}).";
}
