using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>What the register endpoints do: scoping, reads, and direct edits through <see cref="RegisterChanges"/>.</summary>
public sealed class RegisterService(RegisterStore store, RegisterChanges changes, TimeProvider clock)
{
    static readonly Role[] Editors = [Role.WardOfficer];

    // ---- wards ---------------------------------------------------------------------------------

    public async Task<IReadOnlyList<WardView>> ListWardsAsync(Caller caller, CancellationToken ct)
    {
        var wards = await store.ListWardsAsync(ct);
        return wards.Where(w => caller.CanRead(w.Value.Id)).Select(w => ToView(w, null)).ToList();
    }

    public async Task<WardView> GetWardAsync(Caller caller, string wardId, CancellationToken ct)
    {
        var ward = await RequireWardAsync(caller, wardId, ct);
        return ToView(ward, await store.CountersAsync(wardId, ct) ?? WardCounters.Zero);
    }

    public async Task<WardView> SaveWardAsync(Caller caller, string? wardId, string? ifMatch, SaveWardBody body, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var id = (wardId ?? body.Id ?? "").Trim();
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValidWardId(id)) errors["id"] = [RegisterTexts.WardIdInvalid];
        if (string.IsNullOrWhiteSpace(body.Name)) errors["name"] = [RegisterTexts.WardNameRequired];
        if (string.IsNullOrWhiteSpace(body.ApprovingUnitId) || string.IsNullOrWhiteSpace(body.ApprovingUnitName)) errors["approvingUnit"] = [RegisterTexts.ApprovingUnitRequired];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var ward = new Ward(id, VietnameseText.Tidy(body.Name), body.ApprovingUnitId!.Trim(), VietnameseText.Tidy(body.ApprovingUnitName));
        var existing = await store.GetWardAsync(id, ct, fresh: true);
        if (wardId is null && existing is not null) throw ProblemException.Conflict(RegisterTexts.WardExists, "ward-exists");
        if (wardId is not null)
        {
            if (existing is null) throw ProblemException.NotFound(Texts.WardNotFound);
            RegisterChanges.RequireIfMatch(ifMatch, existing.Value.ETag);
        }
        try
        {
            var etag = await store.SaveWardAsync(ward, existing?.ETag, Actor.Of(caller), clock.GetUtcNow(), ct);
            return ToView(new Loaded<Ward>(ward, etag), null);
        }
        catch (ConcurrencyConflictException)
        {
            throw wardId is null ? ProblemException.Conflict(RegisterTexts.WardExists, "ward-exists") : new ProblemException(412, Texts.Conflict, Texts.StaleETag, "stale-etag");
        }
    }

    async Task<Loaded<Ward>> RequireWardAsync(Caller caller, string wardId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        return await store.GetWardAsync(wardId, ct) ?? throw ProblemException.NotFound(Texts.WardNotFound);
    }

    static WardView ToView(Loaded<Ward> w, WardCounters? counters) =>
        new(w.Value.Id, w.Value.Name, w.Value.ApprovingUnitId, w.Value.ApprovingUnitName, counters, w.ETag.ToString());

    // ---- groups --------------------------------------------------------------------------------

    /// <summary>
    /// A page of the ward's groups, optionally only those whose name (or area) holds the words of <paramref name="query"/> in
    /// their order, from the start of a word, diacritics, case and punctuation ignored ("to 17", "tổ 17," and "17" find
    /// "Tổ 17, khu vực 2" and "Tổ 170"; "khu vực 2" finds it, not "Tổ 2, khu vực 1"): the pickers search here instead of
    /// loading every group once.
    /// A query reads the ward's group rows a page at a time and keeps the matches, so one answer sends at most
    /// <see cref="MaxGroupQueriesPerPage"/> storage queries (a sparse match answers part of a page and a token).
    /// </summary>
    public async Task<PageResult<GroupView>> ListGroupsAsync(Caller caller, string wardId, GroupStatus? status, string? token, int pageSize, CancellationToken ct,
        string? query = null)
    {
        await RequireWardAsync(caller, wardId, ct);
        var filter = status is { } s ? TableClient.CreateQueryFilter($"Status eq {TableRows.Kebab(s)}") : null;
        var phrase = VietnameseText.Fold(query);
        var rows = new List<(Group Group, string ETag)>();
        var next = token;
        for (var queries = 0; queries < (phrase.Length == 0 ? 1 : MaxGroupQueriesPerPage) && rows.Count < pageSize; queries++)
        {
            var page = await store.PageAsync(wardId, "g|", filter, next, pageSize - rows.Count, ct);
            foreach (var e in page.Items)
                if (JsonTable.Read<Group>(e) is { } g && (Matches(g.Name, phrase) || Matches(g.Area, phrase))) rows.Add((g, e.ETag.ToString()));
            next = page.ContinuationToken;
            if (next is null) break;
        }
        var summaries = await SummariesAsync(wardId, rows.Select(r => r.Group.Id).ToList(), ct);
        var items = rows.Select(r => GroupView.From(r.Group, summaries.GetValueOrDefault(r.Group.Id) ?? GroupSummary.Empty, r.ETag))
            .OrderBy(g => g.Name, NaturalVietnameseComparer.Instance).ToList();
        return new PageResult<GroupView>(items, next);
    }

    /// <summary>Most storage queries one page of a group search sends.</summary>
    public const int MaxGroupQueriesPerPage = 20;

    /// <summary>Does the text hold the phrase (already <see cref="VietnameseText.Fold"/>ed), starting at the start of one of its words? An empty phrase: yes.</summary>
    static bool Matches(string? text, string phrase) => phrase.Length == 0 || $" {VietnameseText.Fold(text)}".Contains($" {phrase}", StringComparison.Ordinal);

    /// <summary>
    /// The summaries of the groups on one page: summary rows sort as their groups do, so the page's
    /// summaries are the one range between its first and last group — read only that, never the ward's.
    /// </summary>
    async Task<Dictionary<string, GroupSummary>> SummariesAsync(string wardId, IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        var result = new Dictionary<string, GroupSummary>();
        if (groupIds.Count == 0) return result;
        var (first, last) = (groupIds.Min(StringComparer.Ordinal)!, groupIds.Max(StringComparer.Ordinal)!);
        var range = TableClient.CreateQueryFilter($"RowKey ge {RegisterTable.GroupSummaryKey(first)} and RowKey le {RegisterTable.GroupSummaryKey(last)}");
        string? token = null;
        do
        {
            var page = await store.PageAsync(wardId, "gs|", range, token, 1000, ct);
            foreach (var e in page.Items) result[e.RowKey["gs|".Length..]] = JsonTable.Read<GroupSummary>(e);
            token = page.ContinuationToken;
        } while (token is not null);
        return result;
    }

    public async Task<GroupView> GetGroupAsync(Caller caller, string wardId, string groupId, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        var row = await store.GetRowAsync(wardId, RegisterTable.GroupKey(groupId), ct) ?? throw ProblemException.NotFound(RegisterTexts.GroupNotFound);
        var summary = await store.GetRowAsync(wardId, RegisterTable.GroupSummaryKey(groupId), ct);
        return GroupView.From(JsonTable.Read<Group>(row),
            summary is null ? GroupSummary.Empty : JsonTable.Read<GroupSummary>(summary), row.ETag.ToString());
    }

    public async Task<GroupView> UpdateGroupAsync(Caller caller, string wardId, string groupId, string? ifMatch, string? requestId, UpdateGroupBody body, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        caller.RequireInWard(wardId, Editors);
        await changes.ApplyAsync(wardId, Actor.Of(caller), requestId, RegisterTexts.OpUpdateGroup, (loaded, next) =>
        {
            var group = next.RequireGroup(groupId);
            RegisterChanges.RequireIfMatch(ifMatch, loaded.GroupETag(groupId));
            if (group.Status != GroupStatus.Active) throw ProblemException.Conflict(RegisterTexts.GroupNotActive(group.Name), "group-not-active");
            next.Groups[groupId] = group with
            {
                Name = body.Name is null ? group.Name : VietnameseText.Tidy(body.Name),
                Area = body.Area is null ? group.Area : VietnameseText.Tidy(body.Area),
                Households = body.Households ?? group.Households,
                EstablishedOn = body.EstablishedOn ?? group.EstablishedOn,
                EstablishedByDecision = body.EstablishedByDecision is null ? group.EstablishedByDecision : VietnameseText.Tidy(body.EstablishedByDecision),
            };
            return groupId;
        }, ct, groupId);
        return await GetGroupAsync(caller, wardId, groupId, ct);
    }

    /// <summary>The group as it stood at the end of <paramref name="at"/> (yyyy-MM-dd, a day in Vietnam).</summary>
    public async Task<GroupHistoryView> GroupHistoryAtAsync(Caller caller, string wardId, string groupId, string at, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        if (!DateOnly.TryParseExact(at, "yyyy-MM-dd", out var date)) throw ProblemException.BadRequest(Texts.InvalidDate, "invalid-date");
        // The end of that day in Vietnam: the last picture of the group on that date.
        var endOfDay = new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59, 999)), VietnamTime.Offset);
        var row = await store.FirstFromAsync(wardId, RegisterTable.HistoryKey(groupId, endOfDay), RegisterTable.HistoryPrefix(groupId), ct)
            ?? throw ProblemException.NotFound(RegisterTexts.NoHistoryAtDate);
        return GroupHistoryView.From(JsonTable.Read<GroupSnapshot>(row));
    }

    /// <summary>Every picture kept of the group.</summary>
    public async Task<IReadOnlyList<GroupHistoryView>> GroupHistoryAsync(Caller caller, string wardId, string groupId, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        var all = new List<GroupHistoryView>();
        string? token = null;
        do
        {
            var page = await store.PageAsync(wardId, RegisterTable.HistoryPrefix(groupId), null, token, 500, ct);
            all.AddRange(page.Items.Select(e => GroupHistoryView.From(JsonTable.Read<GroupSnapshot>(e))));
            token = page.ContinuationToken;
        } while (token is not null);
        if (all.Count == 0 && await store.GetRowAsync(wardId, RegisterTable.GroupKey(groupId), ct) is null) throw ProblemException.NotFound(RegisterTexts.GroupNotFound);
        return all;
    }

    // ---- members -------------------------------------------------------------------------------

    /// <summary>
    /// A page of a group's members, optionally only those whose name holds <paramref name="query"/> as <see cref="ListGroupsAsync"/>
    /// matches a group's ("van an" finds "Nguyễn Văn An"), read the same way: a page of rows at a time, the matches kept.
    /// </summary>
    public async Task<PageResult<MemberView>> ListMembersAsync(Caller caller, string wardId, string groupId, MemberStatus? status, MemberRole? role,
        string? token, int pageSize, CancellationToken ct, string? query = null)
    {
        await RequireWardAsync(caller, wardId, ct);
        if (await store.GetRowAsync(wardId, RegisterTable.GroupKey(groupId), ct) is null) throw ProblemException.NotFound(RegisterTexts.GroupNotFound);
        var filters = new List<string>();
        if (status is { } s) filters.Add(TableClient.CreateQueryFilter($"Status eq {TableRows.Kebab(s)}"));
        if (role is { } r) filters.Add(TableClient.CreateQueryFilter($"Role eq {TableRows.Kebab(r)}"));
        var phrase = VietnameseText.Fold(query);
        var members = new List<MemberView>();
        var next = token;
        for (var queries = 0; queries < (phrase.Length == 0 ? 1 : MaxGroupQueriesPerPage) && members.Count < pageSize; queries++)
        {
            var page = await store.PageAsync(wardId, $"m|{groupId}|", filters.Count == 0 ? null : string.Join(" and ", filters), next, pageSize - members.Count, ct);
            members.AddRange(page.Items.Select(MemberView.From).Where(m => Matches(m.FullName, phrase)));
            next = page.ContinuationToken;
            if (next is null) break;
        }
        return new PageResult<MemberView>(members.OrderBy(m => m.Role).ThenBy(m => m.FullName, NaturalVietnameseComparer.Instance).ToList(), next);
    }

    public async Task<MemberView> GetMemberAsync(Caller caller, string wardId, string groupId, string memberId, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        var row = await store.GetRowAsync(wardId, RegisterTable.MemberKey(groupId, memberId), ct) ?? throw ProblemException.NotFound(RegisterTexts.MemberNotFound);
        return MemberView.From(row);
    }

    public async Task<MemberView> AddMemberAsync(Caller caller, string wardId, string groupId, string? requestId, AddMemberBody body, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        caller.RequireInWard(wardId, Editors);
        if (body.Role is MemberRole.Leader or MemberRole.Deputy)
            throw ProblemException.Conflict(RegisterTexts.StructuralChangeViaProposal, "structural-change-needs-proposal");
        var memberId = await changes.ApplyAsync(wardId, Actor.Of(caller), requestId, RegisterTexts.OpAddMember, (_, next) =>
        {
            var group = next.RequireGroup(groupId);
            if (group.Status != GroupStatus.Active) throw ProblemException.Conflict(RegisterTexts.GroupNotActive(group.Name), "group-not-active");
            var member = new Member(RegisterChanges.NewId(), wardId, groupId, VietnameseText.Tidy(body.FullName), body.Gender, body.BirthYear,
                Clean(body.Address), Clean(body.Phone), Clean(body.CitizenId), MemberRole.Member, body.JoinedOn ?? VietnamTime.Today(clock), MemberStatus.Active);
            next.Members[member.Id] = member;
            return member.Id;
        }, ct, groupId);
        return await GetMemberAsync(caller, wardId, groupId, memberId, ct);
    }

    public Task<MemberView> UpdateMemberAsync(Caller caller, string wardId, string groupId, string memberId, string? ifMatch, string? requestId,
        UpdateMemberBody body, CancellationToken ct) =>
        ChangeMemberAsync(caller, wardId, groupId, memberId, ifMatch, requestId, RegisterTexts.OpUpdateMember, member =>
        {
            if (body.Role is { } role && role != member.Role)
                throw ProblemException.Conflict(RegisterTexts.StructuralChangeViaProposal, "structural-change-needs-proposal");
            return member with
            {
                FullName = body.FullName is null ? member.FullName : VietnameseText.Tidy(body.FullName),
                Gender = body.Gender ?? member.Gender,
                BirthYear = body.BirthYear ?? member.BirthYear,
                Address = body.Address is null ? member.Address : Clean(body.Address),
                Phone = body.Phone is null ? member.Phone : Clean(body.Phone),
                CitizenId = body.CitizenId is null ? member.CitizenId : Clean(body.CitizenId),
                JoinedOn = body.JoinedOn ?? member.JoinedOn,
            };
        }, ct);

    public Task<MemberView> MemberLeavesAsync(Caller caller, string wardId, string groupId, string memberId, string? ifMatch, string? requestId,
        MemberLeavesBody body, CancellationToken ct) =>
        ChangeMemberAsync(caller, wardId, groupId, memberId, ifMatch, requestId, RegisterTexts.OpMemberLeaves, member =>
        {
            if (member.Role != MemberRole.Member) throw ProblemException.Conflict(RegisterTexts.LeaderLeavesViaProposal, "structural-change-needs-proposal");
            var leftOn = body.LeftOn ?? VietnamTime.Today(clock);
            if (member.JoinedOn is { } joined && leftOn < joined) throw ProblemException.BadRequest(RegisterTexts.LeftBeforeJoined, "left-before-joined");
            return member with { Status = MemberStatus.Left, LeftOn = leftOn, LeftReason = Clean(body.Reason) };
        }, ct);

    /// <summary>A ward officer's direct change to one active member, checked against the ETag the officer saw.</summary>
    async Task<MemberView> ChangeMemberAsync(Caller caller, string wardId, string groupId, string memberId, string? ifMatch, string? requestId,
        string description, Func<Member, Member> change, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        caller.RequireInWard(wardId, Editors);
        await changes.ApplyAsync(wardId, Actor.Of(caller), requestId, description, (loaded, next) =>
        {
            var member = next.RequireMember(groupId, memberId);
            RegisterChanges.RequireIfMatch(ifMatch, loaded.MemberETag(member));
            if (!member.IsActive) throw ProblemException.Conflict(RegisterTexts.MemberAlreadyLeft, "member-left");
            next.Members[memberId] = change(member);
            return memberId;
        }, ct, groupId);
        return await GetMemberAsync(caller, wardId, groupId, memberId, ct);
    }

    // ---- training dates ----------------------------------------------------------------------------

    /// <summary>
    /// Records the day members attended a training: each member row's <see cref="Member.LastTrainedOn"/> moves to it, never back (a
    /// row with that date or a later one is left as it is, so a retry, or a session recorded late, changes nothing), with the counters'
    /// map of leaders and deputies by last training in the same transaction. One change per group, loading only that group (a few
    /// groups at a time); a member no longer in the group named (moved by a structural change since) is looked for in the whole ward.
    /// No operation id: the dates make it idempotent. Returns how many member rows changed. Called by attendance, not by an endpoint.
    /// </summary>
    public async Task<int> RecordTrainingAsync(string wardId, IReadOnlyCollection<TrainingDate> people, Actor actor, CancellationToken ct)
    {
        var changed = 0;
        var moved = new System.Collections.Concurrent.ConcurrentBag<TrainingDate>();
        await Parallel.ForEachAsync(people.GroupBy(p => p.GroupId), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (group, token) =>
        {
            var missing = new List<TrainingDate>();
            var n = 0;
            await changes.ApplyAsync(wardId, actor, null, RegisterTexts.OpTrainingRecorded(group.Max(p => p.Date)), (_, next) =>
            {
                missing = [];
                n = 0;
                foreach (var p in group)
                    if (next.Members.GetValueOrDefault(p.MemberId) is not { } m || m.GroupId != group.Key) missing.Add(p);
                    else if (SetTrainingDate(next, m, p.Date)) n++;
                return group.Key;
            }, token, group.Key);
            Interlocked.Add(ref changed, n);
            foreach (var p in missing) moved.Add(p);
        });
        return changed + (moved.IsEmpty ? 0 : await BringInTrainingAsync(wardId, moved.ToList(), actor, RegisterTexts.OpTrainingRecorded(moved.Max(p => p.Date)), ct));
    }

    /// <summary>
    /// The same for many people at once, in ONE change of the whole ward (journaled when large): the rebuild that brings in training
    /// recorded before member rows kept it. Safe to run again (only later dates are written). Returns how many member rows changed.
    /// </summary>
    public async Task<int> BringInTrainingAsync(string wardId, IReadOnlyCollection<TrainingDate> people, Actor actor, string description, CancellationToken ct)
    {
        var n = 0;
        await changes.ApplyAsync(wardId, actor, null, description, (_, next) =>
        {
            n = 0;
            foreach (var p in people)
                if (next.Members.GetValueOrDefault(p.MemberId) is { } m && SetTrainingDate(next, m, p.Date)) n++;
            return wardId;
        }, ct);
        return n;
    }

    /// <summary>
    /// Attendance corrected: each person's last training set to exactly the date given (null: never trained), earlier dates too, in
    /// one change of the ward (the trained leaders' counters move with it). Safe to run again. Returns how many member rows changed.
    /// </summary>
    public async Task<int> CorrectTrainingAsync(string wardId, IReadOnlyCollection<(string GroupId, string MemberId, DateOnly? Date)> people, Actor actor,
        string description, CancellationToken ct)
    {
        var n = 0;
        await changes.ApplyAsync(wardId, actor, null, description, (_, next) =>
        {
            n = 0;
            foreach (var p in people)
                if (next.Members.GetValueOrDefault(p.MemberId) is { } m && m.LastTrainedOn != p.Date) { next.Members[m.Id] = m with { LastTrainedOn = p.Date }; n++; }
            return wardId;
        }, ct);
        return n;
    }

    static bool SetTrainingDate(WardState next, Member m, DateOnly date)
    {
        if (m.LastTrainedOn >= date) return false;
        next.Members[m.Id] = m with { LastTrainedOn = date };
        return true;
    }

    // ---- search --------------------------------------------------------------------------------

    /// <summary>
    /// Members whose name has a word starting with the query, diacritics ignored ("nguyen van an",
    /// "van an" and "an" all find "Nguyễn Văn An"), in the caller's scope: their ward, or every ward
    /// for district roles (one index range per ward; the token remembers the ward it stopped in).
    /// </summary>
    public async Task<PageResult<SearchHit>> SearchAsync(Caller caller, string? query, string? wardId, MemberStatus? status, MemberRole? role,
        string? token, int pageSize, CancellationToken ct)
    {
        var folded = VietnameseText.Fold(query);
        if (folded.Length < 2) throw ProblemException.BadRequest(RegisterTexts.SearchQueryRequired, "query-too-short");
        List<string> wards;
        if (wardId is not null) { await RequireWardAsync(caller, wardId, ct); wards = [wardId]; }
        else wards = caller.IsDistrictWide ? (await store.ListWardsAsync(ct)).Select(w => w.Value.Id).Where(caller.CanRead).ToList() : [caller.WardId!];

        var filters = new List<string>();
        if (status is { } s) filters.Add(TableClient.CreateQueryFilter($"Status eq {TableRows.Kebab(s)}"));
        if (role is { } r) filters.Add(TableClient.CreateQueryFilter($"Role eq {TableRows.Kebab(r)}"));
        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);

        // Token: "{ward index}:{the index range's own token}", valid only for this search.
        var scope = $"search|{folded}|{filter}|{string.Join(',', wards)}";
        var (index, inner) = ContinuationToken.DecodeAcross(token, scope, wards.Count, SearchToken);
        var hits = new List<SearchHit>();
        var seen = new HashSet<string>();
        while (index < wards.Count && hits.Count < pageSize)
        {
            var page = await store.PagePartitionAsync(RegisterTable.SearchPartition(wards[index], folded), TableRows.Safe(folded), filter, inner, pageSize - hits.Count, ct);
            foreach (var e in page.Items)
            {
                var memberId = e.GetString("MemberId")!;
                if (!seen.Add(memberId)) continue;
                var memberRole = Enum.Parse<MemberRole>(e.GetString("Role")!, ignoreCase: true);
                var memberStatus = Enum.Parse<MemberStatus>(e.GetString("Status")!, ignoreCase: true);
                hits.Add(new SearchHit(memberId, wards[index], e.GetString("GroupId")!, e.GetString("GroupName") ?? "", e.GetString("FullName") ?? "",
                    memberRole, RegisterTexts.RoleName(memberRole), memberStatus, RegisterTexts.MemberStatusName(memberStatus), e.GetInt32("BirthYear")));
            }
            inner = page.ContinuationToken;
            if (inner is null) index++;
        }
        var next = ContinuationToken.EncodeAcross(index, inner, scope, wards.Count);
        return new PageResult<SearchHit>(hits, next);
    }

    static readonly System.Text.RegularExpressions.Regex SearchToken = new(@"^[0-9]{1,4}:([0-9a-f]{12}\.[A-Za-z0-9_-]{1,2800})?$");

    // ---- audit and counters --------------------------------------------------------------------

    public async Task<PageResult<AuditView>> AuditAsync(Caller caller, string wardId, string? entityId, string? token, int pageSize, CancellationToken ct)
    {
        await RequireWardAsync(caller, wardId, ct);
        var page = entityId is null
            ? await store.PageAsync(wardId, "a|", null, token, pageSize, ct)
            : await store.PagePartitionAsync(RegisterTable.EntityAuditPartition(wardId, entityId), RegisterTable.EntityAuditPrefix(entityId), null, token, pageSize, ct);
        return new PageResult<AuditView>(page.Items.Select(Audit.View).ToList(), page.ContinuationToken);
    }

    public async Task<RecountCheck<WardCounters?>> CountersCheckAsync(Caller caller, string wardId, CancellationToken ct)
    {
        var ward = await GetWardAsync(caller, wardId, ct);
        var recount = await changes.RecountAsync(wardId, ct);
        return new(ward.Counters, recount, recount == ward.Counters);
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : VietnameseText.Tidy(value);
}
