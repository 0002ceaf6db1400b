using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Tndtq.Meetings;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Foundation;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Meetings;

/// <summary>
/// A ward's meetings of a year are read a page at a time from their list rows (one query a page, whatever the years
/// gathered); a correction that moves a meeting's date moves its list rows in the same transaction; meetings recorded
/// before list rows existed are listed by the rebuild.
/// </summary>
[Collection(CountedStorage.Name)]
public sealed class MeetingListTests(RequestOverheadTests.Fixture fx) : IClassFixture<RequestOverheadTests.Fixture>
{
    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n" +
        "\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n,,Trần Thị Bình,1970,Số 2,Thành viên\n" +
        "\"Tổ 2, khu vực 1\",20,Lê Văn Cường,1965,Số 3,Tổ trưởng\n";

    static object Body(GroupView g, DateOnly date, string? reason = null) => new {
        scope = "group", groupId = g.Id, date, kind = "regular", chair = g.Leader!.FullName, attendance = new[] { new { memberId = g.Leader!.Id, status = "present" } },
        content = "Phổ biến quy định phòng cháy, chữa cháy.", tasks = Array.Empty<object>(), reason,
    };

    /// <summary>Meetings of both groups, one every 20 days back from 20/11/2026 (2026, 2025 and 2024).</summary>
    static async Task<List<(string Id, string GroupId, DateOnly Date)>> RecordAsync(HttpClient officer, string ward, IReadOnlyList<GroupView> groups, int count)
    {
        var made = new System.Collections.Concurrent.ConcurrentBag<(string, string, DateOnly)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, ct) =>
        {
            var (group, date) = (groups[n % groups.Count], new DateOnly(2026, 11, 20).AddDays(-20 * n));
            // Four at once in one ward: a 503 "ward busy" is sent again with the same x-requestid, as the web app does.
            var requestId = Guid.NewGuid().ToString("N");
            HttpResponseMessage answer;
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"wards/{ward}/meetings") { Content = JsonContent.Create(Body(group, date)) };
                request.Headers.Add("x-requestid", requestId);
                answer = await officer.SendAsync(request, ct);
                if (answer.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5) break;
                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
            var m = await answer.ReadAsync<MeetingView>();
            made.Add((m.Id, group.Id, date));
        });
        return made.ToList();
    }

    static Task<(List<MeetingListItem> Items, List<long> Queries)> AllPagesAsync(HttpClient who, string url) =>
        PagedList.AllAsync<MeetingListItem>(who, url, MeetingStore.TableName);

    [Fact]
    public async Task A_year_is_read_page_by_page_one_query_each_newest_first_and_a_corrected_date_moves_the_meeting_to_its_new_year()
    {
        var (ward, officer, _) = await fx.NewWardAsync("hop-trang", "Phường Họp Trang", Register);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var made = await RecordAsync(officer, ward, groups, 48);

        foreach (var year in new[] { 2026, 2025, 2024 })
        {
            var (items, queries) = await AllPagesAsync(officer, $"wards/{ward}/meetings?year={year}&pageSize=5");
            Assert.Equal(made.Where(m => m.Date.Year == year).OrderByDescending(m => m.Date).Select(m => m.Id), items.Select(i => i.Id));
            Assert.All(queries, q => Assert.Equal(1, q));
        }
        var group = groups[1];
        var (ofGroup, _) = await AllPagesAsync(officer, $"wards/{ward}/meetings?year=2025&groupId={group.Id}&pageSize=4");
        Assert.Equal(made.Where(m => m.Date.Year == 2025 && m.GroupId == group.Id).OrderByDescending(m => m.Date).Select(m => m.Id), ofGroup.Select(i => i.Id));
        Assert.All(ofGroup, i => Assert.Equal(group.Name, i.GroupName));

        // Corrected from 2025 to 2024: in 2024's list (once, at its date), no longer in 2025's.
        var moved = made.First(m => m.Date.Year == 2025);
        var got = await officer.GetAsync($"wards/{ward}/meetings/{moved.Id}");
        var etag = got.Headers.ETag!.ToString();
        var put = new HttpRequestMessage(HttpMethod.Put, $"wards/{ward}/meetings/{moved.Id}")
        {
            Content = JsonContent.Create(Body(groups.Single(g => g.Id == moved.GroupId), new DateOnly(2024, 1, 2), "Ghi nhầm ngày họp")),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        (await officer.SendAsync(put)).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await AllPagesAsync(officer, $"wards/{ward}/meetings?year=2025&pageSize=50")).Items, i => i.Id == moved.Id);
        var in2024 = (await AllPagesAsync(officer, $"wards/{ward}/meetings?year=2024&pageSize=50")).Items;
        Assert.Equal(2, Assert.Single(in2024, i => i.Id == moved.Id).Version);
        Assert.Equal(in2024.OrderByDescending(i => i.Date).Select(i => i.Id), in2024.Select(i => i.Id));

        // A forged or foreign token, a page size out of bounds: 400.
        var first = await (await officer.GetAsync($"wards/{ward}/meetings?year=2026&pageSize=2")).ReadAsync<PageResult<MeetingListItem>>();
        await (await officer.GetAsync($"wards/{ward}/meetings?year=2026&pageSize=2&continuationToken=abc.def")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/{ward}/meetings?year=2025&pageSize=2&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/{ward}/meetings?year=2026&pageSize=0")).ProblemAsync(400);
    }

    [Fact]
    public async Task Meetings_recorded_before_they_had_list_rows_are_listed_by_the_rebuild_once()
    {
        var (ward, officer, _) = await fx.NewWardAsync("hop-cu", "Phường Họp Cũ", Register);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var made = await RecordAsync(officer, ward, groups, 6);
        // As an earlier version left them: no list rows, meetings not marked.
        var table = new TableServiceClient(fx.ConnectionString).GetTableClient(MeetingStore.TableName);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ward}")))
            if (e.RowKey.StartsWith("ly|") || e.RowKey.StartsWith("lg|") || e.RowKey.StartsWith("ls|")) await table.DeleteEntityAsync(ward, e.RowKey);
            else if (e.RowKey.StartsWith("m|")) { e.Remove("Listed"); await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace); }
        Assert.Empty((await (await officer.GetAsync($"wards/{ward}/meetings?year=2026")).ReadAsync<PageResult<MeetingListItem>>()).Items);

        var admin = fx.Client(As.Admin);
        var rebuilt = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(rebuilt.GetProperty("wards")[0].GetProperty("meetingsListed").GetBoolean());
        var listed = (await AllPagesAsync(officer, $"wards/{ward}/meetings?year=2026&pageSize=50")).Items;
        Assert.Equal(made.OrderByDescending(m => m.Date).Select(m => m.Id), listed.Select(i => i.Id));
        var again = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.False(again.GetProperty("wards")[0].GetProperty("meetingsListed").GetBoolean());
    }
}
