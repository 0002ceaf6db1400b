using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Tndtq.Identity;
using Tndtq.Inbox;
using Tndtq.Meetings;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Meetings;

/// <summary>
/// Meetings on real Azurite with a clock the test moves: the rules of a record, counters that equal a
/// recount, corrections under If-Match with their history, agreed tasks through the inbox and the due
/// index, the no-meeting reminder from real data, and exactly-once writes under a crash.
/// </summary>
public sealed class MeetingServiceTests(RegisterFixture fx) : IClassFixture<RegisterFixture>
{
    sealed record Parts(MeetingService Service, MeetingStore Store, MeetingRecords Records, TaskList TaskList, DueIndex Due, Notifications Notifications, ReminderScan Scan,
        TableServiceClient Tables);

    async Task<Parts> PartsAsync(int maxDaysWithoutMeeting = 90)
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var tables = new TableServiceClient(connection);
        var store = new MeetingStore(tables, new BlobServiceClient(connection));
        var register = new MeetingRegister(fx.Service, fx.Store);
        var taskList = new TaskList(tables, fx.Clock);
        var due = new DueIndex(tables);
        var notifications = new Notifications(tables, new Deliveries(tables, new StaffDirectory(tables), [], NullLogger<Deliveries>.Instance));
        var tasks = new MeetingTasks(store, taskList, due, notifications);
        var options = new ReminderOptions(WindowDays: 7, MaxDaysWithoutMeeting: maxDaysWithoutMeeting);
        var records = new MeetingRecords(store, register, tasks);
        return new Parts(new MeetingService(store, register, tasks, options, fx.Clock), store, records, taskList, due, notifications,
            new ReminderScan(due, notifications, records, options, fx.Clock), tables);
    }

    DateOnly Today => VietnamTime.Today(fx.Clock);

    async Task<(string Ward, Caller Officer, string GroupId, List<MemberView> Members)> WardWithGroupAsync(string name = "Tổ 1, khu vực 2")
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, name, 30, "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Hoa", "Đỗ Văn Nam");
        var members = (await fx.Service.ListMembersAsync(officer, ward, groupId, null, null, null, 100, default)).Items.ToList();
        return (ward, officer, groupId, members);
    }

    static MeetingBody Body(string groupId, IEnumerable<MemberView> members, DateOnly date, string kind = MeetingKind.Regular,
        IReadOnlyList<AgreedTaskBody>? tasks = null, string? reason = null) =>
        new(MeetingScope.Group, groupId, date, kind, "Nguyễn Văn Hùng",
            members.Select((m, i) => new AttendanceBody(m.Id, i == 1 ? AttendanceStatus.Excused : i == 2 ? AttendanceStatus.Absent : AttendanceStatus.Present)).ToList(),
            ["Đại diện Công an phường"], "Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc; nhắc các hộ đăng ký tạm trú.", tasks ?? [], reason);

    [Fact]
    public async Task A_meeting_keeps_the_register_names_and_the_counters_equal_a_recount_through_records_and_corrections()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var other = await fx.EstablishAsync(ward, "Tổ 2, khu vực 2", 25, "Võ Thị Lan", "Huỳnh Văn Bé");
        var otherMembers = (await fx.Service.ListMembersAsync(officer, ward, other, null, null, null, 100, default)).Items;

        var first = await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, Today.AddDays(-40)), default);
        Assert.Equal("Tổ 1, khu vực 2", first.GroupName);
        Assert.Equal((3, 1, 1), (first.Present, first.Excused, first.Absent));
        Assert.Equal(["Tổ trưởng"], first.Attendance.Where(a => a.FullName == "Nguyễn Văn Hùng").Select(a => a.RoleName));
        Assert.Equal("Vắng có lý do", first.Attendance[1].StatusName);
        await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, Today.AddDays(-10), MeetingKind.Extraordinary), default);
        var lastYear = await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, new DateOnly(Today.Year - 1, 12, 20)), default);
        await p.Service.RecordAsync(officer, ward, null, Body(other, otherMembers, Today.AddDays(-100)), default);
        var leaders = (await fx.Service.ListGroupsAsync(officer, ward, GroupStatus.Active, null, 100, default)).Items.Select(g => g.Leader!.Id).ToList();
        await p.Service.RecordAsync(officer, ward, null, new MeetingBody(MeetingScope.Ward, null, Today.AddDays(-5), MeetingKind.Regular, "Chủ tịch UBND phường",
            leaders.Select(id => new AttendanceBody(id, AttendanceStatus.Present)).ToList(), [], "Giao ban tháng.", []), default);

        var group = await p.Service.GroupSummaryAsync(officer, ward, groupId, default);
        Assert.Equal(Today.AddDays(-10), group.LastMeeting);
        Assert.Equal(Today.AddDays(-40).Year == Today.Year ? 2 : 1, group.MeetingsThisYear);
        Assert.False(group.Overdue);

        var summary = await p.Service.WardSummaryAsync(officer, ward, null, default);
        Assert.Equal(2, summary.ActiveGroups);
        Assert.Equal(1, summary.GroupsMetWithinPeriod);           // the other group last met 100 days ago (> 90)
        Assert.Equal(0.5, summary.ShareMetWithinPeriod);
        Assert.Equal(1, summary.YearCounts.WardMeetings);
        Assert.NotNull(summary.Record);                            // the officer may record: the page shows the button from this

        // Corrections move dates across years and change kinds: the counters follow, and still equal a recount.
        var current = await p.Service.GetAsync(officer, ward, lastYear.Id, default);
        var corrected = await p.Service.CorrectAsync(officer, ward, lastYear.Id, current.ETag, null,
            Body(groupId, members, Today.AddDays(-2), MeetingKind.Extraordinary, reason: "Ghi nhầm ngày họp"), default);
        Assert.Equal(2, corrected.Version);
        Assert.Equal(Today.AddDays(-2), (await p.Service.GroupSummaryAsync(officer, ward, groupId, default)).LastMeeting);
        var check = System.Text.Json.JsonSerializer.SerializeToElement(await p.Service.CheckCountersAsync(officer, ward, default), Json.Options);
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
        var counters = (await p.Store.WardCountersAsync(ward, default))!.Value;
        Assert.False(counters.Years.ContainsKey(Today.Year - 1));   // last year's only meeting moved into this year
    }

    [Fact]
    public async Task What_breaks_a_rule_is_refused_naming_the_field_in_Vietnamese()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var stranger = await fx.EstablishAsync(ward, "Tổ 9", 10, "Người Tổ Khác");
        var strangerId = (await fx.Service.ListMembersAsync(officer, ward, stranger, null, null, null, 100, default)).Items[0].Id;

        async Task<IDictionary<string, string[]>> Refused(MeetingBody body)
        {
            var e = await Assert.ThrowsAsync<ProblemException>(() => p.Service.RecordAsync(officer, ward, null, body, default));
            Assert.Equal(400, e.Status);
            return e.Errors!;
        }

        var future = await Refused(Body(groupId, members, Today.AddDays(1)));
        Assert.Equal(MeetingTexts.MeetingDateInFuture, future["date"][0]);
        var outsider = await Refused(Body(groupId, members, Today) with { Attendance = [new AttendanceBody(strangerId, AttendanceStatus.Present)] });
        Assert.Equal(MeetingTexts.MeetingAttendeeNotMember, outsider["attendance[0].memberId"][0]);
        var twice = await Refused(Body(groupId, members, Today) with { Attendance = [new(members[0].Id, "present"), new(members[0].Id, "absent")] });
        Assert.Equal(MeetingTexts.MeetingAttendeeTwice, twice["attendance[1].memberId"][0]);
        var nobody = await Refused(Body(groupId, members, Today) with { Attendance = members.Select(m => new AttendanceBody(m.Id, AttendanceStatus.Absent)).ToList() });
        Assert.Equal(MeetingTexts.MeetingNobodyPresent, nobody["attendance"][0]);
        var task = await Refused(Body(groupId, members, Today, tasks: [new AgreedTaskBody(null, "Vận động các hộ lắp camera", "Tổ trưởng", Today.AddDays(-1)), new(null, " ", null, Today)]));
        Assert.Equal(MeetingTexts.MeetingTaskDueOutOfRange(730), task["tasks[0].dueOn"][0]);
        Assert.Equal(MeetingTexts.MeetingTaskWhatRequired, task["tasks[1].what"][0]);
        Assert.Equal(MeetingTexts.MeetingTaskWhoRequired, task["tasks[1].who"][0]);
        var blank = await Refused(Body(groupId, members, Today) with { Chair = " ", Content = null, Kind = "monthly" });
        Assert.Equal([MeetingTexts.MeetingChairRequired, MeetingTexts.MeetingContentRequired, MeetingTexts.MeetingKindInvalid], new[] { blank["chair"][0], blank["content"][0], blank["kind"][0] });
        var noGroup = await Refused(Body("khong-co-to", members, Today));
        Assert.Equal(RegisterTexts.GroupNotFound, noGroup["groupId"][0]);
        var ward2 = await Refused(new MeetingBody(MeetingScope.Ward, null, Today, MeetingKind.Regular, "Chủ tịch", [new(members[4].Id, "present")], [], "Giao ban", []));
        Assert.Equal(MeetingTexts.MeetingAttendeeNotLeader, ward2["attendance[0].memberId"][0]);

        // Nothing of the refused requests was written.
        Assert.Empty((await p.Service.ListAsync(officer, ward, null, null, null, null, 50, default)).Items);
        Assert.Null(await p.Store.WardCountersAsync(ward, default));
    }

    [Fact]
    public async Task Only_the_wards_officer_records_district_roles_and_the_chairman_read_another_ward_sees_nothing()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var meeting = await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, Today), default);
        var (otherWard, otherOfficer) = await fx.NewWardAsync();
        var chairman = new Caller("chairman-" + ward, "Chủ tịch", [Role.WardChairman], ward);

        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => p.Service.RecordAsync(otherOfficer, ward, null, Body(groupId, members, Today), default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => p.Service.GetAsync(otherOfficer, ward, meeting.Id, default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => p.Service.ListAsync(otherOfficer, ward, null, null, null, null, 50, default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => p.Service.WardSummaryAsync(otherOfficer, ward, null, default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => p.Service.RecordAsync(RegisterFixture.Police, ward, null, Body(groupId, members, Today), default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ProblemException>(() => p.Service.CompleteTaskAsync(chairman, ward, meeting.Id, "t1", null, null, default))).Status);

        var asPolice = await p.Service.GetAsync(RegisterFixture.Police, ward, meeting.Id, default);
        Assert.Empty(asPolice.Actions);                            // reads, but no buttons
        Assert.Single((await p.Service.ListAsync(chairman, ward, null, groupId, null, null, 50, default)).Items);
        Assert.Contains(asPolice.Id, (await p.Service.GetAsync(officer, ward, meeting.Id, default)).Id);
        Assert.Contains("correct", (await p.Service.GetAsync(officer, ward, meeting.Id, default)).Actions.Select(a => a.Name));
        Assert.Empty((await p.Service.ListAsync(otherOfficer, otherWard, null, null, null, null, 50, default)).Items);
    }

    [Fact]
    public async Task A_correction_needs_the_current_ETag_and_keeps_every_earlier_version()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var v1 = await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, Today.AddDays(-3)), default);

        var missing = await Assert.ThrowsAsync<ProblemException>(() => p.Service.CorrectAsync(officer, ward, v1.Id, null, null, Body(groupId, members, Today, reason: "x"), default));
        Assert.Equal(428, missing.Status);
        var noReason = await Assert.ThrowsAsync<ProblemException>(() => p.Service.CorrectAsync(officer, ward, v1.Id, v1.ETag, null, Body(groupId, members, Today), default));
        Assert.Equal(MeetingTexts.MeetingCorrectionReasonRequired, noReason.Errors!["reason"][0]);

        var v2 = await p.Service.CorrectAsync(officer, ward, v1.Id, v1.ETag, null, Body(groupId, members.Take(3), Today.AddDays(-3)) with { Content = "Nội dung đã bổ sung.", Reason = "Bổ sung nội dung" }, default);
        // Someone still holding version 1's ETag cannot overwrite version 2.
        var stale = await Assert.ThrowsAsync<ProblemException>(() => p.Service.CorrectAsync(officer, ward, v1.Id, v1.ETag, null, Body(groupId, members, Today, reason: "Ghi đè"), default));
        Assert.Equal(412, stale.Status);
        Assert.Equal(Texts.StaleETag, stale.Detail);
        var v3 = await p.Service.CorrectAsync(officer, ward, v1.Id, v2.ETag, null, Body(groupId, members, Today.AddDays(-1), reason: "Sửa ngày họp"), default);

        Assert.Equal(3, v3.Version);
        Assert.Equal("Sửa ngày họp", v3.CorrectionReason);
        var versions = await p.Service.VersionsAsync(officer, ward, v1.Id, default);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal("Nội dung đã bổ sung.", versions[0].Content);
        Assert.Equal(Today.AddDays(-3), versions[1].Date);
        Assert.Equal(5, versions[1].Attendance.Count);
        Assert.Equal(Today.AddDays(-1), (await p.Service.GroupSummaryAsync(officer, ward, groupId, default)).LastMeeting);
        Assert.Equal(1, (await p.Service.GroupSummaryAsync(officer, ward, groupId, default)).MeetingsThisYear);
    }

    [Fact]
    public async Task An_agreed_task_waits_in_the_officers_inbox_is_reminded_before_its_due_date_and_leaves_when_done()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var dueOn = Today.AddDays(10);
        var meeting = await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, Today, tasks:
            [new AgreedTaskBody(null, "Rà soát hộ tạm trú mới", "Tổ trưởng Nguyễn Văn Hùng", dueOn), new(null, "Lắp đèn hẻm 12", "Tổ phó", dueOn.AddDays(20))]), default);
        Assert.Equal(["t1", "t2"], meeting.Tasks.Select(t => t.Id));

        var mine = await p.TaskList.ForAsync(officer, MeetingTasks.Workflow, default);
        Assert.Equal(2, mine.Count);
        Assert.Contains("Rà soát hộ tạm trú mới", mine[0].Subject);
        Assert.Equal($"/api/wards/{ward}/meetings/{meeting.Id}", mine[0].Link);
        Assert.Contains(await p.Notifications.ForAsync(officer, 20, default), n => n.Kind == "task" && n.Body.Contains("Rà soát hộ tạm trú mới"));

        // Three days before the due date the daily scan (the existing due index) reminds; after it, it is overdue.
        fx.Clock.SetUtcNow(MeetingTasks.DueAt(dueOn).AddDays(-3).AddHours(1));
        await p.Scan.DailyAsync(default);
        Assert.Contains(await p.Notifications.ForAsync(officer, 20, default), n => n.Kind == "reminder" && n.Body.Contains("Rà soát hộ tạm trú mới"));

        // Done: off the inbox and out of the due index, so no more reminders; a second click changes nothing.
        var done = await p.Service.CompleteTaskAsync(officer, ward, meeting.Id, "t1", null, new CompleteTaskBody("Đã rà soát 12 hộ"), default);
        Assert.True(done.Tasks[0].Done);
        Assert.Equal("Đã rà soát 12 hộ", done.Tasks[0].DoneNote);
        Assert.DoesNotContain(done.Actions, a => a.TaskId == "t1");
        Assert.Contains(done.Actions, a => a.TaskId == "t2");
        var again = await p.Service.CompleteTaskAsync(officer, ward, meeting.Id, "t1", null, null, default);
        Assert.Equal(done.Tasks[0].DoneAt, again.Tasks[0].DoneAt);
        Assert.Equal(["t2"], (await p.TaskList.ForAsync(officer, MeetingTasks.Workflow, default)).Select(t => t.InstanceId.Split(':')[^1]));
        Assert.DoesNotContain(await p.Due.DueUpToAsync(dueOn.AddDays(60), default), s => s.InstanceId.StartsWith($"meeting:{ward}:{meeting.Id}:t1"));

        // A correction that moves t2's date moves it in the due index; one that drops it takes it off.
        var current = await p.Service.GetAsync(officer, ward, meeting.Id, default);
        var moved = await p.Service.CorrectAsync(officer, ward, meeting.Id, current.ETag, null, Body(groupId, members, meeting.Date, reason: "Dời hạn", tasks:
            [new AgreedTaskBody("t1", "Rà soát hộ tạm trú mới", "Tổ trưởng Nguyễn Văn Hùng", dueOn), new("t2", "Lắp đèn hẻm 12", "Tổ phó", dueOn.AddDays(40))]), default);
        Assert.True(moved.Tasks[0].Done);                           // done stays done through a correction
        var dueSteps = (await p.Due.DueUpToAsync(dueOn.AddDays(60), default)).Where(s => s.WardId == ward).ToList();
        Assert.Equal([MeetingTasks.DueAt(dueOn.AddDays(40))], dueSteps.Select(s => s.DueAt));
        await p.Service.CorrectAsync(officer, ward, meeting.Id, moved.ETag, null, Body(groupId, members, meeting.Date, reason: "Bỏ việc 2", tasks:
            [new AgreedTaskBody("t1", "Rà soát hộ tạm trú mới", "Tổ trưởng Nguyễn Văn Hùng", dueOn)]), default);
        Assert.Empty(await p.TaskList.ForAsync(officer, MeetingTasks.Workflow, default));
        Assert.DoesNotContain(await p.Due.DueUpToAsync(dueOn.AddDays(60), default), s => s.WardId == ward);
    }

    [Fact]
    public async Task The_no_meeting_reminder_names_exactly_the_groups_that_have_not_met_within_the_period()
    {
        var p = await PartsAsync(maxDaysWithoutMeeting: 30);
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var quiet = await fx.EstablishAsync(ward, "Tổ 7, khu vực 3", 20, "Lâm Văn Sáu", "Châu Thị Bảy");
        var lapsed = await fx.EstablishAsync(ward, "Tổ 8, khu vực 3", 20, "Tạ Văn Tám", "Mai Thị Chín");
        var lapsedMembers = (await fx.Service.ListMembersAsync(officer, ward, lapsed, null, null, null, 100, default)).Items;
        fx.Clock.Advance(TimeSpan.FromDays(60));                    // the groups were established 60+ days ago
        await p.Service.RecordAsync(officer, ward, null, Body(groupId, members, Today.AddDays(-3)), default);
        await p.Service.RecordAsync(officer, ward, null, Body(lapsed, lapsedMembers, Today.AddDays(-45)), default);

        var found = (await p.Records.GroupsWithoutMeetingSinceAsync(Today.AddDays(-30), default)).Where(g => g.WardId == ward).OrderBy(g => g.GroupName).ToList();
        Assert.Equal([(quiet, (DateOnly?)null), (lapsed, Today.AddDays(-45))], found.Select(g => (g.GroupId, g.LastMeeting)));

        var result = await p.Scan.DailyAsync(default);
        Assert.True(result.MeetingReminders >= 2);
        var notices = (await p.Notifications.ForAsync(officer, 50, default)).Where(n => n.Kind == "meeting").Select(n => n.Title).Order().ToList();
        Assert.Equal(["Tổ 7, khu vực 3 chưa họp định kỳ", "Tổ 8, khu vực 3 chưa họp định kỳ"], notices);
        var summary = await p.Service.WardSummaryAsync(officer, ward, null, default);
        Assert.Equal((3, 1), (summary.ActiveGroups, summary.GroupsMetWithinPeriod));
    }

    [Fact]
    public async Task A_crash_after_the_transaction_is_finished_by_the_next_write_and_a_retry_records_nothing_twice()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var body = Body(groupId, members, Today, tasks: [new AgreedTaskBody(null, "Họp dân về an ninh trật tự", "Tổ trưởng", Today.AddDays(7))]);
        var requestId = Api.OperationId("retry-" + Guid.NewGuid().ToString("N")[..8], officer.ObjectId);

        // The process dies after the one transaction landed (meeting, counters, marker, audit, outbox: all
        // or nothing, Table Storage's entity-group transaction) and before the outbox reached the inbox.
        p.Store.AfterCommit = () => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => p.Service.RecordAsync(officer, ward, requestId, body, default));
        p.Store.AfterCommit = null;
        Assert.Single(await p.Store.PendingOutboxesAsync(ward, default));
        Assert.Empty(await p.TaskList.ForAsync(officer, MeetingTasks.Workflow, default));

        // The client retries with the same x-requestid: the same meeting, once; the outbox is finished first.
        var retried = await p.Service.RecordAsync(officer, ward, requestId, body, default);
        var again = await p.Service.RecordAsync(officer, ward, requestId, body with { Content = "khác" }, default);
        Assert.Equal(retried.Id, again.Id);
        Assert.NotEqual("khác", again.Content);
        Assert.Single((await p.Service.ListAsync(officer, ward, null, null, null, null, 50, default)).Items);
        Assert.Equal(1, (await p.Service.GroupSummaryAsync(officer, ward, groupId, default)).MeetingsThisYear);
        Assert.Empty(await p.Store.PendingOutboxesAsync(ward, default));
        Assert.Single(await p.TaskList.ForAsync(officer, MeetingTasks.Workflow, default));

        // A transaction that fails on one of its last rows writes none of its rows: here the audit row of a
        // second request is already taken (the clock stands still), so its meeting, counters and marker are not written either.
        var second = Api.OperationId("clash-" + Guid.NewGuid().ToString("N")[..8], officer.ObjectId);
        var table = p.Tables.GetTableClient(MeetingStore.TableName);
        var auditKey = $"a|{TableRows.Inverted(fx.Clock.GetUtcNow())}|{second}";
        await table.AddEntityAsync(new TableEntity(ward, auditKey));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => p.Service.RecordAsync(officer, ward, second, body, default));
        await table.DeleteEntityAsync(ward, auditKey);
        Assert.Single((await p.Service.ListAsync(officer, ward, null, null, null, null, 50, default)).Items);
        Assert.Null(await p.Store.AppliedAsync(ward, second, default));
        var check = System.Text.Json.JsonSerializer.SerializeToElement(await p.Service.CheckCountersAsync(officer, ward, default), Json.Options);
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
    }

    [Fact]
    public async Task Concurrent_meetings_of_one_ward_all_land_and_the_counters_count_each_once()
    {
        var p = await PartsAsync();
        var (ward, officer, groupId, members) = await WardWithGroupAsync();
        var other = await fx.EstablishAsync(ward, "Tổ 5", 12, "Phan Văn Năm", "Tô Thị Sáu");
        var otherMembers = (await fx.Service.ListMembersAsync(officer, ward, other, null, null, null, 100, default)).Items;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => p.Service.RecordAsync(officer, ward, null,
            i % 2 == 0 ? Body(groupId, members, Today.AddDays(-i)) : Body(other, otherMembers, Today.AddDays(-i)), default)));
        var summary = await p.Service.WardSummaryAsync(officer, ward, null, default);
        Assert.Equal(8, summary.YearCounts.GroupMeetings);
        Assert.Equal(2, summary.YearCounts.GroupsMet);
        var check = System.Text.Json.JsonSerializer.SerializeToElement(await p.Service.CheckCountersAsync(officer, ward, default), Json.Options);
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
    }
}
