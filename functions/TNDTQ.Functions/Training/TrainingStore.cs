using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Shared;

namespace Tndtq.Training;

/// <summary>A session as stored; <paramref name="Listed"/>: its list rows are written (every session saved since they exist; earlier ones once the rebuild ran).</summary>
public sealed record StoredSession(TrainingSession Value, ETag ETag, bool Listed = true);

/// <summary>One line of a session's audit: who did what, when.</summary>
public sealed record TrainingAudit(DateTimeOffset At, string ActorId, string ActorName, string Action, string SessionId, string Description, string OperationId);

/// <summary>A session row changed since it was read (412 for an If-Match edit; read again otherwise).</summary>
public sealed class SessionWriteConflict() : Exception("The session changed since it was read.");

/// <summary>
/// Table <c>Training</c>. Partition <c>sessions</c> holds the sessions (<c>s|{id}</c>, one JSON document with the wards'
/// confirmations, ETag-checked), their audit (<c>a|{inverted ticks}|{op}</c>) and their list rows, written in the session's
/// transaction (<c>l|{newest first}|{id}</c> every session, <c>w|{wardId}|{newest first}|{id}</c> a session a ward is invited to,
/// once published: <see cref="PageAsync"/>). Each ward's partition (PartitionKey =
/// ward id) holds what attendance moves, written together in ONE entity-group transaction per part of at most
/// <see cref="PeoplePerTransaction"/> people:
/// <code>
/// r|{sessionId}|{part:D3}   the ward's attendance at a session, one part (its presence marks); a part that exists is never written again
/// p|{memberId}              a person's training: every session attended; the last one says whether they are trained
/// y                         the ward's figures per year: sessions attended, distinct people trained (reports read it)
/// a|{inverted ticks}|{op}   audit of the ward's attendance
/// </code>
/// Files are blobs in <c>training/{sessionId}/…</c>.
/// </summary>
public sealed class TrainingStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Training";
    public const string Container = "training";
    public const string SessionsPartition = "sessions";
    public const int PeoplePerTransaction = 90;
    /// <summary>
    /// Wards a session invites at most: publishing writes a list row per ward in the session's transaction with the session, its audit
    /// line and the district's row (a transaction holds 100 actions).
    /// </summary>
    public const int MaxWards = 90;
    readonly JsonTable storage = new(tables, TableName);
    readonly BlobFiles files = new(blobs, Container);

    static string SessionKey(string id) => $"s|{id}";
    static string PartKey(string sessionId, int part) => $"r|{sessionId}|{part:D3}";
    static string PersonKey(string memberId) => $"p|{memberId}";
    const string FiguresKey = "y";

    /// <summary>Fault injection for tests: runs after a ward's part landed (throw to simulate a crash between parts).</summary>
    internal Func<AttendancePart, Task>? AfterPart { get; set; }

    public async Task<StoredSession?> GetAsync(string id, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(SessionsPartition, SessionKey(id), cancellationToken: ct);
        return row.HasValue
            ? new StoredSession(JsonTable.Read<TrainingSession>(row.Value!), row.Value!.ETag, row.Value!.GetBoolean(JsonTable.ListedProperty) == true)
            : null;
    }

    // ---- the list: rows that make the district's sessions, a ward's, and a year of either a range of keys ---------------

    const string AllList = "l|";
    static string WardList(string wardId) => $"w|{wardId}|";
    const string ListedMarkKey = "~listed";

    /// <summary>Newest first: <c>DateTimeOffset.MaxValue</c>'s ticks minus those of the start (19 digits), then the id. A year is one range of it.</summary>
    static string Newest(DateTimeOffset startsAt) => $"{DateTimeOffset.MaxValue.UtcTicks - startsAt.UtcTicks:D19}";

    /// <summary>
    /// A session's list rows by key: <c>l|…</c> as the district sees it; once it is no longer planned, <c>w|{wardId}|…</c> for each ward
    /// invited, as that ward sees it (its own confirmations).
    /// </summary>
    static Dictionary<string, TrainingSessionListItem> ListRows(TrainingSession s)
    {
        var tail = $"{Newest(s.StartsAt)}|{s.Id}";
        var rows = new Dictionary<string, TrainingSessionListItem>(StringComparer.Ordinal) { [AllList + tail] = ListItem(s, null) };
        if (s.Status != SessionStatus.Planned)
            foreach (var w in s.WardIds) rows[WardList(w) + tail] = ListItem(s, w);
        return rows;
    }

    /// <summary>A session as the list shows it to the district (<paramref name="wardId"/> null) or to one ward invited.</summary>
    public static TrainingSessionListItem ListItem(TrainingSession s, string? wardId) => new(s.Id, s.Topic, TrainingTexts.TrainingTopicName(s.Topic), s.Title, s.StartsAt,
        s.Date, VietnamTime.ToVietnam(s.StartsAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.Place, s.Capacity,
        wardId is null ? s.Confirmed : s.Confirmations.GetValueOrDefault(wardId)?.People.Count ?? 0, s.ConfirmBy, s.Status, TrainingTexts.SessionStatusName(s.Status),
        wardId is null ? s.WardIds.Count : 1);

    /// <summary>
    /// One page of the sessions, latest start first: every session (<paramref name="wardId"/> null), or the ones a ward is invited to and
    /// that are no longer planned; optionally of one year (by the start in Vietnam time). One range of list rows, at most
    /// <paramref name="pageSize"/> read. <paramref name="token"/> is the API's (null: the first page), valid only for this list (a 400 otherwise).
    /// </summary>
    public async Task<PageResult<TrainingSessionListItem>> PageAsync(string? wardId, int? year, string? token, int pageSize, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var list = wardId is null ? AllList : WardList(wardId);
        var filter = year is { } y
            ? TableClient.CreateQueryFilter($"PartitionKey eq {SessionsPartition} and RowKey ge {list + Newest(YearStart(y + 1).AddTicks(-1))} and RowKey lt {list + Newest(YearStart(y).AddTicks(-1))}")
            : TableRows.PrefixFilter(SessionsPartition, list);
        var check = $"training-sessions|{list}|{year}";
        var (rows, next) = await JsonTable.OnePageAsync(table, filter, ContinuationToken.Decode(token, check), pageSize, ct);
        return new PageResult<TrainingSessionListItem>(rows.Select(JsonTable.Read<TrainingSessionListItem>).ToList(), ContinuationToken.Encode(next, check));
    }

    static DateTimeOffset YearStart(int year) => new(year, 1, 1, 0, 0, 0, VietnamTime.Offset);

    /// <summary>
    /// The one-off listing of the sessions saved before they had list rows: each session's rows in a transaction with its own row
    /// (ETag-checked and marked <c>Listed</c>; a session changed meanwhile was listed by that change), then the mark <c>~listed</c>.
    /// False when the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RebuildListAsync(CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        if ((await table.GetEntityIfExistsAsync<TableEntity>(SessionsPartition, ListedMarkKey, cancellationToken: ct)).HasValue) return false;
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(SessionsPartition, "s|"), cancellationToken: ct))
        {
            if (e.GetBoolean(JsonTable.ListedProperty) == true) continue;
            var s = JsonTable.Read<TrainingSession>(e);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateMerge, new TableEntity(SessionsPartition, e.RowKey) { [JsonTable.ListedProperty] = true }, e.ETag),
            };
            actions.AddRange(ListRows(s).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Json(SessionsPartition, r.Key, r.Value))));
            try { await table.SubmitTransactionAsync(actions, ct); }
            catch (TableTransactionFailedException x) when (x.Status is 412 or 404) { } // changed meanwhile: that change listed it
        }
        await table.UpsertEntityAsync(new TableEntity(SessionsPartition, ListedMarkKey), cancellationToken: ct);
        return true;
    }

    /// <summary>
    /// Writes a session with its audit line and its list rows in one transaction: added (<paramref name="before"/> null; a second add
    /// of the same id is <see cref="SessionWriteConflict"/>) or replaced if unchanged since <paramref name="before"/> was read. Only the
    /// list rows that change are written (a ward's confirmations rewrite the district's row and that ward's), the ones the session no
    /// longer has (a planned session's new date) removed.
    /// </summary>
    public async Task<ETag> SaveAsync(TrainingSession s, StoredSession? before, TrainingAudit audit, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = Json(SessionsPartition, SessionKey(s.Id), s);
        row["Status"] = s.Status;
        row["StartsAt"] = s.StartsAt;
        row[JsonTable.ListedProperty] = true;
        var actions = new List<TableTransactionAction>
        {
            before is { } b ? new(TableTransactionActionType.UpdateReplace, row, b.ETag) : new(TableTransactionActionType.Add, row),
            new(TableTransactionActionType.Add, Audit(SessionsPartition, audit)),
        };
        var rows = ListRows(s);
        var had = before is { Listed: true } ? ListRows(before.Value) : [];
        actions.AddRange(had.Keys.Where(k => !rows.ContainsKey(k)).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(SessionsPartition, k), ETag.All)));
        actions.AddRange(rows.Where(r => !had.TryGetValue(r.Key, out var was) || was != r.Value)
            .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Json(SessionsPartition, r.Key, r.Value))));
        try
        {
            var response = await table.SubmitTransactionAsync(actions, ct);
            return response.Value[0].Headers.ETag ?? (await GetAsync(s.Id, ct))!.ETag;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status is 409 or 412)
        {
            throw new SessionWriteConflict();
        }
    }

    /// <summary>The ward's attendance at a session, every part written so far.</summary>
    public async Task<IReadOnlyList<AttendancePart>> AttendanceAsync(string wardId, string sessionId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var list = new List<AttendancePart>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(wardId, $"r|{sessionId}|"), cancellationToken: ct))
            list.Add(JsonTable.Read<AttendancePart>(e));
        return list.OrderBy(p => p.Part).ToList();
    }

    /// <summary>
    /// Writes one part of a ward's attendance, in ONE transaction with the training rows of its present people and the
    /// ward's figures: all of it or none of it. A part already written is left as it is (a retry writes nothing twice);
    /// a training row or the figures changed meanwhile (another session's attendance): read again and recount.
    /// </summary>
    /// <returns>False when the part was written before.</returns>
    public async Task<bool> WritePartAsync(string wardId, TrainingSession session, AttendancePart part, TrainingAudit audit, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        for (var attempt = 1; ; attempt++)
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(wardId, PartKey(session.Id, part.Part), cancellationToken: ct)).HasValue) return false;
            var present = part.People.Where(p => p.Present).Select(p => p.Person).ToList();
            var people = await Task.WhenAll(present.Select(p => table.GetEntityIfExistsAsync<TableEntity>(wardId, PersonKey(p.MemberId), cancellationToken: ct)));
            var figuresRow = await table.GetEntityIfExistsAsync<TableEntity>(wardId, FiguresKey, cancellationToken: ct);
            var figures = figuresRow.HasValue ? JsonTable.Read<WardTrainingFigures>(figuresRow.Value!) : WardTrainingFigures.Empty;
            var years = new Dictionary<int, TrainingYear>(figures.Years);
            var year = session.Date.Year;
            var y = years.GetValueOrDefault(year, new TrainingYear(0, 0));
            if (part.Part == 0) y = y with { Sessions = y.Sessions + 1 };

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Json(wardId, PartKey(session.Id, part.Part), part)) };
            var mark = new TrainingMark(session.Id, session.Date, session.Topic, session.Title);
            for (var i = 0; i < present.Count; i++)
            {
                var p = present[i];
                var was = people[i].HasValue ? JsonTable.Read<TrainedPerson>(people[i].Value!) : null;
                if (was?.Sessions.Any(s => s.SessionId == session.Id) == true) continue;
                if (was?.Sessions.Any(s => s.Date.Year == year) != true) y = y with { PeopleTrained = y.PeopleTrained + 1 };
                var next = new TrainedPerson(p.MemberId, p.GroupId, p.FullName, [.. was?.Sessions ?? [], mark]);
                var row = Json(wardId, PersonKey(p.MemberId), next);
                actions.Add(people[i].HasValue ? new(TableTransactionActionType.UpdateReplace, row, people[i].Value!.ETag) : new(TableTransactionActionType.Add, row));
            }
            years[year] = y;
            var figuresNext = Json(wardId, FiguresKey, new WardTrainingFigures(years));
            actions.Add(figuresRow.HasValue ? new(TableTransactionActionType.UpdateReplace, figuresNext, figuresRow.Value!.ETag) : new(TableTransactionActionType.Add, figuresNext));
            actions.Add(new(TableTransactionActionType.Add, Audit(wardId, audit with { OperationId = $"{audit.OperationId}-{part.Part}" })));
            if (actions.Select(x => StorageLimits.Problem(x.Entity.RowKey, (TableEntity)x.Entity)).Any(problem => problem is not null)) throw StorageLimits.TooLarge();
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                if (AfterPart is { } crash) await crash(part);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } i && i < actions.Count && e.Status is 404 or 409 or 412
                && attempt < 30 && (i == 0 || actions[i].Entity.RowKey.StartsWith("p|", StringComparison.Ordinal) || actions[i].Entity.RowKey == FiguresKey))
            {
                // The part itself (written meanwhile: the loop sees it and stops), or a training row or the figures moved by another
                // attendance of the ward: read again and recount. Anything else fails the whole transaction and is thrown.
                await Task.Delay(Random.Shared.Next(10, 30 * Math.Min(attempt, 10) + 20), ct);
            }
        }
    }

    /// <summary>
    /// Corrects one part of a ward's attendance, in ONE transaction with the training rows of the people whose presence changes (the
    /// session's mark added or taken off) and the ward's figures (a person counts as trained in a year while any session of that year
    /// is left): all of it or none. A part this operation corrected before is left as it is. Returns the people's training rows as
    /// they are after the correction (for the register), empty when nothing changed.
    /// </summary>
    public async Task<IReadOnlyList<TrainedPerson>> CorrectPartAsync(string wardId, TrainingSession session, int partNo, IReadOnlyDictionary<string, bool> present,
        TrainingAudit audit, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        for (var attempt = 1; ; attempt++)
        {
            var partRow = await table.GetEntityIfExistsAsync<TableEntity>(wardId, PartKey(session.Id, partNo), cancellationToken: ct);
            if (!partRow.HasValue) return [];
            var part = JsonTable.Read<AttendancePart>(partRow.Value!);
            if (part.Corrections?.Contains(audit.OperationId) == true) return [];
            var flips = part.People.Where(p => present.TryGetValue(p.Person.MemberId, out var now) && now != p.Present).ToList();
            if (flips.Count == 0) return [];
            var rows = await Task.WhenAll(flips.Select(p => table.GetEntityIfExistsAsync<TableEntity>(wardId, PersonKey(p.Person.MemberId), cancellationToken: ct)));
            var figuresRow = await table.GetEntityIfExistsAsync<TableEntity>(wardId, FiguresKey, cancellationToken: ct);
            var years = new Dictionary<int, TrainingYear>((figuresRow.HasValue ? JsonTable.Read<WardTrainingFigures>(figuresRow.Value!) : WardTrainingFigures.Empty).Years);
            var year = session.Date.Year;
            var y = years.GetValueOrDefault(year, new TrainingYear(0, 0));
            var next = part with
            {
                People = part.People.Select(p => present.TryGetValue(p.Person.MemberId, out var now) ? p with { Present = now } : p).ToList(),
                Corrections = [.. part.Corrections ?? [], audit.OperationId],
            };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, Json(wardId, PartKey(session.Id, partNo), next), partRow.Value!.ETag) };
            var after = new List<TrainedPerson>();
            var mark = new TrainingMark(session.Id, session.Date, session.Topic, session.Title);
            for (var i = 0; i < flips.Count; i++)
            {
                var p = flips[i].Person;
                var was = rows[i].HasValue ? JsonTable.Read<TrainedPerson>(rows[i].Value!) : new TrainedPerson(p.MemberId, p.GroupId, p.FullName, []);
                var hadYear = was.Sessions.Any(s => s.Date.Year == year);
                var sessions = flips[i].Present
                    ? was.Sessions.Where(s => s.SessionId != session.Id).ToList()               // was present, now absent: the mark comes off
                    : [.. was.Sessions.Where(s => s.SessionId != session.Id), mark];           // was absent, now present: the mark goes on
                var hasYear = sessions.Any(s => s.Date.Year == year);
                if (hadYear != hasYear) y = y with { PeopleTrained = y.PeopleTrained + (hasYear ? 1 : -1) };
                var person = was with { Sessions = sessions };
                after.Add(person);
                var row = Json(wardId, PersonKey(p.MemberId), person);
                actions.Add(rows[i].HasValue ? new(TableTransactionActionType.UpdateReplace, row, rows[i].Value!.ETag) : new(TableTransactionActionType.Add, row));
            }
            years[year] = y;
            var figuresNext = Json(wardId, FiguresKey, new WardTrainingFigures(years));
            actions.Add(figuresRow.HasValue ? new(TableTransactionActionType.UpdateReplace, figuresNext, figuresRow.Value!.ETag) : new(TableTransactionActionType.Add, figuresNext));
            actions.Add(new(TableTransactionActionType.Add, Audit(wardId, audit with { OperationId = $"{audit.OperationId}-{partNo}" })));
            if (actions.Select(x => StorageLimits.Problem(x.Entity.RowKey, (TableEntity)x.Entity)).Any(problem => problem is not null)) throw StorageLimits.TooLarge();
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return after;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < 30)
            {
                await Task.Delay(Random.Shared.Next(10, 30 * Math.Min(attempt, 10) + 20), ct); // the part, a training row or the figures moved meanwhile
            }
        }
    }

    /// <summary>The ward's training rows, by member id (one range of the ward's partition: the people trained, never the sessions).</summary>
    public async Task<IReadOnlyDictionary<string, TrainedPerson>> PeopleAsync(string wardId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var all = new Dictionary<string, TrainedPerson>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(wardId, "p|"), cancellationToken: ct))
            all[e.RowKey[2..]] = JsonTable.Read<TrainedPerson>(e);
        return all;
    }

    public async Task<TrainedPerson?> PersonAsync(string wardId, string memberId, CancellationToken ct)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, PersonKey(memberId), cancellationToken: ct);
        return row.HasValue ? JsonTable.Read<TrainedPerson>(row.Value!) : null;
    }

    /// <summary>The ward's figures per year (one point read): sessions its people attended, distinct people trained.</summary>
    public async Task<IReadOnlyDictionary<int, TrainingYear>> YearsAsync(string wardId)
    {
        var table = await storage.ClientAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, FiguresKey);
        return row.HasValue ? JsonTable.Read<WardTrainingFigures>(row.Value!).Years : new Dictionary<int, TrainingYear>();
    }

    public Task<string> PutFileAsync(string name, byte[] content, string contentType) => files.PutAsync(name, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetFileAsync(string name) => files.GetAsync(name);

    static TableEntity Audit(string pk, TrainingAudit a) => new(pk, $"a|{TableRows.Inverted(a.At)}|{a.OperationId}")
    {
        ["At"] = a.At, ["ActorId"] = a.ActorId, ["ActorName"] = a.ActorName, ["Action"] = a.Action, ["SessionId"] = a.SessionId,
        ["Description"] = a.Description, ["OperationId"] = a.OperationId,
    };

    static TableEntity Json<T>(string pk, string rk, T value) => JsonTable.Entity(pk, rk, value);
}
