using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared.Documents;
using Tndtq.Commendations.Documents;
using Tndtq.Inbox;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;

namespace Tndtq.Commendations;

/// <summary>The nomination workflow's I/O; each activity can run twice and do its work once.</summary>
public sealed class NominationActivities(CommendationStore store, RegisterStore register, RestructureStore reviews, Notifications notifications,
    EligibilityOptions rules, TimeProvider clock, TemplateStore templates, Telemetry telemetry, UnitTerms units)
{
    public const string CheckEligibility = "CheckNominationEligibility";
    public const string GenerateDocuments = "GenerateCommendationDocuments";
    public const string Close = "CloseNomination";

    /// <summary>Explains in Vietnamese each rule the nominee does not meet.</summary>
    [Function(CheckEligibility)]
    public async Task<Eligibility> CheckNominationEligibility([ActivityTrigger] NominationInput input)
    {
        var group = await register.GetGroupAsync(input.WardId, input.Nominee.GroupId, default);
        var member = input.Nominee.Type == NomineeType.Individual && input.Nominee.MemberId is { } id
            ? await register.GetMemberAsync(input.WardId, input.Nominee.GroupId, id, default) : null;
        var latest = group is null ? null : await LatestAssessmentAsync(input.WardId, group.Id);
        var awarded = await store.HasAwardAsync(input.WardId, input.Nominee, input.Award.Id, input.Period);
        var failures = rules.Failures(input.Nominee.Type, group, member, latest, awarded, input.Award.Name, input.Period, VietnamTime.Today(clock));
        await store.UpdateAsync(input, record => record is null ? null : record with { Status = failures.Count == 0 ? "eligible" : "ineligible", EligibilityProblems = failures });
        return new Eligibility(failures.Count == 0, failures);
    }

    async Task<Assessment?> LatestAssessmentAsync(string wardId, string groupId)
    {
        foreach (var cycle in await reviews.ListCyclesAsync())
            if ((await reviews.AssessmentsAsync(cycle.Id, wardId)).FirstOrDefault(a => a.GroupId == groupId) is { } found) return found;
        return null;
    }

    /// <summary>
    /// The decision and the certificate, DOCX and PDF, at fixed blob names (a retry overwrites them), and the award in the history.
    /// First the award is claimed for this nomination (one row per nominee, form and period, inserted only if absent): when
    /// another nomination holds it, nothing is generated and the answer is empty — at most one award, whatever the concurrency.
    /// </summary>
    [Function(GenerateDocuments)]
    public async Task<IReadOnlyList<GeneratedDocument>> GenerateCommendationDocuments([ActivityTrigger] DecisionInput d)
    {
        if (await store.ClaimAwardAsync(d.Input) != d.Input.Id) return [];
        var gender = d.Input.Nominee.MemberId is { } memberId
            ? (await register.GetMemberAsync(d.Input.WardId, d.Input.Nominee.GroupId, memberId, default))?.Gender
            : null;
        var (decision, certificate) = CommendationDocuments.Build(d, gender,
            await templates.LoadAsync(CommendationTemplates.Decision), await templates.LoadAsync(CommendationTemplates.Certificate),
            await units.ForWardAsync(d.Input.WardId, default));
        var docs = new List<GeneratedDocument>();
        foreach (var (kind, blocks) in new[] { ("decision", decision), ("certificate", certificate) })
        {
            var stem = $"{d.Input.Id}/{(kind == "decision" ? "quyet-dinh" : "giay-khen")}";
            docs.Add(new(kind, "docx", await store.PutBlobAsync($"{stem}.docx", DocxWriter.Write(blocks), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")));
            docs.Add(new(kind, "pdf", await store.PutBlobAsync($"{stem}.pdf", PdfWriter.Write(blocks), "application/pdf")));
            telemetry.DocumentGenerated(NominationWorkflow.Current, NominationWorkflow.InstanceId(d.Input.Id), d.Input.WardId, kind, "docx+pdf");
        }
        var i = d.Input;
        await store.AddAwardAsync(i.WardId, new AwardRecord(i.Id, i.Award.Id, i.Award.Name, i.Period, d.DecisionNumber, d.DecisionDate, i.Nominee.Type,
            i.Nominee.GroupId, i.Nominee.MemberId, i.NomineeName, docs));
        return docs;
    }

    [Function(Close)]
    public async Task CloseNomination([ActivityTrigger] NominationClose c)
    {
        await store.UpdateAsync(c.Input, record => (record ?? new NominationRecord(c.Input, "", [], null)) with { Status = c.Outcome.Result, Outcome = c.Outcome });
        var notice = new Notice($"{NominationWorkflow.InstanceId(c.Input.Id)}|closed", "decision", CommendationTexts.NominationClosedTitle(c.Input.NomineeName, c.Outcome.ResultName),
            CommendationTexts.NominationClosedBody(c.Input.Award.Name, c.Input.NomineeName, c.Outcome), c.Input.WardId, $"/api/commendations/nominations/{c.Input.Id}", c.Outcome.ClosedAt);
        foreach (var role in new[] { Role.WardOfficer, Role.WardChairman })
            await notifications.SendAsync(Audience.Of(role, c.Input.WardId), notice);
        if (c.Input.NominatedBy == Role.DistrictPolice) await notifications.SendAsync(Audience.Of(Role.DistrictPolice, ""), notice);
    }
}

/// <summary>Fills the two document templates for a decided nomination.</summary>
public static class CommendationDocuments
{
    /// <param name="nomineeGender">The member's gender in the register ("Ông" or "Bà" on the certificate; unknown: "Ông/Bà").</param>
    /// <param name="decisionTemplate">The decision's template (<see cref="TemplateStore"/>); null: <see cref="DocumentTemplate.Load"/>.</param>
    /// <param name="certificateTemplate">The certificate's template; null: <see cref="DocumentTemplate.Load"/>.</param>
    /// <param name="terms">The ward's approving unit's words (the proposer "Công an quận Ninh Kiều"); null: level-free.</param>
    public static (IReadOnlyList<Block> Decision, IReadOnlyList<Block> Certificate) Build(DecisionInput d, Gender? nomineeGender = null,
        string? decisionTemplate = null, string? certificateTemplate = null, WardTerms? terms = null)
    {
        var i = d.Input;
        var values = new Dictionary<string, string>
        {
            ["IssuingBodyParent"] = i.Award.IssuingBodyParent ?? "", ["IssuingBody"] = CommendationTexts.IssuingBodyLines(i.Award.IssuingBody),
            ["DecisionNumber"] = DecisionNumber(d.DecisionNumber), ["Place"] = i.Award.Place,
            ["Day"] = d.DecisionDate.Day.ToString("D2"), ["Month"] = d.DecisionDate.Month <= 2 ? d.DecisionDate.Month.ToString("D2") : d.DecisionDate.Month.ToString(),
            ["Year"] = d.DecisionDate.Year.ToString(),
            ["AwardName"] = i.Award.Name, ["SignerAuthority"] = i.Award.SignerAuthority, ["SignerTitle"] = CommendationTexts.SignatureTitle(i.Award.SignerTitle),
            ["SignerName"] = i.Award.SignerName ?? "", ["Proposer"] = CommendationTexts.Proposer(i, terms), ["CommendedCount"] = CommendationTexts.CommendedCount(i.Nominee.Type),
            ["Period"] = i.Period, ["NomineeTitle"] = CommendationTexts.NomineeTitle(i.Nominee.Type, nomineeGender),
            ["NomineeName"] = i.NomineeName, ["NomineeUnit"] = CommendationTexts.NomineeUnit(i), ["Achievements"] = i.Achievements,
        };
        return (DocumentTemplate.Render(decisionTemplate ?? DocumentTemplate.Load(CommendationTemplates.Decision), values, [CommendationTexts.Commended(i)]),
                DocumentTemplate.Render(certificateTemplate ?? DocumentTemplate.Load(CommendationTemplates.Certificate), values, []));
    }

    /// <summary>A decision number as documents write it: below 10 with a leading 0 ("5/qđ-ubnd" → "05/QĐ-UBND"), the code in capitals.</summary>
    public static string DecisionNumber(string number)
    {
        var n = number.Trim();
        var slash = n.IndexOf('/');
        if (slash < 0) return n;
        var serial = n[..slash].Trim();
        return $"{(serial.Length == 1 && char.IsAsciiDigit(serial[0]) ? "0" + serial : serial)}/{n[(slash + 1)..].Trim().ToUpperInvariant()}";
    }
}
