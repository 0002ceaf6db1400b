using System.Globalization;

namespace Tndtq.Reports;

/// <summary>The words of the review report (Báo cáo sơ kết / tổng kết) and its chart.</summary>
public static partial class ReportsTexts
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public const string ChartGroupsAxis = "Số tổ";
    public const string ChartRatingsTitle = "Kết quả đánh giá Tổ nhân dân tự quản gần nhất theo phường";

    public const string ReportKindSoKet = "Sơ kết";
    public const string ReportKindTongKet = "Tổng kết";
    /// <summary>"Số:" then room for the number the office's clerk assigns when the report is issued.</summary>
    public const string ReportNumberBlank = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0/BC-UBND";
    public const string ReportPeriodBackwards = "Ngày kết thúc (to) không được trước ngày bắt đầu (from).";

    public const string HeaderNumber = "STT";
    public const string HeaderActiveGroups = "Số tổ đang hoạt động";
    public const string HeaderMembers = "Số thành viên";
    public const string HeaderHouseholds = "Số hộ gia đình";
    public const string HeaderLeaders = "Tổ trưởng";
    public const string HeaderDeputies = "Tổ phó";
    public const string HeaderMerged = "Tổ đã sáp nhập";
    public const string HeaderSplit = "Tổ đã chia tách";
    public const string HeaderDissolved = "Tổ đã giải thể";
    public const string HeaderPending = "Đang xét";
    public const string TableRegisterTitle = "Số tổ, thành viên, hộ gia đình, tổ trưởng và tổ phó theo phường";
    public const string TableRatingsTitle = "Kết quả đánh giá, xếp loại tổ gần nhất theo phường";
    public const string TableRestructureTitle = "Kết quả rà soát, kiện toàn tổ theo phường";
    public const string TableCommendationsTitle = "Đề nghị khen thưởng và khen thưởng theo phường";

    public static string TableTitle(int number, string title) => $"Bảng {number}. {title}";
    public static string ReportScopeIn(string name) => $"trên địa bàn {name}";
    public static string ReportPeriod(string from, string to) => $"(từ ngày {from} đến ngày {to})";
    public static string Committee(string name) => $"Ủy ban nhân dân {name}";
    /// <summary>The issuing body over two lines: "ỦY BAN NHÂN DÂN" / "PHƯỜNG AN CƯ".</summary>
    public static string CommitteeLines(string name) => $"ỦY BAN NHÂN DÂN\n{name.ToUpper(Vietnamese)}";
    /// <summary>The approving unit's report's addressees where its data names none.</summary>
    public static string ReportToUnit(string unit) => $"Thường trực Hội đồng nhân dân {unit}";
    /// <summary>The approving unit's report's copies where its data names none: "Công an quận, Ủy ban nhân dân các phường".</summary>
    public static string ReportCopyToUnit(string police) => $"{police}, Ủy ban nhân dân các phường";
    public static string ReportCopyToWard(string ward) => $"Đảng ủy, Ủy ban Mặt trận Tổ quốc Việt Nam {ward}";
    public static string ReportFileTitle(string kind, string scope) => $"Báo cáo {kind.ToLower(Vietnamese)} Tổ nhân dân tự quản {scope}";

}
