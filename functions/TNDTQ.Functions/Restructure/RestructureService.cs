using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Restructure;

public sealed record OpenCycleBody([Id] string? Id, [Text(Limits.Title)] string? Name, [Id, MaxCount(500)] IReadOnlyList<string>? WardIds, CycleDeadlines? Deadlines,
    [MaxCount(10)] IReadOnlyList<int>? RemindDaysBefore);
public sealed record AssessmentBody(Rating? Rating, [Text(Limits.LongText, MultiLine = true)] string? Strengths,
    [Text(Limits.LongText, MultiLine = true)] string? Shortcomings, Recommendation? Recommendation);
/// <summary>A proposal draft. Its size is bounded by <see cref="MaxBytes"/> and the limits of each change.</summary>
public sealed record ProposalBody([Text(Limits.Title)] string? Title, [Text(Limits.LongText, MultiLine = true)] string? Summary,
    [MaxCount(50)] IReadOnlyList<ProposedChange>? Changes)
{
    public const int MaxBytes = 256 * 1024;
}
public sealed record DecisionBody([Text(40)] string? Outcome, [Text(Limits.Comment, MultiLine = true)] string? Comment, [Text(50)] string? DecisionNumber,
    DateOnly? DecisionDate);
public sealed record DeadlineBody(DateTimeOffset? DueAt);

public sealed record CycleOpened(ReviewCycle Cycle, IReadOnlyList<string> Started, IReadOnlyList<string> AlreadyOpen);
/// <summary>One ward of a cycle: its step, who must act (and their role's name), by when, and whether that has passed.</summary>
public sealed record WardCycleSummary(string WardId, string Step, string StepName, Role? WaitingFor, DateTimeOffset? DueAt, string Status,
    string? WaitingForName = null, bool Overdue = false);
public sealed record WardCycleView(string CycleId, string CycleName, string WardId, string Step, string StepName, Role? WaitingFor, string? WaitingForName,
    DateTimeOffset? DueAt, IReadOnlyList<Assessment> Assessments, IReadOnlyList<string> GroupsNotAssessed, Proposal? Draft,
    IReadOnlyList<Proposal> Versions, IReadOnlyList<TrailEntry> Timeline, RestructureOutcome? Outcome, IReadOnlyList<WorkflowAction> Actions,
    DecisionDocumentView? DecisionDocument = null);
public sealed record DraftSaved(Proposal Draft, IReadOnlyDictionary<string, string[]> Problems);
/// <summary>A proposal sent up for review: the version it was kept as.</summary>
public sealed record ProposalSubmitted(int Version);

/// <summary>What the restructure endpoints do: who may act, at which step, then a decision event for the workflow.</summary>
public sealed class RestructureService(RestructureStore store, RegisterStore register, RegisterOptions options, CandidateCriteria criteria, TimeProvider clock,
    RestructureDocumentService documents, UnitTerms units)
{
    static readonly Role[] CycleOpeners = [Role.DistrictPolice, Role.DistrictLeader, Role.Administrator];

    /// <summary>Who decides each review step and how: what the API accepts and what the pages offer.</summary>
    public static readonly IReadOnlyDictionary<string, StepRule> Decisions = new Dictionary<string, StepRule>
    {
        [RestructureStep.ChairmanSignOff] = new(Role.WardChairman, [new(Outcomes.Approve), new(Outcomes.Return, CommentRequired: true)]),
        [RestructureStep.PoliceReview] = new(Role.DistrictPolice, [new(Outcomes.Forward), new(Outcomes.Return, CommentRequired: true)]),
        [RestructureStep.LeaderDecision] = new(Role.DistrictLeader,
            [new(Outcomes.Approve, DecisionRequired: true), new(Outcomes.Reject, CommentRequired: true), new(Outcomes.Return, CommentRequired: true)]),
    };

    public async Task<CycleOpened> OpenCycleAsync(DurableTaskClient durable, Caller caller, OpenCycleBody body, CancellationToken ct)
    {
        caller.Require(CycleOpeners);
        var errors = new Dictionary<string, string[]>();
        var name = VietnameseText.Tidy(body.Name);
        if (name.Length == 0) errors["name"] = [RestructureTexts.CycleNameRequired];
        var id = body.Id?.Trim() is { Length: > 0 } given ? given : VietnameseText.Fold(name).Replace(' ', '-');
        if (!Ids.IsValidId(id)) errors["id"] = [RestructureTexts.CycleIdInvalid];
        var now = clock.GetUtcNow();
        if (body.Deadlines is not { } d) errors["deadlines"] = [RestructureTexts.CycleDeadlinesRequired];
        else if (body.RemindDaysBefore?.Any(x => x is < 1 or > 60) == true) errors["remindDaysBefore"] = [RestructureTexts.RemindDaysInvalid];
        else if (d.AssessmentDue <= now || d.ProposalDue <= d.AssessmentDue || d.ProposalDue > now.AddYears(2) ||
                 new[] { d.ChairmanDays, d.PoliceDays, d.LeaderDays, d.RevisionDays }.Any(days => days is < 1 or > 90))
            errors["deadlines"] = [RestructureTexts.CycleDeadlinesInvalid];
        if (errors.Count > 0) throw ProblemException.Validation(errors);

        var wards = (await register.ListWardsAsync(ct)).Where(x => caller.CanRead(x.Value.Id)).ToList(); // an approving unit's staff: its own wards
        var chosen = body.WardIds is { Count: > 0 } w ? w.Distinct().ToList() : wards.Select(x => x.Value.Id).ToList();
        var unknown = chosen.Except(wards.Select(x => x.Value.Id)).ToList();
        if (unknown.Count > 0) throw ProblemException.Validation(new Dictionary<string, string[]> { ["wardIds"] = [RestructureTexts.UnknownWards(unknown)] });

        var cycle = await store.GetCycleAsync(id) ?? new ReviewCycle(id, name, body.Deadlines!, body.RemindDaysBefore ?? [7, 1], chosen, now, caller.DisplayName);
        await store.SaveCycleAsync(cycle with { WardIds = cycle.WardIds.Union(chosen).ToList() });
        var started = new List<string>();
        var already = new List<string>();
        foreach (var wardId in chosen)
        {
            // Deterministic instance id per ward and cycle: opening twice is a no-op.
            var instanceId = RestructureWorkflow.InstanceId(id, wardId);
            // A finished workflow whose instance was purged (Durable__RetentionDays) has its outcome in the table.
            if (await durable.GetInstanceAsync(instanceId, ct) is not null || await store.OutcomeAsync(id, wardId) is not null) { already.Add(wardId); continue; }
            var ward = wards.First(x => x.Value.Id == wardId).Value;
            var input = new RestructureInput(id, cycle.Name, wardId, ward.Name, cycle.Deadlines, cycle.RemindDaysBefore.Select(d => TimeSpan.FromDays(d)).ToList());
            await durable.ScheduleNewOrchestrationInstanceAsync(RestructureWorkflow.Current, input, new StartOrchestrationOptions(instanceId), ct);
            started.Add(wardId);
        }
        return new CycleOpened(cycle, started, already);
    }

    /// <summary>What the caller may do outside any one ward's cycle: open a cycle (the same rule <see cref="OpenCycleAsync"/> enforces).</summary>
    public IReadOnlyList<WorkflowAction> CycleActions(Caller caller) =>
        caller.HasAny(CycleOpeners) ? [new("open-cycle", RestructureTexts.ActionOpenCycle, "POST", "/api/restructure/cycles")] : [];

    /// <summary>The cycles the caller takes part in, each with only the wards the caller reaches (a ward role: its own).</summary>
    public async Task<IReadOnlyList<ReviewCycle>> ListCyclesAsync(Caller caller) =>
        (await store.ListCyclesAsync())
            .Where(c => c.WardIds.Any(caller.CanRead))
            .Select(c => c.WardIds.All(caller.CanRead) ? c : c with { WardIds = c.WardIds.Where(caller.CanRead).ToList() })
            .ToList();

    public async Task<IReadOnlyList<WardCycleSummary>> ListCycleWardsAsync(DurableTaskClient durable, Caller caller, string cycleId, string? step, CancellationToken ct)
    {
        var cycle = await store.GetCycleAsync(cycleId) ?? throw ProblemException.NotFound(RestructureTexts.CycleNotFound);
        var list = new List<WardCycleSummary>();
        foreach (var wardId in cycle.WardIds.Where(caller.CanRead))
        {
            var m = await durable.GetInstanceAsync(RestructureWorkflow.InstanceId(cycleId, wardId), getInputsAndOutputs: true, ct);
            if (m is null)
            {
                // Purged after it ended (retention): the cycle's records are kept, and say how it ended.
                if (await store.OutcomeAsync(cycleId, wardId) is { } kept && (step is null || step == RestructureStep.Closed))
                    list.Add(new WardCycleSummary(wardId, RestructureStep.Closed, kept.ResultName, null, null, nameof(OrchestrationRuntimeStatus.Completed)));
                continue;
            }
            var s = Status(m);
            var waiting = IsWaiting(m, s);
            var terms = await units.ForWardAsync(wardId, ct);
            if (step is null || s.Step == step)
                list.Add(new WardCycleSummary(wardId, s.Step, StepName(s, terms), s.WaitingFor, s.DueAt, m.RuntimeStatus.ToString(),
                    waiting && s.WaitingFor is { } r ? Texts.RoleName(r, terms) : null, waiting && s.DueAt < clock.GetUtcNow()));
        }
        return list;
    }

    public async Task<WardCycleView> GetAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, CancellationToken ct)
    {
        caller.RequireRead(wardId);
        if (!Ids.IsValidId(cycleId) || !Ids.IsValidWardId(wardId)) throw ProblemException.NotFound(RestructureTexts.RestructureNotFound);
        var m = await durable.GetInstanceAsync(RestructureWorkflow.InstanceId(cycleId, wardId), getInputsAndOutputs: true, ct);
        var outcome = await store.OutcomeAsync(cycleId, wardId);
        WorkflowStatus status; string cycleName;
        if (m is not null) (status, cycleName) = (Status(m), m.ReadInputAs<RestructureInput>()!.CycleName);
        else if (outcome is not null && await store.GetCycleAsync(cycleId) is { } cycle && cycle.WardIds.Contains(wardId))
            // The instance was purged after it ended (retention): the view answers from the records the cycle keeps.
            (status, cycleName) = (new WorkflowStatus(RestructureStep.Closed, outcome.ResultName, null, wardId, null), cycle.Name);
        else throw ProblemException.NotFound(RestructureTexts.RestructureNotFound);
        var assessments = await store.AssessmentsAsync(cycleId, wardId);
        var state = (await register.LoadAsync(wardId, ct)).State;
        var missing = state.Groups.Values.Where(g => g.Status == GroupStatus.Active && assessments.All(a => a.GroupId != g.Id))
            .Select(g => g.Name).Order(NaturalVietnameseComparer.Instance).ToList();
        var terms = await units.ForWardAsync(wardId, ct);
        var trail = (await store.TrailAsync(cycleId, wardId)).Select(e => InWords(e, terms)).ToList();
        if (outcome?.Result == Outcomes.Cancelled) outcome = outcome with { ResultName = RestructureTexts.RestructureResultName(outcome.Result, terms) };
        if (status.Step == RestructureStep.Closed && outcome is not null) status = status with { StepName = outcome.ResultName };
        return await documents.CompleteAsync(new WardCycleView(cycleId, cycleName, wardId, status.Step, StepName(status, terms), status.WaitingFor,
            status.WaitingFor is { } r ? Texts.RoleName(r, terms) : null, status.DueAt,
            assessments.OrderBy(a => a.GroupName, NaturalVietnameseComparer.Instance).ToList(), missing,
            await store.DraftAsync(cycleId, wardId), await store.VersionsAsync(cycleId, wardId), trail,
            outcome, m is null ? [] : Actions(caller, m, status, cycleId, wardId, terms)), ct);
    }

    // The workflow stores its steps' names level-free; a page names the approving unit's steps in its words ("Công an quận thẩm
    // định tờ trình"). A closed workflow's "step name" is its result's, kept as stored.
    static readonly string[] ApprovingSteps = [RestructureStep.PoliceReview, RestructureStep.LeaderDecision];
    static readonly string[] ApprovingOutcomes = [Outcomes.Forward, Outcomes.Cancel];

    static string StepName(WorkflowStatus s, WardTerms? terms) =>
        ApprovingSteps.Contains(s.Step) ? RestructureTexts.RestructureStepName(s.Step, terms) : s.StepName;

    static TrailEntry InWords(TrailEntry e, WardTerms? terms) => e with
    {
        StepName = ApprovingSteps.Contains(e.Step) ? RestructureTexts.RestructureStepName(e.Step, terms) : e.StepName,
        OutcomeName = ApprovingOutcomes.Contains(e.Outcome) ? RestructureTexts.RestructureOutcomeName(e.Outcome, terms) : e.OutcomeName,
    };

    /// <summary>What the caller may do now, from the same rules the endpoints enforce.</summary>
    static List<WorkflowAction> Actions(Caller caller, OrchestrationMetadata m, WorkflowStatus status, string cycleId, string wardId, WardTerms? terms)
    {
        var actions = new List<WorkflowAction>();
        if (!IsWaiting(m, status)) return actions;
        var at = $"/api/restructure/cycles/{cycleId}/wards/{wardId}";
        if (status.Step == RestructureStep.Assessment && caller.MayActIn(wardId, Role.WardOfficer))
        {
            actions.Add(new("assess", RestructureTexts.ActionAssess, "PUT", $"{at}/assessments/{{groupId}}"));
            actions.Add(new("submit-assessments", RestructureTexts.ActionSubmitAssessments, "POST", $"{at}/assessments/submit"));
        }
        if (status.Step == RestructureStep.Proposal && caller.MayActIn(wardId, Role.WardOfficer))
        {
            actions.Add(new("save-proposal", RestructureTexts.ActionSaveProposal, "PUT", $"{at}/proposal"));
            actions.Add(new("upload-document", RestructureTexts.ActionUploadDocument, "POST", $"{at}/proposal/documents"));
            actions.Add(new("submit-proposal", RestructureTexts.ActionSubmitProposal, "POST", $"{at}/proposal/submit"));
        }
        if (Decisions.TryGetValue(status.Step, out var rule) && caller.MayActIn(wardId, rule.Role))
            actions.AddRange(rule.Actions(status.Step, $"{at}/decisions/{status.Step}", o => RestructureTexts.RestructureOutcomeName(o, terms)));
        if (caller.MayActIn(wardId, Role.WardOfficer, Role.WardChairman))
            actions.Add(new("withdraw", RestructureTexts.ActionWithdrawRestructure, "POST", $"{at}/withdraw", CommentRequired: true));
        if (caller.HasAny(CycleOpeners))
        {
            actions.Add(new("move-deadline", RestructureTexts.ActionMoveDeadline, "PUT", $"{at}/deadline"));
            actions.Add(new("cancel", RestructureTexts.ActionCancelRestructure, "POST", $"{at}/cancel", CommentRequired: true));
        }
        return actions;
    }

    /// <summary>Running and waiting for a person (not starting, applying or closed).</summary>
    static bool IsWaiting(OrchestrationMetadata m, WorkflowStatus status) =>
        status.StepId is not null && m.RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public async Task<Assessment> SaveAssessmentAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, string groupId, AssessmentBody body, CancellationToken ct)
    {
        caller.RequireInWard(wardId, Role.WardOfficer);
        await RequireStepAsync(durable, cycleId, wardId, RestructureStep.Assessment, ct);
        var group = await register.GetGroupAsync(wardId, groupId, ct);
        if (group is null || group.Status != GroupStatus.Active) throw ProblemException.NotFound(RegisterTexts.GroupNotFound);
        var errors = new Dictionary<string, string[]>();
        if (body.Rating is null) errors["rating"] = [RestructureTexts.AssessmentRatingRequired];
        if (body.Recommendation is null) errors["recommendation"] = [RestructureTexts.AssessmentRecommendationRequired];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var assessment = new Assessment(groupId, group.Name, body.Rating!.Value, Clean(body.Strengths), Clean(body.Shortcomings), body.Recommendation!.Value,
            caller.DisplayName, clock.GetUtcNow());
        await store.SaveAssessmentAsync(cycleId, wardId, assessment);
        return assessment;
    }

    public async Task SubmitAssessmentsAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, CancellationToken ct)
    {
        caller.RequireInWard(wardId, Role.WardOfficer);
        var (m, status, _) = await RequireStepAsync(durable, cycleId, wardId, RestructureStep.Assessment, ct);
        var assessed = (await store.AssessmentsAsync(cycleId, wardId)).Select(a => a.GroupId).ToHashSet();
        var missing = (await register.LoadAsync(wardId, ct)).State.Groups.Values.Where(g => g.Status == GroupStatus.Active && !assessed.Contains(g.Id))
            .Select(g => g.Name).Order(NaturalVietnameseComparer.Instance).ToList();
        if (missing.Count > 0) throw ProblemException.Validation(new Dictionary<string, string[]> { ["assessments"] = [RestructureTexts.GroupsNotAssessed(missing)] });
        await RaiseAsync(durable, m, status, Outcomes.Submitted, null, caller, ct: ct);
    }

    public async Task<DraftSaved> SaveDraftAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, ProposalBody body, CancellationToken ct)
    {
        caller.RequireInWard(wardId, Role.WardOfficer);
        await RequireStepAsync(durable, cycleId, wardId, RestructureStep.Proposal, ct);
        var existing = await store.DraftAsync(cycleId, wardId);
        var versions = await store.VersionsAsync(cycleId, wardId);
        var draft = new Proposal(VietnameseText.Tidy(body.Title), Clean(body.Summary), body.Changes ?? [], existing?.Documents ?? [],
            (versions.Count == 0 ? 0 : versions.Max(v => v.Version)) + 1,
            clock.GetUtcNow(), caller.DisplayName);
        await store.SaveDraftAsync(cycleId, wardId, draft);
        return new DraftSaved(draft, await CheckAsync(draft, wardId, ct));
    }

    public async Task<Proposal> AddDocumentAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, string fileName, string contentType,
        byte[] content, CancellationToken ct)
    {
        caller.RequireInWard(wardId, Role.WardOfficer);
        await RequireStepAsync(durable, cycleId, wardId, RestructureStep.Proposal, ct);
        if (Attachments.Recognise(content) is not { } kind) throw ProblemException.BadRequest(Texts.DocumentTypeNotAllowed, "document-type");
        var draft = await store.DraftAsync(cycleId, wardId) ?? throw ProblemException.Conflict(RestructureTexts.DraftMissing, "no-draft");
        var document = await store.UploadAsync(cycleId, wardId, Path.GetFileName(fileName), kind.Extension, kind.ContentType, content, caller.DisplayName, clock.GetUtcNow());
        draft = draft with { Documents = [.. draft.Documents, document], UpdatedAt = clock.GetUtcNow(), UpdatedBy = caller.DisplayName };
        await store.SaveDraftAsync(cycleId, wardId, draft);
        return draft;
    }

    public async Task<(BinaryData Content, string ContentType, string Name)> DocumentAsync(Caller caller, string cycleId, string wardId, string blobName)
    {
        caller.RequireRead(wardId);
        if (!blobName.StartsWith($"{cycleId}/{wardId}/", StringComparison.Ordinal)) throw ProblemException.NotFound(Texts.NotFound);
        var known = (await store.VersionsAsync(cycleId, wardId)).Append(await store.DraftAsync(cycleId, wardId)).OfType<Proposal>()
            .SelectMany(p => p.Documents).FirstOrDefault(d => d.BlobName == blobName) ?? throw ProblemException.NotFound(Texts.NotFound);
        var found = await store.DownloadAsync(blobName) ?? throw ProblemException.NotFound(Texts.NotFound);
        return (found.Content, found.ContentType, known.Name);
    }

    public async Task<ProposalSubmitted> SubmitProposalAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, CancellationToken ct)
    {
        caller.RequireInWard(wardId, Role.WardOfficer);
        var (m, status, _) = await RequireStepAsync(durable, cycleId, wardId, RestructureStep.Proposal, ct);
        var draft = await store.DraftAsync(cycleId, wardId) ?? throw ProblemException.Conflict(RestructureTexts.DraftMissing, "no-draft");
        var problems = await CheckAsync(draft, wardId, ct);
        if (problems.Count > 0) throw ProblemException.Validation(problems);
        // The version is the round of this proposal step, so a doubled submission rewrites the same version.
        var version = int.Parse(status.StepId!.Split('-').Last(), System.Globalization.CultureInfo.InvariantCulture);
        // The submitted version is kept as it was sent up; the draft stays for a later revision.
        await store.SaveVersionAsync(cycleId, wardId, draft with { Version = version });
        await RaiseAsync(durable, m, status, Outcomes.Submitted, null, caller, version: version, ct: ct);
        return new ProposalSubmitted(version);
    }

    /// <summary>A review decision: the role and ward must fit the step, and the workflow must be waiting for exactly it.</summary>
    public async Task<StepDecisionAccepted> DecideAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, string step, DecisionBody body, CancellationToken ct)
    {
        var rule = Decisions.GetValueOrDefault(step) ?? throw ProblemException.NotFound(Texts.NotFound);
        caller.RequireInWard(wardId, rule.Role);
        var errors = rule.Check(body.Outcome, body.Comment, body.DecisionNumber, body.DecisionDate);
        if (body.DecisionDate is { } date && date > VietnamTime.Today(clock)) errors["decisionDate"] = [Texts.DecisionDateInFuture];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var (m, status, _) = await RequireStepAsync(durable, cycleId, wardId, step, ct);
        await documents.RequireDecisionNumberFreeAsync(cycleId, wardId, step, body, ct);
        await RaiseAsync(durable, m, status, body.Outcome!, Clean(body.Comment), caller, VietnameseText.Tidy(body.DecisionNumber) is { Length: > 0 } n ? n : null,
            body.DecisionDate, ct: ct);
        return new StepDecisionAccepted(step, body.Outcome!);
    }

    /// <summary>
    /// The ward withdraws its review (ward officer or chairman), or the district cancels it (with a
    /// reason): possible at any step before the district leader's decision has been taken.
    /// </summary>
    public async Task StopAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, bool cancel, string? comment, CancellationToken ct)
    {
        if (cancel) caller.Require(CycleOpeners);
        else caller.RequireInWard(wardId, Role.WardOfficer, Role.WardChairman);
        if (string.IsNullOrWhiteSpace(comment)) throw ProblemException.Validation(new Dictionary<string, string[]> { ["comment"] = [Texts.CommentRequired] });
        var (m, status, _) = await FindAsync(durable, cycleId, wardId, ct);
        if (!IsWaiting(m, status)) throw ProblemException.Conflict(RestructureTexts.RestructureCannotStop(status.StepName), "cannot-stop");
        await RaiseAsync(durable, m, status, cancel ? Outcomes.Cancel : Outcomes.Withdraw, Clean(comment), caller, ct: ct);
    }

    public async Task ChangeDeadlineAsync(DurableTaskClient durable, Caller caller, string cycleId, string wardId, DeadlineBody body, CancellationToken ct)
    {
        caller.Require(CycleOpeners);
        if (body.DueAt is not { } due || due <= clock.GetUtcNow() || due > clock.GetUtcNow().AddYears(1))
            throw ProblemException.Validation(new Dictionary<string, string[]> { ["dueAt"] = [RestructureTexts.DeadlineInPast] });
        var (m, status, _) = await FindAsync(durable, cycleId, wardId, ct);
        if (!IsWaiting(m, status)) throw ProblemException.Conflict(RestructureTexts.RestructureNotAtStep(status.StepName), "not-waiting");
        await durable.RaiseEventAsync(m.InstanceId, HumanStep.DeadlineChangedEvent, new StepDeadline(status.StepId!, due), ct);
    }

    async Task<Dictionary<string, string[]>> CheckAsync(Proposal draft, string wardId, CancellationToken ct) =>
        ProposalChecks.Validate(draft, (await register.LoadAsync(wardId, ct)).State, options, criteria, VietnamTime.Today(clock));

    async Task<(OrchestrationMetadata, WorkflowStatus, RestructureInput)> FindAsync(DurableTaskClient durable, string cycleId, string wardId, CancellationToken ct)
    {
        if (!Ids.IsValidId(cycleId) || !Ids.IsValidWardId(wardId)) throw ProblemException.NotFound(RestructureTexts.RestructureNotFound);
        var m = await durable.GetInstanceAsync(RestructureWorkflow.InstanceId(cycleId, wardId), getInputsAndOutputs: true, ct)
            ?? throw ProblemException.NotFound(RestructureTexts.RestructureNotFound);
        return (m, Status(m), m.ReadInputAs<RestructureInput>()!);
    }

    async Task<(OrchestrationMetadata, WorkflowStatus, RestructureInput)> RequireStepAsync(DurableTaskClient durable, string cycleId, string wardId, string step, CancellationToken ct)
    {
        var found = await FindAsync(durable, cycleId, wardId, ct);
        if (found.Item2.Step != step || !IsWaiting(found.Item1, found.Item2))
            throw ProblemException.Conflict(RestructureTexts.RestructureNotAtStep(found.Item2.StepName), "wrong-step");
        return found;
    }

    static WorkflowStatus Status(OrchestrationMetadata m) =>
        WorkflowStatus.Of(m)
        ?? new WorkflowStatus("starting", RestructureTexts.RestructureStepName("starting"), null, "", null);

    static Task RaiseAsync(DurableTaskClient durable, OrchestrationMetadata m, WorkflowStatus status, string outcome, string? comment, Caller caller,
        string? decisionNumber = null, DateOnly? decisionDate = null, int? version = null, CancellationToken ct = default) =>
        durable.RaiseEventAsync(m.InstanceId, HumanStep.DecisionEvent,
            new StepDecision(status.StepId!, outcome, comment, caller.ObjectId, caller.DisplayName, decisionNumber, decisionDate, version), ct);

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Tidy(s);
}
