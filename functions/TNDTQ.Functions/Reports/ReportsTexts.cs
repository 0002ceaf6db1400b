namespace Tndtq.Shared;

/// <summary>The words of the reports (pages, exports).</summary>
public static partial class Texts
{
    public static string NominationResultLabel(string result) => result switch
    {
        Commendations.NominationOutcomes.Approved => "Được khen thưởng",
        Commendations.NominationOutcomes.Withdrawn => "Đã rút đề nghị",
        _ => "Không được khen thưởng",
    };

    public const string DistrictTotal = "Toàn quận";
    public const string SheetRegister = "Tổ và thành viên";
    public const string SheetRatings = "Kết quả đánh giá";
    public const string SheetReviews = "Rà soát, kiện toàn";
    public const string SheetNominations = "Khen thưởng";
    public const string HeaderWard = "Phường";
    public const string HeaderCycle = "Đợt rà soát";
    public const string HeaderGroupsRated = "Số tổ đã đánh giá";
    public const string HeaderStep = "Bước hiện tại";
    public const string HeaderDue = "Hạn xử lý";
    public const string HeaderDaysOverdue = "Số ngày quá hạn";
    public static string HeaderAwardsIn(int year) => $"Khen thưởng năm {year}";
    public static string WardsOverdue(int n) => $"{n} phường quá hạn";
    public static string DashboardFileName(int year) => $"bao-cao-to-ndtq-{year}.xlsx";
}
