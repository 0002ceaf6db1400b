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
/// </summary>
public sealed class SupportStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Support";
    public const string Container = "support";
    const string FiguresKey = "~figures";
    readonly JsonTable table = new(tables.GetTableClient(TableName));
    readonly BlobFiles files = new(blobs, Container);

    static string RoundKey(string id) => $"r|{id}";
    static string HistoryPartition(string wardId, string beneficiaryId) => $"h|{wardId}|{beneficiaryId}";

    /// <summary>Fault injection for tests: runs after an approval's transaction landed and before its history lines are written (throw to simulate a crash).</summary>
    public Func<Task>? AfterApproval { get; set; }

    public Task<SupportRound?> GetAsync(string wardId, string id) => table.GetAsync<SupportRound>(wardId, RoundKey(id));

    public Task<List<SupportRound>> ListAsync(string wardId) => table.ListAsync<SupportRound>(wardId, "r|");

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
        }, FiguresKey, (figures, before, after) => (figures ?? SupportFigures.Zero).Move(before, after));
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
            await table.PutAsync(HistoryPartition(r.WardId, b.Id), r.Id, new SupportHistoryEntry(r.Id, r.Name, r.Kind, Texts.SupportKindName(r.Kind), r.Fund.Name,
                r.Fund.Type, Texts.FundTypeName(r.Fund.Type), b.Amount, b.Gift, on, r.Status, Texts.SupportStatusName(r.Status)));
    }

    public Task<List<SupportHistoryEntry>> HistoryAsync(string wardId, string beneficiaryId) => table.ListAsync<SupportHistoryEntry>(HistoryPartition(wardId, beneficiaryId));

    public Task<string> PutFileAsync(string name, byte[] content, string contentType) => files.PutAsync(name, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetFileAsync(string name) => files.GetAsync(name);
}
