using Tndtq.Shared;

namespace Tndtq.Operations;

/// <summary>Sentences of the operations slice (backups, restore, first administrators).</summary>
public static class OperationsTexts
{
    static string Number(long n) => n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
    public const string BootstrapAdministratorName = "Quản trị hệ thống (khởi tạo)";
    public const string NightlyBackupActor = "Sao lưu hằng đêm";
    public static string BackupNotFound(string id) => $"Không tìm thấy bản sao lưu \"{id}\".";
    public const string InvalidBackupId = "Mã bản sao lưu không hợp lệ: mã có dạng năm tháng ngày, chữ T, giờ phút giây và chữ Z, ví dụ 20261124T190000Z.";
    public static string BackupIncomplete(string id) =>
        $"Bản sao lưu \"{id}\" chưa hoàn tất (đang được ghi, hoặc lần sao lưu đó bị gián đoạn): không thể khôi phục từ bản này. Hãy chọn một bản sao lưu đã hoàn tất.";
    public static string BackupIdTaken(string id) => $"Đã có bản sao lưu \"{id}\" vừa được tạo trong giây này. Vui lòng thử lại sau giây lát.";
    public static string RestoreConfirmationMismatch(string id) => $"Để xác nhận khôi phục, hãy gõ đúng mã bản sao lưu: {id}.";
    public static string RestoreWarning(BackupManifest backup, IReadOnlyList<string> overwrites) =>
        $"Khôi phục bản sao lưu {backup.Id} sẽ ghi {Number(backup.Tables.Sum(t => t.Rows))} dòng vào {backup.Tables.Count} bảng. " +
        (overwrites.Count == 0
            ? "Tài khoản lưu trữ hiện chưa có dữ liệu nghiệp vụ."
            : $"Các bảng đang có dữ liệu sẽ bị ghi đè: {string.Join(", ", overwrites)} — dòng cùng khóa được thay bằng bản trong sao lưu, dòng không có trong sao lưu được giữ nguyên.") +
        " Danh sách cán bộ trong bản sao lưu thay cho cán bộ cùng mã; các quy trình đang chạy không được khôi phục.";
    public static string JobRunning(string? jobId) => jobId is null
        ? "Một lần sao lưu hoặc khôi phục khác đang chạy. Vui lòng chờ lần đó xong rồi thử lại."
        : $"Lần sao lưu hoặc khôi phục \"{jobId}\" đang chạy. Mỗi lúc chỉ chạy một lần; vui lòng chờ lần đó xong rồi thử lại.";
    public const string JobNotFound = "Không tìm thấy lần sao lưu hoặc khôi phục này.";
    public const string JobTerminated = "Lần chạy đã bị dừng.";
    public static string JobKindName(BackupJobKind kind) => kind == BackupJobKind.Backup ? "Sao lưu" : "Khôi phục";
    public static string JobStateName(BackupJobState state) => state switch
    {
        BackupJobState.Pending => "Đang chờ bắt đầu",
        BackupJobState.Running => "Đang chạy",
        BackupJobState.NeedsAttention => "Cần quản trị xử lý",
        BackupJobState.Completed => "Đã xong",
        _ => "Không thành công",
    };
    public static string JobProgress(BackupJobKind kind, int tablesDone, int tables, long rows) =>
        $"{(kind == BackupJobKind.Backup ? "Đang sao lưu" : "Đang khôi phục")}: {tablesDone}/{tables} bảng, {Number(rows)} dòng";
}
