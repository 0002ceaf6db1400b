using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Workflows;

/// <summary>
/// Runs one representative instance of each workflow — driven over HTTP through every step, on the
/// real engine and Azurite — reads its history back from the task hub and replays it on today's code,
/// which must reach the same end: an orchestrator that is not deterministic (a clock, a random id, a
/// read outside an activity) fails here. With <c>TNDTQ_RECORD_HISTORIES=1</c> the histories are also
/// kept in <c>Workflows/Histories/</c> for <see cref="HistoryReplayTests"/> (done once per workflow
/// version, on purpose); existing files are never overwritten: a recorded history is the past that
/// later code must still replay.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class HistoryRecorder(HostFixture fx)
{
    static bool Keeping => Environment.GetEnvironmentVariable("TNDTQ_RECORD_HISTORIES") == "1";

    const string Csv = """
        Tổ,Địa bàn,Số hộ,Họ và tên,Giới tính,Năm sinh,Địa chỉ,Vai trò,Ngày tham gia
        "Tổ 1, khu vực 1",Hẻm 10,40,Nguyễn Văn Trung,Nam,1960,Số 1 hẻm 10,Tổ trưởng,01/01/2019
        "Tổ 1, khu vực 1",,,Lê Thị Hạnh,Nữ,1975,Số 2 hẻm 10,Tổ phó,01/01/2019
        "Tổ 1, khu vực 1",,,Phạm Minh Khang,Nam,1980,Số 3 hẻm 10,Thành viên,01/01/2019
        """;

    [Fact]
    public async Task Each_workflow_run_today_replays_its_own_history_to_the_same_end()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("ls", "Phường Lịch Sử", Csv);
        var police = fx.Client(As.Police);
        var leader = fx.Client(As.Leader);
        var group = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Single();

        // Sign-off: sent, approved by the chairman.
        var signOff = await (await officer.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title = "Tờ trình kiện toàn Tổ 1", dueInMinutes = 600 })).ReadAsync<SignOffView>();
        await AcceptedAsync(() => chairman.PostAsJsonAsync($"wards/{ward}/sign-offs/{signOff.Id}/decision", new { approve = true, comment = "Đồng ý" }));
        await SaveAsync("sign-off-v2-approved", SignOffService.InstanceId(ward, signOff.Id));

        // Restructure: assessed, proposed, returned by the police, revised, approved and applied.
        var cycle = "ls-" + Guid.NewGuid().ToString("N")[..8];
        (await police.PostAsJsonAsync("restructure/cycles", new {
            id = cycle, name = "Rà soát năm 2026", wardIds = new[] { ward },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(10), proposalDue = DateTimeOffset.UtcNow.AddDays(20) }, remindDaysBefore = new[] { 3, 1 }
        })).EnsureSuccessStatusCode();
        var at = $"restructure/cycles/{cycle}/wards/{ward}";
        await OkAsync(() => officer.PutAsJsonAsync($"{at}/assessments/{group.Id}", new { rating = "fair", recommendation = "consolidate" }));
        await AcceptedAsync(() => officer.PostAsync($"{at}/assessments/submit", null));
        var khang = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?role=member")).ReadAsync<PageResult<MemberView>>()).Items.Single();
        var candidate = new {
            fullName = "Phạm Minh Khang", memberId = khang.Id, birthYear = 1980, livesInArea = true, yearsOfResidence = 12,
            endorsedByResidents = true, endorsedByFrontCommittee = true
        };
        await OkAsync(() => officer.PutAsJsonAsync($"{at}/proposal", new {
            title = "Tờ trình kiện toàn Tổ 1, khu vực 1",
            changes = new[] { new { change = new { type = "consolidate", groupId = group.Id, leader = new { memberId = khang.Id } }, reason = "Tổ trưởng xin nghỉ", candidates = new[] { candidate } } }
        }));
        await AcceptedAsync(() => officer.PostAsync($"{at}/proposal/submit", null));
        await AcceptedAsync(() => chairman.PostAsJsonAsync($"{at}/decisions/chairman-sign-off", new { outcome = "approve" }));
        await AcceptedAsync(() => police.PostAsJsonAsync($"{at}/decisions/police-review", new { outcome = "return", comment = "Bổ sung biên bản họp dân" }));
        await AcceptedAsync(() => officer.PostAsync($"{at}/proposal/submit", null));
        await AcceptedAsync(() => chairman.PostAsJsonAsync($"{at}/decisions/chairman-sign-off", new { outcome = "approve" }));
        await AcceptedAsync(() => police.PostAsJsonAsync($"{at}/decisions/police-review", new { outcome = "forward" }));
        await AcceptedAsync(() => leader.PostAsJsonAsync($"{at}/decisions/leader-decision", new { outcome = "approve", decisionNumber = "126/QĐ-UBND", decisionDate = "2026-03-15" }));
        await SaveAsync("restructure-v2-returned-then-applied", RestructureWorkflow.InstanceId(cycle, ward));

        // Nomination: the group (rated by the cycle above), endorsed, forwarded, recommended, approved, documents generated.
        var nomination = await (await officer.PostAsJsonAsync("commendations/nominations", new {
            wardId = ward, groupId = group.Id,
            awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "2026", achievements = "Giữ vững an ninh trật tự"
        })).ReadAsync<NominationView>();
        var n = $"commendations/nominations/{nomination.Id}/decisions";
        await AcceptedAsync(() => chairman.PostAsJsonAsync($"{n}/chairman-endorsement", new { outcome = "endorse" }));
        await AcceptedAsync(() => police.PostAsJsonAsync($"{n}/police-review", new { outcome = "forward", comment = "Hồ sơ đầy đủ" }));
        await AcceptedAsync(() => fx.Client("demo-council").PostAsJsonAsync($"{n}/council", new { outcome = "recommend", votesFor = 7, votesAgainst = 0, votesAbstain = 1, meetingDate = "2026-11-20" }));
        await AcceptedAsync(() => leader.PostAsJsonAsync($"{n}/decision", new { outcome = "approve", decisionNumber = "30/QĐ-UBND", decisionDate = "2026-03-01" }));
        await SaveAsync("nomination-v2-approved-with-documents", NominationWorkflow.InstanceId(nomination.Id));

        // Training invitation: the police publish a session, the ward's officer confirms its leader.
        var day = DateTime.UtcNow.AddHours(7).Date;
        var session = await (await police.PostAsJsonAsync("training/sessions", new {
            topic = "law", title = "Tập huấn pháp luật", date = day.AddDays(10).ToString("yyyy-MM-dd"),
            startTime = "08:00", place = "Hội trường Công an quận", trainer = "Trung tá Phan Văn Hòa", wardIds = new[] { ward }, inviteLeaders = true, inviteDeputies = false,
            capacity = 10, confirmBy = day.AddDays(5).ToString("yyyy-MM-dd")
        })).ReadAsync<System.Text.Json.JsonElement>();
        var sessionId = session.GetProperty("id").GetString()!;
        await OkAsync(() => police.PostAsync($"training/sessions/{sessionId}/publish", null));
        var leaderNow = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}")).ReadAsync<GroupView>()).Leader!;
        await OkAsync(() => officer.PostAsJsonAsync($"training/sessions/{sessionId}/wards/{ward}/confirm", new { people = new[] { new { groupId = group.Id, memberId = leaderNow.Id } } }));
        await SaveAsync("training-invitation-confirmed", Tndtq.Training.TrainingInvitationOrchestrator.InstanceId(sessionId, ward));
        // Support round: submitted, returned by the chairman, resubmitted, approved (figures and history recorded).
        var members = (await (await officer.GetAsync($"wards/{ward}/groups/{group.Id}/members?status=active")).ReadAsync<PageResult<MemberView>>()).Items;
        var round = await (await officer.PostAsJsonAsync($"wards/{ward}/support-rounds", new {
            kind = "holiday-care", name = "Thăm hỏi Tết Nguyên đán 2027",
            fund = new { name = "Công ty TNHH Minh Phát", type = "sponsor" },
            beneficiaries = new object[] { new { type = "member", id = members[0].Id, amount = 500_000 }, new { type = "group", id = group.Id, gift = "Bộ loa cầm tay" } }
        }))
            .ReadAsync<Tndtq.Support.SupportRoundView>();
        var s = $"wards/{ward}/support-rounds/{round.Id}";
        await AcceptedAsync(() => officer.PostAsync($"{s}/submit", null));
        await AcceptedAsync(() => chairman.PostAsJsonAsync($"{s}/decisions/chairman-approval", new { outcome = "return", comment = "Bổ sung số tiền cho tổ" }));
        await AcceptedAsync(() => officer.PostAsJsonAsync($"{s}/decisions/revision", new { outcome = "resubmit" }));
        await AcceptedAsync(() => chairman.PostAsJsonAsync($"{s}/decisions/chairman-approval", new { outcome = "approve" }));
        await SaveAsync("support-v2-returned-then-approved", Tndtq.Support.SupportWorkflow.InstanceId(ward, round.Id));
    }

    /// <summary>
    /// Waits for the instance to complete, replays its history on today's code, and — when keeping —
    /// writes it (unless a file of that name exists).
    /// </summary>
    async Task SaveAsync(string name, string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var m = await fx.Host.DurableClient.WaitForInstanceCompletionAsync(instanceId, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus);
        var history = await WorkflowHistories.ReadAsync(await TestAzurite.ConnectionStringAsync(), fx.HubName, instanceId);
        WorkflowHistories.AssertReplaysToTheSameEnd(name, history);
        var file = Path.Combine(WorkflowHistories.Folder, name + ".json");
        if (Keeping && !File.Exists(file)) WorkflowHistories.Save(file, history);
    }

    /// <summary>Retries a decision until the workflow has reached its step (202).</summary>
    static Task AcceptedAsync(Func<Task<HttpResponseMessage>> send) => UntilAsync(send, HttpStatusCode.Accepted);

    static Task OkAsync(Func<Task<HttpResponseMessage>> send) => UntilAsync(send, HttpStatusCode.OK);

    static async Task UntilAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var last = await HttpAssertions.EventuallyAsync(async () => { var r = await send(); return (r.StatusCode, Body: await r.Content.ReadAsStringAsync()); },
            r => r.StatusCode == expected, TimeSpan.FromSeconds(30));
        Assert.True(last.StatusCode == expected, $"expected {expected}, got {last.StatusCode}: {last.Body}");
    }
}
