namespace Tndtq.Reports;

/// <summary>The words of the reports (pages, exports).</summary>
public static partial class ReportsTexts
{
    public static string NominationResultLabel(string result) => result switch
    {
        Commendations.NominationOutcomes.Approved => "Được khen thưởng",
        Commendations.NominationOutcomes.Withdrawn => "Đã rút đề nghị",
        _ => "Không được khen thưởng",
    };

    public const string SheetRegister = "Tổ và thành viên";
    public const string SheetRatings = "Kết quả đánh giá";
    public const string SheetReviews = "Rà soát, kiện toàn";
    public const string SheetNominations = "Khen thưởng";
    public const string SheetMeetings = "Họp tổ, họp giao ban";
    public static string HeaderGroupMeetingsIn(int year) => $"Cuộc họp tổ năm {year}";
    public static string HeaderWardMeetingsIn(int year) => $"Cuộc họp giao ban năm {year}";
    public const string SummaryMeetingsTitle = "Họp tổ, họp giao ban";
    public const string SheetMeetingsByYear = "Họp tổ theo năm";
    public const string SheetMeetingsByWard = "Họp tổ theo phường";
    public const string HeaderWard = "Phường";
    public const string HeaderCycle = "Đợt rà soát";
    public const string HeaderGroupsRated = "Số tổ đã đánh giá";
    public const string HeaderStep = "Bước hiện tại";
    public const string HeaderDue = "Hạn xử lý";
    public const string HeaderDaysOverdue = "Số ngày quá hạn";
    public static string HeaderAwardsIn(int year) => $"Khen thưởng năm {year}";
    public static string WardsOverdue(int n) => $"{n} phường quá hạn";
    public static string DashboardFileName(int year) => $"bao-cao-to-ndtq-{year}.xlsx";

    // The multi-year summary.
    public const string SummaryRegisterTitle = "Tổ và thành viên";
    public const string SummaryCommendationsTitle = "Khen thưởng";
    public const string SheetRegisterByYear = "Tổ và thành viên theo năm";
    public const string SheetRegisterByWard = "Tổ và thành viên theo phường";
    public const string SheetCommendationsByYear = "Khen thưởng theo năm";
    public const string SheetCommendationsByWard = "Khen thưởng theo phường";
    public const string SummaryTrainingTitle = "Tập huấn";
    public const string SheetTrainingByYear = "Tập huấn theo năm";
    public const string SheetTrainingByWard = "Tập huấn theo phường";
    public const string SummarySupportTitle = "Hỗ trợ, thăm hỏi (nguồn ngoài ngân sách)";
    public const string SheetSupportByYear = "Hỗ trợ theo năm";
    public const string SheetSupportByWard = "Hỗ trợ theo phường";
    public const string HeaderYear = "Năm";
    public const string WardTotal = "Cộng";
    public static string SummaryNomineeType(Commendations.NomineeType type) => type == Commendations.NomineeType.Collective ? "Tập thể" : "Cá nhân";
    /// <summary>"2019–2025", or "năm 2026" for one year.</summary>
    static string Years(int from, int to) => from == to ? $"năm {from}" : $"{from}–{to}";
    public static string SummaryByYear(string title, int from, int to) => $"{title} theo năm, {Years(from, to)}";
    public static string SummaryByWard(string title, int from, int to) => $"{title} theo phường, {Years(from, to)}";
    public static string SummaryYearsTotal(int from, int to) => from == to ? WardTotal : $"Cộng {from}–{to}";
    public static string SummaryYearInvalid(string label, int min, int max) => $"{label} phải là một năm từ {min} đến {max}.";
    public const string SummaryFromAfterTo = "Từ năm phải trước hoặc bằng Đến năm.";
    public static string SummaryTooManyYears(int max) => $"Chỉ tổng hợp được tối đa {max} năm một lần.";
    public static string SummaryFileName(int from, int to) => $"tong-hop-to-ndtq-{from}-{to}.xlsx";
}
