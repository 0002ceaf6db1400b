using System.Text;
using Tndtq.Commendations;
using Tndtq.Identity;

namespace Tndtq.Shared;

/// <summary>The words the commendation documents are filled with (the documents' own wording is in <c>Commendations/Documents/Templates</c>).</summary>
public static partial class Texts
{
    /// <summary>How the certificate addresses the nominee.</summary>
    public static string NomineeTitle(NomineeType type) => type == NomineeType.Collective ? "Tập thể" : "Ông/Bà";

    public static string CommendedCount(NomineeType type) => type == NomineeType.Individual ? "01 cá nhân" : "01 tập thể";

    /// <summary>One line of the decision's list of the commended.</summary>
    public static string Commended(NominationInput i) => i.Nominee.Type == NomineeType.Individual
        ? $"{i.NomineeName}, {i.GroupName}, phường {i.WardName}"
        : $"{i.NomineeName}, phường {i.WardName}";

    /// <summary>Where the nominee belongs, under the name on the certificate.</summary>
    public static string NomineeUnit(NominationInput i) => i.Nominee.Type == NomineeType.Individual ? $"{i.GroupName}, phường {i.WardName}" : $"Phường {i.WardName}";

    public static string Proposer(NominationInput i) => i.NominatedBy == Role.DistrictPolice ? "Công an quận" : $"Ủy ban nhân dân phường {i.WardName}";

    static readonly string[] Committees = ["ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "];

    /// <summary>
    /// The issuing body as the office sets it in the heading: a People's Committee or Council on two lines, the committee
    /// over its unit ("ỦY BAN NHÂN DÂN" / "QUẬN NINH KIỀU"), never inside a name; line breaks given in the catalogue are kept.
    /// </summary>
    public static string IssuingBodyLines(string issuingBody)
    {
        var name = issuingBody.Normalize(NormalizationForm.FormC).Trim();
        if (name.Contains('\n')) return name;
        var committee = Committees.FirstOrDefault(c => name.StartsWith(c, StringComparison.OrdinalIgnoreCase));
        return committee is null ? name : $"{name[..(committee.Length - 1)]}\n{name[committee.Length..].Trim()}";
    }
}
