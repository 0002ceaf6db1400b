using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using S = Tndtq.Support.SupportStep;

namespace Tndtq.Support;

/// <summary>
/// What the support endpoints do: a ward officer prepares a round (kind, name, a non-budget fund source, beneficiaries
/// from the register with an amount and/or a gift), edits it under If-Match while it is a draft or returned, submits it
/// to the ward chairman's approval (<see cref="SupportOrchestratorV2"/>), and once approved records it as disbursed by
/// uploading the signed receipt list. District roles read every ward; ward roles their own.
/// </summary>
public sealed class SupportService(SupportStore store, RegisterService register, RegisterStore registerStore, TimeProvider clock)
{
    public static string Url(string wardId, string roundId) => $"/api/wards/{wardId}/support-rounds/{roundId}";

    /// <summary>Who decides each step and how: what the API accepts and what the pages offer.</summary>
    public static StepRule? Decision(string step) => step switch
    {
        S.ChairmanApproval => new(Role.WardChairman, [new(S.Approve), new(S.Return, CommentRequired: true)]),
        S.Revision => new(Role.WardOfficer, [new(S.Resubmit)]),
        _ => null,
    };

    public static readonly SupportDeadlines Deadlines = new();
    public static readonly IReadOnlyList<TimeSpan> RemindBefore = [TimeSpan.FromDays(2)];

    // ---- drafts --------------------------------------------------------------------------------

    public async Task<SupportRoundView> CreateAsync(Caller caller, string wardId, string? requestId, SupportRoundBody body, CancellationToken ct)
    {
        var ward = await RequireOfficerAsync(caller, wardId, ct);
        var content = await BuildAsync(wardId, body, ct);
        var op = requestId ?? Guid.NewGuid().ToString("N");
        // A retried request (same x-requestid) names the same round: it is recognised, never created twice.
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{wardId}|{op}")))[..16];
        var now = clock.GetUtcNow();
        var round = await store.UpdateAsync(wardId, id, r => r is not null ? null : new SupportRound(id, wardId, ward.Name, content.Kind, content.Name, content.Fund,
            content.Beneficiaries, content.Note, SupportStatus.Draft, 1, now, caller.DisplayName, now, caller.DisplayName, []));
        return View(caller, round!, null);
    }

    public async Task<SupportRoundView> EditAsync(Caller caller, string wardId, string roundId, string? ifMatch, SupportRoundBody body, CancellationToken ct)
    {
        await RequireOfficerAsync(caller, wardId, ct);
        if (ifMatch is null) throw new ProblemException(428, Texts.ValidationFailed, Texts.IfMatchRequired, "if-match-required");
        await RequireAsync(wardId, roundId);
        var content = await BuildAsync(wardId, body, ct);
        var now = clock.GetUtcNow();
        var round = await store.UpdateAsync(wardId, roundId, r =>
        {
            if (r is null) throw ProblemException.NotFound(SupportTexts.SupportRoundNotFound);
            if (ifMatch != "*" && ifMatch != r.ETag) throw Stale();
            if (r.Status is not (SupportStatus.Draft or SupportStatus.Returned)) throw ProblemException.Conflict(SupportTexts.SupportNotEditable, "not-editable");
            return r with
            {
                Kind = content.Kind,
                Name = content.Name,
                Fund = content.Fund,
                Beneficiaries = content.Beneficiaries,
                Note = content.Note,
                Version = r.Version + 1,
                UpdatedAt = now,
                UpdatedByName = caller.DisplayName,
            };
        });
        return View(caller, round!, null);
    }

    static ProblemException Stale() => new(412, Texts.Conflict, Texts.StaleETag, "stale-etag");

    sealed record Content(string Kind, string Name, FundSource Fund, IReadOnlyList<Beneficiary> Beneficiaries, string? Note);

    /// <summary>The rules of a round: every error at once, keyed by the body's JSON path.</summary>
    async Task<Content> BuildAsync(string wardId, SupportRoundBody body, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string text) { if (!errors.ContainsKey(field)) errors[field] = [text]; }
        if (body.Kind is not { } kind || !SupportKind.All.Contains(kind)) Error("kind", SupportTexts.SupportKindInvalid);
        var name = Clean(body.Name);
        if (name is null) Error("name", SupportTexts.SupportNameRequired);
        var fundName = Clean(body.Fund?.Name);
        if (fundName is null) Error("fund.name", SupportTexts.FundNameRequired);
        else if (IsStateBudget(fundName)) Error("fund.name", SupportTexts.FundIsStateBudget);
        if (IsStateBudget(body.Fund?.Type)) Error("fund.type", SupportTexts.FundIsStateBudget);
        else if (body.Fund?.Type is not { } type || !FundType.All.Contains(type)) Error("fund.type", SupportTexts.FundTypeInvalid);

        var state = (await registerStore.LoadAsync(wardId, ct)).State;
        var list = new List<Beneficiary>();
        var seen = new HashSet<string>();
        if (body.Beneficiaries is not { Count: > 0 }) Error("beneficiaries", SupportTexts.BeneficiariesRequired);
        for (var i = 0; i < (body.Beneficiaries?.Count ?? 0); i++)
        {
            var b = body.Beneficiaries![i];
            var at = $"beneficiaries[{i}]";
            var gift = Clean(b.Gift);
            if (b.Amount is { } amount && (amount <= 0 || amount > SupportRules.MaxAmount)) Error($"{at}.amount", SupportTexts.BeneficiaryAmountOutOfRange(SupportRules.MaxAmount));
            else if (b.Amount is null && gift is null) Error($"{at}.amount", SupportTexts.BeneficiaryNothingGiven);
            if (b.Id is null) { Error($"{at}.id", Texts.InputRequired); continue; }
            if (!seen.Add(b.Id)) { Error($"{at}.id", SupportTexts.BeneficiaryTwice); continue; }
            switch (b.Type ?? BeneficiaryType.Member)
            {
                case BeneficiaryType.Group:
                    if (state.Groups.GetValueOrDefault(b.Id) is not { Status: GroupStatus.Active } g) { Error($"{at}.id", SupportTexts.BeneficiaryGroupNotFound); continue; }
                    list.Add(new(BeneficiaryType.Group, g.Id, g.Name, g.Id, g.Name, null, g.Area, b.Amount, gift));
                    break;
                case BeneficiaryType.Member:
                    if (state.Members.GetValueOrDefault(b.Id) is not { IsActive: true } m || state.Groups.GetValueOrDefault(m.GroupId) is not { Status: GroupStatus.Active } mg)
                    { Error($"{at}.id", SupportTexts.BeneficiaryMemberNotFound); continue; }
                    list.Add(new(BeneficiaryType.Member, m.Id, m.FullName, mg.Id, mg.Name, RegisterTexts.RoleName(m.Role), m.Address, b.Amount, gift));
                    break;
                default:
                    Error($"{at}.type", SupportTexts.BeneficiaryTypeInvalid);
                    break;
            }
        }
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        return new Content(body.Kind!, name!, new FundSource(fundName!, body.Fund!.Type!), list, Clean(body.Note));
    }

    /// <summary>
    /// The state budget under any spelling: "Ngân sách nhà nước", "ngan sach", "NSNN", "ngân sách phường" — but not
    /// "ngoài ngân sách" (a non-budget source, which is what the seed asks for).
    /// </summary>
    public static bool IsStateBudget(string? text)
    {
        var folded = VietnameseText.Fold(text).Replace("ngoai ngan sach", " ");
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return folded.Contains("ngan sach") || folded.Replace(" ", "").Contains("ngansach") || words.Contains("nsnn")
            || folded.Contains("state budget") || words.Contains("budget");
    }

    // ---- the workflow --------------------------------------------------------------------------

    /// <summary>A draft goes to the ward chairman (a returned round is resubmitted); a retried submit changes nothing.</summary>
    public async Task<SupportRoundView> SubmitAsync(DurableTaskClient durable, Caller caller, string wardId, string roundId, CancellationToken ct)
    {
        var ward = await RequireOfficerAsync(caller, wardId, ct);
        var current = await RequireAsync(wardId, roundId);
        if (current.Status == SupportStatus.Returned) return await RaiseAsync(durable, caller, current, S.Revision, S.Resubmit, null, ct);
        var now = clock.GetUtcNow();
        var round = await store.UpdateAsync(wardId, roundId, r =>
        {
            if (r!.Status == SupportStatus.Pending) return null; // submitted before
            if (r.Status != SupportStatus.Draft) throw ProblemException.Conflict(SupportTexts.SupportCannotSubmit, "cannot-submit");
            var entry = new SupportTrailEntry(now, "submit", "draft", SupportTexts.SupportStepName("draft"), "submit", SupportTexts.SupportOutcomeName("submit"), null, caller.DisplayName);
            return r with { Status = SupportStatus.Pending, SubmittedAt = now, Version = r.Version + 1, UpdatedAt = now, UpdatedByName = caller.DisplayName, Trail = [.. r.Trail, entry] };
        });
        // Started after the round is pending; a submit that died in between starts it when sent again.
        var instance = SupportWorkflow.InstanceId(wardId, roundId);
        if (round!.Status == SupportStatus.Pending && await durable.GetInstanceAsync(instance, ct) is null)
            await durable.ScheduleNewOrchestrationInstanceAsync(SupportWorkflow.Current, new SupportWorkflowInput(wardId, roundId, round.Name, ward.Name, Deadlines, RemindBefore),
                new StartOrchestrationOptions(instance), ct);
        return await ViewAsync(durable, caller, round, ct);
    }

    /// <summary>A decision on the current step: the role, ward and step must fit (409 naming the actual step).</summary>
    public async Task<SupportRoundView> DecideAsync(DurableTaskClient durable, Caller caller, string wardId, string roundId, string step, SupportDecisionBody body, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var round = await RequireAsync(wardId, roundId);
        var rule = Decision(step) ?? throw ProblemException.NotFound(Texts.NotFound);
        caller.RequireInWard(wardId, rule.Role);
        var errors = rule.Check(body.Outcome, body.Comment, null, null);
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        return await RaiseAsync(durable, caller, round, step, body.Outcome!, Clean(body.Comment), ct);
    }

    /// <summary>The officer withdraws a draft at once, or a round waiting at either step of its workflow.</summary>
    public async Task<SupportRoundView> WithdrawAsync(DurableTaskClient durable, Caller caller, string wardId, string roundId, string? comment, CancellationToken ct)
    {
        await RequireOfficerAsync(caller, wardId, ct);
        var current = await RequireAsync(wardId, roundId);
        if (current.Status != SupportStatus.Draft)
        {
            var (m, status) = await StatusAsync(durable, current, ct);
            if (status?.StepId is null || m!.RuntimeStatus != OrchestrationRuntimeStatus.Running || current.Status is not (SupportStatus.Pending or SupportStatus.Returned))
                throw ProblemException.Conflict(SupportTexts.SupportCannotWithdraw, "cannot-withdraw");
            await durable.RaiseEventAsync(m.InstanceId, HumanStep.DecisionEvent, new StepDecision(status.StepId, S.Withdraw, Clean(comment), caller.ObjectId, caller.DisplayName), ct);
            return await ViewAsync(durable, caller, current, ct);
        }
        var now = clock.GetUtcNow();
        var round = await store.UpdateAsync(wardId, roundId, r =>
        {
            if (r!.Status == SupportStatus.Withdrawn) return null;
            if (r.Status != SupportStatus.Draft) throw ProblemException.Conflict(SupportTexts.SupportCannotWithdraw, "cannot-withdraw");
            var entry = new SupportTrailEntry(now, "withdraw-draft", "draft", SupportTexts.SupportStepName("draft"), S.Withdraw, SupportTexts.SupportOutcomeName(S.Withdraw),
                Clean(comment), caller.DisplayName);
            return r with { Status = SupportStatus.Withdrawn, Version = r.Version + 1, UpdatedAt = now, UpdatedByName = caller.DisplayName, Trail = [.. r.Trail, entry] };
        });
        return View(caller, round!, null);
    }

    async Task<SupportRoundView> RaiseAsync(DurableTaskClient durable, Caller caller, SupportRound round, string step, string outcome, string? comment, CancellationToken ct)
    {
        caller.RequireInWard(round.WardId, Decision(step)!.Role);
        var (m, status) = await StatusAsync(durable, round, ct);
        if (status?.Step != step || status.StepId is null || m!.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            throw ProblemException.Conflict(SupportTexts.SupportNotAtStep(status?.StepName ?? SupportTexts.SupportStatusName(round.Status)), "wrong-step");
        await durable.RaiseEventAsync(m.InstanceId, HumanStep.DecisionEvent, new StepDecision(status.StepId, outcome, comment, caller.ObjectId, caller.DisplayName), ct);
        return await ViewAsync(durable, caller, round, ct);
    }

    static async Task<(OrchestrationMetadata?, WorkflowStatus?)> StatusAsync(DurableTaskClient durable, SupportRound r, CancellationToken ct)
    {
        var m = await durable.GetInstanceAsync(SupportWorkflow.InstanceId(r.WardId, r.Id), getInputsAndOutputs: true, ct);
        return (m, WorkflowStatus.Of(m));
    }

    // ---- disbursal -----------------------------------------------------------------------------

    /// <summary>The signed receipt list uploaded: the approved round is recorded as disbursed (a retried upload lists the same file once).</summary>
    public async Task<SupportRoundView> UploadSignedAsync(Caller caller, string wardId, string roundId, string? requestId, string fileName, byte[] content, CancellationToken ct)
    {
        await RequireOfficerAsync(caller, wardId, ct);
        if (Attachments.Recognise(content) is not { } kind) throw ProblemException.BadRequest(Texts.DocumentTypeNotAllowed, "document-type");
        var current = await RequireAsync(wardId, roundId);
        if (current.Status is not (SupportStatus.Approved or SupportStatus.Disbursed)) throw ProblemException.Conflict(SupportTexts.SupportSignedListOnlyApproved, "not-approved");
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var blob = await store.PutFileAsync($"{wardId}/{roundId}/ky-nhan-{op}{kind.Extension}", content, kind.ContentType);
        var now = clock.GetUtcNow();
        var round = await store.UpdateAsync(wardId, roundId, r =>
        {
            if (r!.Signed?.BlobName == blob) return null;
            if (r.Status is not (SupportStatus.Approved or SupportStatus.Disbursed)) throw ProblemException.Conflict(SupportTexts.SupportSignedListOnlyApproved, "not-approved");
            var entry = new SupportTrailEntry(now, $"signed-{op}", "disbursed", SupportTexts.SupportStatusName(SupportStatus.Disbursed), "signed-list", SupportTexts.ActionUploadSignedList,
                fileName, caller.DisplayName);
            return r with
            {
                Status = SupportStatus.Disbursed,
                Signed = new SignedList(fileName, blob, kind.ContentType, content.Length, now, caller.DisplayName),
                DisbursedAt = r.DisbursedAt ?? now,
                Version = r.Version + 1,
                UpdatedAt = now,
                UpdatedByName = caller.DisplayName,
                Trail = [.. r.Trail, entry],
            };
        });
        await store.AddHistoryAsync(round!); // the lines now say "disbursed"
        return View(caller, round!, null);
    }

    public async Task<(byte[] Content, string ContentType, string Name)> SignedListAsync(Caller caller, string wardId, string roundId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var round = await RequireAsync(wardId, roundId);
        if (round.Signed is not { } s || await store.GetFileAsync(s.BlobName) is not { } file) throw ProblemException.NotFound(SupportTexts.SupportNoSignedList);
        return (file.Content.ToArray(), file.ContentType, s.Name);
    }

    /// <summary>The receipt list of an approved round: <c>xlsx</c>, <c>pdf</c> or <c>docx</c> (the same blocks as the PDF), made from the round as approved.</summary>
    public async Task<(byte[] Content, string ContentType, string Name)> ReceiptListAsync(Caller caller, string wardId, string roundId, string format, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var round = await RequireAsync(wardId, roundId);
        if (!SupportStatus.Counts(round.Status)) throw ProblemException.Conflict(SupportTexts.SupportNotApproved, "not-approved");
        return format switch
        {
            "xlsx" => (ReceiptList.Xlsx(round), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SupportTexts.ReceiptFileName(round.Name, "xlsx")),
            "pdf" => (Shared.Documents.PdfWriter.Write(ReceiptList.Blocks(round)), "application/pdf", SupportTexts.ReceiptFileName(round.Name, "pdf")),
            "docx" => (Shared.Documents.DocxWriter.Write(ReceiptList.Blocks(round)), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                SupportTexts.ReceiptFileName(round.Name, "docx")),
            _ => throw ProblemException.NotFound(Texts.NotFound),
        };
    }

    // ---- reads ---------------------------------------------------------------------------------

    public async Task<SupportRoundView> GetAsync(DurableTaskClient durable, Caller caller, string wardId, string roundId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        return await ViewAsync(durable, caller, await RequireAsync(wardId, roundId), ct);
    }

    /// <summary>A page of the ward's rounds, last changed first, optionally of one year and one status, read from storage page by page.</summary>
    public async Task<SupportRoundList> ListAsync(Caller caller, string wardId, string? year, string? status, string? token, int pageSize, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        int? y = year is null ? null : ParseYear(year);
        if (status is not null && !SupportStatus.All.Contains(status)) throw ProblemException.BadRequest(SupportTexts.SupportStatusInvalid, "invalid-status");
        var page = await store.PageAsync(wardId, y, status, token, pageSize, ct);
        var create = caller.MayActIn(wardId, Role.WardOfficer)
            ? new WorkflowAction("create", SupportTexts.ActionCreateSupportRound, "POST", $"/api/wards/{wardId}/support-rounds") : null;
        return new SupportRoundList(wardId, page.Items, create, page.ContinuationToken);
    }

    /// <summary>A group's or a person's support history, newest first.</summary>
    public async Task<IReadOnlyList<SupportHistoryEntry>> HistoryAsync(Caller caller, string wardId, string beneficiaryId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        if (!Ids.IsValidId(beneficiaryId)) throw ProblemException.NotFound(Texts.NotFound);
        return (await store.HistoryAsync(wardId, beneficiaryId)).OrderByDescending(h => h.ApprovedOn).ToList();
    }

    public async Task<SupportSummary> SummaryAsync(Caller caller, string wardId, string? year, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var y = year is null ? VietnamTime.Today(clock).Year : ParseYear(year);
        var years = await store.YearsAsync(wardId);
        return new SupportSummary(wardId, y, years.GetValueOrDefault(y, SupportYear.Zero), years,
            FundType.All.ToDictionary(t => t, SupportTexts.FundTypeName), SupportKind.All.ToDictionary(k => k, SupportTexts.SupportKindName));
    }

    /// <summary>The kept figures against a recount from every round of the ward.</summary>
    public async Task<RecountCheck<IReadOnlyDictionary<int, SupportYear>>> CheckAsync(Caller caller, string wardId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var stored = new SupportFigures(await store.YearsAsync(wardId));
        var recount = await store.RecountAsync(wardId);
        return new(stored.Years, recount.Years, stored.SameAs(recount));
    }

    static int ParseYear(string year) =>
        int.TryParse(year, out var y) && y is >= 2000 and <= 2100 ? y : throw ProblemException.BadRequest(SupportTexts.SupportYearInvalid, "invalid-year");

    async Task<SupportRoundView> ViewAsync(DurableTaskClient durable, Caller caller, SupportRound r, CancellationToken ct)
    {
        var (m, status) = r.Status is SupportStatus.Pending or SupportStatus.Returned ? await StatusAsync(durable, r, ct) : (null, null);
        // The step that fits the round's status: a moment after a decision the workflow still shows the step just decided.
        var fits = status?.Step == (r.Status == SupportStatus.Pending ? S.ChairmanApproval : S.Revision);
        return View(caller, r, m?.RuntimeStatus == OrchestrationRuntimeStatus.Running && fits ? status : null);
    }

    /// <summary>A round as the caller sees it, with what they may do now: the pages draw their buttons from these.</summary>
    static SupportRoundView View(Caller caller, SupportRound r, WorkflowStatus? status)
    {
        var url = Url(r.WardId, r.Id);
        var officer = caller.MayActIn(r.WardId, Role.WardOfficer);
        var actions = new List<WorkflowAction>();
        var waiting = status?.StepId is not null ? status : null;
        if (officer && r.Status is SupportStatus.Draft or SupportStatus.Returned) actions.Add(new("edit", SupportTexts.ActionEditSupportRound, "PUT", url));
        if (officer && r.Status == SupportStatus.Draft) actions.Add(new("submit", SupportTexts.ActionSubmitSupportRound, "POST", url + "/submit"));
        if (waiting is not null && Decision(waiting.Step) is { } rule && caller.MayActIn(r.WardId, rule.Role))
            actions.AddRange(rule.Actions(waiting.Step, $"{url}/decisions/{waiting.Step}", o => o == S.Resubmit ? SupportTexts.ActionResubmitSupportRound : SupportTexts.SupportOutcomeName(o)));
        if (officer && (r.Status == SupportStatus.Draft || waiting is not null)) actions.Add(new("withdraw", SupportTexts.ActionWithdrawSupportRound, "POST", url + "/withdraw"));
        if (SupportStatus.Counts(r.Status))
        {
            actions.Add(new("download-xlsx", SupportTexts.ActionReceiptListXlsx, "GET", url + "/receipt-list/xlsx"));
            actions.Add(new("download-pdf", SupportTexts.ActionReceiptListPdf, "GET", url + "/receipt-list/pdf"));
            actions.Add(new("download-docx", SupportTexts.ActionReceiptListDocx, "GET", url + "/receipt-list/docx"));
        }
        if (officer && SupportStatus.Counts(r.Status)) actions.Add(new("upload-signed", SupportTexts.ActionUploadSignedList, "POST", url + "/signed-list"));
        if (r.Signed is not null) actions.Add(new("download-signed", SupportTexts.ActionDownloadSignedList, "GET", url + "/signed-list"));
        return new SupportRoundView(r.Id, r.WardId, r.WardName, r.Kind, SupportTexts.SupportKindName(r.Kind), r.Name, r.Fund, SupportTexts.FundTypeName(r.Fund.Type),
            r.Beneficiaries.Select(b => new BeneficiaryView(b.Type, b.Id, b.Name, b.GroupId, b.GroupName, b.RoleName, b.Address, b.Amount, b.Gift)).ToList(),
            r.Total, r.Note, r.Status, SupportTexts.SupportStatusName(r.Status), waiting?.Step, waiting?.StepName, waiting?.WaitingFor, waiting?.DueAt, r.Version,
            r.CreatedAt, r.CreatedByName, r.UpdatedAt, r.UpdatedByName, r.SubmittedAt, r.ApprovedAt, r.ApprovedByName, r.LastComment, r.Signed, r.DisbursedAt,
            r.Trail, actions, r.ETag);
    }

    async Task<SupportRound> RequireAsync(string wardId, string roundId) =>
        Ids.IsValidId(roundId) && await store.GetAsync(wardId, roundId) is { } r ? r : throw ProblemException.NotFound(SupportTexts.SupportRoundNotFound);

    async Task<WardView> RequireReadAsync(Caller caller, string wardId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        return await register.GetWardAsync(caller, wardId, ct);
    }

    async Task<WardView> RequireOfficerAsync(Caller caller, string wardId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireInWard(wardId, Role.WardOfficer);
        return await register.GetWardAsync(caller, wardId, ct);
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Tidy(s);
}
