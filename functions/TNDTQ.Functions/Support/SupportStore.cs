using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Shared;

namespace Tndtq.Support;

/// <summary>
/// Table <c>Support</c>. Partition = ward id: <c>r|{roundId}</c> a round (one JSON document), <c>~figures</c> the ward's
/// <see cref="SupportFigures"/>, written in the same transaction as every change of a round (<see cref="JsonTable.UpdateWithFiguresAsync"/>),
/// so the figures move exactly when a round is approved, whatever crashes when. Partition <c>h|{wardId}|{beneficiaryId}</c>,
/// RowKey = round id: the beneficiary's support history, written after the approval by the same activity with fixed keys
/// (a retried activity writes the same rows again). Signed receipt lists are blobs in <c>support/{wardId}/{roundId}/…</c>.
/// The ward's partition also holds the list's rows (<c>~l|…</c>, <see cref="Lists"/>), written in each change's transaction.
/// </summary>
public sealed class SupportStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Support";
    public const string Container = "support";
    const string FiguresKey = "~figures";
    readonly JsonTable table = new(tables, TableName);
    readonly BlobFiles files = new(blobs, Container);

    static string RoundKey(string id) => $"r|{id}";
    static string HistoryPartition(string wardId, string beneficiaryId) => $"h|{wardId}|{beneficiaryId}";

    /// <summary>Fault injection for tests: runs after an approval's transaction landed and before its history lines are written (throw to simulate a crash).</summary>
    public Func<Task>? AfterApproval { get; set; }

    public Task<SupportRound?> GetAsync(string wardId, string id) => table.GetAsync<SupportRound>(wardId, RoundKey(id));

    /// <summary>Every round of the ward, whole: for the recount and the rebuild, never for the pages (they read <see cref="PageAsync"/>).</summary>
    public Task<List<SupportRound>> ListAsync(string wardId) => table.ListAsync<SupportRound>(wardId, "r|");

    // ---- the list: rows that make the year and the status a range of keys ---------------------------

    /// <summary>
    /// The orders a ward's rounds are listed in, last changed first within each: every key is <c>~l|{list}|{newest first}|{id}</c>, the newest
    /// first part being <c>DateTimeOffset.MaxValue</c>'s ticks minus those of the round's last change (19 digits). <c>all</c>;
    /// <c>y|{year}</c>; <c>s|{status}</c>; <c>ys|{year}|{status}</c>. A round's year is the year it was approved in (Vietnam time), or
    /// the year it was created in while it is not approved: a round approved in another year moves to it.
    /// </summary>
    public static class Lists
    {
        public static string Of(int? year, string? status) => (year, status) switch
        {
            (null, null) => "~l|all|",
            ({ } y, null) => $"~l|y|{y}|",
            (null, { } s) => $"~l|s|{s}|",
            ({ } y, { } s) => $"~l|ys|{y}|{s}|",
        };

        public static int YearOf(SupportRound r) => r.Year ?? VietnamTime.ToVietnam(r.CreatedAt).Year;
    }

    /// <summary>A round's list rows: each holds the round as the list shows it (no beneficiaries, no trail).</summary>
    static IEnumerable<TableEntity> ListRows(string wardId, SupportRound r)
    {
        var tail = $"{DateTimeOffset.MaxValue.UtcTicks - r.UpdatedAt.UtcTicks:D19}|{r.Id}";
        var year = Lists.YearOf(r);
        var item = ListItem(r);
        foreach (var key in new[] { Lists.Of(null, null), Lists.Of(year, null), Lists.Of(null, r.Status), Lists.Of(year, r.Status) })
            yield return JsonTable.Entity(wardId, key + tail, item);
    }

    public static SupportRoundListItem ListItem(SupportRound r) => new(r.Id, r.Kind, SupportTexts.SupportKindName(r.Kind), r.Name, r.Fund.Name,
        SupportTexts.FundTypeName(r.Fund.Type), r.Beneficiaries.Count, r.Total, r.Status, SupportTexts.SupportStatusName(r.Status), r.UpdatedAt, r.ApprovedAt);

    /// <summary>
    /// One page of the ward's rounds, last changed first, optionally of one year and one status: one range of list rows, at most
    /// <paramref name="pageSize"/> read. <paramref name="token"/> is the API's (null: the first page), valid only for this ward's list
    /// with these filters (a 400 otherwise).
    /// </summary>
    public async Task<PageResult<SupportRoundListItem>> PageAsync(string wardId, int? year, string? status, string? token, int pageSize, CancellationToken ct)
    {
        var range = Lists.Of(year, status);
        var check = $"support-rounds|{wardId}|{range}";
        var (rows, next) = await table.PageAsync(wardId, range, null, ContinuationToken.Decode(token, check), pageSize, ct);
        return new PageResult<SupportRoundListItem>(rows.Select(JsonTable.Read<SupportRoundListItem>).ToList(), ContinuationToken.Encode(next, check));
    }

    /// <summary>
    /// The one-off listing of a ward's rounds saved before they had list rows: each is written again as it is, with its list rows, in its
    /// own transaction (its figures move by nothing), then the mark <c>~listed</c>. Safe to run again; a run stopped part-way is finished by
    /// the next. False when the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RebuildListAsync(string wardId)
    {
        if (await table.GetAsync<ListedMark>(wardId, ListedMarkKey) is not null) return false;
        foreach (var r in await ListAsync(wardId)) await UpdateAsync(wardId, r.Id, now => now);
        await table.PutAsync(wardId, ListedMarkKey, new ListedMark(true));
        return true;
    }

    const string ListedMarkKey = "~listed";
    sealed record ListedMark(bool Listed);

    /// <summary>
    /// Changes a round as it is now (null: none yet) with the ward's figures, in one transaction; on a conflict it reads again and
    /// <paramref name="change"/> runs again. Returns the round as stored (null: <paramref name="change"/> wrote nothing and there is none).
    /// </summary>
    public async Task<SupportRound?> UpdateAsync(string wardId, string id, Func<SupportRound?, SupportRound?> change)
    {
        SupportRound? written = null, seen = null;
        await table.UpdateWithFiguresAsync<SupportRound, SupportFigures>(wardId, RoundKey(id), now =>
        {
            seen = now;
            return written = change(now);
        }, FiguresKey, (figures, before, after) => (figures ?? SupportFigures.Zero).Move(before, after), r => ListRows(wardId, r));
        return written ?? seen;
    }

    /// <summary>The ward's kept figures per year (empty: no round approved yet). The reports' summary reads this.</summary>
    public async Task<IReadOnlyDictionary<int, SupportYear>> YearsAsync(string wardId) =>
        (await table.GetAsync<SupportFigures>(wardId, FiguresKey) ?? SupportFigures.Zero).Years;

    /// <summary>The figures counted afresh from every round of the ward: only for the check, never for the pages.</summary>
    public async Task<SupportFigures> RecountAsync(string wardId) => SupportFigures.Recount(await ListAsync(wardId));

    /// <summary>The history lines of an approved round, one per beneficiary, at fixed keys (writing them twice writes the same rows).</summary>
    public async Task AddHistoryAsync(SupportRound r)
    {
        if (AfterApproval is { } crash) await crash();
        var on = DateOnly.FromDateTime(VietnamTime.ToVietnam(r.ApprovedAt!.Value).DateTime);
        foreach (var b in r.Beneficiaries)
            await table.PutAsync(HistoryPartition(r.WardId, b.Id), r.Id, new SupportHistoryEntry(r.Id, r.Name, r.Kind, SupportTexts.SupportKindName(r.Kind), r.Fund.Name,
                r.Fund.Type, SupportTexts.FundTypeName(r.Fund.Type), b.Amount, b.Gift, on, r.Status, SupportTexts.SupportStatusName(r.Status)));
    }

    public Task<List<SupportHistoryEntry>> HistoryAsync(string wardId, string beneficiaryId) => table.ListAsync<SupportHistoryEntry>(HistoryPartition(wardId, beneficiaryId));

    public Task<string> PutFileAsync(string name, byte[] content, string contentType) => files.PutAsync(name, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetFileAsync(string name) => files.GetAsync(name);
}
