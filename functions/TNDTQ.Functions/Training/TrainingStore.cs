using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Training;

public sealed record StoredSession(TrainingSession Value, ETag ETag);

/// <summary>One line of a session's audit: who did what, when.</summary>
public sealed record TrainingAudit(DateTimeOffset At, string ActorId, string ActorName, string Action, string SessionId, string Description, string OperationId);

/// <summary>A session row changed since it was read (412 for an If-Match edit; read again otherwise).</summary>
public sealed class SessionWriteConflict() : Exception("The session changed since it was read.");

/// <summary>
/// Table <c>Training</c>. Partition <c>sessions</c> holds the sessions (<c>s|{id}</c>, one JSON document with the wards'
/// confirmations, ETag-checked) and their audit (<c>a|{inverted ticks}|{op}</c>). Each ward's partition (PartitionKey =
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
    readonly TableClient table = tables.GetTableClient(TableName);
    readonly BlobFiles files = new(blobs, Container);

    static string SessionKey(string id) => $"s|{id}";
    static string PartKey(string sessionId, int part) => $"r|{sessionId}|{part:D3}";
    static string PersonKey(string memberId) => $"p|{memberId}";
    const string FiguresKey = "y";

    /// <summary>Fault injection for tests: runs after a ward's part landed (throw to simulate a crash between parts).</summary>
    internal Func<AttendancePart, Task>? AfterPart { get; set; }

    public async Task<StoredSession?> GetAsync(string id, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(SessionsPartition, SessionKey(id), cancellationToken: ct);
        return row.HasValue ? new StoredSession(RegisterTable.FromJson<TrainingSession>(ReadJson(row.Value!)), row.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<TrainingSession>> ListAsync(CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var list = new List<TrainingSession>();
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.PrefixFilter(SessionsPartition, "s|"), cancellationToken: ct))
            list.Add(RegisterTable.FromJson<TrainingSession>(ReadJson(e)));
        return list;
    }

    /// <summary>
    /// Writes a session with its audit line in one transaction: added (<paramref name="etag"/> null; a second add of the
    /// same id is <see cref="SessionWriteConflict"/>) or replaced if unchanged since read.
    /// </summary>
    public async Task<ETag> SaveAsync(TrainingSession s, ETag? etag, TrainingAudit audit, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var row = Json(SessionsPartition, SessionKey(s.Id), s);
        row["Status"] = s.Status;
        row["StartsAt"] = s.StartsAt;
        var actions = new List<TableTransactionAction>
        {
            etag is { } t ? new(TableTransactionActionType.UpdateReplace, row, t) : new(TableTransactionActionType.Add, row),
            new(TableTransactionActionType.Add, Audit(SessionsPartition, audit)),
        };
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
        await table.EnsureCreatedAsync();
        var list = new List<AttendancePart>();
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.PrefixFilter(wardId, $"r|{sessionId}|"), cancellationToken: ct))
            list.Add(RegisterTable.FromJson<AttendancePart>(ReadJson(e)));
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
        await table.EnsureCreatedAsync();
        for (var attempt = 1; ; attempt++)
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(wardId, PartKey(session.Id, part.Part), cancellationToken: ct)).HasValue) return false;
            var present = part.People.Where(p => p.Present).Select(p => p.Person).ToList();
            var people = await Task.WhenAll(present.Select(p => table.GetEntityIfExistsAsync<TableEntity>(wardId, PersonKey(p.MemberId), cancellationToken: ct)));
            var figuresRow = await table.GetEntityIfExistsAsync<TableEntity>(wardId, FiguresKey, cancellationToken: ct);
            var figures = figuresRow.HasValue ? RegisterTable.FromJson<WardTrainingFigures>(ReadJson(figuresRow.Value!)) : WardTrainingFigures.Empty;
            var years = new Dictionary<int, TrainingYear>(figures.Years);
            var year = session.Date.Year;
            var y = years.GetValueOrDefault(year, new TrainingYear(0, 0));
            if (part.Part == 0) y = y with { Sessions = y.Sessions + 1 };

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Json(wardId, PartKey(session.Id, part.Part), part)) };
            var mark = new TrainingMark(session.Id, session.Date, session.Topic, session.Title);
            for (var i = 0; i < present.Count; i++)
            {
                var p = present[i];
                var was = people[i].HasValue ? RegisterTable.FromJson<TrainedPerson>(ReadJson(people[i].Value!)) : null;
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

    /// <summary>The ward's training rows, by member id (one range of the ward's partition: the people trained, never the sessions).</summary>
    public async Task<IReadOnlyDictionary<string, TrainedPerson>> PeopleAsync(string wardId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var all = new Dictionary<string, TrainedPerson>();
        await foreach (var e in table.QueryAsync<TableEntity>(RegisterTable.PrefixFilter(wardId, "p|"), cancellationToken: ct))
            all[e.RowKey[2..]] = RegisterTable.FromJson<TrainedPerson>(ReadJson(e));
        return all;
    }

    public async Task<TrainedPerson?> PersonAsync(string wardId, string memberId, CancellationToken ct)
    {
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, PersonKey(memberId), cancellationToken: ct);
        return row.HasValue ? RegisterTable.FromJson<TrainedPerson>(ReadJson(row.Value!)) : null;
    }

    /// <summary>The ward's figures per year (one point read): sessions its people attended, distinct people trained.</summary>
    public async Task<IReadOnlyDictionary<int, TrainingYear>> YearsAsync(string wardId)
    {
        await table.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(wardId, FiguresKey);
        return row.HasValue ? RegisterTable.FromJson<WardTrainingFigures>(ReadJson(row.Value!)).Years : new Dictionary<int, TrainingYear>();
    }

    public Task<string> PutFileAsync(string name, byte[] content, string contentType) => files.PutAsync(name, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetFileAsync(string name) => files.GetAsync(name);

    static TableEntity Audit(string pk, TrainingAudit a) => new(pk, $"a|{RegisterTable.Inverted(a.At)}|{a.OperationId}")
    {
        ["At"] = a.At, ["ActorId"] = a.ActorId, ["ActorName"] = a.ActorName, ["Action"] = a.Action, ["SessionId"] = a.SessionId,
        ["Description"] = a.Description, ["OperationId"] = a.OperationId,
    };

    static TableEntity Json<T>(string pk, string rk, T value) => JsonTable.Entity(pk, rk, value);

    static string ReadJson(TableEntity e) => JsonTable.ReadJson(e);
}
