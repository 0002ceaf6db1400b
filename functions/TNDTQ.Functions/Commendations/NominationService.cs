using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;
using O = Tndtq.Commendations.NominationOutcomes;

namespace Tndtq.Commendations;

public sealed record NominateBody([Id] string? WardId, NomineeType? NomineeType, [Id] string? GroupId, [Id] string? MemberId, [Id] string? AwardFormId,
    [Text(20)] string? Period, [Text(Limits.LongText, MultiLine = true)] string? Achievements, [Id] string? Campaign);
/// <summary>A campaign: many nominations in one request (validated whole before any starts).</summary>
public sealed record CampaignBody([Id] string? AwardFormId, [Text(20)] string? Period, [MaxCount(CampaignBody.MaxNominations)] IReadOnlyList<NominateBody>? Nominations)
{
    public const int MaxNominations = 500;
    public const int MaxBytes = 2 * 1024 * 1024;
}
/// <summary>The filters of the nominations list, each optional: ward, status, award form, period, campaign, and words of the nominee's name (diacritics ignored).</summary>
public sealed record NominationFilter(string? WardId, string? Status, string? AwardFormId, string? Period, string? Campaign, string? Name);
public sealed record NominationDecisionBody([Text(40)] string? Outcome, [Text(Limits.Comment, MultiLine = true)] string? Comment, [Text(50)] string? DecisionNumber,
    DateOnly? DecisionDate, int? VotesFor, int? VotesAgainst, int? VotesAbstain, DateOnly? MeetingDate);

/// <summary>A page of nominations (<paramref name="ContinuationToken"/>: the next page's, null after the last) and what the caller may start from it.</summary>
public sealed record NominationList(IReadOnlyList<NominationView> Items, string? ContinuationToken, IReadOnlyList<WorkflowAction> Actions);

public sealed record NominationView(string Id, string WardId, NomineeType NomineeType, string NomineeName, string GroupName, string AwardFormId, string AwardName,
    string Period, string Achievements, string? Campaign, string NominatedByName, DateTimeOffset CreatedAt, string Status, string Step, string StepName,
    Role? WaitingFor, DateTimeOffset? DueAt, IReadOnlyList<DocumentRef> Evidence, IReadOnlyList<TrailEntry> Timeline, NominationOutcome? Outcome,
    IReadOnlyList<string> EligibilityProblems, IReadOnlyList<WorkflowAction> Actions);

/// <summary>What the commendation endpoints do: who may nominate and decide, at which step.</summary>
public sealed class NominationService(CommendationStore store, RegisterStore register, TimeProvider clock, UnitTerms units)
{
    /// <summary>Who decides each step of a nomination and how: what the API accepts and what the pages offer.</summary>
    public static StepRule? Decision(string step, NominationInput i) => step switch
    {
        NominationStep.EligibilityOverride => new(Role.DistrictPolice, [new(O.Override, CommentRequired: true), new(O.Reject, CommentRequired: true)]),
        NominationStep.Revision => new(i.NominatedBy, [new(O.Resubmit)]),
        NominationStep.ChairmanEndorsement => new(Role.WardChairman, [new(O.Endorse), new(O.Return, CommentRequired: true)]),
        NominationStep.PoliceReview => new(Role.DistrictPolice, [new(O.Forward), new(O.Return, CommentRequired: true), new(O.Reject, CommentRequired: true)]),
        NominationStep.Council => new(Role.EmulationCouncil, [new(O.Recommend), new(O.NotRecommend, CommentRequired: true)], VotesAllowed: true),
        NominationStep.Decision => new(i.Award.DecidedBy, [new(O.Approve, DecisionRequired: true), new(O.Reject, CommentRequired: true)]),
        _ => null,
    };

    public Task<IReadOnlyList<AwardForm>> CatalogueAsync() => store.CatalogueAsync();

    public async Task<AwardForm> SaveFormAsync(Caller caller, string formId, AwardForm body)
    {
        caller.Require(Role.Administrator);
        var form = body with { Id = formId };
        if (!Ids.IsValidId(formId) || string.IsNullOrWhiteSpace(form.Name) || string.IsNullOrWhiteSpace(form.IssuingBody) || string.IsNullOrWhiteSpace(form.SignerTitle))
            throw ProblemException.BadRequest(CommendationTexts.AwardFormIncomplete, "award-form");
        await store.SaveFormAsync(form);
        return form;
    }

    public async Task<NominationView> NominateAsync(DurableTaskClient durable, Caller caller, NominateBody body, string? requestId, CancellationToken ct)
    {
        var reads = new Reads(store, register, ct);
        var record = await StartAsync(durable, caller, await ValidateAsync(caller, body, reads), body, requestId ?? RegisterChanges.NewId(), reads, ct);
        return await ViewAsync(durable, caller, record, ct);
    }

    /// <summary>
    /// What one request reads once, however many nominations it makes: the catalogue, each ward's name, and each
    /// nominee's group and member row by point reads (never the whole ward). A campaign starts its reads together,
    /// at most 16 at a time (<see cref="Prefetch"/>).
    /// </summary>
    sealed class Reads(CommendationStore store, RegisterStore register, CancellationToken ct)
    {
        // Concurrent: a campaign's nominations are started a few at a time and share these reads.
        readonly Lazy<Task<IReadOnlyList<AwardForm>>> catalogue = new(store.CatalogueAsync);
        readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> names = [];
        readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), Lazy<Task<Group?>>> groups = [];
        readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), Lazy<Task<Member?>>> members = [];
        readonly SemaphoreSlim parallel = new(16);
        public Task<IReadOnlyList<AwardForm>> CatalogueAsync() => catalogue.Value;
        public Task<string> WardNameAsync(string wardId) => names.GetOrAdd(wardId, id => new(() => NameAsync(id))).Value;
        public Task<Group?> GroupAsync(string wardId, string groupId) =>
            groups.GetOrAdd((wardId, groupId), _ => new(() => Limited(() => register.GetGroupAsync(wardId, groupId, ct)))).Value;
        public Task<Member?> MemberAsync(string wardId, string groupId, string memberId) =>
            members.GetOrAdd((wardId, groupId, memberId), _ => new(() => Limited(() => register.GetMemberAsync(wardId, groupId, memberId, ct)))).Value;
        /// <summary>Starts the reads of many nominations at once (the checks then await them one by one).</summary>
        public void Prefetch(IEnumerable<(string WardId, string? GroupId, string? MemberId)> nominees)
        {
            foreach (var (wardId, groupId, memberId) in nominees)
            {
                if (groupId is null || Input.IdProblem(groupId) is not null) continue;
                _ = GroupAsync(wardId, groupId);
                if (memberId is not null && Input.IdProblem(memberId) is null) _ = MemberAsync(wardId, groupId, memberId);
            }
        }
        async Task<T> Limited<T>(Func<Task<T>> read)
        {
            await parallel.WaitAsync(ct);
            try { return await read(); }
            finally { parallel.Release(); }
        }
        async Task<string> NameAsync(string wardId) => (await register.GetWardAsync(wardId, ct))!.Value.Value.Name;
    }

    /// <summary>
    /// Many nominations in one request, one workflow each. The batch is validated whole first (errors keyed
    /// <c>nominations[i].field</c>): if any item is wrong, none is started.
    /// </summary>
    const int CampaignParallelism = 8;

    public async Task<IReadOnlyList<NominationView>> NominateCampaignAsync(DurableTaskClient durable, Caller caller, string campaign, CampaignBody body, string? requestId, CancellationToken ct)
    {
        if (body.Nominations is not { Count: > 0 } list) throw ProblemException.Validation(new Dictionary<string, string[]> { ["nominations"] = [CommendationTexts.CampaignEmpty] });
        var items = list.Select(n => n with { AwardFormId = n.AwardFormId ?? body.AwardFormId, Period = n.Period ?? body.Period, Campaign = campaign }).ToList();
        var reads = new Reads(store, register, ct);
        reads.Prefetch(items.Select(n => (WardId: n.WardId ?? caller.WardId ?? "", n.GroupId, n.MemberId))
            .Where(n => Ids.IsValidWardId(n.WardId) && caller.MayActIn(n.WardId, Role.WardOfficer, Role.DistrictPolice)));
        var valid = new List<(string WardId, Nominee Nominee, AwardForm Form, string Period)>();
        var errors = new Dictionary<string, string[]>();
        for (var n = 0; n < items.Count; n++)
        {
            try { valid.Add(await ValidateAsync(caller, items[n], reads)); }
            catch (ProblemException p) when (p.Status == StatusCodes.Status400BadRequest || p.Status == StatusCodes.Status404NotFound)
            {
                foreach (var (key, messages) in p.Errors ?? new Dictionary<string, string[]> { [""] = [p.Detail ?? p.Title] })
                    errors[key.Length == 0 ? $"nominations[{n}]" : $"nominations[{n}].{key}"] = messages;
            }
        }
        if (errors.Count > 0)
            throw new ProblemException(StatusCodes.Status400BadRequest, Texts.ValidationFailed, CommendationTexts.CampaignHasErrors, "validation", errors);
        // Saved and started a few at a time (each is its own transaction on a figures shard, retried on a conflict), in the list's order.
        var views = new NominationView[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = CampaignParallelism, CancellationToken = ct },
            async (n, token) => views[n] = View(caller, await StartAsync(durable, caller, valid[n], items[n],
                requestId is null ? RegisterChanges.NewId() : $"{requestId[..Math.Min(requestId.Length, 70)]}-{n}", reads, token), null, null, []));
        return views;
    }

    /// <summary>Saves the nomination and starts its workflow; a retried request (same id) is recognised and not started twice.</summary>
    async Task<NominationRecord> StartAsync(DurableTaskClient durable, Caller caller, (string WardId, Nominee Nominee, AwardForm Form, string Period) v,
        NominateBody body, string id, Reads reads, CancellationToken ct)
    {
        var (wardId, nominee, form, period) = v;
        if (await store.WardOfAsync(id) is { } otherWard && otherWard != wardId) throw ProblemException.Conflict(CommendationTexts.RequestIdUsedElsewhere, "request-id-used");
        if (await store.GetAsync(wardId, id) is { } earlier)
        {
            // A retried request: recognised. If the first attempt saved the record but died before starting the workflow, start it now.
            // (Not one that finished and whose instance was purged since: Durable__RetentionDays.)
            if (earlier.Outcome is null && await durable.GetInstanceAsync(NominationWorkflow.InstanceId(id), ct) is null)
                await durable.ScheduleNewOrchestrationInstanceAsync(NominationWorkflow.Current, earlier.Input, new StartOrchestrationOptions(NominationWorkflow.InstanceId(id)), ct);
            return earlier;
        }
        var group = (await reads.GroupAsync(wardId, nominee.GroupId))!;
        var name = nominee.MemberId is { } m ? (await reads.MemberAsync(wardId, nominee.GroupId, m))!.FullName : group.Name;
        var input = new NominationInput(id, wardId, await reads.WardNameAsync(wardId), nominee, name, group.Name, form, period, VietnameseText.Tidy(body.Achievements),
            Clean(body.Campaign), caller.Has(Role.WardOfficer) ? Role.WardOfficer : Role.DistrictPolice, caller.ObjectId, caller.DisplayName, clock.GetUtcNow(),
            new NominationDeadlines(), [TimeSpan.FromDays(2)]);
        var record = new NominationRecord(input, "nominated", [], null);
        await store.SaveAsync(record);
        await durable.ScheduleNewOrchestrationInstanceAsync(NominationWorkflow.Current, input, new StartOrchestrationOptions(NominationWorkflow.InstanceId(id)), ct);
        return record;
    }

    async Task<(string WardId, Nominee Nominee, AwardForm Form, string Period)> ValidateAsync(Caller caller, NominateBody body, Reads reads)
    {
        var wardId = body.WardId ?? caller.WardId ?? "";
        Ids.RequireWardId(wardId);
        caller.RequireInWard(wardId, Role.WardOfficer, Role.DistrictPolice);
        var errors = new Dictionary<string, string[]>();
        var catalogue = await reads.CatalogueAsync();
        var form = catalogue.FirstOrDefault(f => f.Id == body.AwardFormId);
        if (form is null) errors["awardFormId"] = [CommendationTexts.AwardFormUnknown(catalogue.Select(f => f.Id))];
        if (string.IsNullOrWhiteSpace(body.Period)) errors["period"] = [CommendationTexts.PeriodRequired];
        if (string.IsNullOrWhiteSpace(body.Achievements)) errors["achievements"] = [CommendationTexts.AchievementsRequired];
        var type = body.NomineeType ?? (body.MemberId is null ? NomineeType.Collective : NomineeType.Individual);
        if (body.GroupId is null || await reads.GroupAsync(wardId, body.GroupId) is null) errors["groupId"] = [RegisterTexts.GroupNotFound];
        else if (type == NomineeType.Individual && (body.MemberId is null || await reads.MemberAsync(wardId, body.GroupId, body.MemberId) is null))
            errors["memberId"] = [RegisterTexts.MemberNotFound];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        return (wardId, new Nominee(type, body.GroupId!, type == NomineeType.Individual ? body.MemberId : null), form!, body.Period!.Trim());
    }

    public async Task<NominationView> GetAsync(DurableTaskClient durable, Caller caller, string id, string? wardId, CancellationToken ct) =>
        await ViewAsync(durable, caller, await FindAsync(caller, id, wardId, ct), ct);

    async Task<NominationView> ViewAsync(DurableTaskClient durable, Caller caller, NominationRecord record, CancellationToken ct)
    {
        var m = await durable.GetInstanceAsync(NominationWorkflow.InstanceId(record.Input.Id), getInputsAndOutputs: true, ct);
        var terms = await units.ForWardAsync(record.Input.WardId, ct);
        return View(caller, record, m, WorkflowStatus.Of(m), (await store.TrailAsync(record.Input.Id)).Select(e => InWords(e, terms)).ToList(), terms);
    }

    // The workflow stores its steps' names level-free; the nomination's page names the police's steps in its unit's words.
    static readonly string[] PoliceSteps = [NominationStep.EligibilityOverride, NominationStep.PoliceReview];

    static string StepName(WorkflowStatus s, WardTerms? terms) =>
        PoliceSteps.Contains(s.Step) ? CommendationTexts.NominationStepName(s.Step, terms) : s.StepName;

    static TrailEntry InWords(TrailEntry e, WardTerms? terms) =>
        PoliceSteps.Contains(e.Step) ? e with { StepName = CommendationTexts.NominationStepName(e.Step, terms) } : e;

    /// <summary>A nomination as the caller sees it, with what they may do now (a new one: status null, "starting").</summary>
    static NominationView View(Caller caller, NominationRecord record, OrchestrationMetadata? m, WorkflowStatus? status, IReadOnlyList<TrailEntry> timeline,
        WardTerms? terms = null)
    {
        var i = record.Input;
        var waiting = status?.StepId is not null && m!.RuntimeStatus == OrchestrationRuntimeStatus.Running;
        var actions = new List<WorkflowAction>();
        var at = $"/api/commendations/nominations/{i.Id}";
        if (waiting && Decision(status!.Step, i) is { } rule && caller.MayActIn(i.WardId, rule.Role))
            actions.AddRange(rule.Actions(status.Step, $"{at}/decisions/{status.Step}", CommendationTexts.NominationOutcomeName));
        if (IsNominator(caller, i) && record.Outcome is null)
            actions.Add(new("add-evidence", CommendationTexts.ActionAddEvidence, "POST", $"{at}/evidence"));
        if (IsNominator(caller, i) && waiting && status!.Step != NominationStep.Decision)
            actions.Add(new("withdraw", CommendationTexts.ActionWithdrawNomination, "POST", $"{at}/withdraw"));
        return new NominationView(i.Id, i.WardId, i.Nominee.Type, i.NomineeName, i.GroupName, i.Award.Id, i.Award.Name, i.Period, i.Achievements, i.Campaign,
            i.NominatedByName, i.CreatedAt, record.Status, status?.Step ?? "starting", status is null ? CommendationTexts.NominationStepName("starting") : StepName(status, terms), status?.WaitingFor,
            status?.DueAt, record.Evidence, timeline, record.Outcome, record.EligibilityProblems ?? [], actions);
    }

    /// <summary>
    /// A page of the nominations in the caller's scope (their ward; every ward, or the one asked, for district roles), newest first
    /// within each ward and ward after ward; with a name, in the order of the name's words. Each filter is a range of the ward's list
    /// rows (<see cref="CommendationStore.Lists"/>): the most selective one given is the range read — name, campaign, period, award
    /// form, status — and the others are compared in it by storage, so a page reads at most <paramref name="pageSize"/> rows of each
    /// ward it reaches, and at most <see cref="MaxQueriesPerPage"/> queries (a page may then hold fewer items and a token). Open
    /// nominations are shown at their workflow's step (one read of the engine each), closed ones as they ended.
    /// </summary>
    public async Task<NominationList> ListAsync(DurableTaskClient durable, Caller caller, NominationFilter f, string? token, int pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (f.WardId is not null && !Ids.IsValidWardId(f.WardId)) errors["wardId"] = [Texts.InputWrongValue];
        if (f.AwardFormId is not null && Input.IdProblem(f.AwardFormId) is { } formProblem) errors["awardFormId"] = [formProblem];
        if (f.Campaign is not null && Input.IdProblem(f.Campaign) is { } campaignProblem) errors["campaign"] = [campaignProblem];
        if (f.Status is not null && !Statuses.Contains(f.Status)) errors["status"] = [Texts.InvalidEnumValue("status", f.Status)];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var wards = (f.WardId is not null ? [f.WardId] : caller.IsDistrictWide ? (await register.ListWardsAsync(ct)).Select(w => w.Value.Id).ToList() : [caller.WardId!])
            .Where(caller.CanRead).ToList();

        var name = VietnameseText.Fold(f.Name);
        var range = name.Length > 0 ? CommendationStore.Lists.Name(name) : f.Campaign is { } c ? CommendationStore.Lists.Campaign(c)
            : f.Period is { } p ? CommendationStore.Lists.Period(p) : f.AwardFormId is { } a ? CommendationStore.Lists.Form(a)
            : f.Status is { } s ? CommendationStore.Lists.Status(s) : CommendationStore.Lists.All;
        var filters = new List<string>();
        if (f.Status is not null) filters.Add(TableClient.CreateQueryFilter($"Status eq {f.Status}"));
        if (f.AwardFormId is not null) filters.Add(TableClient.CreateQueryFilter($"AwardFormId eq {f.AwardFormId}"));
        if (f.Period is not null) filters.Add(TableClient.CreateQueryFilter($"Period eq {f.Period}"));
        if (f.Campaign is not null) filters.Add(TableClient.CreateQueryFilter($"Campaign eq {f.Campaign}"));
        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);

        // Token: "{ward index}:{Table Storage's token in that ward}", valid only for this list, these filters and these wards.
        var scope = $"nominations|{range}|{filter}|{string.Join(',', wards)}";
        var (index, inner) = ContinuationToken.DecodeAcross(token, scope, wards.Count, ListToken);
        var records = new List<NominationRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal); // a name can match two suffixes of one nominee's name
        for (var queries = 0; index < wards.Count && records.Count < pageSize && queries < MaxQueriesPerPage; queries++)
        {
            var (items, next) = await store.ListPageAsync(wards[index], range, filter, inner, pageSize - records.Count, ct);
            records.AddRange(items.Where(r => seen.Add(r.Input.Id)));
            inner = next;
            if (inner is null) index++;
        }
        var views = await Task.WhenAll(records.Select(r => ListViewAsync(durable, caller, r, ct)));
        return new NominationList(views, ContinuationToken.EncodeAcross(index, inner, scope, wards.Count), NominatorActions(caller, f.WardId));
    }

    /// <summary>
    /// What the caller may start from the list: a nomination and a campaign, when they nominate (a ward officer in their ward, the
    /// district police in any) — in the ward the list is filtered on, or in their own scope. The same rule as <see cref="ValidateAsync"/>.
    /// </summary>
    static IReadOnlyList<WorkflowAction> NominatorActions(Caller caller, string? wardId) =>
        (wardId is null ? caller.HasAny(Role.WardOfficer, Role.DistrictPolice) : caller.MayActIn(wardId, Role.WardOfficer, Role.DistrictPolice))
            ? [new("nominate", CommendationTexts.ActionNominate, "POST", "/api/commendations/nominations"),
               new("campaign", CommendationTexts.ActionNominateCampaign, "POST", "/api/commendations/campaigns/{campaign}/nominations")]
            : [];

    /// <summary>Most storage queries one page of the list sends (a sparse filter over many wards answers part of a page and a token).</summary>
    public const int MaxQueriesPerPage = 40;
    static readonly HashSet<string> Statuses = ["nominated", "eligible", "ineligible", O.Approved, O.Rejected, O.Withdrawn];
    static readonly System.Text.RegularExpressions.Regex ListToken = new(@"^[0-9]{1,4}:[A-Za-z0-9!+/=_*.\- ]{0,2048}$");

    /// <summary>A nomination in a list: an open one at its workflow's step (no timeline), a closed one as it ended (no read of the engine).</summary>
    async Task<NominationView> ListViewAsync(DurableTaskClient durable, Caller caller, NominationRecord record, CancellationToken ct)
    {
        if (record.Outcome is { } o)
            return View(caller, record, null, new WorkflowStatus(NominationStep.Closed, o.ResultName, null, record.Input.WardId, null), []);
        var m = await durable.GetInstanceAsync(NominationWorkflow.InstanceId(record.Input.Id), getInputsAndOutputs: true, ct);
        return View(caller, record, m, WorkflowStatus.Of(m), []);
    }

    public async Task<NominationView> AddEvidenceAsync(DurableTaskClient durable, Caller caller, string id, string fileName, string contentType, byte[] content, CancellationToken ct)
    {
        var record = await FindAsync(caller, id, null, ct);
        RequireNominator(caller, record.Input);
        if (record.Outcome is not null) throw ProblemException.Conflict(CommendationTexts.NominationClosed, "closed");
        if (Attachments.Recognise(content) is not { } kind) throw ProblemException.BadRequest(Texts.DocumentTypeNotAllowed, "document-type");
        var blob = await store.PutBlobAsync($"{id}/evidence/{Guid.NewGuid():N}{kind.Extension}", content, kind.ContentType);
        var added = new DocumentRef(Path.GetFileName(fileName), blob, kind.ContentType, content.Length, clock.GetUtcNow(), caller.DisplayName);
        // Added to the record as it is when written (the workflow may record a result meanwhile): neither change is lost.
        await store.UpdateAsync(record.Input, now => (now ?? record) with { Evidence = [.. (now ?? record).Evidence, added] });
        return await GetAsync(durable, caller, id, record.Input.WardId, ct);
    }

    /// <summary>A decision on the current step: the role, ward and step must fit (409 naming the actual step).</summary>
    public async Task<StepDecisionAccepted> DecideAsync(DurableTaskClient durable, Caller caller, string id, string step, NominationDecisionBody body, CancellationToken ct)
    {
        var record = await FindAsync(caller, id, null, ct);
        var i = record.Input;
        var rule = Decision(step, i) ?? throw ProblemException.NotFound(Texts.NotFound);
        caller.RequireInWard(i.WardId, rule.Role);
        var errors = rule.Check(body.Outcome, body.Comment, body.DecisionNumber, body.DecisionDate);
        if (body.DecisionDate is { } date && date > VietnamTime.Today(clock)) errors["decisionDate"] = [Texts.DecisionDateInFuture];
        CouncilVote? votes = null;
        if (rule.VotesAllowed && (body.VotesFor is not null || body.MeetingDate is not null))
        {
            if (body.VotesFor is not { } f || body.VotesAgainst is not { } a || body.VotesAbstain is not { } ab || body.MeetingDate is not { } meeting || f < 0 || a < 0 || ab < 0)
                errors["votes"] = [CommendationTexts.VotesIncomplete];
            else votes = new CouncilVote(f, a, ab, meeting);
        }
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var status = await RequireStepAsync(durable, id, step, ct);
        // At most one award per nominee, form and period: refused here when another nomination already holds it
        // (and, whatever the concurrency, by the claim the decision's activity makes).
        if (step == NominationStep.Decision && body.Outcome == O.Approve &&
            await store.AwardHolderAsync(i.WardId, i.Nominee, i.Award.Id, i.Period) is { } holder && holder != i.Id)
            throw ProblemException.Conflict(CommendationTexts.AwardHeldByAnother(i.Award.Name, i.Period), "already-awarded");
        await durable.RaiseEventAsync(NominationWorkflow.InstanceId(id), HumanStep.DecisionEvent, new StepDecision(status.StepId!, body.Outcome!, Clean(body.Comment),
            caller.ObjectId, caller.DisplayName, Clean(body.DecisionNumber), body.DecisionDate, null, votes), ct);
        return new StepDecisionAccepted(step, body.Outcome!);
    }

    /// <summary>The nominator withdraws the nomination at any step before the decision.</summary>
    public async Task WithdrawAsync(DurableTaskClient durable, Caller caller, string id, string? comment, CancellationToken ct)
    {
        var record = await FindAsync(caller, id, null, ct);
        RequireNominator(caller, record.Input);
        var m = await durable.GetInstanceAsync(NominationWorkflow.InstanceId(id), getInputsAndOutputs: true, ct);
        var status = WorkflowStatus.Of(m);
        if (status?.StepId is null || m!.RuntimeStatus != OrchestrationRuntimeStatus.Running || status.Step == NominationStep.Decision)
            throw ProblemException.Conflict(CommendationTexts.CannotWithdraw(status?.StepName ?? ""), "cannot-withdraw");
        await durable.RaiseEventAsync(m.InstanceId, HumanStep.DecisionEvent, new StepDecision(status.StepId, O.Withdraw, Clean(comment), caller.ObjectId, caller.DisplayName), ct);
    }

    /// <summary>An evidence file of the nomination, for anyone who may read the nomination (the reviewers among them).</summary>
    public async Task<(BinaryData Content, string ContentType, string Name)> EvidenceAsync(Caller caller, string id, string blobName, CancellationToken ct)
    {
        var record = await FindAsync(caller, id, null, ct);
        var known = record.Evidence.FirstOrDefault(e => e.BlobName == blobName) ?? throw ProblemException.NotFound(Texts.NotFound);
        var blob = await store.GetBlobAsync(known.BlobName) ?? throw ProblemException.NotFound(Texts.NotFound);
        return (blob.Content, blob.ContentType, known.Name);
    }

    public async Task<(BinaryData Content, string ContentType, string Name)> DocumentAsync(Caller caller, string id, string kind, string format, CancellationToken ct)
    {
        var record = await FindAsync(caller, id, null, ct);
        var doc = record.Outcome?.Documents.FirstOrDefault(d => d.Kind == kind && d.Format == format) ?? throw ProblemException.NotFound(CommendationTexts.DocumentNotReady);
        var blob = await store.GetBlobAsync(doc.BlobName) ?? throw ProblemException.NotFound(CommendationTexts.DocumentNotReady);
        return (blob.Content, blob.ContentType, doc.BlobName[(doc.BlobName.LastIndexOf('/') + 1)..]);
    }

    public async Task<IReadOnlyList<AwardRecord>> HistoryAsync(Caller caller, string wardId, string nomineeId)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        return (await store.HistoryAsync(wardId, nomineeId)).OrderByDescending(a => a.DecisionDate).ToList();
    }

    /// <summary>One nomination by id (a point read through the id index); 404 also when it is in a ward the caller may not read.</summary>
    async Task<NominationRecord> FindAsync(Caller caller, string id, string? wardId, CancellationToken ct)
    {
        if (!Ids.IsValidId(id)) throw ProblemException.NotFound(CommendationTexts.NominationNotFound);
        wardId ??= await store.WardOfAsync(id);
        if (wardId is null || !caller.CanRead(wardId) || await store.GetAsync(wardId, id) is not { } record)
            throw ProblemException.NotFound(CommendationTexts.NominationNotFound);
        return record;
    }

    static bool IsNominator(Caller caller, NominationInput i) =>
        i.NominatedBy == Role.DistrictPolice ? caller.Has(Role.DistrictPolice) : caller.MayActIn(i.WardId, Role.WardOfficer);

    static void RequireNominator(Caller caller, NominationInput i)
    {
        if (!IsNominator(caller, i)) throw ProblemException.Forbidden(CommendationTexts.OnlyNominator);
    }

    async Task<WorkflowStatus> RequireStepAsync(DurableTaskClient durable, string id, string step, CancellationToken ct)
    {
        var m = await durable.GetInstanceAsync(NominationWorkflow.InstanceId(id), getInputsAndOutputs: true, ct) ?? throw ProblemException.NotFound(CommendationTexts.NominationNotFound);
        var status = WorkflowStatus.Of(m);
        if (status?.Step != step || status.StepId is null || m.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            throw ProblemException.Conflict(CommendationTexts.NominationNotAtStep(status?.StepName ?? CommendationTexts.NominationStepName("starting")), "wrong-step");
        return status;
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Tidy(s);
}
