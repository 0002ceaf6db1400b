using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Training;
using Tndtq.Tests.Foundation;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Training;

/// <summary>
/// The training sessions are read a page at a time from their list rows (one query a page): the district's every session, a ward's
/// the published ones inviting it, each optionally of a year; a planned session's new date moves its rows in its transaction;
/// sessions saved before list rows existed are listed by the rebuild.
/// </summary>
[Collection(CountedStorage.Name)]
public sealed class TrainingListTests(RequestOverheadTests.Fixture fx) : IClassFixture<RequestOverheadTests.Fixture>
{
    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n";

    static object Body(DateOnly date, string title, params string[] wardIds) => new {
        topic = "law", title, date = date.ToString("yyyy-MM-dd"), startTime = "08:00", place = "Hội trường Công an quận", trainer = "Trung tá Phan Văn Hòa",
        wardIds, inviteLeaders = true, inviteDeputies = false, capacity = 10, confirmBy = date.AddDays(-5).ToString("yyyy-MM-dd"),
    };

    static async Task<List<TrainingSessionListItem>> PlanAsync(HttpClient police, IEnumerable<(DateOnly Date, string[] Wards, bool Publish)> plans)
    {
        var made = new List<TrainingSessionListItem>();
        foreach (var (p, n) in plans.Select((p, n) => (p, n)))
        {
            var s = await (await police.PostAsJsonAsync("training/sessions", Body(p.Date, $"Tập huấn pháp luật đợt {n + 1}", p.Wards))).ReadAsync<System.Text.Json.JsonElement>();
            var id = s.GetProperty("id").GetString()!;
            if (p.Publish) (await police.PostAsync($"training/sessions/{id}/publish", null)).EnsureSuccessStatusCode();
            made.Add(new TrainingSessionListItem(id, "", "", "", default, p.Date, "", "", 0, 0, default, p.Publish ? "published" : "planned", "", p.Wards.Length));
        }
        return made;
    }

    static Task<(List<TrainingSessionListItem> Items, List<long> Queries)> AllPagesAsync(HttpClient who, string url) =>
        PagedList.AllAsync<TrainingSessionListItem>(who, url, TrainingStore.TableName, maxPages: 200);

    [Fact]
    public async Task The_district_reads_every_session_and_a_ward_its_published_invitations_page_by_page_one_query_each_latest_first()
    {
        var (a, officerA, _) = await fx.NewWardAsync("tap-huan-a", "Phường Tập Huấn A", Register);
        var (b, officerB, _) = await fx.NewWardAsync("tap-huan-b", "Phường Tập Huấn B", Register);
        var police = fx.Client(As.Police);
        var made = await PlanAsync(police, [
            (new(2028, 3, 10), [a], true), (new(2028, 1, 15), [a, b], true), (new(2028, 6, 1), [b], true), (new(2028, 2, 20), [a], false),
            (new(2028, 9, 5), [a], true), (new(2028, 4, 4), [b], false), (new(2027, 12, 31), [a], true),
        ]);
        var mine = made.Select(m => m.Id).ToHashSet();

        var (all, queries) = await AllPagesAsync(police, "training/sessions?year=2028&pageSize=3");
        Assert.All(queries, q => Assert.Equal(1, q));
        Assert.Equal(all.OrderByDescending(i => i.StartsAt).Select(i => i.Id), all.Select(i => i.Id));
        Assert.All(all, i => Assert.Equal(2028, i.Date.Year));
        Assert.Equal(made.Where(m => m.Date.Year == 2028).OrderByDescending(m => m.Date).Select(m => m.Id), all.Where(i => mine.Contains(i.Id)).Select(i => i.Id));
        Assert.Equal(2, all.Single(i => i.Id == made[1].Id).Wards);

        // A ward: only what was published to it, of the year or of every year; never another ward's, never a planned one.
        var (ofA, queriesA) = await AllPagesAsync(officerA, "training/sessions?year=2028&pageSize=2");
        Assert.Equal([made[4].Id, made[0].Id, made[1].Id], ofA.Select(i => i.Id));
        Assert.All(queriesA, q => Assert.Equal(1, q));
        Assert.All(ofA, i => Assert.Equal(1, i.Wards));
        Assert.Equal([made[4].Id, made[0].Id, made[1].Id, made[6].Id], (await AllPagesAsync(officerA, "training/sessions?pageSize=3")).Items.Select(i => i.Id));
        Assert.Equal([made[2].Id, made[1].Id], (await AllPagesAsync(officerB, "training/sessions?year=2028")).Items.Select(i => i.Id));
        Assert.Empty((await AllPagesAsync(officerB, "training/sessions?year=2027")).Items);

        // A planned session moved to 2027: in 2027's list once, no longer in 2028's; published, it reaches its ward.
        var moved = made[3];
        var got = await police.GetAsync($"training/sessions/{moved.Id}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"training/sessions/{moved.Id}") { Content = JsonContent.Create(Body(new(2027, 12, 30), "Tập huấn pháp luật đợt 4", a)) };
        put.Headers.TryAddWithoutValidation("If-Match", got.Headers.ETag!.ToString());
        (await police.SendAsync(put)).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await AllPagesAsync(police, "training/sessions?year=2028&pageSize=50")).Items, i => i.Id == moved.Id);
        Assert.Single((await AllPagesAsync(police, "training/sessions?year=2027&pageSize=50")).Items, i => i.Id == moved.Id);
        (await police.PostAsync($"training/sessions/{moved.Id}/publish", null)).EnsureSuccessStatusCode();
        Assert.Equal([made[6].Id, moved.Id], (await AllPagesAsync(officerA, "training/sessions?year=2027")).Items.Select(i => i.Id));

        // A forged token, another list's token, a year or a page size out of bounds: 400.
        var first = await (await police.GetAsync("training/sessions?year=2028&pageSize=1")).ReadAsync<TrainingSessionList>();
        Assert.NotNull(first.ContinuationToken);
        await (await police.GetAsync("training/sessions?year=2028&pageSize=1&continuationToken=abc.def")).ProblemAsync(400);
        await (await police.GetAsync($"training/sessions?year=2027&pageSize=1&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}")).ProblemAsync(400);
        await (await officerA.GetAsync($"training/sessions?year=2028&pageSize=1&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}")).ProblemAsync(400);
        await (await police.GetAsync("training/sessions?year=hai-nghin")).ProblemAsync(400);
        await (await police.GetAsync("training/sessions?pageSize=201")).ProblemAsync(400);
    }

    [Fact]
    public async Task Sessions_saved_before_they_had_list_rows_are_listed_by_the_rebuild_once()
    {
        var (a, officerA, _) = await fx.NewWardAsync("tap-huan-cu", "Phường Tập Huấn Cũ", Register);
        var police = fx.Client(As.Police);
        var made = await PlanAsync(police, [(new(2028, 5, 5), [a], true), (new(2028, 5, 6), [a], true), (new(2028, 5, 7), [a], false)]);
        var ids = made.Select(m => m.Id).ToHashSet();
        // As an earlier version left them: no list rows, sessions not marked, no mark.
        var table = new TableServiceClient(fx.ConnectionString).GetTableClient(TrainingStore.TableName);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TrainingStore.SessionsPartition}")))
            if ((e.RowKey.StartsWith("l|") || e.RowKey.StartsWith("w|")) && ids.Contains(e.RowKey.Split('|')[^1])) await table.DeleteEntityAsync(e.PartitionKey, e.RowKey);
            else if (e.RowKey.StartsWith("s|") && ids.Contains(e.RowKey[2..])) { e.Remove("Listed"); await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace); }
            else if (e.RowKey == "~listed") await table.DeleteEntityAsync(e.PartitionKey, e.RowKey);
        Assert.Empty((await AllPagesAsync(officerA, "training/sessions?pageSize=50")).Items);

        var admin = fx.Client(As.Admin);
        var rebuilt = await (await admin.PostAsync($"reports/rebuild?wardId={a}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(rebuilt.GetProperty("sessionsListed").GetBoolean());
        Assert.Equal([made[1].Id, made[0].Id], (await AllPagesAsync(officerA, "training/sessions?pageSize=1")).Items.Select(i => i.Id));
        Assert.Equal(made.Select(m => m.Id).Reverse(),
            (await AllPagesAsync(police, "training/sessions?year=2028&pageSize=50")).Items.Where(i => ids.Contains(i.Id)).Select(i => i.Id));
        var again = await (await admin.PostAsync($"reports/rebuild?wardId={a}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.False(again.GetProperty("sessionsListed").GetBoolean());
    }
}
