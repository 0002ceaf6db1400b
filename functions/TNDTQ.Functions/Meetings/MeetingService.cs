using Azure;
using Tndtq.Inbox;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Meetings;

/// <summary>
/// What the meeting endpoints do: scoping, the rules of a meeting record, and every write as one
/// transaction of the ward's partition (<see cref="MeetingStore"/>) — load, check, plan, commit;
/// a counter row that moved meanwhile makes the write load and plan again.
/// </summary>
public sealed class MeetingService(MeetingStore store, MeetingRegister register, MeetingTasks tasks, ReminderOptions options, TimeProvider clock)
{
    static readonly Role[] Editors = [Role.WardOfficer];
    const int MaxAttempts = 6;
    const int MaxMinutesFiles = 10;
    public static string Url(string wardId, string meetingId) => $"/api/wards/{wardId}/meetings/{meetingId}";

    // ---- writes --------------------------------------------------------------------------------

    public async Task<MeetingView> RecordAsync(Caller caller, string wardId, string? requestId, MeetingBody body, CancellationToken ct)
    {
        await RequireEditorAsync(caller, wardId, ct);
        var op = requestId ?? Guid.NewGuid().ToString("N");
        // A retried request (same x-requestid) names the same meeting: it is recognised, never recorded twice.
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(op)))[..16];
        var meeting = await WriteAsync(wardId, op, null, null, async () =>
        {
            var now = clock.GetUtcNow();
            var m = await BuildAsync(caller, wardId, body, null, id, now, ct);
            var (gc, gcTag, wc, wcTag) = await CountersAsync(wardId, null, m, ct);
            return new MeetingWrite(op, m, null, null, gc, gcTag, wc, wcTag,
                Audit(caller, now, "record", m, MeetingTexts.MeetingRecorded(Subject(m), m.Date), op), Outbox([], m, now));
        }, ct);
        return View(caller, meeting.Value, meeting.ETag);
    }

    public async Task<MeetingView> CorrectAsync(Caller caller, string wardId, string meetingId, string? ifMatch, string? requestId, MeetingBody body, CancellationToken ct)
    {
        await RequireEditorAsync(caller, wardId, ct);
        if (ifMatch is null) throw new ProblemException(428, Texts.ValidationFailed, Texts.IfMatchRequired, "if-match-required");
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var meeting = await WriteAsync(wardId, op, ifMatch, meetingId, async () =>
        {
            var now = clock.GetUtcNow();
            var current = await ChangeableAsync(wardId, meetingId, ifMatch, ct);
            var old = current.Value;
            var m = await BuildAsync(caller, wardId, body, old, old.Id, now, ct);
            var (gc, gcTag, wc, wcTag) = await CountersAsync(wardId, old, m, ct);
            return new MeetingWrite(op, m, current.ETag, old, gc, gcTag, wc, wcTag,
                Audit(caller, now, "correct", m, MeetingTexts.MeetingCorrected(Subject(m), m.Date, m.Version, m.CorrectionReason!), op), Outbox(old.Tasks, m, now));
        }, ct);
        return View(caller, meeting.Value, meeting.ETag);
    }

    /// <summary>
    /// Removes a meeting's minutes (recorded in error, twice…), with a reason: the meeting leaves the ward's lists for the year's list of
    /// removed minutes, its marks leave the group's and the ward's counters and its open tasks leave the inbox, in the same transaction
    /// as the removal (the version before it kept in the history). The meeting stays readable, saying who removed it, when and why.
    /// </summary>
    public async Task<MeetingView> RemoveAsync(Caller caller, string wardId, string meetingId, string? ifMatch, string? requestId, RemoveMeetingBody body, CancellationToken ct)
    {
        await RequireEditorAsync(caller, wardId, ct);
        if (ifMatch is null) throw new ProblemException(428, Texts.ValidationFailed, Texts.IfMatchRequired, "if-match-required");
        var reason = Clean(body.Reason) ?? throw ProblemException.Validation(new Dictionary<string, string[]> { ["reason"] = [MeetingTexts.MeetingRemovalReasonRequired] });
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var meeting = await WriteAsync(wardId, op, ifMatch, meetingId, async () =>
        {
            var now = clock.GetUtcNow();
            var current = await ChangeableAsync(wardId, meetingId, ifMatch, ct);
            var old = current.Value;
            var m = old with { Version = old.Version + 1, UpdatedAt = now, UpdatedByName = caller.DisplayName, Removed = new MeetingRemoval(now, caller.DisplayName, reason) };
            var ward = await store.WardCountersAsync(wardId, ct);
            var wc = ward?.Value ?? WardMeetingCounters.Empty;
            GroupMeetingCounters? gc = null;
            ETag? gcTag = null;
            if (old.Scope == MeetingScope.Ward) wc = wc.WithWardMeeting(old.Date, null);
            else
            {
                var stored = await store.GroupCountersAsync(wardId, old.GroupId!, ct);
                var before = stored?.Value ?? GroupMeetingCounters.Empty(old.GroupId!);
                gc = before.With(old.Id, null);
                gcTag = stored?.ETag;
                wc = wc.WithGroup(before, gc);
            }
            return new MeetingWrite(op, m, current.ETag, old, gc, gcTag, wc, ward?.ETag,
                Audit(caller, now, "remove", m, MeetingTexts.MeetingRemovedAudit(Subject(m), m.Date, reason), op),
                old.Tasks.Where(t => !t.Done).Select(t => new TaskChange(MeetingTasks.Step(old, t, now), true, null)).ToList());
        }, ct);
        return View(caller, meeting.Value, meeting.ETag);
    }

    public async Task<MeetingView> CompleteTaskAsync(Caller caller, string wardId, string meetingId, string taskId, string? requestId, CompleteTaskBody? body, CancellationToken ct)
    {
        await RequireEditorAsync(caller, wardId, ct);
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var meeting = await WriteAsync(wardId, op, null, meetingId, async () =>
        {
            var now = clock.GetUtcNow();
            var current = await RequireAsync(wardId, meetingId, ct);
            var old = current.Value;
            if (old.Removed is not null) throw ProblemException.Conflict(MeetingTexts.MeetingRemoved, "meeting-removed");
            var task = old.Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw ProblemException.NotFound(MeetingTexts.MeetingTaskNotFound);
            if (task.Done) return null; // done is done: a second click changes nothing
            var m = old with
            {
                Tasks = old.Tasks.Select(t => t.Id == taskId ? t with { Done = true, DoneAt = now, DoneByName = caller.DisplayName, DoneNote = Clean(body?.Note) } : t).ToList(),
            };
            return new MeetingWrite(op, m, current.ETag, null, null, null, null, null,
                Audit(caller, now, "complete-task", m, MeetingTexts.MeetingTaskDone(task.What, Subject(m)), op), Outbox(old.Tasks, m, now));
        }, ct);
        return View(caller, meeting.Value, meeting.ETag);
    }

    public async Task<MeetingView> AddMinutesAsync(Caller caller, string wardId, string meetingId, string? requestId, string fileName, byte[] content, CancellationToken ct)
    {
        await RequireEditorAsync(caller, wardId, ct);
        if (Attachments.Recognise(content) is not { } kind) throw ProblemException.BadRequest(Texts.DocumentTypeNotAllowed, "document-type");
        var op = requestId ?? Guid.NewGuid().ToString("N");
        var existing = await RequireAsync(wardId, meetingId, ct);
        if (existing.Value.Removed is not null) throw ProblemException.Conflict(MeetingTexts.MeetingRemoved, "meeting-removed");
        if (existing.Value.Minutes.Count >= MaxMinutesFiles) throw ProblemException.Conflict(MeetingTexts.MeetingTooManyMinutes(MaxMinutesFiles), "too-many-minutes");
        // The blob's name comes from the operation: a retried upload overwrites the same blob, and the row lists it once.
        var blob = await store.PutFileAsync($"{wardId}/{meetingId}/{op}{kind.Extension}", content, kind.ContentType);
        var meeting = await WriteAsync(wardId, op, null, meetingId, async () =>
        {
            var now = clock.GetUtcNow();
            var current = await RequireAsync(wardId, meetingId, ct);
            var old = current.Value;
            if (old.Minutes.Any(f => f.BlobName == blob)) return null;
            var m = old with { Minutes = [.. old.Minutes, new MinutesFile(fileName, blob, kind.ContentType, content.Length, now, caller.DisplayName)] };
            return new MeetingWrite(op, m, current.ETag, null, null, null, null, null,
                Audit(caller, now, "minutes", m, MeetingTexts.MeetingMinutesAdded(fileName, Subject(m)), op), []);
        }, ct);
        return View(caller, meeting.Value, meeting.ETag);
    }

    /// <summary>
    /// The one write loop. The plan is made from what was just read; the commit lands whole or not at
    /// all. The same request id again finds its marker (in the same transaction as everything it wrote) and
    /// writes nothing. A counter row changed by a concurrent meeting: plan again. The caller's own meeting
    /// changed since they read it (If-Match): 412.
    /// </summary>
    async Task<Stored<Meeting>> WriteAsync(string wardId, string op, string? ifMatch, string? meetingId, Func<Task<MeetingWrite?>> plan, CancellationToken ct)
    {
        await tasks.ResumeAsync(wardId, ct); // an outbox a crash left behind is finished before anything new
        if (await store.AppliedAsync(wardId, op, ct) is { } done) return await RequireAsync(wardId, done, ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var write = await plan();
            if (write is null) return await RequireAsync(wardId, meetingId!, ct); // nothing to change (a task already done, a file already listed)
            try
            {
                await store.CommitAsync(wardId, write, changes => tasks.ApplyAsync(wardId, changes), ct);
                return await RequireAsync(wardId, write.Meeting.Id, ct);
            }
            catch (MeetingAlreadyApplied a) { return await RequireAsync(wardId, a.MeetingId, ct); }
            catch (MeetingWriteConflict c) when (c.IsMeeting && ifMatch is not null && ifMatch != "*") { throw Stale(); }
            catch (MeetingWriteConflict) { await Task.Delay(Random.Shared.Next(20, 100) * (attempt + 1), ct); }
        }
        throw new ProblemException(503, Texts.ServiceUnavailable, Texts.WardBusy, "ward-busy");
    }

    static ProblemException Stale() => new(412, Texts.Conflict, Texts.StaleETag, "stale-etag");

    /// <summary>The meeting as the caller saw it (If-Match), for a correction or a removal: removed minutes change no more.</summary>
    async Task<Stored<Meeting>> ChangeableAsync(string wardId, string meetingId, string ifMatch, CancellationToken ct)
    {
        var current = await RequireAsync(wardId, meetingId, ct);
        if (ifMatch != "*" && ifMatch != current.ETag.ToString()) throw Stale();
        if (current.Value.Removed is not null) throw ProblemException.Conflict(MeetingTexts.MeetingRemoved, "meeting-removed");
        return current;
    }

    async Task<Stored<Meeting>> RequireAsync(string wardId, string meetingId, CancellationToken ct) =>
        Ids.IsValidId(meetingId) && await store.GetAsync(wardId, meetingId, ct) is { } m ? m : throw ProblemException.NotFound(MeetingTexts.MeetingNotFound);

    async Task RequireEditorAsync(Caller caller, string wardId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireInWard(wardId, Editors);
        await register.WardAsync(caller, wardId, ct);
    }

    /// <summary>The group's and the ward's counters after a meeting went from <paramref name="before"/> to <paramref name="after"/> (read with their ETags).</summary>
    async Task<(GroupMeetingCounters?, ETag?, WardMeetingCounters, ETag?)> CountersAsync(string wardId, Meeting? before, Meeting after, CancellationToken ct)
    {
        var ward = await store.WardCountersAsync(wardId, ct);
        var wc = ward?.Value ?? WardMeetingCounters.Empty;
        if (after.Scope == MeetingScope.Ward) return (null, null, wc.WithWardMeeting(before?.Date, after.Date), ward?.ETag);
        var stored = await store.GroupCountersAsync(wardId, after.GroupId!, ct);
        var old = stored?.Value ?? GroupMeetingCounters.Empty(after.GroupId!);
        var next = old.With(after.Id, new MeetingMark(after.Date, after.Kind));
        return (next, stored?.ETag, wc.WithGroup(old, next), ward?.ETag);
    }

    static MeetingAudit Audit(Caller caller, DateTimeOffset at, string action, Meeting m, string description, string op) =>
        new(at, caller.ObjectId, caller.DisplayName, action, m.Id, m.Version, description, op);

    /// <summary>What the inbox must change: open tasks new or changed are listed, open tasks gone or done are taken off.</summary>
    List<TaskChange> Outbox(IReadOnlyList<AgreedTask> before, Meeting after, DateTimeOffset now)
    {
        var changes = new List<TaskChange>();
        var oldOpen = before.Where(t => !t.Done).ToDictionary(t => t.Id);
        var newOpen = after.Tasks.Where(t => !t.Done).ToDictionary(t => t.Id);
        foreach (var t in newOpen.Values)
        {
            var was = oldOpen.GetValueOrDefault(t.Id);
            if (was is not null && was.What == t.What && was.Who == t.Who && was.DueOn == t.DueOn) continue;
            changes.Add(new TaskChange(MeetingTasks.Step(after, t, now), false, was is null ? null : MeetingTasks.DueAt(was.DueOn)));
        }
        foreach (var t in oldOpen.Values.Where(t => !newOpen.ContainsKey(t.Id)))
            changes.Add(new TaskChange(MeetingTasks.Step(after, t, now), true, null));
        return changes;
    }

    // ---- the rules of a meeting record -----------------------------------------------------------

    async Task<Meeting> BuildAsync(Caller caller, string wardId, MeetingBody body, Meeting? existing, string id, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string text) { if (!errors.ContainsKey(field)) errors[field] = [text]; }
        var today = VietnamTime.Today(clock);

        var scope = body.Scope ?? existing?.Scope ?? MeetingScope.Group;
        if (scope is not (MeetingScope.Group or MeetingScope.Ward)) Error("scope", MeetingTexts.MeetingScopeInvalid);
        if (existing is not null && scope != existing.Scope) Error("scope", MeetingTexts.MeetingScopeFixed);
        var groupId = scope == MeetingScope.Group ? body.GroupId ?? existing?.GroupId : null;
        if (existing is not null && scope == MeetingScope.Group && groupId != existing.GroupId) Error("groupId", MeetingTexts.MeetingGroupFixed);

        // Who may be on the attendance list, with the names the register has now.
        var allowed = new Dictionary<string, (string Name, string Role, string? GroupId, string? GroupName)>();
        string? groupName = null;
        if (scope == MeetingScope.Group && !errors.ContainsKey("groupId") && !errors.ContainsKey("scope"))
        {
            if (groupId is null) Error("groupId", MeetingTexts.MeetingGroupRequired);
            else if (!Ids.IsValidId(groupId) || await register.GroupAsync(caller, wardId, groupId, ct) is not { } group) Error("groupId", RegisterTexts.GroupNotFound);
            else
            {
                groupName = group.Name;
                if (existing is null && group.Status != Register.GroupStatus.Active) Error("groupId", MeetingTexts.MeetingGroupNotActive(group.Name));
                foreach (var m in await register.MembersAsync(caller, wardId, group.Id, ct)) allowed[m.Id] = (m.FullName, m.RoleName, group.Id, group.Name);
            }
        }
        else if (scope == MeetingScope.Ward)
        {
            foreach (var g in await register.ActiveGroupsAsync(caller, wardId, ct))
            {
                if (g.Leader is { } l) allowed[l.Id] = (l.FullName, RegisterTexts.RoleName(Register.MemberRole.Leader), g.Id, g.Name);
                foreach (var d in g.Deputies) allowed[d.Id] = (d.FullName, RegisterTexts.RoleName(Register.MemberRole.Deputy), g.Id, g.Name);
            }
        }
        // A correction keeps people recorded earlier who are no longer in the register's list.
        foreach (var a in existing?.Attendance ?? []) allowed.TryAdd(a.MemberId, (a.FullName, a.RoleName, a.GroupId, a.GroupName));

        if (body.Date is not { } date) Error("date", MeetingTexts.MeetingDateRequired);
        else if (date > today) Error("date", MeetingTexts.MeetingDateInFuture);
        else if (date < MinDate) Error("date", MeetingTexts.MeetingDateTooEarly(MinDate));
        var kind = body.Kind ?? existing?.Kind;
        if (kind is not (MeetingKind.Regular or MeetingKind.Extraordinary)) Error("kind", MeetingTexts.MeetingKindInvalid);
        var chair = Clean(body.Chair);
        if (chair is null) Error("chair", MeetingTexts.MeetingChairRequired);
        var content = Clean(body.Content);
        if (content is null) Error("content", MeetingTexts.MeetingContentRequired);

        var attendance = new List<Attendee>();
        var seen = new HashSet<string>();
        for (var i = 0; i < (body.Attendance?.Count ?? 0); i++)
        {
            var a = body.Attendance![i];
            var status = a.Status ?? AttendanceStatus.Present;
            if (a.MemberId is null) { Error($"attendance[{i}].memberId", Texts.InputRequired); continue; }
            if (!seen.Add(a.MemberId)) { Error($"attendance[{i}].memberId", MeetingTexts.MeetingAttendeeTwice); continue; }
            if (!allowed.TryGetValue(a.MemberId, out var who))
            {
                if (!errors.ContainsKey("groupId")) Error($"attendance[{i}].memberId", scope == MeetingScope.Ward ? MeetingTexts.MeetingAttendeeNotLeader : MeetingTexts.MeetingAttendeeNotMember);
                continue;
            }
            if (!AttendanceStatus.All.Contains(status)) { Error($"attendance[{i}].status", MeetingTexts.MeetingAttendanceStatusInvalid); continue; }
            attendance.Add(new Attendee(a.MemberId, who.Name, who.Role, who.GroupId, who.GroupName, status));
        }
        if (!errors.Keys.Any(k => k.StartsWith("attendance")) && !attendance.Any(a => a.Status == AttendanceStatus.Present)) Error("attendance", MeetingTexts.MeetingNobodyPresent);

        var guests = (body.Guests ?? []).Select(Clean).OfType<string>().ToList();

        var tasks = new List<AgreedTask>();
        var previous = existing?.Tasks.ToDictionary(t => t.Id) ?? [];
        var next = previous.Keys.Select(k => int.TryParse(k.TrimStart('t'), out var n) ? n : 0).DefaultIfEmpty(0).Max();
        var taskIds = new HashSet<string>();
        for (var i = 0; i < (body.Tasks?.Count ?? 0); i++)
        {
            var t = body.Tasks![i];
            var what = Clean(t.What);
            var who = Clean(t.Who);
            if (what is null) Error($"tasks[{i}].what", MeetingTexts.MeetingTaskWhatRequired);
            if (who is null) Error($"tasks[{i}].who", MeetingTexts.MeetingTaskWhoRequired);
            if (t.DueOn is not { } due) Error($"tasks[{i}].dueOn", MeetingTexts.MeetingTaskDueRequired);
            else if (body.Date is { } d && (due < d || due > d.AddDays(MaxTaskDays))) Error($"tasks[{i}].dueOn", MeetingTexts.MeetingTaskDueOutOfRange(MaxTaskDays));
            AgreedTask? was = null;
            if (t.Id is not null && (!previous.TryGetValue(t.Id, out was) || !taskIds.Add(t.Id))) { Error($"tasks[{i}].id", MeetingTexts.MeetingTaskNotFound); continue; }
            if (what is null || who is null || t.DueOn is null) continue;
            tasks.Add(was is not null ? was with { What = what, Who = who, DueOn = t.DueOn.Value } : new AgreedTask($"t{++next}", what, who, t.DueOn.Value));
        }

        var reason = Clean(body.Reason);
        if (existing is not null && reason is null) Error("reason", MeetingTexts.MeetingCorrectionReasonRequired);
        if (errors.Count > 0) throw ProblemException.Validation(errors);

        return new Meeting(id, wardId, scope, groupId, groupName ?? existing?.GroupName, body.Date!.Value, kind!, chair!, attendance, guests, content!, tasks,
            existing?.Minutes ?? [], (existing?.Version ?? 0) + 1, existing?.RecordedAt ?? now, existing?.RecordedByName ?? caller.DisplayName,
            now, caller.DisplayName, existing is null ? null : reason);
    }

    static readonly DateOnly MinDate = new(2000, 1, 1);
    const int MaxTaskDays = 730;

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : VietnameseText.Tidy(value);

    static string Subject(Meeting m) => m.Scope == MeetingScope.Ward ? MeetingTexts.WardMeetingName : m.GroupName ?? "";

    // ---- reads ---------------------------------------------------------------------------------

    public async Task<MeetingView> GetAsync(Caller caller, string wardId, string meetingId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var m = await RequireAsync(wardId, meetingId, ct);
        return View(caller, m.Value, m.ETag);
    }

    public async Task<IReadOnlyList<MeetingView>> VersionsAsync(Caller caller, string wardId, string meetingId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        await RequireAsync(wardId, meetingId, ct);
        return (await store.VersionsAsync(wardId, meetingId, ct)).OrderByDescending(v => v.Version).Select(v => View(null, v, default)).ToList();
    }

    /// <summary>A page of the ward's meetings of a year, newest first (one date: by meeting id), read from storage page by page.</summary>
    /// <remarks><paramref name="removed"/> ("true"): the year's removed minutes, the history of what was taken out of the list.</remarks>
    public async Task<PageResult<MeetingListItem>> ListAsync(Caller caller, string wardId, string? year, string? groupId, string? scope, string? token, int pageSize,
        CancellationToken ct, string? removed = null)
    {
        await RequireReadAsync(caller, wardId, ct);
        var y = ParseYear(year);
        if (scope is not null and not (MeetingScope.Group or MeetingScope.Ward)) throw ProblemException.BadRequest(MeetingTexts.MeetingScopeInvalid, "invalid-scope");
        if (groupId is not null && !Ids.IsValidId(groupId)) throw ProblemException.NotFound(RegisterTexts.GroupNotFound);
        var page = await store.ListAsync(wardId, y, groupId, scope, token, pageSize, ct, removed == "true");
        return new PageResult<MeetingListItem>(page.Items
            .Select(r => new MeetingListItem(r.Id, r.Scope, MeetingTexts.MeetingScopeName(r.Scope), r.GroupId, r.GroupName, r.Date, r.Kind, MeetingTexts.MeetingKindName(r.Kind),
                r.Chair, r.Present, r.Attendees, r.TasksOpen, r.TasksTotal, r.HasMinutes, r.Version)).ToList(), page.ContinuationToken);
    }

    public async Task<(byte[] Content, string ContentType, string Name)> MinutesAsync(Caller caller, string wardId, string meetingId, string blob, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var m = await RequireAsync(wardId, meetingId, ct);
        var file = m.Value.Minutes.FirstOrDefault(f => f.BlobName == blob) ?? throw ProblemException.NotFound(Texts.NotFound);
        var found = await store.GetFileAsync(file.BlobName) ?? throw ProblemException.NotFound(Texts.NotFound);
        return (found.Content.ToArray(), found.ContentType, file.Name);
    }

    public async Task<GroupMeetingSummary> GroupSummaryAsync(Caller caller, string wardId, string groupId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        if (!Ids.IsValidId(groupId) || await register.GroupAsync(caller, wardId, groupId, ct) is not { } group) throw ProblemException.NotFound(RegisterTexts.GroupNotFound);
        var counters = (await store.GroupCountersAsync(wardId, groupId, ct))?.Value ?? GroupMeetingCounters.Empty(groupId);
        var today = VietnamTime.Today(clock);
        var last = counters.LastMeeting;
        int? days = last is { } d ? today.DayNumber - d.DayNumber : null;
        return new GroupMeetingSummary(wardId, groupId, last, counters.CountIn(today.Year), today.Year, days,
            days is null || days > options.MaxDaysWithoutMeeting, options.MaxDaysWithoutMeeting,
            group.Status == Register.GroupStatus.Active ? RecordAction(caller, wardId) : null);
    }

    public async Task<WardMeetingSummary> WardSummaryAsync(Caller caller, string wardId, string? year, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var y = ParseYear(year);
        var counters = (await store.WardCountersAsync(wardId, ct))?.Value ?? WardMeetingCounters.Empty;
        var groups = await register.ActiveGroupsAsync(caller, wardId, ct);
        var since = VietnamTime.Today(clock).AddDays(-options.MaxDaysWithoutMeeting);
        var lines = new List<GroupMeetingLine>();
        foreach (var g in groups)
        {
            var last = counters.LastMeetingByGroup.TryGetValue(g.Id, out var d) ? d : (DateOnly?)null;
            // Meetings of the year per group: from the group's own counters only when asked for a year other than the list's default.
            lines.Add(new GroupMeetingLine(g.Id, g.Name, last, 0, last >= since));
        }
        var byYear = await Task.WhenAll(groups.Select(g => store.GroupCountersAsync(wardId, g.Id, ct)));
        for (var i = 0; i < lines.Count; i++) lines[i] = lines[i] with { MeetingsInYear = byYear[i]?.Value.CountIn(y) ?? 0 };
        var met = lines.Count(l => l.MetWithinPeriod);
        var record = RecordAction(caller, wardId);
        return new WardMeetingSummary(wardId, y, options.MaxDaysWithoutMeeting, lines.Count, met, lines.Count == 0 ? 0 : Math.Round((double)met / lines.Count, 4),
            counters.Years.GetValueOrDefault(y, YearCounts.Zero), counters.Years, lines, record);
    }

    /// <summary>The stored counters against a recount from every meeting of the ward (a check, like the register's).</summary>
    public async Task<RecountCheck<WardMeetingCounters>> CheckCountersAsync(Caller caller, string wardId, CancellationToken ct)
    {
        await RequireReadAsync(caller, wardId, ct);
        var meetings = await store.AllForRecountAsync(wardId, ct);
        var recount = WardMeetingCounters.Empty;
        var groupsConsistent = true;
        foreach (var g in meetings.Where(m => m.Scope == MeetingScope.Group).GroupBy(m => m.GroupId!))
        {
            var counted = GroupMeetingCounters.Empty(g.Key);
            foreach (var m in g) counted = counted.With(m.Id, new MeetingMark(m.Date, m.Kind));
            recount = recount.WithGroup(GroupMeetingCounters.Empty(g.Key), counted);
            var stored = (await store.GroupCountersAsync(wardId, g.Key, ct))?.Value;
            groupsConsistent &= stored is not null && stored.Meetings.Count == counted.Meetings.Count && stored.Meetings.All(kv => counted.Meetings.GetValueOrDefault(kv.Key) == kv.Value);
        }
        foreach (var m in meetings.Where(m => m.Scope == MeetingScope.Ward)) recount = recount.WithWardMeeting(null, m.Date);
        var ward = (await store.WardCountersAsync(wardId, ct))?.Value ?? WardMeetingCounters.Empty;
        return new(ward, recount, groupsConsistent && ward.SameAs(recount));
    }

    static MeetingAction? RecordAction(Caller caller, string wardId) =>
        caller.MayActIn(wardId, Editors) ? new MeetingAction("record", MeetingTexts.ActionRecordMeeting, "POST", $"/api/wards/{wardId}/meetings") : null;

    int ParseYear(string? year)
    {
        if (year is null) return VietnamTime.Today(clock).Year;
        if (!int.TryParse(year, out var y) || y is < 2000 or > 2100) throw ProblemException.BadRequest(MeetingTexts.MeetingYearInvalid, "invalid-year");
        return y;
    }

    async Task RequireReadAsync(Caller caller, string wardId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        await register.WardAsync(caller, wardId, ct);
    }

    MeetingView View(Caller? caller, Meeting m, ETag etag)
    {
        var today = VietnamTime.Today(clock);
        var url = Url(m.WardId, m.Id);
        var actions = new List<MeetingAction>();
        if (caller is not null && caller.MayActIn(m.WardId, Editors) && m.Removed is null)
        {
            actions.Add(new("correct", MeetingTexts.ActionCorrectMeeting, "PUT", url));
            actions.Add(new("remove", MeetingTexts.ActionRemoveMeeting, "POST", url + "/remove"));
            if (m.Minutes.Count < MaxMinutesFiles) actions.Add(new("upload-minutes", MeetingTexts.ActionUploadMinutes, "POST", url + "/minutes"));
            foreach (var t in m.Tasks.Where(t => !t.Done)) actions.Add(new("complete-task", MeetingTexts.ActionCompleteTask, "POST", $"{url}/tasks/{t.Id}/done", t.Id));
        }
        return new MeetingView(m.Id, m.WardId, m.Scope, MeetingTexts.MeetingScopeName(m.Scope), m.GroupId, m.GroupName, m.Date, m.Kind, MeetingTexts.MeetingKindName(m.Kind), m.Chair,
            m.Attendance.Select(a => new AttendeeView(a.MemberId, a.FullName, a.RoleName, a.GroupId, a.GroupName, a.Status, MeetingTexts.AttendanceStatusName(a.Status))).ToList(),
            m.Attendance.Count(a => a.Status == AttendanceStatus.Present), m.Attendance.Count(a => a.Status == AttendanceStatus.Absent),
            m.Attendance.Count(a => a.Status == AttendanceStatus.Excused), m.Guests, m.Content,
            m.Tasks.Select(t => new AgreedTaskView(t.Id, t.What, t.Who, t.DueOn, t.Done, t.DoneAt, t.DoneByName, t.DoneNote, !t.Done && t.DueOn < today)).ToList(),
            m.Minutes, m.Version, m.RecordedAt, m.RecordedByName, m.UpdatedAt, m.UpdatedByName, m.CorrectionReason, actions, etag.ToString(), m.Removed);
    }
}
