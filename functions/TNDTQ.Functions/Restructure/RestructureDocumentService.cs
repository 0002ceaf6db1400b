using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Shared.Documents;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

/// <summary>
/// The restructure's generated documents in table <c>Restructure</c>, beside the ward's cycle (partition <c>{cycleId}|{wardId}</c>):
/// <c>doc|v|{version}</c> (<see cref="VersionDocument"/>: the facts kept when the version went up and its tờ trình's blobs) and
/// <c>doc|decision</c> (<see cref="DecisionDocument"/>). The decision numbers used are partition <c>decision-numbers|{approvingUnitId}</c>,
/// row <c>{year}|{number folded}</c> → the cycle and ward that used it. The tờ trình numbers of a ward are partition
/// <c>proposal-numbers|{wardId}</c>: row <c>y|{year}</c> the last serial given that year, row <c>c|{cycleId}|{version}</c> the serial a version
/// got (<see cref="NumberVersionAsync"/>). Blobs in <c>restructure-documents/{cycle}/{ward}/generated/…</c>
/// under fixed names (<c>to-trinh-v{N}.pdf</c>, <c>quyet-dinh.pdf</c>, and .docx): a retry writes the same blobs.
/// </summary>
public sealed class RestructureDocumentStore(TableServiceClient tables, BlobServiceClient blobs)
{
    readonly JsonTable table = new(tables, RestructureStore.TableName);
    readonly BlobFiles files = new(blobs, RestructureStore.DocumentsContainer);
    static string Pk(string cycleId, string wardId) => $"{cycleId}|{wardId}";

    public Task<VersionDocument?> VersionAsync(string cycleId, string wardId, int version) => table.GetAsync<VersionDocument>(Pk(cycleId, wardId), $"doc|v|{version:D3}");
    public Task<List<VersionDocument>> VersionsAsync(string cycleId, string wardId) => table.ListAsync<VersionDocument>(Pk(cycleId, wardId), "doc|v|");
    /// <summary>Kept once: a second write (the step's close ran again) leaves the first.</summary>
    public Task<VersionDocument> AddVersionAsync(string cycleId, string wardId, VersionDocument d) => table.AddOrGetAsync(Pk(cycleId, wardId), $"doc|v|{d.Version:D3}", d);
    public Task SaveVersionAsync(string cycleId, string wardId, VersionDocument d) => table.PutAsync(Pk(cycleId, wardId), $"doc|v|{d.Version:D3}", d);
    public Task SaveDecisionAsync(string cycleId, string wardId, DecisionDocument d) => table.PutAsync(Pk(cycleId, wardId), "doc|decision", d);
    public Task<DecisionDocument?> DecisionAsync(string cycleId, string wardId) => table.GetAsync<DecisionDocument>(Pk(cycleId, wardId), "doc|decision");

    static string NumberKey(DateOnly date, string number) => $"{date.Year}|{VietnameseText.Fold(number).Replace(" ", "")}";
    public Task<DecisionNumberUse?> NumberUseAsync(string approvingUnitId, DateOnly date, string number) =>
        table.GetAsync<DecisionNumberUse>($"decision-numbers|{approvingUnitId}", NumberKey(date, number));
    /// <summary>Claims the number for this cycle and ward; the claim already there when another took it first.</summary>
    public Task<DecisionNumberUse> ClaimNumberAsync(string approvingUnitId, DateOnly date, DecisionNumberUse use) =>
        table.AddOrGetAsync($"decision-numbers|{approvingUnitId}", NumberKey(date, use.Number), use);

    /// <summary>
    /// The serial of a version's tờ trình: the ward's next one in <paramref name="year"/>, given once. The version's claim and the year's
    /// counter are written in one transaction (ETag-checked; another version numbered meanwhile: read again), so two versions never get
    /// the same serial and a retry (the step's close run again) finds the claim and gives the same serial, skipping none.
    /// </summary>
    public async Task<int> NumberVersionAsync(string wardId, int year, string cycleId, int version, CancellationToken ct = default)
    {
        var client = await table.ClientAsync();
        var pk = $"proposal-numbers|{wardId}";
        var (claimKey, counterKey) = ($"c|{cycleId}|{version:D3}", $"y|{year}");
        for (var attempt = 1; ; attempt++)
        {
            var claim = await client.GetEntityIfExistsAsync<TableEntity>(pk, claimKey, cancellationToken: ct);
            if (claim.HasValue) return JsonTable.Read<ProposalNumber>(claim.Value!).Serial;
            var counter = await client.GetEntityIfExistsAsync<TableEntity>(pk, counterKey, cancellationToken: ct);
            var serial = (counter.HasValue ? JsonTable.Read<ProposalNumber>(counter.Value!).Serial : 0) + 1;
            var counterRow = JsonTable.Entity(pk, counterKey, new ProposalNumber(serial, year, cycleId, version));
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, JsonTable.Entity(pk, claimKey, new ProposalNumber(serial, year, cycleId, version))),
                counter.HasValue ? new(TableTransactionActionType.UpdateReplace, counterRow, counter.Value!.ETag) : new(TableTransactionActionType.Add, counterRow),
            ];
            try
            {
                await client.SubmitTransactionAsync(actions, ct);
                return serial;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 30)
            {
                await Task.Delay(Random.Shared.Next(10, 20 * Math.Min(attempt, 10) + 20), ct); // numbered meanwhile (this version, or another)
            }
        }
    }

    public static string Blob(string cycleId, string wardId, string stem, string format) => $"{cycleId}/{wardId}/generated/{stem}.{format}";
    public Task PutAsync(string blob, byte[] content, string contentType) => files.PutAsync(blob, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetAsync(string blob) => files.GetAsync(blob);
}

/// <summary>A tờ trình serial of a ward's year: the last given (the year's row) or the one a version got (its claim).</summary>
public sealed record ProposalNumber(int Serial, int Year, string CycleId, int Version);

/// <summary>Which restructure used a decision number of an approving body.</summary>
public sealed record DecisionNumberUse(string Number, string CycleId, string CycleName, string WardId, string WardName);

/// <summary>A generated document's links for the pages (API addresses), and what was wrong with an edited template.</summary>
public sealed record DocumentLinks(string Pdf, string Docx, IReadOnlyList<string> Problems);

/// <summary>The decision's document as the cycle view shows it.</summary>
public sealed record DecisionDocumentView(string Number, DateOnly Date, int Version, string Pdf, string Docx, IReadOnlyList<string> Problems);

/// <summary>
/// Makes and serves the restructure's documents. The tờ trình of a version is generated once, when the version goes up (the close
/// of the proposal step, <see cref="RestructureDocumentRecords"/>), from the version and the register and review as they are then,
/// and kept: the chairman signs exactly those bytes, whatever changes later (the register, an edited template). The quyết định is
/// generated inside the apply activity (<see cref="RestructureActivities.ApplyRestructure"/>) from the approved version's kept facts.
/// </summary>
public sealed class RestructureDocumentService(RestructureStore store, RestructureDocumentStore documents, RegisterStore register, StaffDirectory staff,
    TemplateStore templates, TimeProvider clock, UnitTerms units, IDocumentSigners? signers = null)
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The facts of a proposal from the register and the review now (the draft's preview, a version as it goes up).</summary>
    async Task<ProposalFacts> FactsAsync(string cycleId, string wardId, Proposal proposal, CancellationToken ct)
    {
        var ward = (await register.GetWardAsync(wardId, ct))?.Value;
        var state = (await register.LoadAsync(wardId, ct)).State;
        var assessments = await store.AssessmentsAsync(cycleId, wardId);
        var active = state.Groups.Values.Where(g => g.Status == GroupStatus.Active).ToList();
        var rated = Enum.GetValues<Rating>().Select(r => new RatedGroups(r, assessments.Where(a => a.Rating == r).Select(a => a.GroupName)
            .Order(NaturalVietnameseComparer.Instance).ToList())).ToList();
        var chairman = (await staff.ListAsync(ct)).Where(s => s.WardId == wardId && s.Roles.Contains(Role.WardChairman))
            .OrderBy(s => s.ObjectId, StringComparer.Ordinal).FirstOrDefault()?.DisplayName;
        var terms = await units.ForWardAsync(wardId, ct);
        return new ProposalFacts(ward?.Name ?? wardId, ward?.ApprovingUnitId ?? "", ward?.ApprovingUnitName ?? "", chairman, VietnamTime.Today(clock),
            RatingCounts.Recount(assessments), rated, active.Count(g => assessments.All(a => a.GroupId != g.Id)),
            ChangeDescriptions.Describe(proposal.Changes, state), Approving: terms?.Approving, ApprovingLevel: terms?.ApprovingLevel);
    }

    /// <summary>The changes of the draft in words, against the register now.</summary>
    public async Task<IReadOnlyList<ChangeDescription>> DescribeAsync(string wardId, Proposal proposal, CancellationToken ct) =>
        ChangeDescriptions.Describe(proposal.Changes, (await register.LoadAsync(wardId, ct)).State);

    /// <summary>
    /// The submitted version's facts and tờ trình, made once (a second call finds them kept). A template the renderer cannot use
    /// gives the built-in one and the problem in <see cref="GeneratedFiles.Problems"/>.
    /// </summary>
    public async Task<VersionDocument?> KeepVersionAsync(string cycleId, string wardId, int version, CancellationToken ct = default)
    {
        var doc = await documents.VersionAsync(cycleId, wardId, version);
        if (doc is { Files: not null }) return doc;
        var proposal = await store.VersionAsync(cycleId, wardId, version);
        if (proposal is null) return null;
        // The facts first, once, with the version's serial (given once too): the document made from them, now or on a later try, reads the same.
        if (doc is null)
        {
            var facts = await FactsAsync(cycleId, wardId, proposal, ct);
            facts = facts with { Number = await documents.NumberVersionAsync(wardId, facts.Date.Year, cycleId, version, ct) };
            doc = await documents.AddVersionAsync(cycleId, wardId, new VersionDocument(version, facts, null, clock.GetUtcNow()));
        }
        var (blocks, problems) = RestructureDocuments.Proposal(await templates.LoadAsync(RestructureDocuments.ProposalTemplate, ct), proposal,
            await CompletedAsync(doc.Facts, wardId, ct), draft: false);
        doc = doc with { Files = await WriteAsync(cycleId, wardId, $"to-trinh-v{version}", blocks, problems) };
        await documents.SaveVersionAsync(cycleId, wardId, doc);
        return doc;
    }

    async Task<GeneratedFiles> WriteAsync(string cycleId, string wardId, string stem, IReadOnlyList<Block> blocks, IReadOnlyList<string> problems)
    {
        var pdf = RestructureDocumentStore.Blob(cycleId, wardId, stem, "pdf");
        var docx = RestructureDocumentStore.Blob(cycleId, wardId, stem, "docx");
        await documents.PutAsync(pdf, PdfWriter.Write(blocks), Pdf);
        await documents.PutAsync(docx, DocxWriter.Write(blocks), Docx);
        return new GeneratedFiles(pdf, docx, problems);
    }

    /// <summary>
    /// The quyết định of the approved version, at fixed blob names, signed by the leader who decided; the annex from the version's
    /// kept facts (or, for a version kept before facts were, from <paramref name="before"/>, the register the changes were applied to).
    /// </summary>
    public async Task<DecisionDocument> GenerateDecisionAsync(ApplyInput a, CancellationToken ct = default)
    {
        var (cycleId, wardId) = (a.Input.CycleId, a.Input.WardId);
        var proposal = await store.VersionAsync(cycleId, wardId, a.Version)
            ?? throw new InvalidOperationException($"Proposal version {a.Version} of {cycleId}/{wardId} is missing.");
        var facts = (await documents.VersionAsync(cycleId, wardId, a.Version))?.Facts is { } kept
            ? await CompletedAsync(kept, wardId, ct) : await FactsAsync(cycleId, wardId, proposal, ct);
        var (signerTitle, signerName) = await SignerAsync(facts, a.DecidedBy, ct);
        GeneratedFiles files;
        try
        {
            var (blocks, problems) = RestructureDocuments.Decision(await templates.LoadAsync(RestructureDocuments.DecisionTemplate, ct), proposal, facts,
                a.DecisionNumber, a.DecisionDate, signerName, signerTitle);
            files = await WriteAsync(cycleId, wardId, "quyet-dinh", blocks, problems);
        }
        catch (Exception e) when (e is not RequestFailedException)
        {
            // Whatever the edited template does, the built-in one makes the document; the problem is said.
            var (blocks, _) = RestructureDocuments.Decision(DocumentTemplate.Builtin(RestructureDocuments.DecisionTemplate), proposal, facts,
                a.DecisionNumber, a.DecisionDate, signerName, signerTitle);
            files = await WriteAsync(cycleId, wardId, "quyet-dinh", blocks, [DocumentTexts.TemplateFellBack(RestructureDocuments.DecisionTemplate, [e.Message])]);
        }
        var decision = new DecisionDocument(a.DecisionNumber, a.DecisionDate, a.Version, signerName, files, clock.GetUtcNow());
        await documents.SaveDecisionAsync(cycleId, wardId, decision);
        if (facts.ApprovingUnitId.Length > 0)
            await documents.ClaimNumberAsync(facts.ApprovingUnitId, a.DecisionDate,
                new DecisionNumberUse(VietnameseText.Tidy(a.DecisionNumber), cycleId, a.Input.CycleName, wardId, a.Input.WardName));
        return decision;
    }

    /// <summary>Facts kept before units were data, completed with the ward's approving unit as the data describes it now.</summary>
    async Task<ProposalFacts> CompletedAsync(ProposalFacts f, string wardId, CancellationToken ct) =>
        f.Approving is null && await units.ForWardAsync(wardId, ct) is { } t ? f with { Approving = t.Approving, ApprovingLevel = t.ApprovingLevel } : f;

    /// <summary>
    /// Who signs the quyết định and under which title: when data knows the approving body's signer for the district leader
    /// (<see cref="IDocumentSigners"/>) and the leader who decided is that person (their name in the leader's display name), the
    /// data's title ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH") and plain name; otherwise "CHỦ TỊCH" over the name of the leader who decided.
    /// </summary>
    public async Task<(string Title, string Name)> SignerAsync(ProposalFacts facts, string decidedBy, CancellationToken ct = default)
    {
        var body = facts.Terms().CommitteeCaps;
        var known = signers is null || facts.ApprovingUnitName.Trim().Length == 0 ? null : await signers.FindAsync(body, Role.DistrictLeader, ct);
        return known is { Name.Length: > 0 } && VietnameseText.Fold(decidedBy).Contains(VietnameseText.Fold(known.Name), StringComparison.Ordinal)
            ? (known.Title, known.Name)
            : (RestructureDocumentTexts.ChairmanTitle, decidedBy);
    }

    /// <summary>The address of the decision's document (what a changed group's history links to), known before it is written.</summary>
    public static string DecisionLink(string cycleId, string wardId, string format = "pdf") =>
        $"/api/restructure/cycles/{cycleId}/wards/{wardId}/decision/document?format={format}";

    public static string VersionLink(string cycleId, string wardId, int version, string format = "pdf") =>
        $"/api/restructure/cycles/{cycleId}/wards/{wardId}/proposal/versions/{version}/document?format={format}";

    public static string DraftLink(string cycleId, string wardId, string format = "pdf") =>
        $"/api/restructure/cycles/{cycleId}/wards/{wardId}/proposal/document?format={format}";

    /// <summary>
    /// 409 when the approving body of the ward has already used the number for another restructure decision in the decision's year
    /// (the same cycle and ward may use it again: a retried decision). The workflow keeps waiting for a decision.
    /// </summary>
    public async Task RequireDecisionNumberFreeAsync(string cycleId, string wardId, string step, DecisionBody body, CancellationToken ct)
    {
        if (step != RestructureStep.LeaderDecision || body.Outcome != Outcomes.Approve || body.DecisionDate is not { } date
            || VietnameseText.Tidy(body.DecisionNumber) is not { Length: > 0 } number) return;
        var ward = (await register.GetWardAsync(wardId, ct))?.Value;
        if (ward is null || await documents.NumberUseAsync(ward.ApprovingUnitId, date, number) is not { } used || (used.CycleId, used.WardId) == (cycleId, wardId)) return;
        var committee = (await units.ForWardAsync(wardId, ct))?.Committee ?? ward.ApprovingUnitName;
        throw new ProblemException(409, Texts.Conflict, RestructureDocumentTexts.DecisionNumberUsed(number, committee,
            used.CycleName, used.WardName), "decision-number-used", new Dictionary<string, string[]>
            {
                ["decisionNumber"] = [RestructureDocumentTexts.DecisionNumberUsed(number, committee, used.CycleName, used.WardName)],
            });
    }

    /// <summary>The tờ trình of a submitted version (as kept when it went up; made now if it was not) or, without a version, the draft's preview.</summary>
    public async Task<(byte[] Content, string ContentType, string Name)> ProposalDocumentAsync(Caller caller, string cycleId, string wardId, int? version,
        string? format, CancellationToken ct)
    {
        caller.RequireRead(wardId);
        RequireIds(cycleId, wardId);
        var pdf = Format(format);
        if (version is { } v)
        {
            if (await store.VersionAsync(cycleId, wardId, v) is null) throw ProblemException.NotFound(RestructureDocumentTexts.VersionNotFound(v));
            var kept = await KeepVersionAsync(cycleId, wardId, v, ct);
            return await ServeAsync(pdf ? kept!.Files!.PdfBlob : kept!.Files!.DocxBlob, pdf, $"to-trinh-kien-toan-v{v}");
        }
        var draft = await store.DraftAsync(cycleId, wardId) ?? throw ProblemException.NotFound(RestructureDocumentTexts.DraftNotFound);
        var (blocks, _) = RestructureDocuments.Proposal(await templates.LoadAsync(RestructureDocuments.ProposalTemplate, ct), draft,
            await FactsAsync(cycleId, wardId, draft, ct), draft: true);
        return (pdf ? PdfWriter.Write(blocks) : DocxWriter.Write(blocks), pdf ? Pdf : Docx, $"du-thao-to-trinh-kien-toan-v{draft.Version}.{(pdf ? "pdf" : "docx")}");
    }

    public async Task<(byte[] Content, string ContentType, string Name)> DecisionDocumentAsync(Caller caller, string cycleId, string wardId, string? format)
    {
        caller.RequireRead(wardId);
        RequireIds(cycleId, wardId);
        var pdf = Format(format);
        var d = await documents.DecisionAsync(cycleId, wardId) ?? throw ProblemException.NotFound(RestructureDocumentTexts.DecisionDocumentMissing);
        return await ServeAsync(pdf ? d.Files.PdfBlob : d.Files.DocxBlob, pdf, "quyet-dinh-kien-toan");
    }

    async Task<(byte[], string, string)> ServeAsync(string blob, bool pdf, string stem)
    {
        var found = await documents.GetAsync(blob) ?? throw ProblemException.NotFound(Texts.NotFound);
        return (found.Content.ToArray(), pdf ? Pdf : Docx, $"{stem}.{(pdf ? "pdf" : "docx")}");
    }

    /// <summary>An id that could not be a cycle's or a ward's names nothing (and never reaches storage as a key).</summary>
    static void RequireIds(string cycleId, string wardId)
    {
        if (!Ids.IsValidId(cycleId) || !Ids.IsValidWardId(wardId)) throw ProblemException.NotFound(Texts.NotFound);
    }

    static bool Format(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "pdf" => true,
        "docx" => false,
        _ => throw ProblemException.Validation(new Dictionary<string, string[]> { ["format"] = [RestructureDocumentTexts.DocumentFormatInvalid] }),
    };

    /// <summary>
    /// What the ward-cycle view adds: the changes of the draft and of each version in words (each version's as kept when it went
    /// up), the documents' links and their template problems, the decision's document, the link on the leader's approval.
    /// </summary>
    public async Task<WardCycleView> CompleteAsync(WardCycleView view, CancellationToken ct)
    {
        var (c, w) = (view.CycleId, view.WardId);
        var kept = (await documents.VersionsAsync(c, w)).ToDictionary(d => d.Version);
        var versions = new List<Proposal>();
        foreach (var v in view.Versions)
        {
            var doc = kept.GetValueOrDefault(v.Version);
            versions.Add(v with
            {
                ChangeDescriptions = doc?.Facts.Changes ?? await DescribeAsync(w, v, ct),
                Document = new DocumentLinks(VersionLink(c, w, v.Version), VersionLink(c, w, v.Version, "docx"), doc?.Files?.Problems ?? []),
            });
        }
        var draft = view.Draft is { } d
            ? d with { ChangeDescriptions = await DescribeAsync(w, d, ct), Document = new DocumentLinks(DraftLink(c, w), DraftLink(c, w, "docx"), []) }
            : null;
        var decision = await documents.DecisionAsync(c, w);
        var decisionView = decision is null ? null : new DecisionDocumentView(decision.Number, decision.Date, decision.Version, DecisionLink(c, w),
            DecisionLink(c, w, "docx"), decision.Files.Problems);
        var timeline = view.Timeline.Select(t => decision is not null && t.Step == RestructureStep.LeaderDecision && t.Outcome == Outcomes.Approve
            && (t.ProposalVersion ?? decision.Version) == decision.Version
                ? t with { Document = DecisionLink(c, w), DecisionNumber = t.DecisionNumber ?? decision.Number, DecisionDate = t.DecisionDate ?? decision.Date } : t).ToList();
        var outcome = view.Outcome is { } o && decision is { Files.Problems.Count: > 0 } ? o with { DocumentProblems = decision.Files.Problems } : view.Outcome;
        return view with { Draft = draft, Versions = versions, Timeline = timeline, Outcome = outcome, DecisionDocument = decisionView };
    }
}

/// <summary>
/// When the ward's proposal step closes with a submitted version, that version's facts and tờ trình are kept
/// (<see cref="RestructureDocumentService.KeepVersionAsync"/>), inside the step's own close: no activity of its own, so the
/// workflow is unchanged. Idempotent: a close that runs again finds the version kept.
/// </summary>
public sealed class RestructureDocumentRecords(RestructureDocumentService documents) : StepRecordObserver<RestructureStepRecord>(RestructureWorkflow.Key)
{
    protected override async Task ClosedAsync(StepClosed closed, RestructureStepRecord r)
    {
        if (closed.Step.Step != RestructureStep.Proposal || closed.Decision.Outcome != Outcomes.Submitted) return;
        try { await documents.KeepVersionAsync(r.CycleId, r.WardId, closed.Decision.Version ?? r.Round); }
        catch (Exception e) when (e is not RequestFailedException)
        {
            // A document that cannot be made must not hold up the workflow: the facts are kept, the download makes it again.
        }
    }
}
