using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Register;

/// <summary>The register on real Azurite: rules, history, concurrency, audit, counters, search, crash safety.</summary>
public sealed class RegisterServiceTests(RegisterFixture fx) : IClassFixture<RegisterFixture>
{
    [Fact]
    public async Task History_answers_who_led_the_group_and_how_many_households_on_a_past_date()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 3, khu vực 1", 40, "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Hoa");
        var day1 = VietnamTime.Today(fx.Clock);

        fx.Clock.Advance(TimeSpan.FromDays(10));
        var group = await fx.Service.GetGroupAsync(officer, ward, groupId, default);
        await fx.Service.UpdateGroupAsync(officer, ward, groupId, group.ETag, null, new UpdateGroupBody(null, null, 55, null, null), default);

        fx.Clock.Advance(TimeSpan.FromDays(10));
        var state = (await fx.Store.LoadAsync(ward, default)).State;
        var tam = state.Members.Values.Single(m => m.FullName == "Lê Văn Tâm");
        await fx.Changes.ApplyStructuralAsync(ward, "new-leader", new Decision("05/QĐ-UBND", VietnamTime.Today(fx.Clock)),
            [new ConsolidateGroup(groupId, new PersonSpec(tam.Id), null, null, null)], Actor.System, default);

        GroupHistoryView At(DateOnly d) => fx.Service.GroupHistoryAtAsync(officer, ward, groupId, d.ToString("yyyy-MM-dd"), default).Result;
        Assert.Equal("Nguyễn Văn Hùng", At(day1).Group.Leader!.FullName);
        Assert.Equal(40, At(day1).Group.Households);
        Assert.Equal(55, At(day1.AddDays(12)).Group.Households);
        Assert.Equal("Nguyễn Văn Hùng", At(day1.AddDays(12)).Group.Leader!.FullName);
        Assert.Equal("Lê Văn Tâm", At(VietnamTime.Today(fx.Clock)).Group.Leader!.FullName);

        var before = await Assert.ThrowsAsync<ProblemException>(() => fx.Service.GroupHistoryAtAsync(officer, ward, groupId, day1.AddDays(-1).ToString("yyyy-MM-dd"), default));
        Assert.Equal(404, before.Status);
        Assert.Equal(RegisterTexts.NoHistoryAtDate, before.Detail);
    }

    [Fact]
    public async Task Two_updates_with_the_same_ETag_one_wins_one_gets_412()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 1", 30, "Võ Văn Kiệt", "Hồ Thị Lan");
        var etag = (await fx.Service.GetGroupAsync(officer, ward, groupId, default)).ETag;

        var results = await Task.WhenAll(
            Attempt(() => fx.Service.UpdateGroupAsync(officer, ward, groupId, etag, null, new UpdateGroupBody(null, "Địa bàn A", null, null, null), default)),
            Attempt(() => fx.Service.UpdateGroupAsync(officer, ward, groupId, etag, null, new UpdateGroupBody(null, "Địa bàn B", null, null, null), default)));
        Assert.Single(results, r => r == 200);
        Assert.Single(results, r => r == 412);

        var missing = await Assert.ThrowsAsync<ProblemException>(() => fx.Service.UpdateGroupAsync(officer, ward, groupId, null, null, new UpdateGroupBody(null, "C", null, null, null), default));
        Assert.Equal(428, missing.Status);
    }

    static async Task<int> Attempt(Func<Task> action)
    {
        try { await action(); return 200; }
        catch (ProblemException e) { return e.Status; }
    }

    [Fact]
    public async Task Leadership_changes_only_through_a_proposal()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 7", 30, "Đỗ Văn Nam", "Bùi Thị Hà", "Ngô Văn Phúc", "Dương Thị Loan");
        var members = await fx.Service.ListMembersAsync(officer, ward, groupId, null, null, null, 50, default);
        var ordinary = members.Items.First(m => m.Role == MemberRole.Member);
        var leader = members.Items.Single(m => m.Role == MemberRole.Leader);

        var promote = await Assert.ThrowsAsync<ProblemException>(() =>
            fx.Service.UpdateMemberAsync(officer, ward, groupId, ordinary.Id, ordinary.ETag, null, new UpdateMemberBody(null, null, null, null, null, null, MemberRole.Leader, null), default));
        Assert.Equal(409, promote.Status);
        Assert.Equal(RegisterTexts.StructuralChangeViaProposal, promote.Detail);

        var addLeader = await Assert.ThrowsAsync<ProblemException>(() =>
            fx.Service.AddMemberAsync(officer, ward, groupId, null, new AddMemberBody("Lý Văn Tài", Gender.Male, 1980, "Hẻm 1", null, null, MemberRole.Deputy, null), default));
        Assert.Equal(409, addLeader.Status);

        var leaderLeaves = await Assert.ThrowsAsync<ProblemException>(() =>
            fx.Service.MemberLeavesAsync(officer, ward, groupId, leader.Id, leader.ETag, null, new MemberLeavesBody(null, "Chuyển nơi ở"), default));
        Assert.Equal(RegisterTexts.LeaderLeavesViaProposal, leaderLeaves.Detail);

        // Ordinary membership changes are direct.
        var left = await fx.Service.MemberLeavesAsync(officer, ward, groupId, ordinary.Id, ordinary.ETag, null, new MemberLeavesBody(null, "Chuyển nơi ở"), default);
        Assert.Equal(MemberStatus.Left, left.Status);
    }

    [Fact]
    public async Task A_person_cannot_join_a_second_group()
    {
        var (ward, officer) = await fx.NewWardAsync();
        await fx.EstablishAsync(ward, "Tổ 1", 30, "Trương Văn Sang");
        var tổ2 = await fx.EstablishAsync(ward, "Tổ 2", 30, "Châu Thị Yến");
        var e = await Assert.ThrowsAsync<ProblemException>(() => fx.Service.AddMemberAsync(officer, ward, tổ2, null,
            new AddMemberBody("Trương  Văn Sang", Gender.Male, 1950, "Số 1,  Tổ 1", null, null, null, null), default));
        Assert.Equal(400, e.Status);
        Assert.Contains("Trương Văn Sang đang là thành viên của Tổ 1. Một người chỉ tham gia một tổ.", e.Errors!.Values.SelectMany(v => v));
    }

    [Fact]
    public async Task Counters_agree_with_a_recount_after_a_random_sequence_of_changes()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groups = new List<string>();
        for (var i = 1; i <= 3; i++) groups.Add(await fx.EstablishAsync(ward, $"Tổ {i}", 20 + i, $"Tổ trưởng {i}", $"Tổ phó {i}"));
        var random = new Random(42);
        var n = 0;
        async Task Step()
        {
            var groupId = groups[random.Next(groups.Count)];
            var members = (await fx.Service.ListMembersAsync(officer, ward, groupId, MemberStatus.Active, MemberRole.Member, null, 200, default)).Items;
            switch (random.Next(4))
            {
                case 0 or 1:
                    await fx.Service.AddMemberAsync(officer, ward, groupId, null, new AddMemberBody($"Thành viên {Interlocked.Increment(ref n)}", Gender.Female, 1970 + n % 30, $"Số {n}", null, null, null, null), default);
                    break;
                case 2 when members.Count > 0:
                    var m = members[random.Next(members.Count)];
                    await Attempt(() => fx.Service.MemberLeavesAsync(officer, ward, groupId, m.GroupId == groupId ? m.Id : m.Id, m.ETag, null, new MemberLeavesBody(null, null), default));
                    break;
                default:
                    var g = await fx.Service.GetGroupAsync(officer, ward, groupId, default);
                    await Attempt(() => fx.Service.UpdateGroupAsync(officer, ward, groupId, g.ETag, null, new UpdateGroupBody(null, null, random.Next(10, 80), null, null), default));
                    break;
            }
        }
        // Some steps run concurrently, so counter updates race and must still add up.
        for (var round = 0; round < 8; round++) await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Step()));
        await fx.Changes.ApplyStructuralAsync(ward, "merge", new Decision("9/QĐ", new DateOnly(2025, 2, 1)), [new MergeGroups([groups[1]], groups[0], null, null, null)], Actor.System, default);

        var stored = (await fx.Service.GetWardAsync(officer, ward, default)).Counters;
        var recount = await fx.Changes.RecountAsync(ward, default);
        Assert.Equal(recount, stored);
        Assert.Equal(2, recount.ActiveGroups);
        Assert.Equal(1, recount.MergedGroups);
        Assert.True(recount.ActiveMembers >= 6);
    }

    [Fact]
    public async Task Audit_records_who_when_and_before_after_newest_first()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 9", 30, "Hoàng Văn Long");
        var group = await fx.Service.GetGroupAsync(officer, ward, groupId, default);
        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        await fx.Service.UpdateGroupAsync(officer, ward, groupId, group.ETag, null, new UpdateGroupBody("Tổ 9, khu vực 4", null, null, null, null), default);

        var entity = await fx.Service.AuditAsync(officer, ward, groupId, null, 10, default);
        Assert.Equal(2, entity.Items.Count);
        var latest = entity.Items[0];
        Assert.Equal("update", latest.Action);
        Assert.Equal(officer.DisplayName, latest.ActorName);
        Assert.Equal("Tổ 9", latest.Before!.Value.GetProperty("name").GetString());
        Assert.Equal("Tổ 9, khu vực 4", latest.After!.Value.GetProperty("name").GetString());
        Assert.True(entity.Items[0].At > entity.Items[1].At);

        var wardAudit = await fx.Service.AuditAsync(officer, ward, null, null, 50, default);
        Assert.Equal(RegisterTexts.OpUpdateGroup, wardAudit.Items[0].Description);
    }

    [Fact]
    public async Task Search_ignores_diacritics_matches_any_word_start_and_stays_in_scope()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var (otherWard, _) = await fx.NewWardAsync();
        await fx.EstablishAsync(ward, "Tổ 1", 30, "Nguyễn Văn An", "Trần Thị Ánh", "Nguyễn Văn Anh Tuấn");
        await fx.EstablishAsync(otherWard, "Tổ 1", 30, "Nguyễn Văn An");

        var full = await fx.Service.SearchAsync(officer, "nguyen van an", null, null, null, null, 50, default);
        Assert.Equal(["Nguyễn Văn An", "Nguyễn Văn Anh Tuấn"], full.Items.Select(h => h.FullName).Order().ToArray());
        Assert.All(full.Items, h => Assert.Equal(ward, h.WardId)); // the other ward's Nguyễn Văn An stays hidden

        var given = await fx.Service.SearchAsync(officer, "ANH", null, null, null, null, 50, default);
        Assert.Equal(["Nguyễn Văn Anh Tuấn", "Trần Thị Ánh"], given.Items.Select(h => h.FullName).Order().ToArray());

        var leaders = await fx.Service.SearchAsync(officer, "an", null, null, MemberRole.Leader, null, 50, default);
        Assert.Equal("Nguyễn Văn An", Assert.Single(leaders.Items).FullName);

        var forbidden = await Assert.ThrowsAsync<ProblemException>(() => fx.Service.SearchAsync(officer, "an", otherWard, null, null, null, 50, default));
        Assert.Equal(403, forbidden.Status);

        var police = await fx.Service.SearchAsync(RegisterFixture.Police, "nguyen van an", otherWard, null, null, null, 50, default);
        Assert.Equal(otherWard, Assert.Single(police.Items).WardId);
    }

    [Fact]
    public async Task Paging_returns_every_member_once_with_continuation_tokens()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var names = Enumerable.Range(1, 12).Select(i => $"Người số {i}").ToArray();
        var groupId = await fx.EstablishAsync(ward, "Tổ 1", 30, names);
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await fx.Service.ListMembersAsync(officer, ward, groupId, null, null, token, 5, default);
            Assert.True(page.Items.Count <= 5);
            seen.AddRange(page.Items.Select(m => m.FullName));
            token = page.ContinuationToken;
        } while (token is not null);
        Assert.Equal(names.Order(), seen.Order());
    }

    [Fact]
    public async Task A_large_change_interrupted_part_way_is_finished_before_the_next_change()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var names = Enumerable.Range(1, 60).Select(i => $"Thành viên {i:D2}").ToArray();
        fx.Store.AfterJournalBatch = n => n == 2 ? throw new IOException("simulated crash") : Task.CompletedTask;
        try
        {
            await Assert.ThrowsAsync<IOException>(() => fx.EstablishAsync(ward, "Tổ lớn", 80, names));
        }
        finally
        {
            fx.Store.AfterJournalBatch = null;
        }
        // The next change to the ward finishes the interrupted one first, then applies its own.
        var groupId = await fx.EstablishAsync(ward, "Tổ nhỏ", 10, "Người mới");
        var ward1 = await fx.Service.GetWardAsync(officer, ward, default);
        Assert.Equal(2, ward1.Counters!.ActiveGroups);
        Assert.Equal(61, ward1.Counters.ActiveMembers);
        Assert.Equal(await fx.Changes.RecountAsync(ward, default), ward1.Counters);
        Assert.NotNull(groupId);
        // Every member is findable and audited: the index and audit rows of the interrupted change landed where they belong.
        var search = await fx.Service.SearchAsync(officer, "thanh vien", null, null, null, null, 200, default);
        Assert.Equal(60, search.Items.Select(h => h.MemberId).Distinct().Count());
        var someone = search.Items.First();
        Assert.NotEmpty((await fx.Service.AuditAsync(officer, ward, someone.MemberId, null, 10, default)).Items);
    }

    [Fact]
    public async Task The_same_structural_operation_applied_twice_changes_the_register_once()
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 4", 30, "Lâm Văn Đạt", "Quách Thị Oanh");
        var change = new ConsolidateGroup(groupId, null, null, [new PersonSpec(null, "Tạ Văn Lộc", Gender.Male, 1975, "Số 9")], null);
        await fx.Changes.ApplyStructuralAsync(ward, "decision-42", new Decision("42/QĐ", new DateOnly(2025, 2, 2)), [change], Actor.System, default);
        await fx.Changes.ApplyStructuralAsync(ward, "decision-42", new Decision("42/QĐ", new DateOnly(2025, 2, 2)), [change], Actor.System, default);
        var members = await fx.Service.ListMembersAsync(officer, ward, groupId, MemberStatus.Active, null, null, 50, default);
        Assert.Single(members.Items, m => m.FullName == "Tạ Văn Lộc");
    }

    [Fact]
    public async Task A_ward_written_before_the_indexes_gets_them_at_its_first_change_and_keeps_its_rules_and_counters()
    {
        var (ward, officer) = await fx.NewWardAsync();
        await fx.EstablishAsync(ward, "Tổ 1", 30, "Trương Văn Sang", "Lê Thị Hạnh");
        var tổ2 = await fx.EstablishAsync(ward, "Tổ 2", 30, "Châu Thị Yến");
        var counters = (await fx.Service.GetWardAsync(officer, ward, default)).Counters!;

        // The ward as the app kept it before the indexes: no p|, n|, ix rows, counters in the one row "c".
        var table = new Azure.Data.Tables.TableServiceClient(await TestAzurite.ConnectionStringAsync()).GetTableClient(RegisterTable.Name);
        var pk = RegisterTable.Partition(ward);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == pk))
            if (row.RowKey.StartsWith("p|") || row.RowKey.StartsWith("n|") || row.RowKey.StartsWith("c") || row.RowKey == RegisterTable.IndexedKey)
                await table.DeleteEntityAsync(pk, row.RowKey);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(pk, RegisterTable.CountersKey) { ["Data"] = TableRows.ToJson(counters) });
        // A host started after the upgrade (this store has not seen the ward).
        var store = new RegisterStore(new Azure.Data.Tables.TableServiceClient(await TestAzurite.ConnectionStringAsync()),
            new Azure.Storage.Blobs.BlobServiceClient(await TestAzurite.ConnectionStringAsync()));
        var service = new RegisterService(store, new RegisterChanges(store, fx.Options, fx.Clock), fx.Clock);

        var duplicate = await Assert.ThrowsAsync<ProblemException>(() => service.AddMemberAsync(officer, ward, tổ2, null,
            new AddMemberBody("Trương Văn Sang", Gender.Male, 1950, "Số 1, Tổ 1", null, null, null, null), default));
        Assert.Contains("Trương Văn Sang đang là thành viên của Tổ 1. Một người chỉ tham gia một tổ.", duplicate.Errors!.Values.SelectMany(v => v));
        Assert.NotNull(await store.GetRowAsync(ward, RegisterTable.IndexedKey, default));
        var group2 = await service.GetGroupAsync(officer, ward, tổ2, default);
        var sameName = await Assert.ThrowsAsync<ProblemException>(() => service.UpdateGroupAsync(officer, ward, tổ2, group2.ETag, null,
            new UpdateGroupBody("tổ 1", null, null, null, null), default));
        Assert.Equal(400, sameName.Status);

        await service.AddMemberAsync(officer, ward, tổ2, null, new AddMemberBody("Đỗ Văn Mới", Gender.Male, 1980, "Số 9", null, null, null, null), default);
        var after = (await service.GetWardAsync(officer, ward, default)).Counters!;
        Assert.Equal(await fx.Changes.RecountAsync(ward, default), after);
        Assert.Equal(counters.ActiveMembers + 1, after.ActiveMembers);
    }
}
