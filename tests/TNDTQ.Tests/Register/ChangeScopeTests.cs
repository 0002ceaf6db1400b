using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Register.Import;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Register;

/// <summary>
/// Imports and structural changes read the groups and index rows they name, not the ward: the same change costs the
/// same rows read in a ward of 10 groups and in a ward of 150 (counted on the storage client, real Azurite).
/// </summary>
public sealed class ChangeScopeTests
{
    const string Header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";

    /// <summary>Counts the entities Table Storage returns (point reads and query pages).</summary>
    sealed class EntityCounter : HttpPipelineSynchronousPolicy
    {
        public int Entities;
        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200) return;
            try
            {
                using var doc = JsonDocument.Parse(message.Response.Content.ToMemory());
                if (doc.RootElement.TryGetProperty("value", out var value)) Interlocked.Add(ref Entities, value.GetArrayLength());
                else if (doc.RootElement.TryGetProperty("PartitionKey", out _)) Interlocked.Increment(ref Entities);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException) { }
        }
    }

    sealed record Setup(RegisterStore Store, RegisterChanges Changes, RegisterTransfer Transfer, EntityCounter Counter);

    static async Task<Setup> SetupAsync()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var counter = new EntityCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));
        var store = new RegisterStore(new TableServiceClient(connection, options), new BlobServiceClient(connection));
        var changes = new RegisterChanges(store, new RegisterOptions(), clock);
        return new Setup(store, changes, new RegisterTransfer(store, changes, new RegisterOptions(), clock), counter);
    }

    static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines.Prepend(Header)));

    static async Task<(string Ward, Caller Officer)> WardAsync(Setup s, int groups)
    {
        var wardId = "t-" + Guid.NewGuid().ToString("N")[..10];
        await s.Store.SaveWardAsync(new Ward(wardId, "Phường Phạm Vi " + wardId[^4..], "quan-thu", "UBND quận Thử"), null, Actor.System, DateTimeOffset.UtcNow, default);
        var officer = new Caller("officer-" + wardId, "Cán bộ", [Role.WardOfficer], wardId);
        var lines = Enumerable.Range(1, groups).SelectMany(g => Enumerable.Range(0, 3).Select(m =>
            $"Tổ {g},Khu vực {g % 5},{20 + g},,,Người {g}-{m},Nam,{1960 + m},Số {m} tổ {g},,,{(m == 0 ? "Tổ trưởng" : "Thành viên")},"));
        var (report, rejected) = await s.Transfer.ImportAsync(officer, wardId, Csv(lines), "dau.csv", commit: true, null, default);
        Assert.False(rejected, string.Join("; ", report.Rows.SelectMany(r => r.Messages)));
        return (wardId, officer);
    }

    /// <summary>Rows read by one import (dry run and commit) and one restructure of two groups, in a ward of <paramref name="groups"/> groups.</summary>
    static async Task<(int DryRun, int Commit, int Restructure)> ReadsAsync(int groups)
    {
        var s = await SetupAsync();
        var (ward, officer) = await WardAsync(s, groups);
        // A new member of an existing group, a person already in another group (rejected as before), a new group with its leader.
        var file = Csv([
            "Tổ 3,,,,,Người Mới Một,Nữ,1990,Số 9 tổ 3,,,Thành viên,",
            "Tổ mới,Khu vực 9,12,,,Người Mới Hai,Nam,1985,Số 1 tổ mới,,,Tổ trưởng,",
        ]);
        var clash = Csv(["Tổ 3,,,,,Người 5-1,Nam,1961,Số 1 tổ 5,,,Thành viên,"]);

        s.Counter.Entities = 0;
        var (dry, rejected) = await s.Transfer.ImportAsync(officer, ward, file, "them.csv", commit: false, null, default);
        Assert.False(rejected);
        Assert.Equal(2, dry.Summary.MembersCreated);
        var dryRun = s.Counter.Entities;

        var (refused, _) = await s.Transfer.ImportAsync(officer, ward, clash, "trung.csv", commit: false, null, default);
        Assert.Contains(refused.Rows.Single().Messages, m => m.Contains("Tổ 5"));

        s.Counter.Entities = 0;
        var (committed, _) = await s.Transfer.ImportAsync(officer, ward, file, "them.csv", commit: true, null, default);
        Assert.True(committed.Committed);
        var commit = s.Counter.Entities;

        var state = (await s.Store.LoadAsync(ward, default)).State;
        string Id(string name) => state.Groups.Values.Single(g => g.Name == name).Id;
        s.Counter.Entities = 0;
        await s.Changes.ApplyStructuralAsync(ward, "restructure-" + Guid.NewGuid().ToString("N")[..8], new Decision("9/QĐ-UBND", new DateOnly(2025, 2, 1)),
            [
                new MergeGroups([Id("Tổ 1"), Id("Tổ 2")], Id("Tổ 1"), null, null, null),
                new EstablishGroup("Tổ lập mới", "Khu vực 1", 10, new PersonSpec(null, "Người Lập Mới", Gender.Male, 1970, "Số 1 tổ lập mới"), [], []),
            ], Actor.System, default);
        var restructure = s.Counter.Entities;

        // The kept counters are what a recount of the rows gives.
        Assert.Equal(await s.Changes.RecountAsync(ward, default), await s.Store.CountersAsync(ward, default));
        var after = (await s.Store.LoadAsync(ward, default)).State;
        Assert.Equal(GroupStatus.Merged, after.Groups[Id("Tổ 2")].Status);
        Assert.Equal(6, after.ActiveMembersOf(Id("Tổ 1")).Count());
        Assert.Contains(after.Members.Values, m => m.FullName == "Người Mới Một" && m.GroupId == Id("Tổ 3"));
        return (dryRun, commit, restructure);
    }

    [Fact]
    public async Task Import_and_restructure_read_what_they_name_whatever_the_size_of_the_ward()
    {
        var small = await ReadsAsync(10);
        var big = await ReadsAsync(150); // 150 groups, 450 members: ~1,200 group, member and index rows
        Assert.True(big.DryRun <= small.DryRun + 5, $"dry run read {big.DryRun} rows in the big ward, {small.DryRun} in the small one");
        Assert.True(big.Commit <= small.Commit + 5, $"commit read {big.Commit} rows in the big ward, {small.Commit} in the small one");
        Assert.True(big.Restructure <= small.Restructure + 5, $"restructure read {big.Restructure} rows in the big ward, {small.Restructure} in the small one");
        Assert.True(big.Commit < 100, $"commit read {big.Commit} rows");
    }

    [Fact]
    public async Task A_structural_change_that_names_a_member_of_another_group_by_id_reads_the_ward_and_still_applies()
    {
        var s = await SetupAsync();
        var (ward, _) = await WardAsync(s, 12);
        var state = (await s.Store.LoadAsync(ward, default)).State;
        var target = state.Groups.Values.Single(g => g.Name == "Tổ 4");
        var mover = state.Members.Values.Single(m => m.FullName == "Người 9-2");
        await s.Changes.ApplyStructuralAsync(ward, "consolidate-" + Guid.NewGuid().ToString("N")[..8], new Decision("10/QĐ-UBND", new DateOnly(2025, 2, 1)),
            [new ConsolidateGroup(target.Id, null, [new PersonSpec(mover.Id)], null, null)], Actor.System, default);
        var after = (await s.Store.LoadAsync(ward, default)).State;
        Assert.Equal((target.Id, MemberRole.Deputy), (after.Members[mover.Id].GroupId, after.Members[mover.Id].Role));
        Assert.Equal(await s.Changes.RecountAsync(ward, default), await s.Store.CountersAsync(ward, default));
    }
}
