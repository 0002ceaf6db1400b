namespace Tndtq.Tests.Infrastructure;

/// <summary>Register import files (CSV, the columns a ward office uses) that several test classes start their wards from.</summary>
public static class RegisterCsv
{
    /// <summary>Two groups of khu vực 1: Tổ 1 (40 households; a leader, a deputy, a member) and Tổ 2 (25 households; a leader, a member).</summary>
    public const string TwoGroups = """
        Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò
        "Tổ 1, khu vực 1",Hẻm 10,40,Nguyễn Văn Trung,Nam,1960,Số 1 hẻm 10,Tổ trưởng
        "Tổ 1, khu vực 1",,,Lê Thị Hạnh,Nữ,1975,Số 2 hẻm 10,Tổ phó
        "Tổ 1, khu vực 1",,,Phạm Minh Khang,Nam,1980,Số 3 hẻm 10,Thành viên
        "Tổ 2, khu vực 1",Hẻm 20,25,Võ Thị Thu,Nữ,1965,Số 1 hẻm 20,Tổ trưởng
        "Tổ 2, khu vực 1",,,Đặng Văn Tài,Nam,1970,Số 2 hẻm 20,Thành viên
        """;
}
