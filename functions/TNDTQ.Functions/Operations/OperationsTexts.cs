namespace Tndtq.Operations;

/// <summary>Sentences of the operations slice (backups, restore, first administrators).</summary>
public static class OperationsTexts
{
    public const string BootstrapAdministratorName = "Quản trị hệ thống (khởi tạo)";
    public static string BackupNotFound(string id) => $"Không tìm thấy bản sao lưu \"{id}\" hoặc bản sao lưu chưa hoàn tất.";
    public static string RestoreTargetNotEmpty(IEnumerable<string> tables) =>
        $"Không thể khôi phục: tài khoản lưu trữ đã có dữ liệu (bảng {string.Join(", ", tables)}). Chỉ khôi phục vào một triển khai mới, chưa có dữ liệu; nếu lần khôi phục trước bị gián đoạn, gửi lại với ?resume=true.";
}
