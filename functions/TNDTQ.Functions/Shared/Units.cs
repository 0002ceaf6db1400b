using System.Globalization;

namespace Tndtq.Shared;

// Administrative units as data (design: docs/units.md). A deployment describes its levels ("quận", "phường", "xã", "đặc khu",
// "khu vực", "tổ") and its approving units with their bodies; every word a person reads about a level or a body comes from
// here, through UnitTerms. Rows of the Register table: partition "levels" (row key = level id) and "units" (row key = unit id
// = Ward.ApprovingUnitId).

/// <summary>A level of local government, as a sentence writes it: "quận", "phường", "xã", "đặc khu".</summary>
public sealed record Level(string Id, string Name);

/// <summary>
/// A unit that approves its wards' restructures and commendations: in 2021 the quận (Ninh Kiều) above its phường, since
/// 1 July 2025 a commune-level phường that approves its own groups (its id is then the ward's own id). The bodies' names are
/// given where they are not "{body} {level} {name}"; otherwise they are derived.
/// </summary>
/// <param name="Name">"Ninh Kiều", without its level.</param>
/// <param name="LevelId">The <see cref="Level"/>: "quan", "phuong".</param>
/// <param name="ParentName">The level above, as the first issuer line writes it: "thành phố Cần Thơ".</param>
/// <param name="LeaderTitle">The decider's title in a signature block: "Phó Chủ tịch".</param>
/// <param name="PoliceHeadTitle">"Trưởng Công an quận".</param>
/// <param name="ReportTo">The review report's addressees ("Kính gửi"), when not the default.</param>
/// <param name="CopyTo">The review report's copies ("Nơi nhận"), when not the default.</param>
public sealed record Unit(string Id, string Name, string LevelId, string? ParentName = null, string? LeaderTitle = null,
    string? PoliceHeadTitle = null, string? Committee = null, string? Police = null, string? Council = null,
    string? ReportTo = null, string? CopyTo = null);

/// <summary>
/// The words of one ward's approving unit, as pages, notices and documents write them. Built by the register's
/// UnitTerms from the unit's data; pure (a leaf: no slice here).
/// </summary>
/// <param name="WardId">The ward these words are for; null for the words of the unit alone (a caller of the approving level).</param>
public sealed record WardTerms(string? WardId, string? WardName, Unit Approving, Level ApprovingLevel)
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>"quận Ninh Kiều", "phường Cái Khế" (a unit of no known level: its name as its ward's record gives it).</summary>
    public string ApprovingUnit => ApprovingLevel.Name.Length == 0 ? Approving.Name : $"{ApprovingLevel.Name} {Approving.Name}";

    /// <summary>The level's word, or (a unit of no known level) the whole unit: "quận" or "quận Ninh Kiều".</summary>
    public string LevelOrUnit => ApprovingLevel.Name.Length == 0 ? ApprovingUnit : ApprovingLevel.Name;

    /// <summary>True when the ward approves its own groups (the two-tier government since 1 July 2025).</summary>
    public bool ApprovesItself => WardId is not null && Approving.Id == WardId;

    /// <summary>"Ủy ban nhân dân quận Ninh Kiều".</summary>
    public string Committee => Approving.Committee ?? $"Ủy ban nhân dân {ApprovingUnit}";

    /// <summary>"ỦY BAN NHÂN DÂN QUẬN NINH KIỀU": the issuer line of a document.</summary>
    public string CommitteeCaps => Committee.ToUpper(Vietnamese);

    /// <summary>"Công an quận Ninh Kiều".</summary>
    public string Police => Approving.Police ?? $"Công an {ApprovingUnit}";

    /// <summary>"Hội đồng Thi đua – Khen thưởng quận Ninh Kiều".</summary>
    public string Council => Approving.Council ?? $"Hội đồng Thi đua – Khen thưởng {ApprovingUnit}";

    /// <summary>The place of a date line: "Ninh Kiều".</summary>
    public string Place => Approving.Name;

    /// <summary>"Công an quận": the body as a task list names it.</summary>
    public string PoliceShort => $"Công an {LevelOrUnit}";

    /// <summary>"Lãnh đạo UBND quận".</summary>
    public string LeaderShort => $"Lãnh đạo UBND {LevelOrUnit}";

    /// <summary>"Toàn quận": the totals row of a report over every ward of the unit.</summary>
    public string Total => $"Toàn {LevelOrUnit}";

    /// <summary>"Quận", "Phường": the level as the first word of a sentence.</summary>
    public string LevelCapitalized => LevelOrUnit.Length == 0 ? "" : char.ToUpper(LevelOrUnit[0], Vietnamese) + LevelOrUnit[1..];

    /// <summary>A role as a person of this ward reads it: the approving roles take the approving unit's level.</summary>
    public string RoleName(Role role) => role switch
    {
        Role.DistrictPolice => PoliceShort,
        Role.DistrictLeader => LeaderShort,
        Role.EmulationCouncil => ApprovesItself ? $"Hội đồng Thi đua – Khen thưởng {LevelOrUnit}" : Texts.RoleName(role),
        _ => Texts.RoleName(role),
    };
}
