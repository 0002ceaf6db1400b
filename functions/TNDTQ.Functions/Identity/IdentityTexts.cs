namespace Tndtq.Identity;

/// <summary>The sentences of the staff directory.</summary>
public static class IdentityTexts
{
    // Staff directory
    public const string StaffObjectIdInvalid = "Mã định danh (object id) không hợp lệ.";
    public const string StaffNameRequired = "Vui lòng nhập họ tên cán bộ.";
    public const string StaffWardRequired = "Cán bộ phường phải gắn với một phường có trong hệ thống.";
    public const string StaffEmailInvalid = "Địa chỉ thư điện tử không hợp lệ (ví dụ: canbo@ninhkieu.gov.vn).";
    public const string StaffCannotRevokeSelf = "Không thể tự thu hồi quyền quản trị của chính mình: hãy nhờ một quản trị viên khác.";
    public const string StaffNotFound = "Không có người này trong danh sách cán bộ.";
    public const string StaffUnitNotFound = "Đơn vị phê duyệt không có trong hệ thống.";
    public const string StaffUnitForWardRole = "Cán bộ phường gắn với phường của mình, không gắn với đơn vị phê duyệt: hãy bỏ chọn đơn vị phê duyệt.";
    public const string StaffMixedRoles = "Không gán đồng thời vai trò cấp phường và cấp phê duyệt cho một người.";
}
