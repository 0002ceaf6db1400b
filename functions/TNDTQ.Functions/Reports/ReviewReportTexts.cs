namespace Tndtq.Shared;

/// <summary>The words of the review report (Báo cáo sơ kết / tổng kết) and its chart.</summary>
public static partial class Texts
{
    public const string ChartGroupsAxis = "Số tổ";
    public const string ChartRatingsTitle = "Kết quả đánh giá Tổ nhân dân tự quản gần nhất theo phường";
}
