using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Demo;

/// <summary>
/// Reproducible demo register: the 11 wards of Ninh Kiều (2021), 10–25 groups each, 8–20 members
/// per group with a leader and one or two deputies. The same seed gives the same people every time.
/// </summary>
public static class DemoRegister
{
    public const string ApprovingUnitId = "ninh-kieu";
    public const string ApprovingUnitName = "UBND quận Ninh Kiều";

    /// <summary>The levels of the 2021 seed: a quận above its phường, their khu vực and tổ.</summary>
    public static readonly IReadOnlyList<Level> Levels =
        [new("quan", "quận"), new("phuong", "phường"), new("khu-vuc", "khu vực"), new("to", "tổ")];

    /// <summary>The unit that approves in the 2021 seed, with the words its documents use.</summary>
    public static readonly Unit ApprovingUnit = new(ApprovingUnitId, "Ninh Kiều", "quan", ParentName: "thành phố Cần Thơ",
        LeaderTitle: "Phó Chủ tịch", PoliceHeadTitle: "Trưởng Công an quận",
        ReportTo: "Thường trực Quận ủy, Thường trực Hội đồng nhân dân quận Ninh Kiều", CopyTo: "Công an quận, Ủy ban nhân dân các phường");

    public static readonly IReadOnlyList<Ward> Wards =
    [
        new("an-binh", "An Bình", ApprovingUnitId, ApprovingUnitName),
        new("an-cu", "An Cư", ApprovingUnitId, ApprovingUnitName),
        new("an-hoa", "An Hòa", ApprovingUnitId, ApprovingUnitName),
        new("an-khanh", "An Khánh", ApprovingUnitId, ApprovingUnitName),
        new("an-nghiep", "An Nghiệp", ApprovingUnitId, ApprovingUnitName),
        new("an-phu", "An Phú", ApprovingUnitId, ApprovingUnitName),
        new("cai-khe", "Cái Khế", ApprovingUnitId, ApprovingUnitName),
        new("hung-loi", "Hưng Lợi", ApprovingUnitId, ApprovingUnitName),
        new("tan-an", "Tân An", ApprovingUnitId, ApprovingUnitName),
        new("thoi-binh", "Thới Bình", ApprovingUnitId, ApprovingUnitName),
        new("xuan-khanh", "Xuân Khánh", ApprovingUnitId, ApprovingUnitName),
    ];

    static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Châu", "Lâm", "Tạ", "Quách"];
    static readonly string[] MaleMiddle = ["Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Hoàng", "Ngọc", "Tấn", "Phước", "Trung"];
    static readonly string[] FemaleMiddle = ["Thị", "Ngọc", "Thị Mỹ", "Thị Thu", "Thanh", "Kim", "Thị Bích", "Hồng", "Thị Kim", "Mỹ"];
    static readonly string[] MaleGiven = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khang", "Lộc", "Long", "Nam", "Nghĩa", "Phúc", "Quân", "Sang", "Sơn", "Tài", "Thắng", "Thành", "Toàn", "Trí", "Tuấn", "Việt", "Vinh"];
    static readonly string[] FemaleGiven = ["An", "Anh", "Châu", "Diễm", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Trang", "Tuyết", "Yến"];
    static readonly string[] Streets = ["Mậu Thân", "30 Tháng 4", "Trần Hưng Đạo", "Nguyễn Văn Cừ", "Hùng Vương", "Lý Tự Trọng", "Cách Mạng Tháng 8", "Trần Phú", "Nguyễn Trãi", "Hòa Bình", "Ba Tháng Hai", "Trần Văn Khéo"];

    /// <summary>The ward's register as the demo data set has it.</summary>
    public static (List<Group> Groups, List<Member> Members) Generate(Ward ward)
    {
        var random = new Random(HashCode(ward.Id));
        string Id() => random.NextInt64(0x1000_0000_0000, 0xFFFF_FFFF_FFFF).ToString("x12");
        var groups = new List<Group>();
        var members = new List<Member>();
        var groupCount = random.Next(10, 26);
        var areas = Math.Max(3, groupCount / 4);
        for (var g = 1; g <= groupCount; g++)
        {
            var area = (g - 1) % areas + 1;
            var street = Streets[random.Next(Streets.Length)];
            var established = new DateOnly(random.Next(2014, 2021), random.Next(1, 13), random.Next(1, 29));
            var group = new Group(Id(), ward.Id, $"Tổ {g}, khu vực {area}",
                $"Các hẻm {random.Next(1, 200)}–{random.Next(200, 400)} đường {street}, khu vực {area}, phường {ward.Name}",
                random.Next(20, 61), GroupStatus.Active, established, $"{random.Next(10, 300)}/QĐ-UBND ngày {established:dd/MM/yyyy}");
            groups.Add(group);
            var size = random.Next(8, 21);
            var deputies = random.Next(1, 3);
            for (var m = 0; m < size; m++)
            {
                var male = random.Next(2) == 0;
                var name = $"{Surnames[random.Next(Surnames.Length)]} {(male ? MaleMiddle : FemaleMiddle)[random.Next((male ? MaleMiddle : FemaleMiddle).Length)]} {(male ? MaleGiven : FemaleGiven)[random.Next((male ? MaleGiven : FemaleGiven).Length)]}";
                var role = m == 0 ? MemberRole.Leader : m <= deputies ? MemberRole.Deputy : MemberRole.Member;
                members.Add(new Member(Id(), ward.Id, group.Id, name, male ? Gender.Male : Gender.Female,
                    random.Next(role == MemberRole.Member ? 1955 : 1950, 2000),
                    $"Số {random.Next(1, 250)}, hẻm {random.Next(1, 200)}, đường {street}, phường {ward.Name}",
                    $"09{random.Next(10_000_000, 99_999_999)}", null, role,
                    established.AddDays(random.Next(0, 1500)) is var joined && joined < new DateOnly(2021, 6, 1) ? joined : established,
                    MemberStatus.Active));
            }
        }
        return (groups, members);
    }

    /// <summary>A stable hash (string.GetHashCode differs between runs).</summary>
    static int HashCode(string s) { unchecked { var h = 17; foreach (var c in s) h = h * 31 + c; return h; } }
}
