using Tndtq.Shared;
using Tndtq.Shared.Documents;

namespace Tndtq.Restructure;

/// <summary>
/// What a restructure document is made of besides the proposal itself, taken once from the register and the review and then kept
/// (so the document of a version reads the same whenever it is opened): the ward and its approving body as the register names
/// them, the ward chairman who signs the tờ trình, the review's findings, and the changes in words (<see cref="ChangeDescriptions"/>).
/// </summary>
/// <remarks>
/// <see cref="Number"/> is the tờ trình's serial in the ward's restructure tờ trình of <see cref="Date"/>'s year, given by the system
/// once when the version goes up (<see cref="RestructureDocumentStore.NumberVersionAsync"/>): printed "Số: 12/TTr-UBND", dated
/// <see cref="Date"/>. Null for a draft and for versions kept before numbering (printed with the number left blank).
/// <see cref="Approving"/> and <see cref="ApprovingLevel"/> are the approving unit as the units' data described it then (its
/// committee, place, level); null in facts kept before units were data, which the service completes from the data now
/// (<see cref="RestructureDocumentService"/>), and which otherwise read as <see cref="ApprovingUnitName"/> names the unit.
/// </remarks>
public sealed record ProposalFacts(string WardName, string ApprovingUnitId, string ApprovingUnitName, string? ChairmanName, DateOnly Date,
    RatingCounts Ratings, IReadOnlyList<RatedGroups> Rated, int NotAssessed, IReadOnlyList<ChangeDescription> Changes, int? Number = null,
    Unit? Approving = null, Level? ApprovingLevel = null)
{
    /// <summary>The approving unit's words for these facts.</summary>
    public WardTerms Terms()
    {
        var unit = Approving ?? Register.UnitTerms.FromName(ApprovingUnitId, ApprovingUnitName);
        return new WardTerms(null, WardName, unit, ApprovingLevel ?? new Level(unit.LevelId, ""));
    }
}

/// <summary>The groups the review rated at one level.</summary>
public sealed record RatedGroups(Rating Rating, IReadOnlyList<string> Groups);

/// <summary>A generated document's blobs (PDF and DOCX) and what was wrong with an edited template, in Vietnamese (empty: nothing).</summary>
public sealed record GeneratedFiles(string PdfBlob, string DocxBlob, IReadOnlyList<string> Problems);

/// <summary>A submitted version's kept facts and its tờ trình, written once when the version goes up.</summary>
public sealed record VersionDocument(int Version, ProposalFacts Facts, GeneratedFiles? Files, DateTimeOffset At);

/// <summary>The decision (quyết định) generated when the district leader approved, at fixed blob names.</summary>
public sealed record DecisionDocument(string Number, DateOnly Date, int Version, string SignerName, GeneratedFiles Files, DateTimeOffset At);

/// <summary>
/// The restructure's two documents as blocks for <see cref="PdfWriter"/> and <see cref="DocxWriter"/>, from their templates
/// (<c>Restructure/Templates</c>): the ward's tờ trình of one version, and the approving body's quyết định with the approved changes
/// as its annex. Both print the same table of changes. A template the renderer cannot use (<see cref="DocumentTemplate.Problems"/>)
/// is replaced by the built-in one and its problems are returned, so a slip in an edited template never stops a workflow.
/// </summary>
public static class RestructureDocuments
{
    public const string ProposalTemplate = "to-trinh-kien-toan";
    public const string DecisionTemplate = "quyet-dinh-kien-toan";

    /// <summary>The tờ trình of <paramref name="proposal"/>; a draft says so ("DỰ THẢO") and is not for signing.</summary>
    public static (IReadOnlyList<Block> Blocks, IReadOnlyList<string> Problems) Proposal(string template, Proposal proposal, ProposalFacts f, bool draft)
    {
        var values = Common(proposal, f);
        values["Number"] = !draft && f.Number is { } n ? RestructureDocumentTexts.ProposalNumber(n) : RestructureDocumentTexts.NumberBlank;
        values["Place"] = Texts.WardPlace(f.WardName);
        values["Day"] = RestructureDocumentTexts.Day(f.Date);
        values["Month"] = RestructureDocumentTexts.Month(f.Date);
        values["Year"] = f.Date.Year.ToString();
        values["Version"] = draft ? RestructureDocumentTexts.DraftVersion(proposal.Version) : RestructureDocumentTexts.Version(proposal.Version);
        values["Draft"] = draft ? RestructureDocumentTexts.DraftMark : "";
        values["SignerName"] = draft ? "" : f.ChairmanName ?? "";
        var list = f.Rated.Where(r => r.Groups.Count > 0).Select(r => RestructureDocumentTexts.GroupsRated(r.Rating, r.Groups)).ToList();
        return Fill(ProposalTemplate, template, values, list, f.Changes);
    }

    /// <summary>
    /// The quyết định: number and date as the leader entered them, signed by the leader under <paramref name="signerTitle"/>
    /// (<see cref="RestructureDocumentService.SignerAsync"/>), the approved changes as its annex.
    /// </summary>
    public static (IReadOnlyList<Block> Blocks, IReadOnlyList<string> Problems) Decision(string template, Proposal proposal, ProposalFacts f,
        string number, DateOnly date, string signerName, string signerTitle = RestructureDocumentTexts.ChairmanTitle)
    {
        var values = Common(proposal, f);
        values["DecisionNumber"] = RestructureDocumentTexts.DecisionNumber(number);
        values["Place"] = f.Terms().Place;
        values["Day"] = RestructureDocumentTexts.Day(date);
        values["Month"] = RestructureDocumentTexts.Month(date);
        values["Year"] = date.Year.ToString();
        values["DecisionDate"] = RestructureDocumentTexts.DateWords(date);
        values["Version"] = RestructureDocumentTexts.Version(proposal.Version);
        values["SignerName"] = signerName;
        values["SignerTitle"] = signerTitle;
        return Fill(DecisionTemplate, template, values, [], f.Changes);
    }

    static Dictionary<string, string> Common(Proposal proposal, ProposalFacts f)
    {
        var ward = Texts.WardOf(f.WardName);
        var terms = f.Terms();
        return new Dictionary<string, string>
        {
            ["WardCommitteeLines"] = RestructureDocumentTexts.CommitteeLines(ward), ["WardCommittee"] = RestructureDocumentTexts.Committee(ward),
            ["Ward"] = ward, ["ApprovingCommitteeLines"] = RestructureDocumentTexts.CommitteeLines(terms.ApprovingUnit),
            ["ApprovingCommittee"] = terms.Committee, ["ApprovingCommitteeCaps"] = terms.CommitteeCaps,
            ["ApprovingUnit"] = terms.ApprovingUnit, ["Title"] = proposal.Title, ["Summary"] = proposal.Summary ?? "",
            ["Findings"] = RestructureDocumentTexts.Findings(f.Ratings, f.NotAssessed), ["ChangeCount"] = RestructureDocumentTexts.Count(f.Changes.Count),
        };
    }

    /// <summary>The placeholders a template of the restructure may use.</summary>
    public static readonly string[] Placeholders = ["WardCommitteeLines", "WardCommittee", "Ward", "ApprovingCommitteeLines", "ApprovingCommittee",
        "ApprovingCommitteeCaps", "ApprovingUnit", "Title", "Summary", "Findings", "ChangeCount", "Number", "DecisionNumber", "DecisionDate", "Place", "Day", "Month",
        "Year", "Version", "Draft", "SignerName", "SignerTitle"];

    static (IReadOnlyList<Block>, IReadOnlyList<string>) Fill(string name, string template, Dictionary<string, string> values, IReadOnlyList<string> list,
        IReadOnlyList<ChangeDescription> changes)
    {
        var problems = DocumentTemplate.Problems(template, Placeholders, "table");
        var used = problems.Count == 0 ? template : DocumentTemplate.Builtin(name);
        var blocks = new List<Block>();
        foreach (var b in DocumentTemplate.Render(used, values, list))
            if (b.Style == "table") blocks.Add(changes.Count == 0 ? new Block("para", RestructureDocumentTexts.NoChanges) : new Block("table", "", Table: Table(changes)));
            else blocks.Add(b);
        return (blocks, problems.Count == 0 ? [] : [DocumentTexts.TemplateFellBack(name, problems)]);
    }

    /// <summary>The table of changes: number, kind, groups before → after, people, members and households before → after, reason.</summary>
    public static DocumentTable Table(IReadOnlyList<ChangeDescription> changes) => new(
        [
            new(RestructureDocumentTexts.ColumnNumber, 0.06, Align.Center), new(RestructureDocumentTexts.ColumnKind, 0.12),
            new(RestructureDocumentTexts.ColumnGroups, 0.22), new(RestructureDocumentTexts.ColumnPeople, 0.30),
            new(RestructureDocumentTexts.ColumnFigures, 0.16), new(RestructureDocumentTexts.ColumnReason, 0.14),
        ],
        changes.Select((c, i) => (IReadOnlyList<string>)[(i + 1).ToString(), c.KindName, c.Groups,
            c.People.Count == 0 ? RestructureDocumentTexts.NoPeopleChanges : string.Join("\n", c.People.Select(p => "- " + p)), c.Figures, c.Reason ?? ""]).ToList());
}
