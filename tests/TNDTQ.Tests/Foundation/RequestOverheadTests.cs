using System.Net;
using System.Net.Http.Json;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The tests that count storage requests (<see cref="StorageRequestCounter"/> is one count per process, shared by every host that counts):
/// they run one class at a time, so one class's requests never land in another's count.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CountedStorage
{
    public const string Name = "counted storage requests";
}

/// <summary>
/// What a request costs in storage beyond its own work: the caller's staff row and the ward row are
/// remembered in the host (not read again by every request), tables are created once per process,
/// and a change made through the app — a revoked person, a renamed ward — takes effect at once.
/// Counted with the benchmark's counting policy on this host's storage clients.
/// </summary>
[Collection(CountedStorage.Name)]
public sealed class RequestOverheadTests(RequestOverheadTests.Fixture fx) : IClassFixture<RequestOverheadTests.Fixture>
{
    public sealed class Fixture : HostFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [Storage.CountRequestsSettingName] = "true",
            // No timer sends requests while these tests count.
            ["HeartbeatSchedule"] = Never, ["DailyScanSchedule"] = Never, ["WeeklyDigestSchedule"] = Never,
            ["ReviewCycleSchedule"] = Never, ["BackupSchedule"] = Never, ["RetentionSchedule"] = Never,
        };
        const string Never = "0 0 0 1 1 *";
    }

    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n";

    /// <summary>The fewest storage requests one such request sent, over five in a row (a background task may add to one of them, never to all).</summary>
    static async Task<long> StorageRequestsAsync(Func<Task<HttpResponseMessage>> send)
    {
        (await send()).EnsureSuccessStatusCode(); // first use: tables created, rows remembered
        var fewest = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = StorageRequestCounter.Count;
            (await send()).EnsureSuccessStatusCode();
            fewest = Math.Min(fewest, StorageRequestCounter.Count - before);
        }
        return fewest;
    }

    [Fact]
    public async Task A_read_sends_only_its_own_storage_requests_not_the_callers_staff_row_the_ward_row_or_a_table_creation()
    {
        var (ward, officer, _) = await fx.NewWardAsync("chi-phi", "Phường Chi Phí", Register);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[0].Id;

        // Who am I: the staff row only, and it is remembered → no storage request at all.
        Assert.Equal(0, await StorageRequestsAsync(() => officer.GetAsync("me")));
        // The ward with its counters: one query of the counters (base row and shards), not the ward row.
        Assert.Equal(1, await StorageRequestsAsync(() => officer.GetAsync($"wards/{ward}")));
        // One group: its row (and its summary/members as the view needs), nothing else.
        var groupRequests = await StorageRequestsAsync(() => officer.GetAsync($"wards/{ward}/groups/{group}"));
        Assert.True(groupRequests <= 2, $"a group read sent {groupRequests} storage requests");
    }

    [Fact]
    public async Task A_sign_off_sends_ten_storage_requests_of_its_own_from_its_request_to_its_outcome()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("ky-nhe", "Phường Ký Nhẹ", Register);
        async Task<long> SignOffAsync(string title)
        {
            var before = StorageRequestCounter.Count;
            var created = await (await officer.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title, dueInMinutes = 60 })).ReadAsync<SignOffView>();
            // Reading a sign-off while its workflow exists reads the workflow, not the table: these polls send nothing.
            Task<SignOffView> View() => officer.GetAsync($"wards/{ward}/sign-offs/{created.Id}").ContinueWith(t => t.Result.ReadAsync<SignOffView>()).Unwrap();
            await HttpAssertions.EventuallyAsync(View, v => v.State == SignOffState.WaitingForChairman);
            Assert.Equal(HttpStatusCode.Accepted, (await chairman.PostAsJsonAsync($"wards/{ward}/sign-offs/{created.Id}/decision", new { approve = true })).StatusCode);
            await HttpAssertions.EventuallyAsync(View, v => v.State == SignOffState.Approved);
            return StorageRequestCounter.Count - before;
        }
        await SignOffAsync("Tờ trình làm nóng"); // first use: tables created, the chairman's staff row remembered

        // The request: its row looked up (a purged request with this id). The step opened: the task listed (read, write),
        // the due index, the chairman's notice, the request's row with its list row (SignOffRecords, one transaction). Closed: the
        // task (read, delete), the due index, the outcome on the row and its list row (one transaction: the request carries the list key). No open-step figures (only nominations are counted) and no Record… activity.
        var fewest = Math.Min(await SignOffAsync("Tờ trình thứ nhất"), await SignOffAsync("Tờ trình thứ hai"));
        Assert.Equal(10, fewest);
    }

    [Fact]
    public async Task A_revoked_person_is_refused_at_once_and_a_renamed_ward_is_seen_at_once_though_both_rows_are_remembered()
    {
        var (ward, officer, _) = await fx.NewWardAsync("doi-ten", "Phường Đổi Tên", Register);
        var admin = fx.Client(As.Admin);
        // Both rows are read, so remembered, before the change.
        var before = await (await officer.GetAsync($"wards/{ward}")).ReadAsync<WardView>();
        Assert.Equal("Phường Đổi Tên", before.Name);

        var rename = new HttpRequestMessage(HttpMethod.Put, $"wards/{ward}")
        {
            Content = JsonContent.Create(new { name = "Phường Tên Mới", approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" }),
        };
        rename.Headers.IfMatch.ParseAdd(before.ETag);
        (await admin.SendAsync(rename)).EnsureSuccessStatusCode();
        Assert.Equal("Phường Tên Mới", (await (await officer.GetAsync($"wards/{ward}")).ReadAsync<WardView>()).Name);

        (await admin.PutAsJsonAsync($"staff/officer-{ward}", new { displayName = "Cán bộ nghỉ việc", roles = Array.Empty<string>() })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"wards/{ward}")).StatusCode);
        (await admin.PutAsJsonAsync($"staff/officer-{ward}", new { displayName = "Cán bộ trở lại", roles = new[] { "ward-officer" }, wardId = ward })).EnsureSuccessStatusCode();
        Assert.Equal("Cán bộ trở lại", (await (await officer.GetAsync("me")).ReadAsync<System.Text.Json.JsonElement>()).GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"staff/officer-{ward}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("me")).StatusCode);
    }

    [Fact]
    public async Task A_nomination_and_its_eligibility_check_read_the_nominee_by_point_reads_and_never_query_the_ward()
    {
        var csv = new System.Text.StringBuilder("Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n");
        for (var g = 1; g <= 5; g++) csv.Append($"\"Tổ {g}, khu vực 2\",30,Người Đứng Đầu {g},1960,Số {g},Tổ trưởng\n,,Thành Viên {g},1970,Số {g}a,Thành viên\n");
        var (ward, officer, _) = await fx.NewWardAsync("khen-nhe", "Phường Khen Nhẹ", csv.ToString());
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items[2];
        var member = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members")).ReadAsync<PageResult<MemberView>>()).Items[0];

        var before = StorageRequestCounter.QueriesOf(RegisterTable.Name);
        (await officer.GetAsync($"wards/{ward}/groups")).EnsureSuccessStatusCode();
        Assert.True(StorageRequestCounter.QueriesOf(RegisterTable.Name) > before, "the counter sees a page of groups as a query of the register");

        before = StorageRequestCounter.QueriesOf(RegisterTable.Name);
        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = group.Id, memberId = member.Id, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Giữ gìn an ninh",
        })).ReadAsync<Tndtq.Commendations.NominationView>();
        Assert.Equal(member.FullName, nomination.NomineeName);
        Assert.Equal(group.Name, nomination.GroupName);
        // The workflow's eligibility check has run (the group was never assessed, so it is not eligible: a rule read from the register).
        var checkedOne = await HttpAssertions.EventuallyAsync(
            async () => await (await officer.GetAsync($"commendations/nominations/{nomination.Id}")).ReadAsync<Tndtq.Commendations.NominationView>(),
            v => v.EligibilityProblems.Count > 0);
        Assert.Equal(0, StorageRequestCounter.QueriesOf(RegisterTable.Name) - before);

        // A nominee who is not in the group named is refused by the same point reads.
        var wrong = await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = group.Id, memberId = "khong-co", awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Giữ gìn an ninh",
        });
        Assert.Contains("memberId", (await wrong.ProblemAsync(400)).Errors!.Keys);
    }
}
