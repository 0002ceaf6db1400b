using System.Text;
using Azure.Data.Tables;
using Tndtq.Register;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Reports;

/// <summary>
/// The register's per-year figures on real Azurite: kept in the same transaction as each change (direct edits, imports — one of
/// them journaled and interrupted — and every kind of structural change), equal to a recount from the history, counted once on a
/// retry; and the one-off rebuild of history recorded before they were kept, run twice and interrupted.
/// </summary>
public sealed class RegisterYearsTests(RegisterFixture fx) : IClassFixture<RegisterFixture>
{
    const string Header = "Tổ,Địa bàn,Số hộ,Ngày thành lập,Quyết định thành lập,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Số điện thoại,Số CCCD,Vai trò,Ngày tham gia";

    static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. lines]));

    static readonly string[] TwoGroups =
    [
        "\"Tổ 1, khu vực 2\",Hẻm 51 Mậu Thân,45,15/03/2018,35/QĐ-UBND,Nguyễn Văn An,Nam,1968,\"Số 12, hẻm 51\",0907123456,,Tổ trưởng,15/03/2018",
        "\"Tổ 1, khu vực 2\",,,,,Trần Thị Bích Ngọc,Nữ,1975,\"Số 20, hẻm 51\",,,Tổ phó,01/06/2020",
        "\"Tổ 1, khu vực 2\",,,,,Lê Văn Bảy,Nam,1980,\"Số 22, hẻm 51\",,,Thành viên,01/06/2020",
        "\"Tổ 2, khu vực 2\",Hẻm 60 Mậu Thân,30,01/01/2019,36/QĐ-UBND,Phạm Thị Hồng,Nữ,1970,\"Số 3, hẻm 60\",,,Tổ trưởng,01/01/2019",
    ];

    /// <summary>Four groups established in 2020 with 30 members each who joined that year: too large for one batch, so journaled.</summary>
    static IEnumerable<string> LargeImport() => Enumerable.Range(1, 120).Select(i =>
        $"\"Tổ {10 + i % 4}, khu vực 9\",Khu vực 9,20,01/02/2020,40/QĐ-UBND,Người Thứ {i:D3},Nam,1970,\"Số {i}, khu vực 9\",,,{(i <= 4 ? "Tổ trưởng" : "Thành viên")},01/06/2020");

    RegisterYearFigures Figures => new(fx.Store, fx.Clock);

    static Decision On(int y, int m, int d) => new($"{m}/QĐ-UBND", new DateOnly(y, m, d));

    async Task<WardState> StateAsync(string ward) => (await fx.Store.LoadAsync(ward, default)).State;

    async Task AssertKeptEqualsRecountAsync(string ward)
    {
        var kept = await fx.Store.YearsAsync(ward, default);
        var recount = await Figures.RecountAsync(ward, default);
        Assert.True(kept.SameAs(recount), $"kept {TableRows.ToJson(kept)}\nrecount {TableRows.ToJson(recount)}");
    }

    [Fact]
    public async Task A_full_restructure_cycle_direct_edits_and_imports_keep_per_year_figures_equal_to_the_recount_from_history()
    {
        var (ward, officer) = await fx.NewWardAsync();
        Assert.False((await fx.Transfer.ImportAsync(officer, ward, Csv(TwoGroups), "so-to.csv", commit: true, null, default)).Rejected);
        await AssertKeptEqualsRecountAsync(ward);

        // A large import, journaled, interrupted part-way: finished before the next change, its figures counted once.
        fx.Store.AfterJournalBatch = n => n == 2 ? throw new IOException("simulated crash") : Task.CompletedTask;
        try { await Assert.ThrowsAsync<IOException>(() => fx.Transfer.ImportAsync(officer, ward, Csv(LargeImport()), "lon.csv", commit: true, null, default)); }
        finally { fx.Store.AfterJournalBatch = null; }

        // Establish (2021), then consolidate it (2022): a new leader, one member out, one in.
        var d2021 = On(2021, 2, 1);
        var tổA = await EstablishAsync(ward, "Tổ A", d2021, "Hồ Văn Một", "Hồ Thị Hai", "Hồ Văn Ba", "Hồ Thị Bốn");
        var state = await StateAsync(ward);
        var ba = state.ActiveMembersOf(tổA).Single(m => m.FullName == "Hồ Văn Ba");
        var consolidate = "consolidate-" + Guid.NewGuid().ToString("N")[..8];
        await fx.Changes.ApplyStructuralAsync(ward, consolidate, On(2022, 5, 10),
            [new ConsolidateGroup(tổA, Person("Đỗ Văn Năm", 1), null, [Person("Đỗ Thị Sáu", 2)], [ba.Id])], Actor.System, default);
        // The same decision applied again (a re-run activity) changes nothing, and counts nothing.
        await fx.Changes.ApplyStructuralAsync(ward, consolidate, On(2022, 5, 10),
            [new ConsolidateGroup(tổA, Person("Đỗ Văn Năm", 1), null, [Person("Đỗ Thị Sáu", 2)], [ba.Id])], Actor.System, default);

        // Merge Tổ 2 into Tổ 1 (2023), then split Tổ 1 in two (2023), then dissolve Tổ A (2024).
        state = await StateAsync(ward);
        var tổ1 = state.Groups.Values.Single(g => g.Name == "Tổ 1, khu vực 2").Id;
        var tổ2 = state.Groups.Values.Single(g => g.Name == "Tổ 2, khu vực 2").Id;
        await fx.Changes.ApplyStructuralAsync(ward, "merge-" + Guid.NewGuid().ToString("N")[..8], On(2023, 3, 3),
            [new MergeGroups([tổ2], tổ1, null, null, null)], Actor.System, default);
        state = await StateAsync(ward);
        string Id(string name) => state.Members.Values.Single(m => m.FullName == name && m.IsActive).Id;
        await fx.Changes.ApplyStructuralAsync(ward, "split-" + Guid.NewGuid().ToString("N")[..8], On(2023, 9, 9),
        [
            new SplitGroup(tổ1, [new SplitPart("Tổ 1A, khu vực 2", null, 40, Id("Nguyễn Văn An"), [], [Id("Lê Văn Bảy")]),
                new SplitPart("Tổ 1B, khu vực 2", null, 35, Id("Trần Thị Bích Ngọc"), [], [Id("Phạm Thị Hồng")])]),
        ], Actor.System, default);
        await fx.Changes.ApplyStructuralAsync(ward, "dissolve-" + Guid.NewGuid().ToString("N")[..8], On(2024, 1, 15),
            [new DissolveGroup(tổA, "Địa bàn giải tỏa")], Actor.System, default);

        // Direct edits (2025, the fixture's today): one joins a part, one leaves it.
        state = await StateAsync(ward);
        var part = state.Groups.Values.Single(g => g.Name == "Tổ 1A, khu vực 2").Id;
        await fx.Service.AddMemberAsync(officer, ward, part, null, new AddMemberBody("Mai Văn Bảy", Gender.Male, 1985, "Số 7, hẻm 51", null, null, null, null), default);
        var bảy = (await fx.Service.ListMembersAsync(officer, ward, part, null, null, null, 50, default)).Items.Single(m => m.FullName == "Lê Văn Bảy");
        await fx.Service.MemberLeavesAsync(officer, ward, part, bảy.Id, bảy.ETag, null, new MemberLeavesBody(null, "Chuyển nơi ở"), default);

        var kept = await fx.Store.YearsAsync(ward, default);
        Assert.Equal(RegisterYear.Zero with { GroupsEstablished = 1, MembersJoined = 1 }, kept.Of(2018));
        Assert.Equal(RegisterYear.Zero with { GroupsEstablished = 1, MembersJoined = 1 }, kept.Of(2019));
        Assert.Equal(RegisterYear.Zero with { GroupsEstablished = 4, MembersJoined = 122 }, kept.Of(2020)); // two of the first import, 120 of the large one, once
        Assert.Equal(RegisterYear.Zero with { GroupsEstablished = 1, MembersJoined = 4 }, kept.Of(2021));
        Assert.Equal(RegisterYear.Zero with { GroupsConsolidated = 1, LeadersReplaced = 1, MembersJoined = 2, MembersLeft = 1 }, kept.Of(2022));
        Assert.Equal(RegisterYear.Zero with { GroupsMerged = 1, GroupsSplit = 1 }, kept.Of(2023)); // a split's parts are the split, not new groups
        Assert.Equal(RegisterYear.Zero with { GroupsDissolved = 1, MembersLeft = 5 }, kept.Of(2024));
        Assert.Equal(RegisterYear.Zero with { MembersJoined = 1, MembersLeft = 1 }, kept.Of(2025));
        await AssertKeptEqualsRecountAsync(ward);
    }

    [Fact]
    public async Task Journaled_changes_fold_their_figures_into_the_shards_and_a_journal_finished_twice_counts_once()
    {
        var (ward, officer) = await fx.NewWardAsync();
        Assert.False((await fx.Transfer.ImportAsync(officer, ward, Csv(LargeImport()), "lon.csv", commit: true, null, default)).Rejected);

        // A second large import dies part-way; two changes of the ward then finish its journal at the same time.
        fx.Store.AfterJournalBatch = n => n == 2 ? throw new IOException("simulated crash") : Task.CompletedTask;
        var more = LargeImport().Select(l => l.Replace("khu vực 9", "khu vực 8").Replace("Người Thứ", "Người Khác"));
        try { await Assert.ThrowsAsync<IOException>(() => fx.Transfer.ImportAsync(officer, ward, Csv(more), "lon-2.csv", commit: true, null, default)); }
        finally { fx.Store.AfterJournalBatch = null; }
        await Task.WhenAll(fx.Store.ResumeJournalsAsync(ward, default), fx.Store.ResumeJournalsAsync(ward, default));

        // Counted once, and no row of their own: the counters and years stay the base row and the shards however many imports come.
        var state = await StateAsync(ward);
        Assert.Equal(240, state.Counters().ActiveMembers);
        Assert.Equal(state.Counters(), await fx.Store.CountersAsync(ward, default));
        Assert.Equal(240, (await fx.Store.YearsAsync(ward, default)).Of(2020).MembersJoined);
        await AssertKeptEqualsRecountAsync(ward);
        var table = new TableServiceClient(await TestAzurite.ConnectionStringAsync()).GetTableClient(RegisterTable.Name);
        var keys = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(RegisterTable.Partition(ward), "c"), select: ["RowKey"])) keys.Add(e.RowKey);
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(RegisterTable.Partition(ward), "y|"), select: ["RowKey"])) keys.Add(e.RowKey);
        Assert.DoesNotContain(keys, k => k.StartsWith("c|op|") || k.StartsWith("y|op|"));
        Assert.NotEmpty(keys);

        // As earlier versions left them: every shard's figures in rows of their own, one per journaled change. The rebuild's fold puts
        // them back into the shards, the figures unchanged; a second fold finds nothing.
        var (counters, years) = (await fx.Store.CountersAsync(ward, default), await fx.Store.YearsAsync(ward, default));
        var pk = RegisterTable.Partition(ward);
        foreach (var key in keys.Where(k => k.StartsWith("c|") || k.StartsWith("y|")))
        {
            var row = (await table.GetEntityAsync<TableEntity>(pk, key)).Value;
            await table.AddEntityAsync(new TableEntity(pk, (key.StartsWith('c') ? "c|op|" : "y|op|") + "old-" + key[2..]) { ["Data"] = row.GetString("Data") });
            await table.DeleteEntityAsync(pk, key);
        }
        Assert.Equal(keys.Count(k => k.StartsWith("c|") || k.StartsWith("y|")), await fx.Store.FoldOperationRowsAsync(ward, default));
        Assert.Equal(0, await fx.Store.FoldOperationRowsAsync(ward, default));
        Assert.Equal(counters, await fx.Store.CountersAsync(ward, default));
        Assert.True(years.SameAs(await fx.Store.YearsAsync(ward, default)));
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(pk, "c"), select: ["RowKey"])) Assert.DoesNotContain("|op|", e.RowKey);
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(pk, "y|"), select: ["RowKey"])) Assert.DoesNotContain("|op|", e.RowKey);
    }

    [Fact]
    public async Task The_rebuild_brings_in_history_recorded_before_the_figures_were_kept_once_even_interrupted_and_run_again()
    {
        var (ward, officer) = await fx.NewWardAsync();
        Assert.False((await fx.Transfer.ImportAsync(officer, ward, Csv(TwoGroups), "so-to.csv", commit: true, null, default)).Rejected);
        var tổA = await EstablishAsync(ward, "Tổ A", On(2021, 2, 1), "Hồ Văn Một", "Hồ Thị Hai", "Hồ Văn Ba");
        await fx.Changes.ApplyStructuralAsync(ward, "dissolve-" + Guid.NewGuid().ToString("N")[..8], On(2024, 1, 15),
            [new DissolveGroup(tổA, null)], Actor.System, default);
        var expected = await fx.Store.YearsAsync(ward, default);

        // As it was before per-year figures existed: no y| rows, operation markers without "Years".
        var table = new TableServiceClient(await TestAzurite.ConnectionStringAsync()).GetTableClient(RegisterTable.Name);
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(RegisterTable.Partition(ward), "y|")))
            await table.DeleteEntityAsync(e.PartitionKey, e.RowKey);
        await foreach (var e in table.QueryAsync<TableEntity>(TableRows.PrefixFilter(RegisterTable.Partition(ward), "o|")))
        {
            e.Remove("Years");
            await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace);
        }
        Assert.True((await fx.Store.YearsAsync(ward, default)).IsZero);

        // Interrupted after computing, before writing: nothing written; the next run does it; the one after skips the ward.
        var figures = Figures;
        figures.BeforeRebuildWrite = _ => throw new IOException("host died");
        await Assert.ThrowsAsync<IOException>(() => figures.RebuildAsync(ward, default));
        Assert.True((await fx.Store.YearsAsync(ward, default)).IsZero);
        figures.BeforeRebuildWrite = null;
        Assert.Equal(new YearsRebuild(ward, true, 3), await figures.RebuildAsync(ward, default));
        Assert.Equal(new YearsRebuild(ward, false, 0), await figures.RebuildAsync(ward, default));
        Assert.True(expected.SameAs(await fx.Store.YearsAsync(ward, default)));
        await AssertKeptEqualsRecountAsync(ward);

        // A change after the rebuild counts itself, and only itself.
        var part = (await StateAsync(ward)).Groups.Values.Single(g => g.Name == "Tổ 2, khu vực 2").Id;
        await fx.Service.AddMemberAsync(officer, ward, part, null, new AddMemberBody("Mai Văn Tám", Gender.Male, 1985, "Số 8, hẻm 60", null, null, null, null), default);
        Assert.Equal(1, (await fx.Store.YearsAsync(ward, default)).Of(2025).MembersJoined);
        await AssertKeptEqualsRecountAsync(ward);
        Assert.Equal(new YearsRebuild(ward, false, 0), await figures.RebuildAsync(ward, default));
        await AssertKeptEqualsRecountAsync(ward);
    }

    static PersonSpec Person(string name, int i) => new(null, name, i % 2 == 0 ? Gender.Male : Gender.Female, 1960 + i, $"Số {i + 40}, khu vực thử", null);

    async Task<string> EstablishAsync(string ward, string name, Decision decision, params string[] people)
    {
        await fx.Changes.ApplyStructuralAsync(ward, "establish-" + Guid.NewGuid().ToString("N")[..8], decision,
            [new EstablishGroup(name, "Khu vực thử", 20, Person(people[0], 0), [Person(people[1], 1)], people.Skip(2).Select((p, i) => Person(p, i + 2)).ToList())],
            Actor.System, default);
        return (await StateAsync(ward)).Groups.Values.Single(g => g.Name == name).Id;
    }
}
