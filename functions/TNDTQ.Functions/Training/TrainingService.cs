using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Training;

/// <summary>
/// What the training endpoints do: the district police plan, publish, cancel a session and record its attendance;
/// each invited ward's officer confirms who attends on the ward's invitation workflow; coverage and a person's history
/// are read from the rows attendance keeps. Ward roles see only sessions inviting their ward and only their ward's people.
/// </summary>
public sealed class TrainingService(TrainingStore store, TrainingRegister register, TrainingOptions options, TimeProvider clock)
{
    static readonly Role[] Planners = [Role.DistrictPolice];
    static readonly Role[] Confirmers = [Role.WardOfficer];
    public static readonly IReadOnlyList<TimeSpan> RemindBefore = [TimeSpan.FromDays(3), TimeSpan.FromDays(1)];
    const int MaxFiles = 10;
    /// <summary>The session row keeps a ward's last few replaced lists and a bounded number of attendance corrections (its size stays far below storage's limits).</summary>
    const int MaxEarlierLists = 5;
    const int MaxCorrections = 20;
    const int MaxAttempts = 30;
    public static string Url(string id) => $"/api/training/sessions/{id}";

    /// <summary>Confirmations close at 17:00 Vietnam time on the day set, or when the session starts if that is earlier (confirmed on its day).</summary>
    public static DateTimeOffset ConfirmDeadline(TrainingSession s)
    {
        var end = new DateTimeOffset(s.ConfirmBy.ToDateTime(new TimeOnly(17, 0)), VietnamTime.Offset);
        return end < s.StartsAt ? end : s.StartsAt;
    }

    // ---- the police's writes -------------------------------------------------------------------

    public async Task<TrainingSessionView> PlanAsync(Caller caller, string? requestId, TrainingSessionBody body, CancellationToken ct)
    {
        caller.Require(Planners);
        var op = requestId ?? Guid.NewGuid().ToString("N");
        // A retried request (same x-requestid) names the same session: recognised, never planned twice.
        var id = "th-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(op)))[..12];
        if (await store.GetAsync(id, ct) is { } done) return await ViewAsync(null, caller, done);
        var now = clock.GetUtcNow();
        var plan = await BuildAsync(caller, body, ct);
        var s = new TrainingSession(id, plan.Topic, plan.Title, plan.StartsAt, plan.Place, plan.Trainer, plan.WardIds, plan.Invite, plan.Capacity, plan.ConfirmBy,
            SessionStatus.Planned, 1, now, caller.DisplayName, now, caller.DisplayName, new Dictionary<string, WardConfirmation>(), [], []);
        try { await store.SaveAsync(s, null, Audit(caller, now, "plan", s, $"Lập kế hoạch tập huấn \"{s.Title}\"", op), ct); }
        catch (SessionWriteConflict) { } // the same request, at the same time: the first one's session is the answer
        return await ViewAsync(null, caller, (await store.GetAsync(id, ct))!);
    }

    public async Task<TrainingSessionView> EditAsync(Caller caller, string id, string? ifMatch, TrainingSessionBody body, CancellationToken ct)
    {
        caller.Require(Planners);
        if (ifMatch is null) throw new ProblemException(428, Texts.ValidationFailed, Texts.IfMatchRequired, "if-match-required");
        var current = await RequireAsync(id, ct);
        if (ifMatch != "*" && ifMatch != current.ETag.ToString()) throw Stale();
        if (current.Value.Status != SessionStatus.Planned) throw ProblemException.Conflict(TrainingTexts.TrainingNotPlanned, "not-planned");
        var plan = await BuildAsync(caller, body, ct);
        var now = clock.GetUtcNow();
        var s = current.Value with
        {
            Topic = plan.Topic,
            Title = plan.Title,
            StartsAt = plan.StartsAt,
            Place = plan.Place,
            Trainer = plan.Trainer,
            WardIds = plan.WardIds,
            Invite = plan.Invite,
            Capacity = plan.Capacity,
            ConfirmBy = plan.ConfirmBy,
            Version = current.Value.Version + 1,
            UpdatedAt = now,
            UpdatedByName = caller.DisplayName,
        };
        try { await store.SaveAsync(s, current, Audit(caller, now, "edit", s, $"Sửa kế hoạch tập huấn \"{s.Title}\" (lần {s.Version - 1})", Guid.NewGuid().ToString("N")), ct); }
        catch (SessionWriteConflict) { throw Stale(); }
        return await ViewAsync(null, caller, (await store.GetAsync(id, ct))!);
    }

    /// <summary>
    /// Sends the invitations: the session leaves "planned" (ETag-checked: once), and one invitation workflow per ward is
    /// started under a fixed instance id, only if it does not exist — publishing again (a retry) starts none twice.
    /// </summary>
    public async Task<TrainingSessionView> PublishAsync(DurableTaskClient durable, Caller caller, string id, string? ifMatch, CancellationToken ct)
    {
        caller.Require(Planners);
        var current = await RequireAsync(id, ct);
        if (current.Value.Status == SessionStatus.Planned)
        {
            if (ifMatch is not null && ifMatch != "*" && ifMatch != current.ETag.ToString()) throw Stale();
            var now = clock.GetUtcNow();
            if (current.Value.ConfirmBy < VietnamTime.Today(clock) || current.Value.StartsAt <= now)
                throw ProblemException.Conflict(TrainingTexts.TrainingConfirmByPassed, "confirm-by-passed");
            var s = current.Value with { Status = SessionStatus.Published, PublishedAt = now, UpdatedAt = now, UpdatedByName = caller.DisplayName };
            try { await store.SaveAsync(s, current, Audit(caller, now, "publish", s, $"Gửi giấy mời tập huấn \"{s.Title}\" tới {s.WardIds.Count} phường", Guid.NewGuid().ToString("N")), ct); }
            catch (SessionWriteConflict) { if (ifMatch is not null && ifMatch != "*") throw Stale(); }
            current = await RequireAsync(id, ct);
        }
        if (current.Value.Status != SessionStatus.Published) throw ProblemException.Conflict(TrainingTexts.TrainingCannotPublish, "not-planned");
        await StartInvitationsAsync(durable, current.Value, ct);
        return await ViewAsync(durable, caller, current);
    }

    async Task StartInvitationsAsync(DurableTaskClient durable, TrainingSession s, CancellationToken ct)
    {
        var wards = (await register.WardsAsync(ct)).ToDictionary(w => w.Id);
        foreach (var wardId in s.WardIds)
        {
            var instanceId = TrainingInvitationOrchestrator.InstanceId(s.Id, wardId);
            if (await durable.GetInstanceAsync(instanceId, ct) is not null) continue;
            var input = new InvitationInput(s.Id, s.Title, s.Date, wardId, wards.GetValueOrDefault(wardId)?.Name ?? wardId, ConfirmDeadline(s), RemindBefore);
            try { await durable.ScheduleNewOrchestrationInstanceAsync(TrainingInvitationOrchestrator.Name, input, new StartOrchestrationOptions(instanceId), ct); }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                if (await durable.GetInstanceAsync(instanceId, ct) is null) throw; // not started meanwhile by a concurrent publish: a real failure
            }
        }
    }

    public async Task<TrainingSessionView> CancelAsync(DurableTaskClient durable, Caller caller, string id, CancelSessionBody body, CancellationToken ct)
    {
        caller.Require(Planners);
        var reason = Clean(body.Reason) ?? throw ProblemException.Validation(new Dictionary<string, string[]> { ["reason"] = [TrainingTexts.TrainingCancelReasonRequired] });
        var s = await ChangeAsync(id, old =>
        {
            if (old.Status == SessionStatus.Cancelled) return null;
            if (old.Status is not (SessionStatus.Planned or SessionStatus.Published)) throw ProblemException.Conflict(TrainingTexts.TrainingCannotCancel, "cannot-cancel");
            var now = clock.GetUtcNow();
            return (old with { Status = SessionStatus.Cancelled, CancelledAt = now, CancelReason = reason, UpdatedAt = now, UpdatedByName = caller.DisplayName },
                Audit(caller, now, "cancel", old, $"Hủy hội nghị tập huấn \"{old.Title}\": {reason}", Guid.NewGuid().ToString("N")));
        }, ct);
        await EndWaitingInvitationsAsync(durable, caller, s.Value, InvitationOutcome.Cancel, reason, ct);
        return await ViewAsync(durable, caller, s);
    }

    /// <summary>
    /// Attendance after the session: present or absent for each confirmed person (one left out is absent). Each ward's
    /// attendance is written in parts, each part ONE transaction with the people's training rows and the ward's figures;
    /// a part written before is skipped, so a retry after a crash between parts finishes the rest and counts nothing twice.
    /// Then the session is marked held and invitations still waiting are closed.
    /// </summary>
    public async Task<TrainingSessionView> RecordAttendanceAsync(DurableTaskClient durable, Caller caller, string id, string? requestId, TrainingAttendanceBody body,
        CancellationToken ct)
    {
        caller.Require(Planners);
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var current = await RequireAsync(id, ct);
        var s = current.Value;
        if (s.Status == SessionStatus.Held) throw ProblemException.Conflict(TrainingTexts.TrainingAttendanceRecorded, "attendance-recorded");
        if (s.Status != SessionStatus.Published) throw ProblemException.Conflict(TrainingTexts.TrainingNotPublished, "not-published");
        var now = clock.GetUtcNow();
        if (s.StartsAt > now) throw ProblemException.Conflict(TrainingTexts.TrainingNotHeldYet, "not-held-yet");
        if (s.Confirmed == 0) throw ProblemException.Conflict(TrainingTexts.TrainingNobodyToRecord, "nobody-confirmed");

        var errors = new Dictionary<string, string[]>();
        var present = new Dictionary<(string, string), bool>();
        for (var i = 0; i < (body.People?.Count ?? 0); i++)
        {
            var p = body.People![i];
            if (p.WardId is null || p.MemberId is null) { errors.TryAdd($"people[{i}].memberId", [Texts.InputRequired]); continue; }
            if (!(s.Confirmations.GetValueOrDefault(p.WardId)?.People.Any(x => x.MemberId == p.MemberId) ?? false))
            { errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingPersonNotConfirmed]); continue; }
            if (!present.TryAdd((p.WardId, p.MemberId), p.Present ?? true)) errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingPersonTwice]);
        }
        if (errors.Count > 0) throw ProblemException.Validation(errors);

        foreach (var (wardId, confirmation) in s.Confirmations.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            // The parts come from the confirmed list (not the body), so a retry cuts the same parts.
            var marks = confirmation.People.Select(p => new Presence(p, present.GetValueOrDefault((wardId, p.MemberId)))).ToList();
            for (var part = 0; part * TrainingStore.PeoplePerTransaction < Math.Max(1, marks.Count); part++)
            {
                var slice = marks.Skip(part * TrainingStore.PeoplePerTransaction).Take(TrainingStore.PeoplePerTransaction).ToList();
                await store.WritePartAsync(wardId, s, new AttendancePart(s.Id, part, slice, now, caller.DisplayName),
                    Audit(caller, now, "attendance", s, $"Ghi điểm danh tập huấn \"{s.Title}\": {slice.Count(x => x.Present)}/{slice.Count} người có mặt", op), ct);
                // Then the register: the present people's last training date on their member rows, with the counters the dashboard reads
                // (written or not just now: a part written before a crash has its register update finished here).
                await register.RecordAttendanceAsync(wardId, s.Date, slice, Actor.Of(caller), ct);
            }
        }
        var held = await ChangeAsync(id, old => old.Status != SessionStatus.Published ? null
            : (old with { Status = SessionStatus.Held, AttendanceWards = old.Confirmations.Keys.Order(StringComparer.Ordinal).ToList(), UpdatedAt = now, UpdatedByName = caller.DisplayName },
               Audit(caller, now, "held", old, $"Hội nghị tập huấn \"{old.Title}\" đã tổ chức, đã ghi điểm danh", op + "-held")), ct);
        await EndWaitingInvitationsAsync(durable, caller, held.Value, InvitationOutcome.Closed, null, ct);
        return await ViewAsync(durable, caller, held);
    }

    /// <summary>
    /// Attendance corrected after the session was held (a person marked absent who came, or the other way), with a reason: each ward part
    /// holding a changed person is corrected in ONE transaction with the people's training rows and the ward's figures
    /// (<see cref="TrainingStore.CorrectPartAsync"/>), then their last training on the register's member rows (set exactly, earlier too),
    /// then the correction is kept on the session (who, when, why, whose presence changed). Each step is idempotent under the request id:
    /// a retry after a crash finishes the rest and changes nothing twice.
    /// </summary>
    public async Task<TrainingSessionView> CorrectAttendanceAsync(DurableTaskClient durable, Caller caller, string id, string? requestId, CorrectAttendanceBody body,
        CancellationToken ct)
    {
        caller.Require(Planners);
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var current = await RequireAsync(id, ct);
        var s = current.Value;
        if (s.Status != SessionStatus.Held) throw ProblemException.Conflict(TrainingTexts.TrainingAttendanceNotRecorded, "attendance-not-recorded");
        if (s.Corrections?.Any(c => c.OperationId == op) == true) return await ViewAsync(durable, caller, current);
        if (s.Corrections?.Count >= MaxCorrections) throw ProblemException.Conflict(TrainingTexts.TrainingTooManyCorrections(MaxCorrections), "too-many-corrections");
        var errors = new Dictionary<string, string[]>();
        var reason = Clean(body.Reason);
        if (reason is null) errors["reason"] = [TrainingTexts.TrainingCorrectionReasonRequired];
        var changes = new Dictionary<string, Dictionary<string, bool>>(); // ward → member → present
        for (var i = 0; i < (body.People?.Count ?? 0); i++)
        {
            var p = body.People![i];
            if (p.WardId is null || p.MemberId is null || p.Present is null) { errors.TryAdd($"people[{i}].memberId", [Texts.InputRequired]); continue; }
            if (!s.AttendanceWards.Contains(p.WardId) || !(s.Confirmations.GetValueOrDefault(p.WardId)?.People.Any(x => x.MemberId == p.MemberId) ?? false))
            { errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingPersonNotConfirmed]); continue; }
            if (!(changes.TryGetValue(p.WardId, out var ward) ? ward : changes[p.WardId] = []).TryAdd(p.MemberId, p.Present.Value))
                errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingPersonTwice]);
        }
        if (errors.Count == 0 && changes.Count == 0) errors["people"] = [TrainingTexts.TrainingNothingToCorrect];
        if (errors.Count > 0) throw ProblemException.Validation(errors);

        var now = clock.GetUtcNow();
        var (nowPresent, nowAbsent) = (new List<string>(), new List<string>());
        foreach (var (wardId, people) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var part in await store.AttendanceAsync(wardId, s.Id, ct))
                await store.CorrectPartAsync(wardId, s, part.Part, people,
                    Audit(caller, now, "correct-attendance", s, TrainingTexts.TrainingAttendanceCorrected(s.Title, reason!), op), ct);
            // The register after the training rows (also when they were corrected before a crash): each person's last training as their row says now.
            var rows = await Task.WhenAll(people.Keys.Select(m => store.PersonAsync(wardId, m, ct)));
            var confirmed = s.Confirmations[wardId].People.ToDictionary(p => p.MemberId);
            var dates = people.Keys.Zip(rows, (m, row) => row ?? new TrainedPerson(m, confirmed[m].GroupId, confirmed[m].FullName, [])).ToList();
            await register.CorrectAttendanceAsync(wardId, dates, Actor.Of(caller), TrainingTexts.TrainingAttendanceCorrected(s.Title, reason!), ct);
            foreach (var (m, present) in people) (present ? nowPresent : nowAbsent).Add(confirmed[m].FullName);
        }
        var done = await ChangeAsync(id, old => old.Corrections?.Any(c => c.OperationId == op) == true ? null
            : (old with
            {
                Corrections = [.. old.Corrections ?? [], new AttendanceCorrection(op, now, caller.DisplayName, reason!, nowPresent, nowAbsent)],
                UpdatedAt = now,
                UpdatedByName = caller.DisplayName
            },
               Audit(caller, now, "correct-attendance", old, TrainingTexts.TrainingAttendanceCorrected(old.Title, reason!), op + "-session")), ct);
        return await ViewAsync(durable, caller, done);
    }

    public async Task<TrainingSessionView> AddFileAsync(Caller caller, string id, string? requestId, string fileName, byte[] content, CancellationToken ct)
    {
        caller.Require(Planners);
        if (Attachments.Recognise(content) is not { } kind) throw ProblemException.BadRequest(Texts.DocumentTypeNotAllowed, "document-type");
        var existing = await RequireAsync(id, ct);
        if (existing.Value.Status is not (SessionStatus.Published or SessionStatus.Held)) throw ProblemException.Conflict(TrainingTexts.TrainingFileNotAllowed, "not-published");
        if (existing.Value.Files.Count >= MaxFiles) throw ProblemException.Conflict(TrainingTexts.TrainingTooManyFiles(MaxFiles), "too-many-files");
        // The blob's name comes from the operation: a retried upload overwrites the same blob, and the session lists it once.
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var blob = await store.PutFileAsync($"{id}/{op}{kind.Extension}", content, kind.ContentType);
        var s = await ChangeAsync(id, old =>
        {
            if (old.Files.Any(f => f.BlobName == blob)) return null;
            var now = clock.GetUtcNow();
            return (old with { Files = [.. old.Files, new SessionFile(fileName, blob, kind.ContentType, content.Length, now, caller.DisplayName)] },
                Audit(caller, now, "file", old, $"Đính kèm {fileName} cho hội nghị tập huấn \"{old.Title}\"", op));
        }, ct);
        return await ViewAsync(null, caller, s);
    }

    // ---- the ward's confirmation ----------------------------------------------------------------

    /// <summary>
    /// The ward officer confirms who attends: active members of the ward, the capacity across wards respected (checked
    /// on the one session row, ETag-checked, so two wards confirming at once cannot both take the last seats). The people
    /// are written first, then the decision is raised: a retry after a crash in between writes the same list again.
    /// A ward that confirmed (its invitation ended) may change its list until the session starts, with a reason: the new list
    /// replaces the old one, which is kept with who confirmed it and when (<see cref="WardConfirmation.Earlier"/>); no workflow moves.
    /// </summary>
    public async Task<TrainingSessionView> ConfirmAsync(DurableTaskClient durable, Caller caller, string id, string wardId, ConfirmAttendeesBody body, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireInWard(wardId, Confirmers);
        var current = await RequireAsync(id, ct);
        if (!current.Value.WardIds.Contains(wardId)) throw ProblemException.NotFound(TrainingTexts.TrainingWardNotInvited);
        var instanceId = TrainingInvitationOrchestrator.InstanceId(id, wardId);
        var waiting = current.Value.Status == SessionStatus.Published && Waiting(await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct));
        var changing = !waiting && current.Value.Confirmations.ContainsKey(wardId);
        string? reason = null;
        if (changing)
        {
            if (current.Value.Status != SessionStatus.Published || current.Value.StartsAt <= clock.GetUtcNow())
                throw ProblemException.Conflict(TrainingTexts.TrainingConfirmationClosed, "confirmation-closed");
            reason = Clean(body.Reason) ?? throw ProblemException.Validation(new Dictionary<string, string[]> { ["reason"] = [TrainingTexts.TrainingChangeReasonRequired] });
        }
        else if (!waiting) throw ProblemException.Conflict(TrainingTexts.TrainingNotWaitingForConfirmation, "not-waiting");

        var errors = new Dictionary<string, string[]>();
        var people = new List<Participant>();
        for (var i = 0; i < (body.People?.Count ?? 0); i++)
        {
            var p = body.People![i];
            if (p.GroupId is null || p.MemberId is null) { errors.TryAdd($"people[{i}].memberId", [Texts.InputRequired]); continue; }
            if (p.WardId is not null && p.WardId != wardId) { errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingPersonNotInWard]); continue; }
            if (people.Any(x => x.MemberId == p.MemberId)) { errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingPersonTwice]); continue; }
            if (await register.ActiveMemberAsync(caller, wardId, p.GroupId, p.MemberId, ct) is not { } found) { errors.TryAdd($"people[{i}].memberId", [TrainingTexts.TrainingMemberNotActive]); continue; }
            people.Add(found);
        }
        if (errors.Count == 0 && people.Count == 0) errors["people"] = [TrainingTexts.TrainingNobodyConfirmed];
        if (errors.Count > 0) throw ProblemException.Validation(errors);

        var s = await ChangeAsync(id, old =>
        {
            if (old.Status != SessionStatus.Published) throw ProblemException.Conflict(TrainingTexts.TrainingNotWaitingForConfirmation, "not-waiting");
            var was = old.Confirmations.GetValueOrDefault(wardId);
            if (changing && (was is null || old.StartsAt <= clock.GetUtcNow())) throw ProblemException.Conflict(TrainingTexts.TrainingConfirmationClosed, "confirmation-closed");
            var others = old.Confirmations.Where(c => c.Key != wardId).Sum(c => c.Value.People.Count);
            if (others + people.Count > old.Capacity) throw ProblemException.Conflict(TrainingTexts.TrainingFull(old.Capacity - others), "capacity-full");
            var now = clock.GetUtcNow();
            var confirmation = changing
                ? new WardConfirmation(people, now, caller.DisplayName, reason, [.. (was!.Earlier ?? []).TakeLast(MaxEarlierLists - 1), was with { Earlier = null }])
                : new WardConfirmation(people, now, caller.DisplayName);
            var confirmations = new Dictionary<string, WardConfirmation>(old.Confirmations) { [wardId] = confirmation };
            var said = changing ? TrainingTexts.TrainingConfirmationChanged(wardId, was!.People.Count, people.Count, old.Title, reason!)
                : $"Phường {wardId} xác nhận {people.Count} người dự tập huấn \"{old.Title}\"";
            return (old with { Confirmations = confirmations }, Audit(caller, now, changing ? "change-confirmation" : "confirm", old, said, Guid.NewGuid().ToString("N")));
        }, ct);
        if (!changing)
            await durable.RaiseEventAsync(instanceId, HumanStep.DecisionEvent,
                new StepDecision(TrainingInvitationOrchestrator.ConfirmStepId, InvitationOutcome.Confirmed, null, caller.ObjectId, caller.DisplayName), ct);
        return await ViewAsync(durable, caller, s);
    }

    static bool Waiting(OrchestrationMetadata? m) =>
        m is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending } && WorkflowStatus.Of(m)?.StepId == TrainingInvitationOrchestrator.ConfirmStepId;

    async Task EndWaitingInvitationsAsync(DurableTaskClient durable, Caller caller, TrainingSession s, string outcome, string? comment, CancellationToken ct)
    {
        foreach (var wardId in s.WardIds)
        {
            var instanceId = TrainingInvitationOrchestrator.InstanceId(s.Id, wardId);
            if (Waiting(await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct)))
                await durable.RaiseEventAsync(instanceId, HumanStep.DecisionEvent,
                    new StepDecision(TrainingInvitationOrchestrator.ConfirmStepId, outcome, comment, caller.ObjectId, caller.DisplayName), ct);
        }
    }

    // ---- reads ---------------------------------------------------------------------------------

    /// <summary>
    /// A page of the sessions, latest start first, optionally of one year: the district's roles see every session, a ward's people the
    /// sessions inviting their ward once published (held and cancelled ones too), each one range of list rows read a page at a time.
    /// </summary>
    public async Task<TrainingSessionList> ListAsync(Caller caller, string? year, string? token, int pageSize, CancellationToken ct)
    {
        int? y = year is null ? null : int.TryParse(year, out var n) && n is >= 2000 and <= 2100 ? n : throw ProblemException.BadRequest(TrainingTexts.TrainingYearInvalid, "invalid-year");
        var page = caller.IsDistrictWide ? await store.PageAsync(null, y, token, pageSize, ct)
            : caller.WardId is { } w ? await store.PageAsync(w, y, token, pageSize, ct)
            : new PageResult<TrainingSessionListItem>([], null);
        if (caller.Wards is not null)
        {
            // A person of one approving unit: the page's sessions that invite one of its wards (a point read each; pages may be shorter).
            var sessions = await Task.WhenAll(page.Items.Select(i => store.GetAsync(i.Id, ct)));
            page = page with { Items = page.Items.Where((_, n) => sessions[n] is { } s && s.Value.WardIds.Any(caller.CanRead)).ToList() };
        }
        IReadOnlyList<WorkflowAction> actions = caller.HasAny(Planners) ? [new("plan", TrainingTexts.ActionPlanTraining, "POST", "/api/training/sessions")] : [];
        return new TrainingSessionList(page.Items, actions, TrainingTopic.All.Select(t => new TopicOption(t, TrainingTexts.TrainingTopicName(t))).ToList(), page.ContinuationToken);
    }

    public async Task<TrainingSessionView> GetAsync(DurableTaskClient durable, Caller caller, string id, CancellationToken ct) =>
        await ViewAsync(durable, caller, await RequireAsync(id, ct));

    public async Task<(byte[] Content, string ContentType, string Name)> FileAsync(Caller caller, string id, string blob, CancellationToken ct)
    {
        var s = await RequireAsync(id, ct);
        RequireSee(caller, s.Value);
        var file = s.Value.Files.FirstOrDefault(f => f.BlobName == blob) ?? throw ProblemException.NotFound(Texts.NotFound);
        var found = await store.GetFileAsync(file.BlobName) ?? throw ProblemException.NotFound(Texts.NotFound);
        return (found.Content.ToArray(), found.ContentType, file.Name);
    }

    /// <summary>
    /// Coverage: per ward (one, or every ward the caller reads) the active leaders and deputies from the register and
    /// their training rows; trained = a session attended within the last <see cref="TrainingOptions.ValidMonths"/> months.
    /// Never trained: "Cần tập huấn" (the plan form suggests them); trained too long ago: "Quá hạn tập huấn".
    /// </summary>
    public async Task<TrainingCoverage> CoverageAsync(Caller caller, string? wardId, CancellationToken ct)
    {
        var wards = await register.WardsAsync(ct);
        if (wardId is not null)
        {
            Ids.RequireWardId(wardId);
            caller.RequireRead(wardId);
            wards = wards.Where(w => w.Id == wardId).ToList();
            if (wards.Count == 0) throw ProblemException.NotFound(Texts.WardNotFound);
        }
        else wards = wards.Where(w => caller.CanRead(w.Id)).ToList();
        var since = Since();
        var lines = await Task.WhenAll(wards.Select(w => WardCoverageAsync(caller, w, since, ct)));
        var people = lines.Sum(l => l.LeadersAndDeputies);
        var trained = lines.Sum(l => l.Trained);
        return new TrainingCoverage(options.ValidMonths, since, people, trained, Share(trained, people), lines.OrderBy(l => l.WardName, NaturalVietnameseComparer.Instance).ToList());
    }

    DateOnly Since() => VietnamTime.Today(clock).AddMonths(-options.ValidMonths);

    static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    async Task<WardCoverage> WardCoverageAsync(Caller caller, Ward ward, DateOnly since, CancellationToken ct)
    {
        var people = await register.LeadersAndDeputiesAsync(caller, ward.Id, ct);
        var rows = await store.PeopleAsync(ward.Id, ct);
        var notTrained = new List<CoveragePerson>();
        foreach (var p in people)
        {
            var last = rows.GetValueOrDefault(p.MemberId)?.LastTrained;
            if (last >= since) continue;
            var flag = last is null ? "needs-training" : "expired";
            notTrained.Add(new CoveragePerson(ward.Id, p.GroupId, p.GroupName, p.MemberId, p.FullName, RegisterTexts.RoleName(p.Role), last, flag,
                last is null ? TrainingTexts.NeedsTraining : TrainingTexts.TrainingExpired));
        }
        var trained = people.Count - notTrained.Count;
        return new WardCoverage(ward.Id, ward.Name, people.Count, trained, Share(trained, people.Count),
            notTrained.OrderBy(p => p.GroupName, NaturalVietnameseComparer.Instance).ThenBy(p => p.FullName, NaturalVietnameseComparer.Instance).ToList());
    }

    /// <summary>
    /// Leaders and deputies of the ward trained within the period (the dashboard's "đã tập huấn"), from the register's counters:
    /// the map of current leaders and deputies by the date of their last training, kept with every change and attendance.
    /// </summary>
    public int TrainedLeaders(WardCounters counters) => counters.TrainedSince(Since());

    /// <summary>The same figure counted afresh from the register's leaders and deputies and the training rows (the recount check only).</summary>
    public async Task<int> RecountTrainedLeadersAsync(Caller caller, Ward ward, CancellationToken ct) => (await WardCoverageAsync(caller, ward, Since(), ct)).Trained;

    /// <summary>
    /// Brings training recorded before member rows kept it (attendance of earlier versions, the demo) into the register: every
    /// person's last training from the ward's training rows, in one change (only later dates are written: safe to run again).
    /// Returns how many member rows changed.
    /// </summary>
    public async Task<int> BringIntoRegisterAsync(string wardId, CancellationToken ct)
    {
        var people = (await store.PeopleAsync(wardId, ct)).Values
            .Where(p => p.LastTrained is not null).Select(p => new TrainingDate(p.GroupId, p.MemberId, p.LastTrained!.Value)).ToList();
        return people.Count == 0 ? 0 : await register.BringInAsync(wardId, people, ct);
    }

    /// <summary>A person's training history (their record in the register shows it).</summary>
    /// <summary>At most this many people are asked about at once (a proposal's candidates).</summary>
    public const int MaxPeopleAsked = 40;

    /// <summary>
    /// The training status of people of a ward by member id (one point read each): how a proposal's leadership candidates show
    /// whether they were trained. Ids that are no training row are "not trained"; the ids are checked at the edge.
    /// </summary>
    public async Task<IReadOnlyList<PersonTrainingStatus>> PeopleAsync(Caller caller, string wardId, string? ids, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (list.Count > MaxPeopleAsked || list.Any(id => !Ids.IsValidId(id)))
            throw ProblemException.Validation(new Dictionary<string, string[]> { ["ids"] = [TrainingTexts.TrainingPeopleIdsInvalid(MaxPeopleAsked)] });
        var since = Since();
        var rows = await Task.WhenAll(list.Select(id => store.PersonAsync(wardId, id, ct)));
        return list.Zip(rows, (id, row) => row?.LastTrained is { } last
            ? new PersonTrainingStatus(id, last, last >= since, last >= since ? TrainingTexts.TrainedOn(last) : TrainingTexts.TrainingExpired)
            : new PersonTrainingStatus(id, null, false, TrainingTexts.NeedsTraining)).ToList();
    }

    public async Task<MemberTrainingView> MemberAsync(Caller caller, string wardId, string groupId, string memberId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        if (!Ids.IsValidId(groupId) || !Ids.IsValidId(memberId)) throw ProblemException.NotFound(RegisterTexts.MemberNotFound);
        await register.MemberAsync(caller, wardId, groupId, memberId, ct);
        var row = await store.PersonAsync(wardId, memberId, ct);
        var last = row?.LastTrained;
        return new MemberTrainingView(wardId, groupId, memberId, last, last >= Since(), options.ValidMonths,
            (row?.Sessions ?? []).OrderByDescending(s => s.Date).Select(s => new MemberTrainingLine(s.SessionId, s.Date, s.Topic, TrainingTexts.TrainingTopicName(s.Topic), s.Title)).ToList());
    }

    // ---- the rules of a plan -------------------------------------------------------------------

    sealed record Plan(string Topic, string Title, DateTimeOffset StartsAt, string Place, string Trainer, IReadOnlyList<string> WardIds, Invitees Invite, int Capacity,
        DateOnly ConfirmBy);

    async Task<Plan> BuildAsync(Caller caller, TrainingSessionBody body, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string text) => errors.TryAdd(field, [text]);
        var now = clock.GetUtcNow();
        var today = VietnamTime.Today(clock);

        if (body.Topic is null || !TrainingTopic.All.Contains(body.Topic)) Error("topic", TrainingTexts.TrainingTopicInvalid);
        var title = Clean(body.Title);
        if (title is null) Error("title", TrainingTexts.TrainingTitleRequired);
        var startsAt = default(DateTimeOffset);
        if (!TimeOnly.TryParseExact(body.StartTime ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) Error("startTime", TrainingTexts.TrainingStartTimeInvalid);
        if (body.Date is not { } date) Error("date", TrainingTexts.TrainingDateRequired);
        else if (date < today) Error("date", TrainingTexts.TrainingDateInPast);
        else if (!errors.ContainsKey("startTime"))
        {
            startsAt = new DateTimeOffset(date.ToDateTime(time), VietnamTime.Offset);
            if (startsAt <= now) Error("date", TrainingTexts.TrainingDateInPast);
            else if (date > today.AddYears(2)) Error("date", TrainingTexts.TrainingDateTooFar);
        }
        var place = Clean(body.Place);
        if (place is null) Error("place", TrainingTexts.TrainingPlaceRequired);
        var trainer = Clean(body.Trainer);
        if (trainer is null) Error("trainer", TrainingTexts.TrainingTrainerRequired);
        var known = (await register.WardsAsync(ct)).Select(w => w.Id).Where(caller.CanRead).ToHashSet(); // an approving unit's police: its wards
        var wardIds = (body.WardIds ?? []).Distinct().ToList();
        if (wardIds.Count == 0) Error("wardIds", TrainingTexts.TrainingWardsRequired);
        else if (wardIds.Where(w => !known.Contains(w)).ToList() is { Count: > 0 } unknown) Error("wardIds", TrainingTexts.TrainingUnknownWards(unknown));

        var members = new List<Participant>();
        for (var i = 0; i < (body.Members?.Count ?? 0); i++)
        {
            var p = body.Members![i];
            if (p.WardId is null || p.GroupId is null || p.MemberId is null) { Error($"members[{i}].memberId", Texts.InputRequired); continue; }
            if (!wardIds.Contains(p.WardId)) { Error($"members[{i}].memberId", TrainingTexts.TrainingMemberNotInvitedWard); continue; }
            if (members.Any(m => m.MemberId == p.MemberId && m.WardId == p.WardId)) { Error($"members[{i}].memberId", TrainingTexts.TrainingPersonTwice); continue; }
            if (!known.Contains(p.WardId) || await register.ActiveMemberAsync(caller, p.WardId, p.GroupId, p.MemberId, ct) is not { } found)
            { Error($"members[{i}].memberId", TrainingTexts.TrainingMemberNotActive); continue; }
            members.Add(found);
        }
        var leaders = body.InviteLeaders ?? false;
        var deputies = body.InviteDeputies ?? false;
        if (!leaders && !deputies && members.Count == 0 && !errors.Keys.Any(k => k.StartsWith("members", StringComparison.Ordinal))) Error("inviteLeaders", TrainingTexts.TrainingInviteesRequired);
        if (body.Capacity is not (>= 1 and <= 1000)) Error("capacity", TrainingTexts.TrainingCapacityInvalid);
        if (body.ConfirmBy is not { } confirmBy) Error("confirmBy", TrainingTexts.TrainingConfirmByRequired);
        else if (confirmBy < today || (body.Date is { } d && confirmBy > d)) Error("confirmBy", TrainingTexts.TrainingConfirmByInvalid);
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        return new Plan(body.Topic!, title!, startsAt, place!, trainer!, wardIds, new Invitees(leaders, deputies, members), body.Capacity!.Value, body.ConfirmBy!.Value);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>Changes the session as it is when written (read again on a conflict); <paramref name="change"/> returns null for "nothing to change".</summary>
    async Task<StoredSession> ChangeAsync(string id, Func<TrainingSession, (TrainingSession, TrainingAudit)?> change, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await RequireAsync(id, ct);
            if (change(current.Value) is not var (next, audit)) return current;
            try
            {
                return new StoredSession(next, await store.SaveAsync(next, current, audit, ct)); // the ETag the write answered: no read again
            }
            catch (SessionWriteConflict) { await Task.Delay(Random.Shared.Next(10, 20 * Math.Min(attempt, 10) + 20), ct); }
        }
        throw new ProblemException(503, Texts.ServiceUnavailable, Texts.WardBusy, "busy");
    }

    async Task<StoredSession> RequireAsync(string id, CancellationToken ct) =>
        Ids.IsValidId(id) && await store.GetAsync(id, ct) is { } s ? s : throw ProblemException.NotFound(TrainingTexts.TrainingSessionNotFound);

    /// <summary>Ward roles see a session only once it invites their ward (and is published); approving-level roles, every session of the wards they reach.</summary>
    static void RequireSee(Caller caller, TrainingSession s)
    {
        if (caller.IsDistrictWide && (caller.Wards is null || s.WardIds.Any(caller.CanRead))) return;
        if (caller.WardId is { } w && s.WardIds.Contains(w) && s.Status != SessionStatus.Planned) return;
        throw ProblemException.NotFound(TrainingTexts.TrainingSessionNotFound);
    }

    static ProblemException Stale() => new(412, Texts.Conflict, Texts.StaleETag, "stale-etag");

    static TrainingAudit Audit(Caller caller, DateTimeOffset at, string action, TrainingSession s, string description, string op) =>
        new(at, caller.ObjectId, caller.DisplayName, action, s.Id, description, op);

    static string StartTime(TrainingSession s) => VietnamTime.ToVietnam(s.StartsAt).ToString("HH:mm", CultureInfo.InvariantCulture);

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Tidy(s);

    async Task<TrainingSessionView> ViewAsync(DurableTaskClient? durable, Caller caller, StoredSession stored)
    {
        var s = stored.Value;
        RequireSee(caller, s);
        var now = clock.GetUtcNow();
        var names = (await register.WardsAsync(default)).ToDictionary(w => w.Id, w => w.Name);
        var visible = s.WardIds.Where(caller.CanRead).ToList();
        var wards = new List<WardInvitationView>();
        var mayConfirm = false;
        foreach (var wardId in visible)
        {
            var m = durable is null || s.Status == SessionStatus.Planned ? null
                : await durable.GetInstanceAsync(TrainingInvitationOrchestrator.InstanceId(s.Id, wardId), getInputsAndOutputs: true, default);
            var status = WorkflowStatus.Of(m);
            // Confirmed, and the workflow not yet moved by the decision (it is on its way): shown as confirmed, not offered again.
            var waiting = Waiting(m) && !s.Confirmations.ContainsKey(wardId);
            var step = s.Status == SessionStatus.Planned ? "not-started"
                : s.Confirmations.ContainsKey(wardId) ? InvitationOutcome.Confirmed : status?.Step ?? "starting";
            if (waiting && caller.MayActIn(wardId, Confirmers) && s.Status == SessionStatus.Published) mayConfirm = true;
            var confirmation = s.Confirmations.GetValueOrDefault(wardId);
            var attendance = s.AttendanceWards.Contains(wardId) ? (await store.AttendanceAsync(wardId, s.Id, default)).SelectMany(p => p.People).ToList() : [];
            wards.Add(new WardInvitationView(wardId, names.GetValueOrDefault(wardId, wardId), step, step == status?.Step ? status!.StepName : TrainingTexts.InvitationStepName(step),
                waiting && status?.DueAt < now, confirmation?.People ?? [], confirmation?.At, confirmation?.ByName,
                attendance.Select(a => new PresenceView(a.Person, a.Present, TrainingTexts.PresenceName(a.Present))).ToList(), s.AttendanceWards.Contains(wardId),
                confirmation?.Reason, confirmation?.Earlier ?? []));
        }
        var url = Url(s.Id);
        var actions = new List<WorkflowAction>();
        if (caller.HasAny(Planners))
        {
            if (s.Status == SessionStatus.Planned)
            {
                actions.Add(new("edit", TrainingTexts.ActionEditTraining, "PUT", url));
                actions.Add(new("publish", TrainingTexts.ActionPublishTraining, "POST", url + "/publish"));
            }
            if (s.Status is SessionStatus.Planned or SessionStatus.Published) actions.Add(new("cancel", TrainingTexts.ActionCancelTraining, "POST", url + "/cancel", CommentRequired: true));
            if (s.Status == SessionStatus.Published && s.StartsAt <= now && s.Confirmed > 0)
                actions.Add(new("record-attendance", TrainingTexts.ActionRecordTrainingAttendance, "POST", url + "/attendance"));
            if (s.Status == SessionStatus.Held)
                actions.Add(new("correct-attendance", TrainingTexts.ActionCorrectTrainingAttendance, "POST", url + "/attendance/corrections", CommentRequired: true));
            if (s.Status is SessionStatus.Published or SessionStatus.Held && s.Files.Count < MaxFiles)
                actions.Add(new("upload-file", TrainingTexts.ActionUploadTrainingFile, "POST", url + "/files"));
        }
        if (mayConfirm) actions.Add(new("confirm", TrainingTexts.ActionConfirmAttendees, "POST", $"{url}/wards/{caller.WardId}/confirm"));
        else if (caller.WardId is { } own && s.Status == SessionStatus.Published && s.StartsAt > now && s.Confirmations.ContainsKey(own) && caller.MayActIn(own, Confirmers))
            actions.Add(new("change-confirmation", TrainingTexts.ActionChangeConfirmation, "POST", $"{url}/wards/{own}/confirm", CommentRequired: true));
        var invited = s.Invite.Members.Where(m => caller.CanRead(m.WardId)).ToList();
        return new TrainingSessionView(s.Id, s.Topic, TrainingTexts.TrainingTopicName(s.Topic), s.Title, s.StartsAt, s.Date, StartTime(s), s.Place, s.Trainer,
            visible, s.Invite.Leaders, s.Invite.Deputies, invited, s.Capacity, s.Confirmed, Math.Max(0, s.Capacity - s.Confirmed), s.ConfirmBy, ConfirmDeadline(s), s.Status,
            TrainingTexts.SessionStatusName(s.Status), s.Version, s.CreatedByName, s.UpdatedAt, s.UpdatedByName, s.CancelReason, wards,
            s.Files, actions, stored.ETag.ToString(), s.Corrections ?? []);
    }
}
