using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Tndtq.LocalHost;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The host process is killed (SIGKILL) while a workflow writes its result — a restructure applying
/// its decision to the register (the test proves the kill landed part-way through), a nomination
/// generating its documents — then started again: the result is there exactly once.
/// </summary>
public sealed class WorkflowCrashTests
{
    const string Csv = """
        Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò,Ngày tham gia
        Tổ 1,30,Lê Văn Một,1965,Số 1,Tổ trưởng,01/01/2019
        Tổ 1,,Phan Thị Hai,1975,Số 2,Thành viên,01/01/2019
        """;

    [Fact]
    public async Task Killing_the_host_during_apply_changes_the_register_exactly_once()
    {
        // Each batch of a register change takes half a second in this host, so the apply lasts seconds and the kill lands inside it.
        using var host = await ChildHost.StartAsync("ka", new Dictionary<string, string> { [LocalFunctionsHost.RegisterBatchDelayKey] = "00:00:00.500" });
        var (ward, officer, chairman) = await TestWards.CreateAsync(host.Client, "ka", "Phường Sự Cố", Csv);
        var police = host.Client("demo-police");
        var leader = host.Client("demo-leader");
        var (cycle, group) = await OpenCycleAndAssessAsync(police, officer, ward);
        (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/submit", null)).EnsureSuccessStatusCode();

        // A new group of 60 households' representatives: a large change, applied in several batches.
        var members = Enumerable.Range(1, 60).Select(i => new { fullName = $"Cư dân mới {i}", birthYear = 1960 + i % 30, address = $"Số {i}, khu tái định cư" }).ToArray();
        var change = new {
            type = "establish", name = "Tổ 2, khu tái định cư", area = "Khu tái định cư", households = 60,
            leader = new { fullName = "Trần Văn Lãnh", birthYear = 1970, address = "Số 100, khu tái định cư" }, deputies = Array.Empty<object>(), members
        };
        var candidate = new { fullName = "Trần Văn Lãnh", birthYear = 1970, livesInArea = true, yearsOfResidence = 5, endorsedByResidents = true, endorsedByFrontCommittee = false };
        await HttpAssertions.EventuallyAsync(async () => (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal",
            new { title = "Tờ trình thành lập Tổ 2", changes = new[] { new { change, reason = "Khu dân cư mới", candidates = new[] { candidate } } } })).StatusCode, s => s == HttpStatusCode.OK);
        (await officer.PostAsync($"restructure/cycles/{cycle}/wards/{ward}/proposal/submit", null)).EnsureSuccessStatusCode();

        async Task Decide(HttpClient who, string step, object body) =>
            await HttpAssertions.EventuallyAsync(async () => (await who.PostAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/decisions/{step}", body)).StatusCode,
                s => s == HttpStatusCode.Accepted);
        await Decide(chairman, "chairman-sign-off", new { outcome = "approve" });
        await Decide(police, "police-review", new { outcome = "forward" });
        await Decide(leader, "leader-decision", new { outcome = "approve", decisionNumber = "99/QĐ-UBND", decisionDate = DateTime.UtcNow.ToString("yyyy-MM-dd") });

        // Kill once the apply is part-way: its journal is written and some of its rows, but not its final batch
        // (operation marker and counters). Read after the kill, that state proves the kill landed mid-apply.
        var progress = await ApplyProgress.ReaderAsync(ward, $"restructure-{cycle}-v1");
        await HttpAssertions.EventuallyAsync(progress, p => p.Journaled && p.MemberRows > 2, TimeSpan.FromSeconds(60));
        await host.KillAsync();
        var cut = await progress();
        Assert.True(cut is { Journaled: true, Applied: false, MemberRows: > 2 }, $"The kill did not land mid-apply: {cut}");
        await host.RestartAsync();

        var closed = await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"restructure/cycles/{cycle}/wards/{ward}")).ReadAsync<WardCycleView>(),
            v => v.Step == RestructureStep.Closed, TimeSpan.FromSeconds(90));
        Assert.Equal(Outcomes.Approved, closed.Outcome!.Result);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items;
        var established = Assert.Single(groups, g => g.Name == "Tổ 2, khu tái định cư");
        Assert.Equal(61, established.ActiveMembers);
        var check = await (await officer.GetAsync($"wards/{ward}/counters/check")).Content.ReadAsStringAsync();
        Assert.Contains("\"consistent\":true", check);
        Assert.Contains("\"activeMembers\":63", check);
        Assert.Equal(new ApplyProgress(false, true, 63), await progress()); // finished once: journal gone, marker written
    }

    [Fact]
    public async Task Killing_the_host_while_documents_are_generated_leaves_one_award_and_its_documents()
    {
        using var host = await ChildHost.StartAsync("kg");
        var (ward, officer, chairman) = await TestWards.CreateAsync(host.Client, "kg", "Phường Văn Bản", Csv);
        var police = host.Client("demo-police");
        var (_, group) = await OpenCycleAndAssessAsync(police, officer, ward);

        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = group.Id,
            awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Giữ vững an ninh trật tự"
        })).ReadAsync<NominationView>();
        async Task Decide(HttpClient who, string step, object body) =>
            await HttpAssertions.EventuallyAsync(async () => (await who.PostAsJsonAsync($"commendations/nominations/{nomination.Id}/decisions/{step}", body)).StatusCode,
                s => s == HttpStatusCode.Accepted);
        await Decide(chairman, "chairman-endorsement", new { outcome = "endorse" });
        await Decide(police, "police-review", new { outcome = "forward" });
        await Decide(host.Client("demo-council"), "council", new { outcome = "recommend" });
        await Decide(host.Client("demo-leader"), "decision", new { outcome = "approve", decisionNumber = "77/QĐ-UBND", decisionDate = DateTime.UtcNow.ToString("yyyy-MM-dd") });

        await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"commendations/nominations/{nomination.Id}")).ReadAsync<NominationView>(),
            v => v.Step is NominationStep.Generating or NominationStep.Closed, TimeSpan.FromSeconds(30));
        await host.KillAsync();
        await host.RestartAsync();

        var done = await HttpAssertions.EventuallyAsync(async () => await (await officer.GetAsync($"commendations/nominations/{nomination.Id}")).ReadAsync<NominationView>(),
            v => v.Outcome is not null, TimeSpan.FromSeconds(90));
        Assert.Equal(NominationOutcomes.Approved, done.Outcome!.Result);
        Assert.Equal(4, done.Outcome.Documents.Count);
        var history = await (await officer.GetAsync($"wards/{ward}/commendations/{group.Id}")).ReadAsync<List<AwardRecord>>();
        Assert.Single(history);
        var pdf = await officer.GetAsync($"commendations/nominations/{nomination.Id}/documents/decision/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>How far a register change has got, read straight from the ward's partition of the register table.</summary>
    sealed record ApplyProgress(bool Journaled, bool Applied, int MemberRows)
    {
        public static async Task<Func<Task<ApplyProgress>>> ReaderAsync(string ward, string operationId)
        {
            var table = new TableServiceClient(await TestAzurite.ConnectionStringAsync()).GetTableClient(RegisterTable.Name);
            var pk = RegisterTable.Partition(ward);
            return async () =>
            {
                var members = 0;
                await foreach (var _ in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(pk, "m|"), select: ["RowKey"])) members++;
                return new ApplyProgress((await table.GetEntityIfExistsAsync<TableEntity>(pk, RegisterTable.JournalKey(operationId))).HasValue,
                    (await table.GetEntityIfExistsAsync<TableEntity>(pk, RegisterTable.OperationKey(operationId))).HasValue, members);
            };
        }
    }

    /// <summary>Opens a review cycle for the ward and rates its one group "good" (what eligibility and proposals need).</summary>
    static async Task<(string Cycle, GroupView Group)> OpenCycleAndAssessAsync(HttpClient police, HttpClient officer, string ward)
    {
        var cycle = "c-" + Guid.NewGuid().ToString("N")[..6];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(5), proposalDue = DateTimeOffset.UtcNow.AddDays(9) }
        })).EnsureSuccessStatusCode();
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();
        await HttpAssertions.EventuallyAsync(async () => (await officer.PutAsJsonAsync($"restructure/cycles/{cycle}/wards/{ward}/assessments/{group.Id}",
            new { rating = "good", recommendation = "keep" })).StatusCode, s => s == HttpStatusCode.OK);
        return (cycle, group);
    }
}
