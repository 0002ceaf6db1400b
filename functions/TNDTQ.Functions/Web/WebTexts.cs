namespace Tndtq.Web;

public static class WebTexts
{
    // The web app's server side (Web/)
    public const string ApiRouteNotFound = "Không có địa chỉ API này. Xem danh sách địa chỉ trong tài liệu (README).";
    public const string PageMethodNotAllowedTitle = "Thao tác không được hỗ trợ.";
    public const string PageMethodNotAllowed = "Trang web chỉ nhận yêu cầu đọc (GET).";
    public static string ApiMethodNotAllowed(string method) => $"Địa chỉ API này không nhận yêu cầu {method}. Xem phương thức của nó trong tài liệu (README).";
    public const string WebFileNotFound = "Không tìm thấy tệp này.";
    public const string DevelopmentSignInOff = "Đăng nhập thử chỉ có khi chạy trên máy phát triển.";
}
