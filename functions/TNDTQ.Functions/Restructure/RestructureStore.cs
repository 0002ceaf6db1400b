using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>A review cycle as opened by the district.</summary>
public sealed record ReviewCycle(string Id, string Name, CycleDeadlines Deadlines, IReadOnlyList<int> RemindDaysBefore, IReadOnlyList<string> WardIds,
    DateTimeOffset OpenedAt, string OpenedBy);

/// <summary>
/// How many groups of a ward a cycle rated at each level: kept in the row <c>ratings</c> of the ward's cycle,
/// written in the same transaction as each assessment (so it always equals the assessments' own count).
/// </summary>
public sealed record RatingCounts(int Good, int Fair, int Average, int Weak)
{
    public static readonly RatingCounts Zero = new(0, 0, 0, 0);
    public int Total => Good + Fair + Average + Weak;

    public RatingCounts Add(Rating rating, int n) => rating switch
    {
        Rating.Good => this with { Good = Good + n },
        Rating.Fair => this with { Fair = Fair + n },
        Rating.Average => this with { Average = Average + n },
        _ => this with { Weak = Weak + n },
    };

    public static RatingCounts Recount(IEnumerable<Assessment> assessments) => assessments.Aggregate(Zero, (c, a) => c.Add(a.Rating, 1));
}

/// <summary>
/// Table <c>Restructure</c>: partition <c>cycles</c> lists the cycles (RowKey = cycle id); each
/// ward's cycle is partition <c>{cycleId}|{wardId}</c> with rows <c>assess|{groupId}</c>,
/// <c>ratings</c> (<see cref="RatingCounts"/>, kept with the assessments; <c>ratings-rebuilt</c> once the rebuild recounted it), <c>draft</c>, <c>v|{version}</c> (submitted versions, never changed), <c>trail|{ticks}|{step}</c>
/// and <c>outcome</c>. Documents are blobs in <c>restructure-documents/{cycle}/{ward}/…</c>.
/// </summary>
public sealed class RestructureStore(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string TableName = "Restructure";
    public const string DocumentsContainer = "restructure-documents";
    readonly JsonTable table = new(tables, TableName);
    Task PutAsync<T>(string pk, string rk, T value) => table.PutAsync(pk, rk, value);
    Task<T?> GetAsync<T>(string pk, string rk) where T : class => table.GetAsync<T>(pk, rk);
    Task<List<T>> ListAsync<T>(string pk, string prefix = "") => table.ListAsync<T>(pk, prefix);
    static string Pk(string cycleId, string wardId) => $"{cycleId}|{wardId}";

    public Task SaveCycleAsync(ReviewCycle cycle) => PutAsync("cycles", cycle.Id, cycle);
    public Task<ReviewCycle?> GetCycleAsync(string cycleId) => GetAsync<ReviewCycle>("cycles", cycleId);
    public async Task<IReadOnlyList<ReviewCycle>> ListCyclesAsync() => (await ListAsync<ReviewCycle>("cycles", "")).OrderByDescending(c => c.OpenedAt).ToList();

    /// <summary>Saves an assessment and moves the ward's rating counts in the same transaction (a changed rating moves from one level to the other).</summary>
    public Task SaveAssessmentAsync(string cycleId, string wardId, Assessment a) =>
        table.PutWithFiguresAsync<Assessment, RatingCounts>(Pk(cycleId, wardId), $"assess|{a.GroupId}", a, RatingsKey,
            (counts, before, after) => (before is null ? counts ?? RatingCounts.Zero : (counts ?? RatingCounts.Zero).Add(before.Rating, -1)).Add(after.Rating, 1));

    const string RatingsKey = "ratings";
    /// <summary>The kept rating counts of a ward in a cycle (null: nothing assessed yet).</summary>
    public Task<RatingCounts?> RatingsAsync(string cycleId, string wardId) => GetAsync<RatingCounts>(Pk(cycleId, wardId), RatingsKey);
    public Task<List<Assessment>> AssessmentsAsync(string cycleId, string wardId) => ListAsync<Assessment>(Pk(cycleId, wardId), "assess|");

    /// <summary>
    /// The ward's rating counts in a cycle recounted from its assessments and written with the mark <c>ratings-rebuilt</c>, once
    /// (assessments saved before the counts were kept): the reports' rebuild. False when done before.
    /// </summary>
    public Task<bool> RebuildRatingsAsync(string cycleId, string wardId) =>
        table.RecountOnceAsync<Assessment, RatingCounts>(Pk(cycleId, wardId), "assess|", RatingsKey, "ratings-rebuilt", RatingCounts.Recount);

    public Task SaveDraftAsync(string cycleId, string wardId, Proposal draft) => PutAsync(Pk(cycleId, wardId), "draft", draft);
    public Task<Proposal?> DraftAsync(string cycleId, string wardId) => GetAsync<Proposal>(Pk(cycleId, wardId), "draft");
    public Task SaveVersionAsync(string cycleId, string wardId, Proposal version) => PutAsync(Pk(cycleId, wardId), $"v|{version.Version:D3}", version);
    public Task<Proposal?> VersionAsync(string cycleId, string wardId, int version) => GetAsync<Proposal>(Pk(cycleId, wardId), $"v|{version:D3}");
    public Task<List<Proposal>> VersionsAsync(string cycleId, string wardId) => ListAsync<Proposal>(Pk(cycleId, wardId), "v|");

    public Task AddTrailAsync(string cycleId, string wardId, TrailEntry e) =>
        PutAsync(Pk(cycleId, wardId), $"trail|{e.At.UtcTicks:D19}|{e.Step}-{e.Round}", e);
    public Task<List<TrailEntry>> TrailAsync(string cycleId, string wardId) => ListAsync<TrailEntry>(Pk(cycleId, wardId), "trail|");

    public Task SaveOutcomeAsync(string cycleId, string wardId, RestructureOutcome o) => PutAsync(Pk(cycleId, wardId), "outcome", o);
    public Task<RestructureOutcome?> OutcomeAsync(string cycleId, string wardId) => GetAsync<RestructureOutcome>(Pk(cycleId, wardId), "outcome");

    readonly BlobFiles documents = new(blobs, DocumentsContainer);

    /// <summary>Stores a document under a name the system makes (never the user's file name, which is kept as metadata).</summary>
    public async Task<DocumentRef> UploadAsync(string cycleId, string wardId, string name, string extension, string contentType, byte[] content, string by, DateTimeOffset at) =>
        new(name, await documents.PutAsync($"{cycleId}/{wardId}/{Guid.NewGuid():N}{extension}", content, contentType), contentType, content.Length, at, by);

    public Task<(BinaryData Content, string ContentType)?> DownloadAsync(string blobName) => documents.GetAsync(blobName);
}
