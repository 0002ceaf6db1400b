using System.Globalization;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>The words of the restructure's documents and of its changes described (<see cref="ChangeDescriptions"/>).</summary>
public static class RestructureDocumentTexts
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string KindName(string kind) => kind switch
    {
        "establish" => "Thành lập",
        "consolidate" => "Kiện toàn",
        "merge" => "Sáp nhập",
        "split" => "Chia tách",
        _ => "Giải thể",
    };

    public static string RoleName(MemberRole role) => role switch { MemberRole.Leader => "tổ trưởng", MemberRole.Deputy => "tổ phó", _ => "thành viên" };

    public static string RatingName(Rating r) => r switch { Rating.Good => "Tốt", Rating.Fair => "Khá", Rating.Average => "Trung bình", _ => "Yếu" };

    public static string Figures(int members, int households) => $"{members} thành viên, {households} hộ";
    public static string NewGroup(string name, string? area) => string.IsNullOrWhiteSpace(area) ? name.Trim() : $"{name.Trim()} (địa bàn {area.Trim()})";
    public static string Establish(string group, string figures) => $"Thành lập {group}: {figures}";
    public static string Consolidate(string group, string figures) => $"Kiện toàn {group}: {figures}";
    public static string Merge(IReadOnlyList<string> sources, string target, string after) => $"Sáp nhập {string.Join(", ", sources)} vào {target} → {target}: {after}";
    public static string Split(string group, IReadOnlyList<string> parts) => $"Chia tách {group} thành {string.Join(", ", parts)}";
    public static string Dissolve(string group) => $"Giải thể {group}";

    public static string Person(string fullName, int? birthYear) => fullName.Trim();
    public static string WithRole(string fullName, MemberRole role) => role == MemberRole.Member ? fullName : $"{fullName} ({RoleName(role)})";

    /// <summary>"Tổ 1: tổ trưởng Châu Công An → Phạm Thị Kim Hà (…)"; a group that had none (a new one): "Tổ 30: tổ trưởng Nguyễn Văn An (…)".</summary>
    public static string LeaderOf(string group, string before, string after, string criteria) =>
        before.Length == 0 ? $"{group}: tổ trưởng {after}{criteria}" : $"{group}: tổ trưởng {before} → {after}{criteria}";
    public static string DeputiesOf(string group, IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        before.Count == 0 ? $"{group}: tổ phó {string.Join(", ", after)}"
            : $"{group}: tổ phó {string.Join(", ", before)} → {(after.Count == 0 ? "(không có)" : string.Join(", ", after))}";
    public static string MembersJoin(string group, IReadOnlyList<string> names) => $"Vào {group} ({names.Count} người): {Names(names)}";
    public static string MembersLeave(string group, IReadOnlyList<string> names) => $"Thôi tham gia {group} ({names.Count} người): {Names(names)}";

    /// <summary>At most <see cref="MaxNames"/> names, then how many more (a change of a whole group stays one row of a page).</summary>
    static string Names(IReadOnlyList<string> names) =>
        names.Count <= MaxNames ? string.Join(", ", names) : $"{string.Join(", ", names.Take(MaxNames))} và {names.Count - MaxNames} người khác";
    const int MaxNames = 12;
    public static string Stepped(string name, MemberRole role, string from, string to) => $"{name}: {RoleName(role)} {from} → thành viên {to}";
    public static string Reason(string reason) => $"Lý do: {reason.Trim()}";
    public static string NotApplicable(string why) => $"(Chưa áp dụng được vào sổ theo dõi hiện nay: {why})";

    /// <summary>A candidate's criteria in words: " (sinh 1985, cư trú tại địa bàn 12 năm, được nhân dân tín nhiệm, …)".</summary>
    public static string Criteria(Candidate c)
    {
        var parts = new List<string>();
        if (c.BirthYear is { } born) parts.Add($"sinh {born}");
        parts.Add(c.LivesInArea ? $"cư trú tại địa bàn {c.YearsOfResidence} năm" : "không cư trú tại địa bàn");
        if (c.EndorsedByResidents) parts.Add("được nhân dân tín nhiệm");
        if (c.EndorsedByFrontCommittee) parts.Add("được Ban Công tác Mặt trận tín nhiệm");
        if (!c.EndorsedByResidents && !c.EndorsedByFrontCommittee) parts.Add("chưa có ý kiến tín nhiệm");
        var text = string.Join(", ", parts);
        return $" ({text}{(string.IsNullOrWhiteSpace(c.EndorsementNote) ? "" : "; " + c.EndorsementNote.Trim())})";
    }

    // The documents.
    public const string ColumnNumber = "TT";
    public const string ColumnKind = "Nội dung";
    public const string ColumnGroups = "Tổ (trước → sau)";
    public const string ColumnPeople = "Nhân sự";
    public const string ColumnFigures = "Thành viên, hộ (trước → sau)";
    public const string ColumnReason = "Lý do";
    public const string NoChanges = "(Không có đề nghị thay đổi.)";
    public const string NoPeopleChanges = "Không thay đổi";
    public const string DraftMark = "DỰ THẢO";
    public const string NumberBlank = "Số:        /TTr-UBND";
    /// <summary>"Số: 12/TTr-UBND" (01 to 09 with a leading zero, as the decision numbers are written).</summary>
    public static string ProposalNumber(int serial) => $"Số: {serial:D2}/TTr-UBND";
    /// <summary>The signature's title when no data names the approving body's signer.</summary>
    public const string ChairmanTitle = "CHỦ TỊCH";
    public static string Version(int version) => $"(phiên bản {version})";
    public static string DraftVersion(int version) => $"(dự thảo phiên bản {version}, chưa gửi)";



    public static string Committee(string unit) => $"Ủy ban nhân dân {unit}";
    public static string CommitteeLines(string unit) => $"ỦY BAN NHÂN DÂN\n{unit.ToUpper(Vietnamese)}";
    public static string Findings(RatingCounts r, int notAssessed) =>
        $"Kết quả rà soát, đánh giá {r.Total} tổ: {r.Good} tổ xếp loại Tốt, {r.Fair} tổ Khá, {r.Average} tổ Trung bình, {r.Weak} tổ Yếu"
        + (notAssessed > 0 ? $"; {notAssessed} tổ chưa đánh giá." : ".");
    public static string GroupsRated(Rating rating, IReadOnlyList<string> groups) => $"Xếp loại {RatingName(rating)}: {string.Join("; ", groups)}.";
    public static string Count(int n) => n.ToString("N0", Vietnamese);
    public static string DecisionNumber(string number)
    {
        var n = number.Trim();
        var slash = n.IndexOf('/');
        if (slash < 0) return n;
        var serial = n[..slash].Trim();
        return $"{(serial.Length == 1 && char.IsAsciiDigit(serial[0]) ? "0" + serial : serial)}/{n[(slash + 1)..].Trim().ToUpperInvariant()}";
    }
    public static string Day(DateOnly d) => d.Day.ToString("D2");
    public static string Month(DateOnly d) => d.Month <= 2 ? d.Month.ToString("D2") : d.Month.ToString(CultureInfo.InvariantCulture);
    public static string DateWords(DateOnly d) => $"ngày {Day(d)} tháng {Month(d)} năm {d.Year}";

    // What can go wrong, said to the people who decide.
    public static string DecisionNumberUsed(string number, string committee, string cycleName, string wardName) =>
        $"Số quyết định {number} của {committee} đã dùng cho quyết định kiện toàn {Texts.WardOf(wardName)} ({cycleName}). Vui lòng nhập số khác.";
    public const string DocumentFormatInvalid = "Định dạng phải là pdf hoặc docx.";
    public static string VersionNotFound(int version) => $"Không có phiên bản {version} của tờ trình.";
    public const string DecisionDocumentMissing = "Chưa có quyết định kiện toàn (quyết định được tạo khi lãnh đạo phê duyệt).";
    public const string DraftNotFound = "Chưa có dự thảo tờ trình.";
    public static string DocumentNotGenerated(string what, string error) => $"Chưa tạo được {what}: {error}";
}
