using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Time.Testing;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Training;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Training;

/// <summary>
/// Training on real Azurite (register, sessions, attendance rows) and the invitation workflow on the in-memory Durable
/// host: plan, If-Match edits, publishing once, the ward's confirmation with the capacity across wards, attendance with
/// its training rows and figures, coverage and a person's history, scoping, and exactly-once attendance under a crash.
/// </summary>
public sealed class TrainingServiceTests(RegisterFixture fx) : IClassFixture<RegisterFixture>, IAsyncLifetime
{
    DurableTaskTestHost host = null!;
    readonly HumanStepRecorder steps = new();

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => steps.Register(r)
        .AddOrchestrator(TrainingInvitationOrchestrator.Name, new TrainingInvitationOrchestrator()));

    public async Task DisposeAsync() => await host.DisposeAsync();

    static readonly Caller Police = RegisterFixture.Police;

    sealed record Parts(TrainingService Service, TrainingStore Store, FakeTimeProvider Clock, TableServiceClient Tables, BlobServiceClient Blobs)
    {
        public DateOnly Today => VietnamTime.Today(Clock);
    }

    async Task<Parts> PartsAsync(int validMonths = 24)
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var tables = new TableServiceClient(connection);
        var blobs = new BlobServiceClient(connection);
        var store = new TrainingStore(tables, blobs);
        var clock = new FakeTimeProvider(fx.Clock.GetUtcNow());
        return new Parts(new TrainingService(store, new TrainingRegister(fx.Service, fx.Store), new TrainingOptions(validMonths), clock), store, clock, tables, blobs);
    }

    sealed record TestWard(string Id, Caller Officer, string GroupId, List<MemberView> Members)
    {
        public MemberView Person(string name) => Members.Single(m => m.FullName == name);
        public PersonBody Ref(string name) { var m = Person(name); return new PersonBody(Id, GroupId, m.Id); }
    }

    async Task<TestWard> WardAsync(params string[] people)
    {
        var (ward, officer) = await fx.NewWardAsync();
        var groupId = await fx.EstablishAsync(ward, "Tổ 1, khu vực 1", 30, people);
        var members = (await fx.Service.ListMembersAsync(officer, ward, groupId, null, null, null, 200, default)).Items.ToList();
        return new TestWard(ward, officer, groupId, members);
    }

    static TrainingSessionBody Body(Parts p, IReadOnlyList<string> wards, int capacity = 3) => new(TrainingTopic.SecuritySkills,
        "Kỹ năng nắm tình hình an ninh trật tự ở cơ sở", p.Today.AddDays(20), "08:00", "Hội trường Công an quận", "Thượng tá Nguyễn Văn An", wards,
        true, true, [], capacity, p.Today.AddDays(10));

    async Task<TrainingSessionView> PublishedAsync(Parts p, TrainingSessionBody body)
    {
        var planned = await p.Service.PlanAsync(Police, null, body, default);
        var published = await p.Service.PublishAsync(host.Client, Police, planned.Id, planned.ETag, default);
        foreach (var w in body.WardIds!) await host.Client.AtStepAsync(TrainingInvitationOrchestrator.InstanceId(planned.Id, w), TrainingInvitationOrchestrator.ConfirmStepId);
        return published;
    }

    static async Task<ProblemException> Refused(Func<Task> act, int status)
    {
        var e = await Assert.ThrowsAsync<ProblemException>(act);
        Assert.Equal(status, e.Status);
        return e;
    }

    [Fact]
    public async Task Plan_publish_confirm_within_capacity_record_attendance_and_coverage_follows()
    {
        var p = await PartsAsync();
        var a = await WardAsync("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Hoa");
        var b = await WardAsync("Võ Thị Lan", "Huỳnh Văn Bé");

        var planned = await p.Service.PlanAsync(Police, null, Body(p, [a.Id, b.Id]), default);
        Assert.Equal((SessionStatus.Planned, "Kỹ năng bảo đảm an ninh trật tự", "08:00"), (planned.Status, planned.TopicName, planned.StartTime));
        Assert.Equal(["edit", "publish", "cancel"], planned.Actions.Select(x => x.Kind));
        await Refused(() => p.Service.GetAsync(host.Client, a.Officer, planned.Id, default), 404); // a ward sees it once invited

        // Edits under If-Match only: none, or a stale one, is refused; the current one lands as version 2.
        await Refused(() => p.Service.EditAsync(Police, planned.Id, null, Body(p, [a.Id, b.Id]), default), 428);
        await Refused(() => p.Service.EditAsync(Police, planned.Id, "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"", Body(p, [a.Id, b.Id]), default), 412);
        var edited = await p.Service.EditAsync(Police, planned.Id, planned.ETag, Body(p, [a.Id, b.Id]) with { Title = "Tập huấn kỹ năng an ninh trật tự 2025" }, default);
        Assert.Equal((2, "Tập huấn kỹ năng an ninh trật tự 2025"), (edited.Version, edited.Title));
        await Refused(() => p.Service.EditAsync(Police, planned.Id, planned.ETag, Body(p, [a.Id, b.Id]), default), 412);

        // Publishing starts one invitation per ward, once: the ward officer's step, escalating to the chairman.
        var published = await p.Service.PublishAsync(host.Client, Police, planned.Id, edited.ETag, default);
        Assert.Equal(SessionStatus.Published, published.Status);
        var ids = new[] { a.Id, b.Id }.Select(w => TrainingInvitationOrchestrator.InstanceId(planned.Id, w)).ToList();
        foreach (var id in ids) await host.Client.AtStepAsync(id, TrainingInvitationOrchestrator.ConfirmStepId);
        var created = await Task.WhenAll(ids.Select(id => host.Client.GetInstanceAsync(id)));
        await p.Service.PublishAsync(host.Client, Police, planned.Id, null, default);     // again: nothing new starts
        var again = await Task.WhenAll(ids.Select(id => host.Client.GetInstanceAsync(id)));
        Assert.Equal(created.Select(m => m!.CreatedAt), again.Select(m => m!.CreatedAt));
        var opened = steps.Opened.Where(s => s.InstanceId == ids[0]).ToList();
        Assert.Single(opened);
        Assert.Equal((Role.WardOfficer, Role.WardChairman, a.Id, "Xác nhận người tham dự"), (opened[0].WaitingFor, opened[0].EscalateTo, opened[0].WardId, opened[0].StepName));
        Assert.Equal(new DateTimeOffset(p.Today.AddDays(10).ToDateTime(new TimeOnly(17, 0)), VietnamTime.Offset), opened[0].DueAt);

        // The officer sees their ward only, and the confirm button from the server.
        var seen = await p.Service.GetAsync(host.Client, a.Officer, planned.Id, default);
        Assert.Equal([a.Id], seen.Wards.Select(w => w.WardId));
        Assert.Equal(["confirm"], seen.Actions.Select(x => x.Kind));

        // Capacity 3 across wards: A takes 2, B may take 1 only.
        var confirmed = await p.Service.ConfirmAsync(host.Client, a.Officer, planned.Id, a.Id, new([a.Ref("Nguyễn Văn Hùng"), a.Ref("Trần Thị Mai")]), default);
        Assert.Equal((2, 1), (confirmed.Confirmed, confirmed.SeatsLeft));
        var full = await Refused(() => p.Service.ConfirmAsync(host.Client, b.Officer, planned.Id, b.Id, new([b.Ref("Võ Thị Lan"), b.Ref("Huỳnh Văn Bé")]), default), 409);
        Assert.Equal(TrainingTexts.TrainingFull(1), full.Detail);
        await p.Service.ConfirmAsync(host.Client, b.Officer, planned.Id, b.Id, new([b.Ref("Võ Thị Lan")]), default);
        Assert.Equal(InvitationOutcome.Confirmed, await host.Client.CompletedAsync<string>(ids[0]));
        // Confirmed: changing the list asks for a reason first.
        var noReason = await Refused(() => p.Service.ConfirmAsync(host.Client, a.Officer, planned.Id, a.Id, new([a.Ref("Lê Văn Tâm")]), default), 400);
        Assert.Equal(TrainingTexts.TrainingChangeReasonRequired, noReason.Errors!["reason"][0]);

        // Attendance only after the start; then the session is held, and again is refused.
        var all = new TrainingAttendanceBody([new(a.Id, a.Person("Nguyễn Văn Hùng").Id, true), new(a.Id, a.Person("Trần Thị Mai").Id, false), new(b.Id, b.Person("Võ Thị Lan").Id, true)]);
        await Refused(() => p.Service.RecordAttendanceAsync(host.Client, Police, planned.Id, null, all, default), 409);
        p.Clock.Advance(TimeSpan.FromDays(21));
        var stranger = await Refused(() => p.Service.RecordAttendanceAsync(host.Client, Police, planned.Id, null,
            new([new(a.Id, a.Person("Phạm Thị Hoa").Id, true)]), default), 400);
        Assert.Equal(TrainingTexts.TrainingPersonNotConfirmed, stranger.Errors!["people[0].memberId"][0]);
        var held = await p.Service.RecordAttendanceAsync(host.Client, Police, planned.Id, null, all, default);
        Assert.Equal(SessionStatus.Held, held.Status);
        Assert.Equal([("Nguyễn Văn Hùng", "Có mặt"), ("Trần Thị Mai", "Vắng")], held.Wards.Single(w => w.WardId == a.Id).Attendance.Select(x => (x.Person.FullName, x.PresenceName)));
        await Refused(() => p.Service.RecordAttendanceAsync(host.Client, Police, planned.Id, null, all, default), 409);

        // Coverage: ward A has a leader and two deputies; the leader is trained, the deputies need training.
        var coverage = await p.Service.CoverageAsync(a.Officer, a.Id, default);
        var ward = Assert.Single(coverage.Wards);
        Assert.Equal((3, 1, 0.3333), (ward.LeadersAndDeputies, ward.Trained, ward.Share));
        Assert.Equal([("Lê Văn Tâm", TrainingTexts.NeedsTraining), ("Trần Thị Mai", TrainingTexts.NeedsTraining)], ward.NotTrained.Select(x => (x.FullName, x.FlagName)).Order());
        var history = await p.Service.MemberAsync(a.Officer, a.Id, a.GroupId, a.Person("Nguyễn Văn Hùng").Id, default);
        Assert.True(history.TrainedWithinPeriod);
        Assert.Equal(["Tập huấn kỹ năng an ninh trật tự 2025"], history.Sessions.Select(s => s.Title));
        // A proposal's leadership candidates show whether they were trained (one read per person, by member id).
        var hung = a.Person("Nguyễn Văn Hùng").Id;
        var mai = a.Person("Trần Thị Mai").Id;
        var statuses = await p.Service.PeopleAsync(a.Officer, a.Id, $"{hung},{mai}", default);
        Assert.Equal([(hung, true, $"Đã tập huấn ngày {history.LastTrained:dd/MM/yyyy}"), (mai, false, TrainingTexts.NeedsTraining)],
            statuses.Select(x => (x.MemberId, x.TrainedWithinPeriod, x.StatusName)));
        var badIds = await Assert.ThrowsAsync<ProblemException>(() => p.Service.PeopleAsync(a.Officer, a.Id, string.Join(',', Enumerable.Range(0, 41).Select(i => $"m{i}")), default));
        Assert.Equal(400, badIds.Status);
        await Assert.ThrowsAsync<ProblemException>(() => p.Service.PeopleAsync(b.Officer, a.Id, hung, default)); // another ward's officer
        var year = held.Date.Year;
        Assert.Equal(new TrainingYear(1, 1), (await p.Store.YearsAsync(a.Id))[year]);
        Assert.Equal(new TrainingYear(1, 1), (await p.Store.YearsAsync(b.Id))[year]);

        // The dashboard shows "đã tập huấn" for the ward and in total.
        var reports = new Tndtq.Reports.ReportsService(fx.Store, fx.Changes, new Tndtq.Register.RegisterYearFigures(fx.Store, p.Clock), new Tndtq.Restructure.RestructureStore(p.Tables, p.Blobs),
            new Tndtq.Commendations.CommendationStore(p.Tables, p.Blobs), new Tndtq.Reports.ReportsStore(p.Tables), p.Clock, p.Service, new Tndtq.Support.SupportStore(p.Tables, p.Blobs), new Tndtq.Meetings.MeetingStore(p.Tables, p.Blobs),
            new Tndtq.Register.UnitTerms(fx.Store));
        var dashboard = await reports.DashboardAsync(host.Client, a.Officer, a.Id, default);
        Assert.Equal((1, 1), (Assert.Single(dashboard.Wards).LeadersTrained, dashboard.Totals.LeadersTrained));

        // After Training__ValidMonths the training no longer counts: the leader is flagged as expired.
        p.Clock.Advance(TimeSpan.FromDays(25 * 31));
        var later = Assert.Single((await p.Service.CoverageAsync(Police, a.Id, default)).Wards);
        Assert.Equal(0, later.Trained);
        Assert.Equal(TrainingTexts.TrainingExpired, later.NotTrained.Single(x => x.FullName == "Nguyễn Văn Hùng").FlagName);
    }

    [Fact]
    public async Task A_ward_changes_its_confirmed_people_with_a_reason_until_the_start_within_capacity_and_the_earlier_list_is_kept()
    {
        var p = await PartsAsync();
        var a = await WardAsync("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Hoa");
        var published = await PublishedAsync(p, Body(p, [a.Id], capacity: 2));
        var instance = TrainingInvitationOrchestrator.InstanceId(published.Id, a.Id);
        await p.Service.ConfirmAsync(host.Client, a.Officer, published.Id, a.Id, new([a.Ref("Nguyễn Văn Hùng"), a.Ref("Trần Thị Mai")]), default);
        Assert.Equal(InvitationOutcome.Confirmed, await host.Client.CompletedAsync<string>(instance));
        var seen = await p.Service.GetAsync(host.Client, a.Officer, published.Id, default);
        var change = Assert.Single(seen.Actions);
        Assert.Equal(("change-confirmation", TrainingTexts.ActionChangeConfirmation, true), (change.Kind, change.Name, change.CommentRequired));

        var full = await Refused(() => p.Service.ConfirmAsync(host.Client, a.Officer, published.Id, a.Id,
            new([a.Ref("Nguyễn Văn Hùng"), a.Ref("Trần Thị Mai"), a.Ref("Lê Văn Tâm")], "Thêm anh Tâm"), default), 409);
        Assert.Equal(TrainingTexts.TrainingFull(2), full.Detail);
        var changed = await p.Service.ConfirmAsync(host.Client, a.Officer, published.Id, a.Id,
            new([a.Ref("Nguyễn Văn Hùng"), a.Ref("Lê Văn Tâm")], "Chị Mai bận việc gia đình, anh Tâm đi thay"), default);
        var ward = Assert.Single(changed.Wards);
        Assert.Equal(["Nguyễn Văn Hùng", "Lê Văn Tâm"], ward.Confirmed.Select(x => x.FullName));
        Assert.Equal("Chị Mai bận việc gia đình, anh Tâm đi thay", ward.ChangeReason);
        var earlier = Assert.Single(ward.EarlierConfirmations!);
        Assert.Equal(["Nguyễn Văn Hùng", "Trần Thị Mai"], earlier.People.Select(x => x.FullName));
        Assert.Equal((2, 0), (changed.Confirmed, changed.SeatsLeft));
        Assert.Equal(InvitationOutcome.Confirmed, ward.Step);

        // Once the session has started the list stays; attendance is taken on the changed list.
        p.Clock.Advance(TimeSpan.FromDays(21));
        var closed = await Refused(() => p.Service.ConfirmAsync(host.Client, a.Officer, published.Id, a.Id, new([a.Ref("Nguyễn Văn Hùng")], "Bớt một người"), default), 409);
        Assert.Equal(TrainingTexts.TrainingConfirmationClosed, closed.Detail);
        var mai = await Refused(() => p.Service.RecordAttendanceAsync(host.Client, Police, published.Id, null, new([new(a.Id, a.Person("Trần Thị Mai").Id, true)]), default), 400);
        Assert.Equal(TrainingTexts.TrainingPersonNotConfirmed, mai.Errors!["people[0].memberId"][0]);
    }

    [Fact]
    public async Task What_breaks_a_rule_is_refused_naming_the_field_and_wards_see_only_their_own()
    {
        var p = await PartsAsync();
        var a = await WardAsync("Đặng Văn Long", "Bùi Thị Thu", "Cao Văn Minh");
        var b = await WardAsync("Hồ Thị Nga", "Lý Văn Phúc");
        var c = await WardAsync("Mai Văn Quang");

        await Refused(() => p.Service.PlanAsync(a.Officer, null, Body(p, [a.Id]), default), 403);
        var bad = await Refused(() => p.Service.PlanAsync(Police, null, new TrainingSessionBody("an-ninh", " ", p.Today.AddDays(-1), "8h", "", null, [], false, false,
            [], 0, p.Today.AddDays(30)), default), 400);
        Assert.Equal(TrainingTexts.TrainingTopicInvalid, bad.Errors!["topic"][0]);
        Assert.Equal(TrainingTexts.TrainingTitleRequired, bad.Errors["title"][0]);
        Assert.Equal(TrainingTexts.TrainingStartTimeInvalid, bad.Errors["startTime"][0]);
        Assert.Equal(TrainingTexts.TrainingPlaceRequired, bad.Errors["place"][0]);
        Assert.Equal(TrainingTexts.TrainingTrainerRequired, bad.Errors["trainer"][0]);
        Assert.Equal(TrainingTexts.TrainingWardsRequired, bad.Errors["wardIds"][0]);
        Assert.Equal(TrainingTexts.TrainingInviteesRequired, bad.Errors["inviteLeaders"][0]);
        Assert.Equal(TrainingTexts.TrainingCapacityInvalid, bad.Errors["capacity"][0]);
        Assert.Equal(TrainingTexts.TrainingConfirmByInvalid, bad.Errors["confirmBy"][0]);
        var past = await Refused(() => p.Service.PlanAsync(Police, null, Body(p, [a.Id]) with { Date = p.Today.AddDays(-1), ConfirmBy = p.Today }, default), 400);
        Assert.Equal(TrainingTexts.TrainingDateInPast, past.Errors!["date"][0]);
        var named = await Refused(() => p.Service.PlanAsync(Police, null, Body(p, [a.Id]) with { Members = [b.Ref("Hồ Thị Nga"), new(a.Id, a.GroupId, "khong-co")] }, default), 400);
        Assert.Equal(TrainingTexts.TrainingMemberNotInvitedWard, named.Errors!["members[0].memberId"][0]);
        Assert.Equal(TrainingTexts.TrainingMemberNotActive, named.Errors["members[1].memberId"][0]);

        // Named members only (no leaders or deputies by role): the named person is invited, and shown to their own ward only.
        var s = await PublishedAsync(p, Body(p, [a.Id, b.Id], capacity: 10) with { InviteLeaders = false, InviteDeputies = false, Members = [a.Ref("Cao Văn Minh"), b.Ref("Lý Văn Phúc")] });
        Assert.Equal(2, s.InvitedMembers.Count);
        Assert.Equal(["Cao Văn Minh"], (await p.Service.GetAsync(host.Client, a.Officer, s.Id, default)).InvitedMembers.Select(m => m.FullName));
        await Refused(() => p.Service.GetAsync(host.Client, c.Officer, s.Id, default), 404);
        Assert.DoesNotContain((await p.Service.ListAsync(c.Officer, null, null, 200, default)).Items, x => x.Id == s.Id);
        Assert.Contains((await p.Service.ListAsync(a.Officer, null, null, 200, default)).Items, x => x.Id == s.Id);
        Assert.Empty((await p.Service.ListAsync(a.Officer, null, null, 200, default)).Actions);                 // no "plan" for a ward

        // The officer confirms people of their own ward only, for their own ward only.
        await Refused(() => p.Service.ConfirmAsync(host.Client, b.Officer, s.Id, a.Id, new([a.Ref("Cao Văn Minh")]), default), 403);
        await Refused(() => p.Service.ConfirmAsync(host.Client, c.Officer, s.Id, c.Id, new([c.Ref("Mai Văn Quang")]), default), 404);
        var outsider = await Refused(() => p.Service.ConfirmAsync(host.Client, a.Officer, s.Id, a.Id, new([new PersonBody(null, b.GroupId, b.Person("Lý Văn Phúc").Id)]), default), 400);
        Assert.Equal(TrainingTexts.TrainingMemberNotActive, outsider.Errors!["people[0].memberId"][0]);
        var twice = await Refused(() => p.Service.ConfirmAsync(host.Client, a.Officer, s.Id, a.Id, new([a.Ref("Cao Văn Minh"), a.Ref("Cao Văn Minh")]), default), 400);
        Assert.Equal(TrainingTexts.TrainingPersonTwice, twice.Errors!["people[1].memberId"][0]);
        var nobody = await Refused(() => p.Service.ConfirmAsync(host.Client, a.Officer, s.Id, a.Id, new([]), default), 400);
        Assert.Equal(TrainingTexts.TrainingNobodyConfirmed, nobody.Errors!["people"][0]);

        // A published session is no longer edited; it is cancelled with a reason, which ends every waiting invitation.
        await Refused(() => p.Service.EditAsync(Police, s.Id, "*", Body(p, [a.Id]), default), 409);
        var noReason = await Refused(() => p.Service.CancelAsync(host.Client, Police, s.Id, new(" "), default), 400);
        Assert.Equal(TrainingTexts.TrainingCancelReasonRequired, noReason.Errors!["reason"][0]);
        var cancelled = await p.Service.CancelAsync(host.Client, Police, s.Id, new("Trùng lịch hội nghị của quận"), default);
        Assert.Equal((SessionStatus.Cancelled, "Đã hủy"), (cancelled.Status, cancelled.StatusName));
        Assert.Equal(InvitationOutcome.Cancel, await host.Client.CompletedAsync<string>(TrainingInvitationOrchestrator.InstanceId(s.Id, a.Id)));
        Assert.Equal(InvitationOutcome.Cancel, await host.Client.CompletedAsync<string>(TrainingInvitationOrchestrator.InstanceId(s.Id, b.Id)));
        Assert.Empty((await p.Service.GetAsync(host.Client, a.Officer, s.Id, default)).Actions);
    }

    [Fact]
    public async Task A_crash_between_wards_is_finished_by_the_retry_and_a_failed_transaction_writes_none_of_its_rows()
    {
        var p = await PartsAsync();
        var a = await WardAsync("Tạ Văn Sơn", "Khổng Thị Yến", "La Văn Tài");
        var b = await WardAsync("Ông Thị Vân", "Triệu Văn Hải");
        var s = await PublishedAsync(p, Body(p, [a.Id, b.Id], capacity: 10));
        await p.Service.ConfirmAsync(host.Client, a.Officer, s.Id, a.Id, new([a.Ref("Tạ Văn Sơn"), a.Ref("Khổng Thị Yến"), a.Ref("La Văn Tài")]), default);
        await p.Service.ConfirmAsync(host.Client, b.Officer, s.Id, b.Id, new([b.Ref("Ông Thị Vân"), b.Ref("Triệu Văn Hải")]), default);
        p.Clock.Advance(TimeSpan.FromDays(21));
        var body = new TrainingAttendanceBody([.. a.Members.Select(m => new PresenceBody(a.Id, m.Id, true)), .. b.Members.Select(m => new PresenceBody(b.Id, m.Id, true))]);
        var requestId = Api.OperationId("att-" + Guid.NewGuid().ToString("N")[..8], Police.ObjectId);
        var (first, second) = string.CompareOrdinal(a.Id, b.Id) < 0 ? (a, b) : (b, a);

        // The second ward's transaction fails on its last row (its audit line is already taken: the clock stands still):
        // none of its rows is written — no attendance, no training row, no figures.
        var table = p.Tables.GetTableClient(TrainingStore.TableName);
        var auditKey = $"a|{TableRows.Inverted(p.Clock.GetUtcNow())}|{requestId}-0";
        await table.AddEntityAsync(new TableEntity(second.Id, auditKey));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, requestId, body, default));
        await table.DeleteEntityAsync(second.Id, auditKey);
        Assert.Single(await p.Store.AttendanceAsync(first.Id, s.Id, default));
        Assert.Empty(await p.Store.AttendanceAsync(second.Id, s.Id, default));
        Assert.Empty(await p.Store.PeopleAsync(second.Id, default));
        Assert.Empty(await p.Store.YearsAsync(second.Id));

        // Then the process dies right after the second ward's transaction landed, before the session is marked held.
        p.Store.AfterPart = _ => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, requestId, body, default));
        p.Store.AfterPart = null;
        Assert.Equal(SessionStatus.Published, (await p.Store.GetAsync(s.Id, default))!.Value.Status);

        // The retry finishes: the session is held, and nothing was counted twice.
        var held = await p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, requestId, body, default);
        Assert.Equal(SessionStatus.Held, held.Status);
        var year = s.Date.Year;
        Assert.Equal(new TrainingYear(1, 3), (await p.Store.YearsAsync(a.Id))[year]);
        Assert.Equal(new TrainingYear(1, 2), (await p.Store.YearsAsync(b.Id))[year]);
        Assert.All((await p.Store.PeopleAsync(a.Id, default)).Values, x => Assert.Single(x.Sessions));
        Assert.Equal(3, (await p.Service.CoverageAsync(Police, a.Id, default)).Trained);
    }
}
