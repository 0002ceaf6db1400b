using System.Text;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Register;

namespace Tndtq.Shared;

/// <summary>The words the commendation documents are filled with (the documents' own wording is in <c>Commendations/Documents/Templates</c>).</summary>
public static partial class Texts
{
    /// <summary>How the certificate addresses the nominee: "Ông" or "Bà" by the member's gender in the register, "Ông/Bà" when it is not recorded, "Tập thể" for a group.</summary>
    public static string NomineeTitle(NomineeType type, Gender? gender) => type == NomineeType.Collective ? "Tập thể" : gender switch
    {
        Gender.Male => "Ông",
        Gender.Female => "Bà",
        _ => "Ông/Bà",
    };

    public static string CommendedCount(NomineeType type) => type == NomineeType.Individual ? "01 cá nhân" : "01 tập thể";

    /// <summary>One line of the decision's list of the commended.</summary>
    public static string Commended(NominationInput i) => i.Nominee.Type == NomineeType.Individual
        ? $"{i.NomineeName}, {i.GroupName}, phường {i.WardName}"
        : $"{i.NomineeName}, phường {i.WardName}";

    /// <summary>Where the nominee belongs, under the name on the certificate.</summary>
    public static string NomineeUnit(NominationInput i) => i.Nominee.Type == NomineeType.Individual ? $"{i.GroupName}, phường {i.WardName}" : $"Phường {i.WardName}";

    public static string Proposer(NominationInput i) => i.NominatedBy == Role.DistrictPolice ? "Công an quận" : $"Ủy ban nhân dân phường {i.WardName}";

    const string Deputy = "PHÓ ";
    static readonly string[] SigningCapacities = ["KT.", "TM.", "Q.", "TL.", "TUQ."];

    /// <summary>
    /// The signing capacity over the signer's name (Decree 30/2020, Appendix I): the signer's own title in capitals ("CHỦ TỊCH");
    /// for a deputy ("Phó Chủ tịch") signing on the head's behalf, "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH". A title that already
    /// names a capacity (KT., TM., Q., TL., TUQ.) or spans lines is kept as written.
    /// </summary>
    public static string SignatureTitle(string signerTitle)
    {
        var title = string.Join('\n', signerTitle.Normalize(NormalizationForm.FormC).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant()));
        if (title.Contains('\n') || SigningCapacities.Any(c => title.StartsWith(c, StringComparison.Ordinal))) return title;
        return title.StartsWith(Deputy, StringComparison.Ordinal) ? $"KT. {title[Deputy.Length..]}\n{title}" : title;
    }

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
