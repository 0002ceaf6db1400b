using System.Text;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Commendations;

/// <summary>Every sentence of the commendations a person reads: the workflow's steps, outcomes and errors, and the words the documents are filled with (the documents' own wording is in <c>Commendations/Documents/Templates</c>).</summary>
public static class CommendationTexts
{
    // Commendations
    // Stored level-free by the workflow; named in a unit's words where one is in view (as RestructureTexts.RestructureStepName).
    public static string NominationStepName(string step, WardTerms? terms = null) => step switch
    {
        "starting" => "Đang kiểm tra điều kiện",
        NominationStep.EligibilityOverride => $"{Texts.PoliceShort(terms)} xem xét trường hợp chưa đủ điều kiện",
        NominationStep.Revision => "Bổ sung hồ sơ đề nghị",
        NominationStep.ChairmanEndorsement => "Chủ tịch UBND phường xác nhận đề nghị",
        NominationStep.PoliceReview => $"{Texts.PoliceShort(terms)} thẩm định",
        NominationStep.Council => "Hội đồng Thi đua – Khen thưởng xét",
        NominationStep.Decision => "Cấp có thẩm quyền quyết định",
        NominationStep.Generating => "Đang lập quyết định và giấy khen",
        NominationStep.Closed => "Đã kết thúc",
        _ => step,
    };
    public static string NominationOutcomeName(string outcome) => outcome switch
    {
        NominationOutcomes.Override => "Chấp thuận ngoại lệ",
        NominationOutcomes.Endorse => "Xác nhận",
        NominationOutcomes.Forward => "Trình Hội đồng",
        NominationOutcomes.Return => "Trả lại để bổ sung",
        NominationOutcomes.Reject => "Không đồng ý",
        NominationOutcomes.Recommend => "Đề nghị khen thưởng",
        NominationOutcomes.NotRecommend => "Không đề nghị",
        NominationOutcomes.Approve => "Quyết định khen thưởng",
        NominationOutcomes.Resubmit => "Đã bổ sung, gửi lại",
        NominationOutcomes.Withdraw => "Rút đề nghị",
        _ => outcome,
    };
    public static string NominationResultName(string result, string lastStepId) => result switch
    {
        NominationOutcomes.Approved => "Đã được khen thưởng",
        NominationOutcomes.Withdrawn => "Đã rút đề nghị",
        _ when lastStepId.StartsWith(NominationStep.Council) => "Hội đồng không đề nghị khen thưởng",
        _ when lastStepId.StartsWith(NominationStep.EligibilityOverride) => "Không đủ điều kiện khen thưởng",
        _ => "Không được khen thưởng",
    };
    public static string NominationSubject(string award, string nominee, string ward) => $"Đề nghị {award} cho {nominee} (phường {ward})";
    public static string NominationClosedTitle(string nominee, string result) => $"Đề nghị khen thưởng {nominee}: {result}";
    public static string NominationClosedBody(string award, string nominee, NominationOutcome o) => o.Result switch
    {
        NominationOutcomes.Approved => $"{nominee} được tặng {award} theo quyết định số {o.DecisionNumber} ngày {o.DecisionDate:dd/MM/yyyy}.",
        NominationOutcomes.Withdrawn => $"Đề nghị {award} cho {nominee} đã được rút.",
        _ => $"Đề nghị {award} cho {nominee} không được chấp thuận. {o.Reason}",
    };
    public static string CouncilVotes(Shared.Workflows.CouncilVote v) => $"tán thành {v.For}, không tán thành {v.Against}, không biểu quyết {v.Abstain}; họp ngày {v.MeetingDate:dd/MM/yyyy}";
    public static string NominationNotAtStep(string stepName) => $"Đề nghị khen thưởng không ở bước này (bước hiện tại: {stepName}).";
    public static string CannotWithdraw(string stepName) => $"Không thể rút đề nghị ở bước hiện tại ({stepName}).";
    public const string NominationNotFound = "Không tìm thấy đề nghị khen thưởng.";
    public const string NominationClosed = "Đề nghị khen thưởng đã kết thúc.";
    public const string OnlyNominator = "Chỉ đơn vị đề nghị mới thực hiện được thao tác này.";
    public const string DocumentNotReady = "Văn bản chưa có (đề nghị chưa được quyết định khen thưởng).";
    public static string AwardFormUnknown(IEnumerable<string> ids) => $"Hình thức khen thưởng không có trong danh mục ({string.Join(", ", ids)}).";
    public const string AwardFormIncomplete = "Hình thức khen thưởng cần có tên, cơ quan ban hành và chức danh người ký.";
    public const string PeriodRequired = "Vui lòng nhập năm/kỳ khen thưởng (ví dụ: 2026).";
    public const string AchievementsRequired = "Vui lòng tóm tắt thành tích.";
    public const string CampaignEmpty = "Danh sách đề nghị trống.";
    public const string VotesIncomplete = "Kết quả biểu quyết cần đủ số tán thành, không tán thành, không biểu quyết và ngày họp.";
    public const string NomineeGroupNotActive = "Tổ không còn hoạt động.";
    public const string NomineeNotActive = "Người được đề nghị không còn là thành viên đang tham gia tổ.";
    public static string MembershipTooShort(int months) => $"Thời gian tham gia tổ chưa đủ {months} tháng.";
    public static string NoAssessment(string group) => $"{group} chưa có kết quả đánh giá.";
    public static string RatingTooLow(string group, string rating, string min) => $"{group} được đánh giá {rating}, chưa đạt mức {min} trở lên.";
    public static string IneligibleBecause(IEnumerable<string> failures) => $"Chưa đủ điều kiện: {string.Join(" ", failures)}";
    public static string AwardHeldByAnother(string award, string period) =>
        $"Người (tập thể) này đã được quyết định tặng {award} năm {period} theo một đề nghị khác; mỗi hình thức chỉ tặng một lần trong một năm.";
    public const string CampaignHasErrors = "Danh sách đề nghị có mục chưa hợp lệ nên chưa gửi đề nghị nào. Vui lòng sửa các mục được nêu rồi gửi lại.";
    public const string RequestIdUsedElsewhere = "Mã yêu cầu (x-requestid) này đã được dùng cho một đề nghị ở phường khác. Vui lòng dùng mã khác.";
    public static string AlreadyAwarded(string award, string period) => $"Đã được tặng {award} năm {period}.";

    // What a person may do now (the buttons of the nomination page)
    public const string ActionWithdrawNomination = "Rút đề nghị";
    public const string ActionAddEvidence = "Bổ sung minh chứng";
    public const string ActionNominate = "Đề nghị khen thưởng";
    public const string ActionNominateCampaign = "Đề nghị theo đợt (nhiều người, nhiều tổ)";

    // The words the documents are filled with
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

    /// <summary>Who proposed: "Công an quận Ninh Kiều" (the approving unit's police, in its words) or the ward's People's Committee.</summary>
    public static string Proposer(NominationInput i, WardTerms? terms) =>
        i.NominatedBy == Role.DistrictPolice ? terms?.Police ?? Texts.RoleName(Role.DistrictPolice) : $"Ủy ban nhân dân phường {i.WardName}";

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
