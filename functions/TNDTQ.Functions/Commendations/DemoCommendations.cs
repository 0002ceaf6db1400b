using Tndtq.Shared;

namespace Tndtq.Commendations;

/// <summary>
/// The award forms of the 2021 seed (quận Ninh Kiều), written by the demo seed into an empty catalogue (Demo/DemoData.cs); a real
/// deployment starts with none, and an administrator adds its own forms in the web app.
/// </summary>
public static class DemoCommendations
{
    public static readonly IReadOnlyList<AwardForm> Catalogue =
    [
        // A People's Committee's heading names no superior body; the demo district leader, Nguyễn Thanh Sơn, is a deputy chairman.
        new("giay-khen-chu-tich-ubnd-quan", "Giấy khen của Chủ tịch UBND quận", Role.DistrictLeader, "",
            "ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN NINH KIỀU", "PHÓ CHỦ TỊCH", "Nguyễn Thanh Sơn", "Ninh Kiều"),
        new("giay-khen-truong-cong-an-quan", "Giấy khen của Trưởng Công an quận", Role.DistrictPolice, "CÔNG AN THÀNH PHỐ CẦN THƠ",
            "CÔNG AN QUẬN NINH KIỀU", "TRƯỞNG CÔNG AN QUẬN NINH KIỀU", "TRƯỞNG CÔNG AN QUẬN", "Trần Văn Bình", "Ninh Kiều"),
    ];
}
