using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Support;
using Tndtq.Tests.Foundation;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Support;

/// <summary>
/// A ward's support rounds are read a page at a time from their list rows (one query a page, whatever the rounds of other years
/// and statuses), last changed first; a change moves a round's list rows in its transaction; rounds saved before list rows existed
/// are listed by the rebuild.
/// </summary>
[Collection(CountedStorage.Name)]
public sealed class SupportListTests(RequestOverheadTests.Fixture fx) : IClassFixture<RequestOverheadTests.Fixture>
{
    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n" +
        "\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n,,Trần Thị Bình,1970,Số 2,Thành viên\n";

    static object Body(GroupView g, string name, long amount = 500_000) => new {
        kind = "holiday-care", name, fund = new { name = "Công ty TNHH Minh Phát", type = "sponsor" },
        beneficiaries = new object[] { new { type = "group", id = g.Id, amount, gift = "Một phần quà Tết" } },
    };

    static async Task<List<SupportRoundView>> CreateAsync(HttpClient officer, string ward, GroupView group, int count)
    {
        var made = new List<SupportRoundView>();
        for (var n = 0; n < count; n++)
            made.Add(await (await officer.PostAsJsonAsync($"wards/{ward}/support-rounds", Body(group, $"Thăm hỏi đợt {n + 1}"))).ReadAsync<SupportRoundView>());
        return made;
    }

    static Task<(List<SupportRoundListItem> Items, List<long> Queries)> AllPagesAsync(HttpClient who, string url) =>
        PagedList.AllAsync<SupportRoundListItem>(who, url, SupportStore.TableName);

    static IEnumerable<string> Newest(IEnumerable<SupportRoundListItem> items) =>
        items.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id);

    [Fact]
    public async Task Rounds_are_read_page_by_page_one_query_each_last_changed_first_by_year_and_status_and_only_by_the_wards_people()
    {
        var (ward, officer, _) = await fx.NewWardAsync("ho-tro-trang", "Phường Hỗ Trợ Trang", Register);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[0];
        var made = await CreateAsync(officer, ward, group, 12);
        var year = VietnamTime.ToVietnam(made[0].CreatedAt).Year;

        var (all, queries) = await AllPagesAsync(officer, $"wards/{ward}/support-rounds?pageSize=5");
        Assert.Equal(made.Select(r => r.Id).Reverse(), all.Select(i => i.Id));
        Assert.Equal(3, queries.Count);
        Assert.All(queries, q => Assert.Equal(1, q));
        Assert.All(all, i => Assert.Equal(SupportStatus.Draft, i.Status));

        // An edited round comes first, once; a withdrawn draft moves to its status.
        var edited = made[3];
        var put = new HttpRequestMessage(HttpMethod.Put, $"wards/{ward}/support-rounds/{edited.Id}") { Content = JsonContent.Create(Body(group, "Thăm hỏi đợt 4 (sửa)", 700_000)) };
        put.Headers.TryAddWithoutValidation("If-Match", (await officer.GetAsync($"wards/{ward}/support-rounds/{edited.Id}")).Headers.ETag!.ToString());
        (await officer.SendAsync(put)).EnsureSuccessStatusCode();
        var withdrawn = made[7];
        (await officer.PostAsync($"wards/{ward}/support-rounds/{withdrawn.Id}/withdraw", null)).EnsureSuccessStatusCode();

        (all, queries) = await AllPagesAsync(officer, $"wards/{ward}/support-rounds?pageSize=4");
        Assert.Equal(12, all.Count);
        Assert.Equal(Newest(all), all.Select(i => i.Id));
        Assert.Equal(withdrawn.Id, all[0].Id);
        Assert.Equal(edited.Id, all[1].Id);
        Assert.Equal(700_000, all[1].Total);
        Assert.All(queries, q => Assert.Equal(1, q));

        var (ofYear, yearQueries) = await AllPagesAsync(officer, $"wards/{ward}/support-rounds?year={year}&pageSize=5");
        Assert.Equal(all.Select(i => i.Id), ofYear.Select(i => i.Id));
        Assert.All(yearQueries, q => Assert.Equal(1, q));
        Assert.Empty((await AllPagesAsync(officer, $"wards/{ward}/support-rounds?year={year - 1}")).Items);
        var drafts = (await AllPagesAsync(officer, $"wards/{ward}/support-rounds?year={year}&status=draft&pageSize=3")).Items;
        Assert.Equal(all.Where(i => i.Id != withdrawn.Id).Select(i => i.Id), drafts.Select(i => i.Id));
        var gone = (await AllPagesAsync(officer, $"wards/{ward}/support-rounds?status=withdrawn")).Items;
        Assert.Equal(withdrawn.Id, Assert.Single(gone).Id);
        Assert.Equal(SupportStatus.Withdrawn, gone[0].Status);

        // A forged token, another list's token, a page size or a status out of bounds: 400 naming the field.
        var first = await (await officer.GetAsync($"wards/{ward}/support-rounds?pageSize=2")).ReadAsync<SupportRoundList>();
        Assert.NotNull(first.ContinuationToken);
        await (await officer.GetAsync($"wards/{ward}/support-rounds?pageSize=2&continuationToken=abc.def")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/{ward}/support-rounds?status=draft&pageSize=2&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/{ward}/support-rounds?pageSize=0")).ProblemAsync(400);
        var status = await (await officer.GetAsync($"wards/{ward}/support-rounds?status=bogus")).ProblemAsync(400);
        Assert.Contains("status", status.Detail);

        // Another ward's officer reads none of it, not even with this ward's token.
        var (_, stranger, _) = await fx.NewWardAsync("ho-tro-khac", "Phường Hỗ Trợ Khác", Register);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"wards/{ward}/support-rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await stranger.GetAsync($"wards/{ward}/support-rounds?pageSize=2&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}")).StatusCode);
    }

    [Fact]
    public async Task Rounds_saved_before_they_had_list_rows_are_listed_by_the_rebuild_once()
    {
        var (ward, officer, _) = await fx.NewWardAsync("ho-tro-cu", "Phường Hỗ Trợ Cũ", Register);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[0];
        var made = await CreateAsync(officer, ward, group, 4);
        // As an earlier version left them: no list rows, rounds not marked.
        var table = new TableServiceClient(fx.ConnectionString).GetTableClient(SupportStore.TableName);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ward}")))
            if (e.RowKey.StartsWith("~l|")) await table.DeleteEntityAsync(ward, e.RowKey);
            else if (e.RowKey.StartsWith("r|")) { e.Remove("Listed"); await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace); }
        Assert.Empty((await (await officer.GetAsync($"wards/{ward}/support-rounds")).ReadAsync<SupportRoundList>()).Items);

        var admin = fx.Client(As.Admin);
        var rebuilt = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(rebuilt.GetProperty("wards")[0].GetProperty("supportListed").GetBoolean());
        var listed = (await AllPagesAsync(officer, $"wards/{ward}/support-rounds?pageSize=3")).Items;
        Assert.Equal(made.Select(r => r.Id).Reverse(), listed.Select(i => i.Id));
        var again = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.False(again.GetProperty("wards")[0].GetProperty("supportListed").GetBoolean());
        // The figures moved by nothing.
        var check = await (await officer.GetAsync($"wards/{ward}/support-summary/check")).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean());
    }
}
