using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// A ward's sign-offs are read a page at a time from their list rows (one query a page, newest first), written with the sign-off's
/// row in one transaction by version 2's step and version 1's own activities; sign-offs written before list rows existed are listed
/// by the rebuild, once.
/// </summary>
[Collection(CountedStorage.Name)]
public sealed class SignOffListTests(RequestOverheadTests.Fixture fx) : IClassFixture<RequestOverheadTests.Fixture>
{
    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n";

    /// <summary>Sends <paramref name="count"/> sign-offs one after the other (so each is newer than the one before); their ids, oldest first.</summary>
    static async Task<List<string>> SendAsync(HttpClient officer, string ward, int count, string title)
    {
        var ids = new List<string>();
        for (var n = 1; n <= count; n++)
            ids.Add((await (await officer.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title = $"{title} số {n}", dueInMinutes = 600 })).ReadAsync<SignOffView>()).Id);
        return ids;
    }

    static Task<(List<SignOffView> Items, List<long> Queries)> AllPagesAsync(HttpClient who, string ward, int pageSize) =>
        PagedList.AllAsync<SignOffView>(who, $"wards/{ward}/sign-offs?pageSize={pageSize}", SignOffStore.TableName);

    /// <summary>Every sign-off of the ward listed, waiting for the chairman (its step opened, so its row and list row written).</summary>
    static Task<List<SignOffView>> ListedAsync(HttpClient who, string ward, IReadOnlyCollection<string> ids) => HttpAssertions.EventuallyAsync(
        async () => (await AllPagesAsync(who, ward, 200)).Items, l => ids.All(id => l.Any(v => v.Id == id && v.State == SignOffState.WaitingForChairman)),
        TimeSpan.FromSeconds(60));

    [Fact]
    public async Task The_list_is_read_page_by_page_one_query_each_newest_first_with_the_outcome_and_a_forged_token_is_refused()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("ky-trang", "Phường Ký Trang", Register);
        var ids = await SendAsync(officer, ward, 7, "Tờ trình phân trang");
        await ListedAsync(officer, ward, ids);

        var (items, queries) = await AllPagesAsync(officer, ward, 3);
        Assert.Equal(Enumerable.Reverse(ids), items.Select(v => v.Id)); // newest first, each once, none missing
        Assert.Equal(3, queries.Count);
        Assert.All(queries, q => Assert.Equal(1, q));
        Assert.Equal("Tờ trình phân trang số 7", items[0].Title);
        Assert.Equal(items.OrderByDescending(v => v.RequestedAt).Select(v => v.Id), items.Select(v => v.Id));

        // The outcome is in the list, at the same place.
        (await chairman.PostAsJsonAsync($"wards/{ward}/sign-offs/{ids[2]}/decision", new { approve = false, comment = "Bổ sung biên bản" })).EnsureSuccessStatusCode();
        var after = await HttpAssertions.EventuallyAsync(async () => (await AllPagesAsync(officer, ward, 3)).Items,
            l => l.Any(v => v.Id == ids[2] && v.State == SignOffState.Returned), TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Reverse(ids), after.Select(v => v.Id));
        var returned = after.Single(v => v.Id == ids[2]);
        Assert.Equal(("Bổ sung biên bản", "đã trả lại"), (returned.Comment, returned.StateName));

        // A forged token, another list's token, a page size out of bounds: 400 naming the field; another ward's officer: 403 as before.
        var first = await (await officer.GetAsync($"wards/{ward}/sign-offs?pageSize=2")).ReadAsync<PageResult<SignOffView>>();
        Assert.NotNull(first.ContinuationToken);
        var forged = await (await officer.GetAsync($"wards/{ward}/sign-offs?pageSize=2&continuationToken=abc.def")).ProblemAsync(400);
        Assert.Contains("continuationToken", forged.Detail);
        var (other, otherOfficer, _) = await fx.NewWardAsync("ky-khac", "Phường Ký Khác", Register);
        await (await otherOfficer.GetAsync($"wards/{other}/sign-offs?continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/{ward}/sign-offs?pageSize=0")).ProblemAsync(400);
        await (await officer.GetAsync($"wards/{ward}/sign-offs?pageSize=201")).ProblemAsync(400);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOfficer.GetAsync($"wards/{ward}/sign-offs")).StatusCode);
        Assert.Empty((await (await otherOfficer.GetAsync($"wards/{other}/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items);
    }


    [Fact]
    public async Task Sign_offs_written_before_they_had_list_rows_are_listed_by_the_rebuild_once_and_a_later_outcome_reaches_the_list()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("ky-cu", "Phường Ký Cũ", Register);
        var ids = await SendAsync(officer, ward, 4, "Tờ trình cũ");
        await ListedAsync(officer, ward, ids);
        (await chairman.PostAsJsonAsync($"wards/{ward}/sign-offs/{ids[0]}/decision", new { approve = true })).EnsureSuccessStatusCode();
        await HttpAssertions.EventuallyAsync(async () => (await AllPagesAsync(officer, ward, 50)).Items,
            l => l.Any(v => v.Id == ids[0] && v.State == SignOffState.Approved), TimeSpan.FromSeconds(60));

        // As an earlier version left them: no list rows, no list key on the rows.
        var table = new TableServiceClient(fx.ConnectionString).GetTableClient(SignOffStore.TableName);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ward}")))
            if (e.RowKey.StartsWith('~')) await table.DeleteEntityAsync(ward, e.RowKey);
            else { e.Remove("ListKey"); e.Remove("SignOffId"); await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace); }
        Assert.Empty((await (await officer.GetAsync($"wards/{ward}/sign-offs")).ReadAsync<PageResult<SignOffView>>()).Items);

        var admin = fx.Client(As.Admin);
        var rebuilt = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(rebuilt.GetProperty("wards")[0].GetProperty("signOffsListed").GetBoolean());
        var (listed, queries) = await AllPagesAsync(officer, ward, 3);
        Assert.Equal(Enumerable.Reverse(ids), listed.Select(v => v.Id));
        Assert.All(queries, q => Assert.Equal(1, q));
        Assert.Equal(SignOffState.Approved, listed.Single(v => v.Id == ids[0]).State);
        Assert.Equal("Tờ trình cũ số 4", listed[0].Title);

        var again = await (await admin.PostAsync($"reports/rebuild?wardId={ward}", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.False(again.GetProperty("wards")[0].GetProperty("signOffsListed").GetBoolean());
        Assert.Equal(Enumerable.Reverse(ids), (await AllPagesAsync(officer, ward, 50)).Items.Select(v => v.Id));

        // A sign-off listed by the rebuild and decided after: the outcome reaches its list row too.
        (await chairman.PostAsJsonAsync($"wards/{ward}/sign-offs/{ids[3]}/decision", new { approve = false, comment = "Chưa đủ hồ sơ" })).EnsureSuccessStatusCode();
        var decided = await HttpAssertions.EventuallyAsync(async () => (await AllPagesAsync(officer, ward, 50)).Items,
            l => l.Any(v => v.Id == ids[3] && v.State == SignOffState.Returned), TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Reverse(ids), decided.Select(v => v.Id));
    }
}
