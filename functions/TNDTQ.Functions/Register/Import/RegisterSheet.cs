using System.Globalization;
using Tndtq.Shared;

namespace Tndtq.Register.Import;

/// <summary>
/// The spreadsheet layout wards keep their lists in: one row per member, the group's columns
/// repeated (or left blank after the group's first row). The same columns are used by the
/// downloadable template, the import and the export, so an export can be imported back.
/// </summary>
public static class RegisterSheet
{
    public sealed record Column(string Key, string Header, string Example1, string Example2, string Help);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("group", "Tổ", "Tổ 12, khu vực 3", "Tổ 12, khu vực 3", "Tên tổ, bắt buộc. Các dòng cùng tên tổ thuộc một tổ."),
        new("area", "Địa bàn", "Hẻm 51 đường Mậu Thân", "", "Địa bàn của tổ (ghi ở dòng đầu của tổ là đủ)."),
        new("households", "Số hộ", "45", "", "Số hộ gia đình tổ phụ trách."),
        new("establishedOn", "Ngày thành lập", "15/03/2018", "", "Ngày thành lập tổ, dạng ngày/tháng/năm."),
        new("establishedByDecision", "Quyết định thành lập", "35/QĐ-UBND", "", "Số quyết định thành lập tổ."),
        new("fullName", "Họ và tên", "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Họ và tên thành viên, bắt buộc."),
        new("gender", "Giới tính", "Nam", "Nữ", "Nam hoặc Nữ."),
        new("birthYear", "Năm sinh", "1968", "1975", "Năm sinh, 4 chữ số."),
        new("address", "Địa chỉ", "Số 12, hẻm 51, đường Mậu Thân", "Số 20, hẻm 51, đường Mậu Thân", "Địa chỉ nơi ở."),
        new("phone", "Số điện thoại", "0907123456", "", "Số điện thoại (không bắt buộc)."),
        new("citizenId", "Số CCCD", "", "", "Số căn cước công dân 12 chữ số (không bắt buộc; giúp nhận ra đúng người)."),
        new("role", "Vai trò", "Tổ trưởng", "Thành viên", "Tổ trưởng, Tổ phó hoặc Thành viên. Mỗi tổ một tổ trưởng, tối đa hai tổ phó."),
        new("joinedOn", "Ngày tham gia", "15/03/2018", "01/06/2020", "Ngày tham gia tổ, dạng ngày/tháng/năm."),
    ];

    /// <summary>Extra columns only the export writes (ignored by the import).</summary>
    public const string WardHeader = "Phường";
    public const string GroupStatusHeader = "Trạng thái tổ";
    public const string MemberStatusHeader = "Trạng thái";

    static readonly Dictionary<string, string> KeyByFoldedHeader =
        Columns.SelectMany(c => new[] { (VietnameseText.Fold(c.Header), c.Key), (VietnameseText.Fold(c.Key), c.Key) })
            .Concat([("ho ten", "fullName"), ("ten to", "group"), ("so cccd cmnd", "citizenId"), ("cccd", "citizenId"), ("dien thoai", "phone"), ("chuc vu", "role")])
            .DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Which column key a header means (tolerant of case, diacritics and spacing), or null.</summary>
    public static string? KeyOf(string? header) => KeyByFoldedHeader.GetValueOrDefault(VietnameseText.Fold(header));

    /// <summary>A cell as text: numbers without ".0", dates as dd/MM/yyyy.</summary>
    public static string? CellText(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        decimal d when d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "yyyy-MM-dd", "d.M.yyyy"];

    /// <summary>dd/MM/yyyy (Vietnamese), yyyy-MM-dd, or an Excel date serial number.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    public static MemberRole? ParseRole(string text) => VietnameseText.Fold(text) switch
    {
        "to truong" or "leader" or "truong to" => MemberRole.Leader,
        "to pho" or "deputy" or "pho to" => MemberRole.Deputy,
        "thanh vien" or "member" or "to vien" => MemberRole.Member,
        _ => null,
    };

    public static Gender? ParseGender(string text) => VietnameseText.Fold(text) switch
    {
        "nam" or "male" => Gender.Male,
        "nu" or "female" => Gender.Female,
        _ => null,
    };

    public static string Format(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
}
