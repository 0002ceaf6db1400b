using Microsoft.Extensions.DependencyInjection;
using Tndtq.Identity;

namespace Tndtq.Demo;

/// <summary>
/// The demo data set the local run command seeds: the wards of Ninh Kiều district (2021) and one
/// demo person per role. Reproducible and idempotent: seeding twice changes nothing.
/// </summary>
public static class DemoData
{
    /// <summary>Demo sign-ins: the object id is what the development principal header carries.</summary>
    public static readonly IReadOnlyList<StaffMember> Staff =
    [
        new("demo-admin", "Quản trị hệ thống", [Role.Administrator], null),
        new("demo-police", "Đại úy Trần Văn Bình (Công an quận)", [Role.DistrictPolice], null),
        new("demo-council", "Bà Lê Thị Hồng (Hội đồng Thi đua – Khen thưởng)", [Role.EmulationCouncil], null),
        new("demo-leader", "Ông Nguyễn Thanh Sơn (Phó Chủ tịch UBND quận)", [Role.DistrictLeader], null),
        new("demo-officer-an-cu", "Phạm Thị Lan (cán bộ phường An Cư)", [Role.WardOfficer], "an-cu"),
        new("demo-chairman-an-cu", "Võ Minh Tuấn (Chủ tịch UBND phường An Cư)", [Role.WardChairman], "an-cu"),
        new("demo-officer-cai-khe", "Huỳnh Ngọc Ánh (cán bộ phường Cái Khế)", [Role.WardOfficer], "cai-khe"),
        new("demo-chairman-cai-khe", "Đặng Quốc Hùng (Chủ tịch UBND phường Cái Khế)", [Role.WardChairman], "cai-khe"),
        new("demo-officer-xuan-khanh", "Trương Thị Mỹ Duyên (cán bộ phường Xuân Khánh)", [Role.WardOfficer], "xuan-khanh"),
        new("demo-chairman-xuan-khanh", "Lý Văn Phước (Chủ tịch UBND phường Xuân Khánh)", [Role.WardChairman], "xuan-khanh"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var staff = services.GetRequiredService<StaffDirectory>();
        foreach (var member in Staff) await staff.UpsertAsync(member, ct);
    }
}
