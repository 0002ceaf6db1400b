using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Tndtq.Inbox;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Restructure;

/// <summary>Approved changes reach the register exactly once, even when the apply activity dies part-way and runs again.</summary>
public sealed class ApplyOnceTests(RegisterFixture fx) : IClassFixture<RegisterFixture>
{
    async Task<(RestructureActivities Activities, RestructureStore Store)> ActivitiesAsync()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var store = new RestructureStore(new TableServiceClient(connection), new BlobServiceClient(connection));
        return (new RestructureActivities(store, fx.Store, fx.Changes, new Notifications(new TableServiceClient(connection),
            new Deliveries(new TableServiceClient(connection), new Identity.StaffDirectory(new TableServiceClient(connection)), [], Microsoft.Extensions.Logging.Abstractions.NullLogger<Deliveries>.Instance)),
            new RestructureDocumentService(store, new RestructureDocumentStore(new TableServiceClient(connection), new BlobServiceClient(connection)), fx.Store,
                new Identity.StaffDirectory(new TableServiceClient(connection)), new Tndtq.Shared.Documents.TemplateStore(new BlobServiceClient(connection)), fx.Clock, new UnitTerms(fx.Store))), store);
    }

    [Fact]
    public async Task Apply_that_dies_mid_way_and_runs_again_applies_nothing_twice()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var (activities, store) = await ActivitiesAsync();
        // A big establishment (more rows than one batch), so applying is journaled and can die part-way.
        var members = Enumerable.Range(1, 40).Select(i => new PersonSpec(null, $"Cư dân số {i}", Gender.Male, 1960 + i % 30, $"Số {i}, hẻm 4")).ToList();
        var proposal = new Proposal("Tờ trình thành lập Tổ 30", null,
            [new ProposedChange(new EstablishGroup("Tổ 30, khu vực 6", "Hẻm 4", 60, new PersonSpec(null, "Trưởng Văn Tổ", Gender.Male, 1970, "Số 1, hẻm 4"), [], members), "Khu dân cư mới", null)],
            [], 1, fx.Clock.GetUtcNow(), "Cán bộ");
        await store.SaveVersionAsync("c1", ward, proposal);
        var input = new ApplyInput(new RestructureInput("c1", "Rà soát", ward, "Phường Thử", new CycleDeadlines(default, default), []), 1, "7/QĐ-UBND", new DateOnly(2025, 2, 1), "Lãnh đạo quận");

        fx.Store.AfterJournalBatch = n => n == 1 ? throw new IOException("host died") : Task.CompletedTask;
        try { await Assert.ThrowsAsync<IOException>(() => activities.ApplyRestructure(input)); }
        finally { fx.Store.AfterJournalBatch = null; }

        var first = await activities.ApplyRestructure(input);   // Durable runs the activity again
        var second = await activities.ApplyRestructure(input);  // and, for good measure, once more
        Assert.True(first.Applied);
        Assert.True(second.Applied);

        var state = (await fx.Store.LoadAsync(ward, default)).State;
        Assert.Single(state.Groups.Values, g => g.Name == "Tổ 30, khu vực 6");
        Assert.Equal(41, state.Members.Count);
        var counters = (await fx.Service.GetWardAsync(officer, ward, default)).Counters;
        Assert.Equal(state.Counters(), counters);
        Assert.Equal("7/QĐ-UBND ngày 01/02/2025", state.Groups.Values.Single().LastDecision);
    }

    [Fact]
    public async Task The_applied_change_is_audited_under_the_district_leader_who_decided()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var (activities, store) = await ActivitiesAsync();
        await store.SaveVersionAsync("c3", ward, new Proposal("Tờ trình thành lập Tổ 9", null,
            [new ProposedChange(new EstablishGroup("Tổ 9, khu vực 3", "Hẻm 9", 20, new PersonSpec(null, "Lâm Văn Chín", Gender.Male, 1972, "Số 9, hẻm 9"), [], []), null, null)],
            [], 1, fx.Clock.GetUtcNow(), "Cán bộ"));
        var result = await activities.ApplyRestructure(new ApplyInput(new RestructureInput("c3", "Rà soát", ward, "Phường Thử", new CycleDeadlines(default, default), []),
            1, "12/QĐ-UBND", new DateOnly(2025, 2, 3), "Ông Nguyễn Thanh Sơn", "leader-oid-7"));
        Assert.True(result.Applied);

        var groupId = (await fx.Store.LoadAsync(ward, default)).State.Groups.Values.Single(g => g.Name == "Tổ 9, khu vực 3").Id;
        var wardAudit = (await fx.Service.AuditAsync(officer, ward, null, null, 50, default)).Items;
        var entityAudit = (await fx.Service.AuditAsync(officer, ward, groupId, null, 50, default)).Items;
        Assert.NotEmpty(wardAudit);
        Assert.NotEmpty(entityAudit);
        Assert.All(wardAudit.Concat(entityAudit), e => Assert.Equal(("leader-oid-7", "Ông Nguyễn Thanh Sơn"), (e.ActorId, e.ActorName)));
    }

    [Fact]
    public async Task A_change_the_register_no_longer_allows_is_reported_not_applied()
    {
        var (ward, _) = await fx.NewWardAsync();
        var (activities, store) = await ActivitiesAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 1", 20, "Hồ Văn Lâm");
        await fx.Changes.ApplyStructuralAsync(ward, "dissolve-first", new Decision("1/QĐ", new DateOnly(2025, 1, 1)), [new DissolveGroup(groupId, null)], Actor.System, default);
        await store.SaveVersionAsync("c2", ward, new Proposal("T", null, [new ProposedChange(new ConsolidateGroup(groupId, null, null, [new PersonSpec(null, "Mới", null, 1980, "X")], null), null, null)], [], 1, default, "x"));
        var result = await activities.ApplyRestructure(new ApplyInput(new RestructureInput("c2", "R", ward, "P", new CycleDeadlines(default, default), []), 1, "2/QĐ", new DateOnly(2025, 2, 2), "L"));
        Assert.False(result.Applied);
        Assert.Contains(result.Errors, e => e.Contains("không còn hoạt động"));
    }
}
