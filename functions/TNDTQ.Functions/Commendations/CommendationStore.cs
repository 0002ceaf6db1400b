using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Shared;
using Tndtq.Restructure;

namespace Tndtq.Commendations;

/// <summary>A nomination as lists show it: what was proposed, where it is, how it ended.</summary>
public sealed record NominationRecord(NominationInput Input, string Status, IReadOnlyList<DocumentRef> Evidence, NominationOutcome? Outcome,
    IReadOnlyList<string>? EligibilityProblems = null);

/// <summary>
/// A ward's nominations counted by status (nominated, eligible, ineligible, approved, rejected, withdrawn) and its
/// awards by the year of their decision, and by year, award form and individual/collective (<see cref="Awards"/>, keyed
/// <see cref="AwardKey"/>; null in rows written before it was kept, see <see cref="CommendationStore.RebuildFiguresAsync"/>): kept in the rows <c>~figures|{n}</c> of the ward's nominations partition (eight,
/// by a hash of the nomination id, so a campaign's nominations rarely wait for each other), each written in the same
/// transaction as its nominations; their sum always equals the nominations' own count.
/// </summary>
public sealed record NominationFigures(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<int, int> AwardsByYear,
    IReadOnlyDictionary<string, int>? Awards = null)
{
    public static readonly NominationFigures Zero = new(new Dictionary<string, int>(), new Dictionary<int, int>(), new Dictionary<string, int>());

    /// <summary>"{year}|{award form id}|{individual|collective}".</summary>
    public static string AwardKey(int year, string formId, NomineeType type) => $"{year}|{formId}|{TableRows.Kebab(type)}";

    /// <summary>The awards of <see cref="Awards"/> as (year, form, nominee type, count).</summary>
    public IEnumerable<(int Year, string FormId, NomineeType Type, int Count)> AwardsByForm() =>
        (Awards ?? new Dictionary<string, int>()).Select(x => x.Key.Split('|')).Zip((Awards ?? new Dictionary<string, int>()).Values)
            .Where(p => p.First.Length == 3 && int.TryParse(p.First[0], out _))
            .Select(p => (int.Parse(p.First[0], System.Globalization.CultureInfo.InvariantCulture), p.First[1],
                p.First[2] == "collective" ? NomineeType.Collective : NomineeType.Individual, p.Second));

    /// <summary>An award is an approved nomination (approved only when the award went to it), counted in the year of its decision.</summary>
    static int? AwardYear(NominationRecord r) => r.Status == NominationOutcomes.Approved ? r.Outcome?.DecisionDate?.Year : null;

    public NominationFigures Add(NominationRecord r, int n)
    {
        var byStatus = new SortedDictionary<string, int>(ByStatus.ToDictionary(), StringComparer.Ordinal);
        byStatus[r.Status] = byStatus.GetValueOrDefault(r.Status) + n;
        var awards = new SortedDictionary<int, int>(AwardsByYear.ToDictionary());
        var byForm = new SortedDictionary<string, int>((Awards ?? new Dictionary<string, int>()).ToDictionary(), StringComparer.Ordinal);
        if (AwardYear(r) is { } year)
        {
            awards[year] = awards.GetValueOrDefault(year) + n;
            var key = AwardKey(year, r.Input.Award.Id, r.Input.Nominee.Type);
            byForm[key] = byForm.GetValueOrDefault(key) + n;
        }
        return new(byStatus.Where(x => x.Value != 0).ToDictionary(), awards.Where(x => x.Value != 0).ToDictionary(), byForm.Where(x => x.Value != 0).ToDictionary());
    }

    public NominationFigures Plus(NominationFigures o) => new(
        ByStatus.Concat(o.ByStatus).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)),
        AwardsByYear.Concat(o.AwardsByYear).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)),
        (Awards ?? new Dictionary<string, int>()).Concat(o.Awards ?? new Dictionary<string, int>()).GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Value)));

    public static NominationFigures Recount(IEnumerable<NominationRecord> records) => records.Aggregate(Zero, (f, r) => f.Add(r, 1));

    public bool SameAs(NominationFigures other) =>
        ByStatus.Count == other.ByStatus.Count && ByStatus.All(x => other.ByStatus.GetValueOrDefault(x.Key) == x.Value) &&
        AwardsByYear.Count == other.AwardsByYear.Count && AwardsByYear.All(x => other.AwardsByYear.GetValueOrDefault(x.Key) == x.Value) &&
        Same(Awards, other.Awards);

    static bool Same(IReadOnlyDictionary<string, int>? a, IReadOnlyDictionary<string, int>? b) =>
        (a ?? new Dictionary<string, int>()).Where(x => x.Value != 0).Count() == (b ?? new Dictionary<string, int>()).Where(x => x.Value != 0).Count()
        && (a ?? new Dictionary<string, int>()).All(x => (b?.GetValueOrDefault(x.Key) ?? 0) == x.Value);
}

/// <summary>
/// Table <c>Commendations</c>: <c>catalogue</c> (award forms), <c>n|{wardId}</c> (the ward's
/// nominations, RowKey = id, and <c>~figures|{0-7}</c>: <see cref="NominationFigures"/>, summed), <c>ids</c> (nomination id → ward), <c>t|{nominationId}</c> (timeline), <c>h|{wardId}|{nomineeId}</c>
/// (commendation history of a member or a group, RowKey = period|form|nomination), <c>award|{wardId}|{nomineeId}</c>
/// (RowKey = form|period: the nomination that holds that award, inserted once). Documents and
/// evidence are blobs in <c>commendations/{nominationId}/…</c> with fixed names, so regenerating
/// overwrites them.
/// </summary>
public sealed class CommendationStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Commendations";
    public const string Container = "commendations";
    readonly JsonTable table = new(tables, TableName);
    Task PutAsync<T>(string pk, string rk, T value) => table.PutAsync(pk, rk, value);
    Task<T?> GetAsync<T>(string pk, string rk) where T : class => table.GetAsync<T>(pk, rk);
    Task<List<T>> ListAsync<T>(string pk, string prefix = "") => table.ListAsync<T>(pk, prefix);


    /// <summary>The award forms an administrator described (a new deployment has none; the demo seed writes the 2021 ones).</summary>
    public async Task<IReadOnlyList<AwardForm>> CatalogueAsync() => await ListAsync<AwardForm>("catalogue");

    public Task SaveFormAsync(AwardForm form) => PutAsync("catalogue", form.Id, form);

    public Task SaveAsync(NominationRecord r) => UpdateAsync(r.Input, _ => r);

    /// <summary>
    /// Changes a nomination as it is now (null: not stored yet), with its figures, in one transaction; when another
    /// change got there first it runs again on the newer record, so no change overwrites another (evidence added
    /// while the workflow records eligibility). <paramref name="change"/> returns null to write nothing.
    /// </summary>
    public async Task UpdateAsync(NominationInput input, Func<NominationRecord?, NominationRecord?> change)
    {
        await table.UpdateWithFiguresAsync<NominationRecord, NominationFigures>($"n|{input.WardId}", input.Id, change, JsonTable.ShardKey(FiguresPrefix, input.Id, FiguresShards),
            (figures, before, after) => (before is null ? figures ?? NominationFigures.Zero : (figures ?? NominationFigures.Zero).Add(before, -1)).Add(after, 1),
            r => ListRows($"n|{input.WardId}", r));
        await PutAsync("ids", input.Id, new WardRef(input.WardId)); // id → ward, so one nomination is a point read
    }

    /// <summary>The ward a nomination belongs to (null: no such nomination).</summary>
    public async Task<string?> WardOfAsync(string id) => (await GetAsync<WardRef>("ids", id))?.Value;

    sealed record WardRef(string Value);
    public Task<NominationRecord?> GetAsync(string wardId, string id) => GetAsync<NominationRecord>($"n|{wardId}", id);
    public Task<List<NominationRecord>> ForWardAsync(string wardId) => table.ListAsync<NominationRecord>($"n|{wardId}", except: "~"); // every "~" row is figures, never a nomination

    // ---- the list: rows that make each filter a range of keys ---------------------------------------

    /// <summary>
    /// The orders a ward's nominations are listed in, newest first within each: every key is <c>~n|{list}|{newest first}|{id}</c>,
    /// the newest first part being <c>DateTimeOffset.MaxValue</c>'s ticks minus those of the nomination's creation (19 digits).
    /// <c>all</c>; <c>form|{award form}|</c>; <c>period|{period}|</c>; <c>status|{status}|</c>; <c>campaign|{campaign}|</c>;
    /// <c>name|{a word-start suffix of the nominee's name without diacritics}|</c> (one row per suffix, at most 8).
    /// </summary>
    public static class Lists
    {
        public const string All = "~n|all|";
        public static string Form(string formId) => $"~n|form|{formId}|";
        public static string Period(string period) => $"~n|period|{TableRows.Safe(period)}|";
        public static string Status(string status) => $"~n|status|{status}|";
        public static string Campaign(string campaign) => $"~n|campaign|{campaign}|";
        /// <summary>Names starting with the folded words (a prefix of the suffixes, so no closing '|').</summary>
        public static string Name(string folded) => $"~n|name|{TableRows.Safe(folded)}";
    }

    /// <summary>Each list row holds the nomination as lists show it (no achievements, no evidence) and the properties the other filters compare.</summary>
    static IEnumerable<TableEntity> ListRows(string pk, NominationRecord r)
    {
        var i = r.Input;
        var tail = $"{DateTimeOffset.MaxValue.UtcTicks - i.CreatedAt.UtcTicks:D19}|{i.Id}";
        var keys = new List<string> { Lists.All + tail, Lists.Form(i.Award.Id) + tail, Lists.Period(i.Period) + tail, Lists.Status(r.Status) + tail };
        if (i.Campaign is { } c) keys.Add(Lists.Campaign(c) + tail);
        foreach (var suffix in VietnameseText.WordSuffixes(VietnameseText.Fold(i.NomineeName)).Take(8))
            keys.Add($"{Lists.Name(suffix[..Math.Min(suffix.Length, 100)])}|{tail}");
        var item = ListItem(r);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var e = JsonTable.Entity(pk, key, item);
            e["Status"] = r.Status; e["AwardFormId"] = i.Award.Id; e["Period"] = i.Period; e["Campaign"] = i.Campaign ?? "";
            yield return e;
        }
    }

    /// <summary>A nomination as a list row keeps it: without its achievements and evidence (read the nomination for those).</summary>
    public static NominationRecord ListItem(NominationRecord r) => r with { Evidence = [], Input = r.Input with { Achievements = "" } };

    /// <summary>
    /// One page of a ward's list rows under <paramref name="range"/> (<see cref="Lists"/>), matching <paramref name="filter"/>: reads that page only.
    /// <paramref name="token"/> is Table Storage's own (null: the first page); the answer's is null after the last page.
    /// </summary>
    public async Task<(IReadOnlyList<NominationRecord> Items, string? Next)> ListPageAsync(string wardId, string range, string? filter, string? token, int pageSize,
        CancellationToken ct)
    {
        var (rows, next) = await table.PageAsync($"n|{wardId}", range, filter, token, pageSize, ct);
        return (rows.Select(JsonTable.Read<NominationRecord>).ToList(), next);
    }

    /// <summary>
    /// The one-off listing of a ward's nominations saved before they had list rows: each is written again as it is, with its list rows,
    /// in its own transaction (its figures move by nothing), then the mark <c>~n|listed</c>. Safe to run again; a run stopped part-way
    /// is finished by the next. False when the mark was there (nothing written).
    /// </summary>
    public async Task<bool> RebuildListAsync(string wardId)
    {
        if (await GetAsync<ListedMark>($"n|{wardId}", ListedMarkKey) is not null) return false;
        foreach (var r in await ForWardAsync(wardId)) await UpdateAsync(r.Input, now => now);
        await PutAsync($"n|{wardId}", ListedMarkKey, new ListedMark(true));
        return true;
    }

    const string ListedMarkKey = "~n|listed";
    sealed record ListedMark(bool Listed);

    /// <summary>Not a nomination id (those are lowercase letters, digits and '-').</summary>
    const string FiguresPrefix = "~figures|";
    /// <summary>A campaign saves many nominations of one ward at once: their figures are spread over this many rows.</summary>
    const int FiguresShards = 8;
    /// <summary>The kept figures of a ward's nominations (null: none yet).</summary>
    public Task<NominationFigures?> FiguresAsync(string wardId) => table.SumAsync<NominationFigures>($"n|{wardId}", FiguresPrefix, (a, b) => a.Plus(b));

    /// <summary>
    /// The one-off rebuild of a ward's figures written before they kept awards by form (<see cref="NominationFigures.Awards"/>):
    /// recounted from the nominations and written to the figures rows with the mark <c>~years</c>, in one transaction that every
    /// figures row's ETag guards (a nomination changed meanwhile makes it count again). False: rebuilt before, nothing written.
    /// </summary>
    public Task<bool> RebuildFiguresAsync(string wardId) =>
        table.RecountFiguresAsync<NominationRecord, NominationFigures>($"n|{wardId}", FiguresPrefix, FiguresShards, "~", "~years", NominationFigures.Recount, NominationFigures.Zero);

    public Task AddTrailAsync(string id, TrailEntry e) => PutAsync($"t|{id}", $"{e.At.UtcTicks:D19}|{e.Step}-{e.Round}", e);
    public Task<List<TrailEntry>> TrailAsync(string id) => ListAsync<TrailEntry>($"t|{id}");

    static string Nominee(Nominee n) => n.MemberId ?? n.GroupId;
    public Task AddAwardAsync(string wardId, AwardRecord a) =>
        PutAsync($"h|{wardId}|{a.MemberId ?? a.GroupId}", $"{a.Period}|{a.AwardFormId}|{a.NominationId}", a);
    public Task<List<AwardRecord>> HistoryAsync(string wardId, string nomineeId) => ListAsync<AwardRecord>($"h|{wardId}|{nomineeId}");
    public async Task<bool> HasAwardAsync(string wardId, Nominee nominee, string formId, string period) =>
        (await HistoryAsync(wardId, Nominee(nominee))).Any(a => a.AwardFormId == formId && a.Period == period)
        || await GetAsync<AwardClaim>(ClaimPartition(wardId, nominee), ClaimKey(formId, period)) is not null;

    /// <summary>
    /// Claims the award (nominee, form, period) for a nomination: the row is inserted only if absent, so of two
    /// nominations decided at the same moment exactly one holds it. Returns the nomination that holds it.
    /// </summary>
    public async Task<string> ClaimAwardAsync(NominationInput i) =>
        (await table.AddOrGetAsync(ClaimPartition(i.WardId, i.Nominee), ClaimKey(i.Award.Id, i.Period), new AwardClaim(i.Id))).NominationId;

    /// <summary>The nomination that holds the award (nominee, form, period), or null.</summary>
    public async Task<string?> AwardHolderAsync(string wardId, Nominee nominee, string formId, string period) =>
        (await GetAsync<AwardClaim>(ClaimPartition(wardId, nominee), ClaimKey(formId, period)))?.NominationId;

    sealed record AwardClaim(string NominationId);
    static string ClaimPartition(string wardId, Nominee n) => $"award|{wardId}|{Nominee(n)}";
    static string ClaimKey(string formId, string period) => $"{formId}|{TableRows.Safe(period)}";

    readonly BlobFiles files = new(blobs, Container);
    public Task<string> PutBlobAsync(string name, byte[] content, string contentType) => files.PutAsync(name, content, contentType);
    public Task<(BinaryData Content, string ContentType)?> GetBlobAsync(string name) => files.GetAsync(name);
}
