using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Commendations;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Foundation;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Commendations;

/// <summary>
/// The nominations list is filtered and paged by storage: a page reads its own rows (one query of the ward's list rows),
/// however many nominations the ward has gathered over the years; each filter is a key range; the continuation token is
/// opaque and refused (400) when forged or sent with other filters. Nominations are written by the store itself (as the
/// workflow's activities write them), closed ones so that no workflow runs.
/// </summary>
[Collection(CountedStorage.Name)]
public sealed class NominationListTests(RequestOverheadTests.Fixture fx) : IClassFixture<RequestOverheadTests.Fixture>
{
    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n";
    static readonly AwardForm Ward = DemoCommendations.Catalogue[0], Police = DemoCommendations.Catalogue[1];
    static readonly string[] Names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Võ Văn Ân"];

    CommendationStore Store() => new(new TableServiceClient(fx.ConnectionString), new BlobServiceClient(fx.ConnectionString));

    /// <summary><paramref name="count"/> closed nominations, one a day back from 1/1/2026: award form, period, campaign, status and name in turn.</summary>
    async Task<List<NominationRecord>> SeedAsync(string ward, int count)
    {
        var store = Store();
        var records = Enumerable.Range(0, count).Select(n =>
        {
            var at = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(7)).AddDays(-n);
            var input = new NominationInput($"nom-{n:D4}", ward, "Phường Thử", new Nominee(NomineeType.Individual, "g1", $"m{n % Names.Length}"), Names[n % Names.Length],
                "Tổ 1, khu vực 1", n % 2 == 0 ? Ward : Police, (2026 - n % 3).ToString(), "Giữ gìn an ninh", n % 4 == 0 ? "cuoi-nam" : null, Role.WardOfficer,
                "officer", "Cán bộ", at, new NominationDeadlines(), []);
            var status = n % 3 == 0 ? NominationOutcomes.Approved : NominationOutcomes.Rejected;
            return new NominationRecord(input, status, [], new NominationOutcome(status, status == NominationOutcomes.Approved ? "Được khen thưởng" : "Không được khen thưởng",
                null, null, null, [], at.AddDays(20)));
        }).ToList();
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) => await Store().SaveAsync(r));
        return records;
    }

    /// <summary>Every page of a list, following its tokens; with the storage queries of the Commendations table each page sent.</summary>
    static Task<(List<NominationView> Items, List<long> Queries)> AllPagesAsync(HttpClient who, string query) =>
        PagedList.AllAsync<NominationView>(who, $"commendations/nominations?{query}", CommendationStore.TableName);

    [Fact]
    public async Task A_page_reads_one_query_of_its_own_rows_in_a_ward_of_ten_nominations_as_in_a_ward_of_four_hundred()
    {
        var (small, smallOfficer, _) = await fx.NewWardAsync("khen-nho", "Phường Khen Nhỏ", Register);
        var (big, bigOfficer, _) = await fx.NewWardAsync("khen-lon", "Phường Khen Lớn", Register);
        await SeedAsync(small, 10);
        var seeded = await SeedAsync(big, 400);

        // The first page: one query of the ward's list rows, whatever the ward's size.
        var smallPage = await QueriesOfOnePageAsync(smallOfficer, $"wardId={small}&pageSize=25", 10);
        var bigPage = await QueriesOfOnePageAsync(bigOfficer, $"wardId={big}&pageSize=25", 25);
        Assert.Equal(1, smallPage);
        Assert.Equal(1, bigPage);

        // Every page: 400 nominations in 16 pages, none twice, newest first, each page one query.
        var (all, queries) = await AllPagesAsync(bigOfficer, $"wardId={big}&pageSize=25");
        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Select(v => v.Id).Distinct().Count());
        Assert.Equal(seeded.OrderByDescending(r => r.Input.CreatedAt).Select(r => r.Input.Id), all.Select(v => v.Id));
        Assert.All(queries, q => Assert.Equal(1, q));
        // A list item is the nomination without its achievements and evidence, at the step it closed at.
        Assert.All(all, v => { Assert.Equal("", v.Achievements); Assert.Equal(NominationStep.Closed, v.Step); });
    }

    /// <summary>The fewest queries one page sent, over three in a row (a background task may add to one of them, never to all).</summary>
    static async Task<long> QueriesOfOnePageAsync(HttpClient who, string query, int items)
    {
        (await who.GetAsync($"commendations/nominations?{query}")).EnsureSuccessStatusCode();
        var fewest = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = StorageRequestCounter.QueriesOf(CommendationStore.TableName);
            var page = await (await who.GetAsync($"commendations/nominations?{query}")).ReadAsync<PageResult<NominationView>>();
            Assert.Equal(items, page.Items.Count);
            fewest = Math.Min(fewest, StorageRequestCounter.QueriesOf(CommendationStore.TableName) - before);
        }
        return fewest;
    }

    [Fact]
    public async Task Each_filter_and_their_combinations_answer_exactly_the_nominations_that_match_page_after_page()
    {
        var (ward, officer, _) = await fx.NewWardAsync("khen-loc", "Phường Khen Lọc", Register);
        var seeded = await SeedAsync(ward, 120);
        static string Fold(string s) => VietnameseText.Fold(s);
        var cases = new (string Query, Func<NominationRecord, bool> Match)[]
        {
            ("status=approved", r => r.Status == NominationOutcomes.Approved),
            ($"awardFormId={Police.Id}", r => r.Input.Award.Id == Police.Id),
            ("period=2025", r => r.Input.Period == "2025"),
            ("campaign=cuoi-nam", r => r.Input.Campaign == "cuoi-nam"),
            // Words of the name typed without diacritics, from any word of it: "van an" finds Nguyễn Văn An and Võ Văn Ân.
            ("q=van%20an", r => Fold(r.Input.NomineeName).Split(' ').Select((_, i) => string.Join(' ', Fold(r.Input.NomineeName).Split(' ')[i..])).Any(s => s.StartsWith("van an"))),
            ("q=TRAN%20thi", r => r.Input.NomineeName == "Trần Thị Bình"),
            ($"q=an&status=rejected&awardFormId={Ward.Id}", r => Fold(r.Input.NomineeName).Split(' ').Any(w => w.StartsWith("an")) && r.Status == NominationOutcomes.Rejected && r.Input.Award.Id == Ward.Id),
            ($"campaign=cuoi-nam&period=2026&awardFormId={Ward.Id}", r => r.Input.Campaign == "cuoi-nam" && r.Input.Period == "2026" && r.Input.Award.Id == Ward.Id),
            ($"period=2025&awardFormId={Police.Id}&status=rejected", r => r.Input.Period == "2025" && r.Input.Award.Id == Police.Id && r.Status == NominationOutcomes.Rejected),
        };
        foreach (var (query, match) in cases)
        {
            var (items, queries) = await AllPagesAsync(officer, $"wardId={ward}&pageSize=7&{query}");
            var expected = seeded.Where(match).Select(r => r.Input.Id).OrderBy(x => x).ToList();
            Assert.True(expected.Count > 0, query);
            Assert.Equal(expected, items.Select(v => v.Id).OrderBy(x => x).ToList());
            Assert.All(queries, q => Assert.True(q <= 1 + NominationService.MaxQueriesPerPage, query));
            if (!query.StartsWith("q=")) Assert.Equal(items.OrderByDescending(v => v.CreatedAt).Select(v => v.Id), items.Select(v => v.Id)); // newest first
        }
    }

    [Fact]
    public async Task A_forged_cut_or_foreign_token_and_a_page_size_out_of_bounds_are_a_400_and_another_ward_is_not_listed()
    {
        var (ward, officer, _) = await fx.NewWardAsync("khen-ma", "Phường Khen Mã", Register);
        var (_, otherOfficer, _) = await fx.NewWardAsync("khen-khac", "Phường Khen Khác", Register);
        await SeedAsync(ward, 12);
        var first = await (await officer.GetAsync($"commendations/nominations?wardId={ward}&pageSize=5")).ReadAsync<PageResult<NominationView>>();
        var token = first.ContinuationToken!;
        // Its first character changed (to another one: the check is hex, so "0" would be no change one time in 16).
        var altered = (token[0] == '0' ? "1" : "0") + token[1..];
        foreach (var bad in new[] { "abc", token[..^2], altered, token.Replace('.', ','), new string('x', 2000) })
        {
            var problem = await (await officer.GetAsync($"commendations/nominations?wardId={ward}&pageSize=5&continuationToken={Uri.EscapeDataString(bad)}")).ProblemAsync(400);
            Assert.Contains("continuationToken", problem.Title + problem.Detail);
        }
        // A token of this list with other filters is not a token of that list.
        await (await officer.GetAsync($"commendations/nominations?wardId={ward}&pageSize=5&status=approved&continuationToken={Uri.EscapeDataString(token)}")).ProblemAsync(400);
        foreach (var size in new[] { "0", "201", "nhieu" })
            await (await officer.GetAsync($"commendations/nominations?wardId={ward}&pageSize={size}")).ProblemAsync(400);
        Assert.Contains("status", (await (await officer.GetAsync($"commendations/nominations?status=xong")).ProblemAsync(400)).Errors!.Keys);
        Assert.Contains("awardFormId", (await (await officer.GetAsync($"commendations/nominations?awardFormId=a%20b")).ProblemAsync(400)).Errors!.Keys);
        // The token still works, and an officer of another ward sees none of these nominations, with or without naming the ward.
        Assert.Equal(5, (await (await officer.GetAsync($"commendations/nominations?wardId={ward}&pageSize=5&continuationToken={Uri.EscapeDataString(token)}")).ReadAsync<PageResult<NominationView>>()).Items.Count);
        Assert.Empty((await (await otherOfficer.GetAsync($"commendations/nominations?wardId={ward}")).ReadAsync<PageResult<NominationView>>()).Items);
        Assert.Empty((await (await otherOfficer.GetAsync("commendations/nominations")).ReadAsync<PageResult<NominationView>>()).Items);
    }

    [Fact]
    public async Task Nominations_saved_before_they_had_list_rows_are_listed_after_the_rebuild_once_and_a_change_moves_their_rows()
    {
        var (ward, officer, _) = await fx.NewWardAsync("khen-cu", "Phường Khen Cũ", Register);
        var seeded = await SeedAsync(ward, 3);
        // As an earlier version saved them: the nomination's row only (no list rows, no mark).
        var table = new TableServiceClient(fx.ConnectionString).GetTableClient(CommendationStore.TableName);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"n|" + ward} and RowKey ge {"~n|"} and RowKey lt {"~n}"}")))
            await table.DeleteEntityAsync(e.PartitionKey, e.RowKey);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"n|" + ward} and RowKey lt {"~"}")))
        {
            e.Remove(JsonTable.ListedProperty);
            await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace);
        }
        Assert.Empty((await (await officer.GetAsync($"commendations/nominations?wardId={ward}")).ReadAsync<PageResult<NominationView>>()).Items);

        var admin = fx.Client(As.Admin);
        var rebuilt = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(rebuilt.GetProperty("wards")[0].GetProperty("nominationsRebuilt").GetBoolean());
        var listed = (await (await officer.GetAsync($"commendations/nominations?wardId={ward}")).ReadAsync<PageResult<NominationView>>()).Items;
        Assert.Equal(seeded.OrderByDescending(r => r.Input.CreatedAt).Select(r => r.Input.Id), listed.Select(v => v.Id));
        var again = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.False(again.GetProperty("wards")[0].GetProperty("nominationsRebuilt").GetBoolean());

        // A change of status moves the nomination from one status's rows to the other's, in the same transaction.
        var one = seeded.First(r => r.Status == NominationOutcomes.Approved);
        await Store().UpdateAsync(one.Input, r => r! with { Status = NominationOutcomes.Withdrawn });
        Assert.DoesNotContain((await (await officer.GetAsync($"commendations/nominations?wardId={ward}&status=approved")).ReadAsync<PageResult<NominationView>>()).Items, v => v.Id == one.Input.Id);
        Assert.Contains((await (await officer.GetAsync($"commendations/nominations?wardId={ward}&status=withdrawn")).ReadAsync<PageResult<NominationView>>()).Items, v => v.Id == one.Input.Id);
        // The ward's figures still count each nomination once.
        Assert.Equal(3, (await Store().FiguresAsync(ward))!.ByStatus.Values.Sum());
    }
}
