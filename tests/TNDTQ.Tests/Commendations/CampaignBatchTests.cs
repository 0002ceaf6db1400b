using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Tests.Infrastructure;
using Xunit.Abstractions;
using Tndtq.Shared;

namespace Tndtq.Tests.Commendations;

/// <summary>A year-end campaign: one request, 200 nominations, each its own workflow, all the way to their documents.</summary>
[Collection(SharedHost.Name)]
public sealed class CampaignBatchTests(HostFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task A_campaign_of_200_nominations_runs_to_completion_once_each()
    {
        var csv = new StringBuilder("Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò,Ngày tham gia\n");
        for (var g = 1; g <= 10; g++)
            for (var m = 0; m < 20; m++)
                csv.AppendLine($"Tổ {g},30,Cư dân {g}-{m},{1960 + m},Số {m} tổ {g},{(m == 0 ? "Tổ trưởng" : "Thành viên")},01/01/2020");
        var (ward, officer, chairman) = await fx.NewWardAsync("cd", "Phường Chiến Dịch", csv.ToString());
        var police = fx.Client(As.Police);
        var council = fx.Client("demo-council");
        var leader = fx.Client(As.Leader);

        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;

        var cycle = "cd-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9) }
        })).EnsureSuccessStatusCode();
        foreach (var g in groups)
            await HttpAssertions.EventuallyAsync(async () => (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{g.Id}",
                new { rating = "good", recommendation = "keep" })).StatusCode, s => s == HttpStatusCode.OK);

        var members = new List<(string Group, string Member)>();
        foreach (var g in groups)
            members.AddRange((await (await officer.GetAsync($"wards/{ward}/groups/{g.Id}/members")).ReadAsync<PageResult<MemberView>>()).Items.Select(m => (g.Id, m.Id)));
        Assert.Equal(200, members.Count);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var request = new HttpRequestMessage(HttpMethod.Post, "commendations/campaigns/tong-ket-2026/nominations")
        {
            Content = JsonContent.Create(new {
                awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026",
                nominations = members.Select(x => new { wardId = ward, groupId = x.Group, memberId = x.Member, achievements = "Hoàn thành xuất sắc nhiệm vụ" })
            }),
        };
        request.Headers.Add("x-requestid", "tong-ket-" + ward);
        var created = await (await officer.SendAsync(request)).ReadAsync<List<NominationView>>();
        Assert.Equal(200, created.Select(c => c.Id).Distinct().Count());

        async Task WaveAsync(HttpClient who, string step, object body)
        {
            await HttpAssertions.EventuallyAsync(async () => (await (await police.GetAsync($"commendations/nominations?wardId={ward}&pageSize=200")).ReadAsync<PageResult<NominationView>>()).Items,
                l => l.Count(v => v.Step == step) == 200, TimeSpan.FromMinutes(3));
            await Parallel.ForEachAsync(created, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
                Assert.Equal(HttpStatusCode.Accepted, (await who.PostAsJsonAsync($"commendations/nominations/{n.Id}/decisions/{step}", body, ct)).StatusCode));
        }
        await WaveAsync(chairman, NominationStep.ChairmanEndorsement, new { outcome = "endorse" });
        await WaveAsync(police, NominationStep.PoliceReview, new { outcome = "forward" });
        await WaveAsync(council, NominationStep.Council, new { outcome = "recommend" });
        await WaveAsync(leader, NominationStep.Decision, new { outcome = "approve", decisionNumber = "300/QĐ-UBND", decisionDate = "2026-11-24" });
        var done = await HttpAssertions.EventuallyAsync(async () => (await (await police.GetAsync($"commendations/nominations?wardId={ward}&status=approved&pageSize=200")).ReadAsync<PageResult<NominationView>>()).Items,
            l => l.Count == 200, TimeSpan.FromMinutes(5));
        output.WriteLine($"200 nominations decided and documented in {watch.Elapsed.TotalSeconds:F0} s");
        Assert.Equal(200, done.Count);

        // Every nominee has the award once; generating again (a retried activity) changes nothing.
        var connection = await TestAzurite.ConnectionStringAsync();
        var store = new CommendationStore(new TableServiceClient(connection), new BlobServiceClient(connection));
        Assert.All(members, m => Assert.Single(store.HistoryAsync(ward, m.Member).Result));
        var activities = (NominationActivities)Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(fx.Host.Services, typeof(NominationActivities));
        var first = (await store.GetAsync(ward, created[0].Id))!;
        var again = await activities.GenerateCommendationDocuments(new DecisionInput(first.Input, "300/QĐ-UBND", new DateOnly(2026, 11, 24), "Lãnh đạo"));
        Assert.Equal(first.Outcome!.Documents.Select(d => d.BlobName), again.Select(d => d.BlobName));
        Assert.Single(await store.HistoryAsync(ward, members.Single(m => m.Member == first.Input.Nominee.MemberId).Member));
    }
}
