using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Time.Testing;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Reports;
using Tndtq.Shared;
using Tndtq.Training;
using Tndtq.Tests.Infrastructure;

namespace Tndtq.Tests.Training;

/// <summary>
/// The dashboard's "đã tập huấn" as a kept figure (real Azurite, the invitation workflow in memory): attendance writes each present
/// person's last training date on their member row and moves the counters' map of leaders and deputies by that date in the same
/// register transaction; register changes that make or unmake a leader or deputy move it too; the figure is a sum over the dates
/// within <c>Training__ValidMonths</c>; the administrator's recount compares it with the leaders and deputies and their training rows.
/// </summary>
public sealed class TrainedLeadersTests(RegisterFixture fx) : IClassFixture<RegisterFixture>, IAsyncLifetime
{
    DurableTaskTestHost host = null!;

    public async Task InitializeAsync() => host = await TestDurableHost.StartAsync(r => new HumanStepRecorder().Register(r)
        .AddOrchestrator(TrainingInvitationOrchestrator.Name, new TrainingInvitationOrchestrator()));

    public async Task DisposeAsync() => await host.DisposeAsync();

    static readonly Caller Police = RegisterFixture.Police;
    static readonly Caller Admin = new("admin", "Quản trị hệ thống", [Role.Administrator], null);

    sealed record Parts(TrainingService Service, TrainingStore Store, FakeTimeProvider Clock, ReportsService Reports, FiguresRebuild Rebuild)
    {
        public DateOnly Today => VietnamTime.Today(Clock);
    }

    async Task<Parts> PartsAsync()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        var (tables, blobs) = (new TableServiceClient(connection), new BlobServiceClient(connection));
        var store = new TrainingStore(tables, blobs);
        var clock = new FakeTimeProvider(fx.Clock.GetUtcNow());
        var service = new TrainingService(store, new TrainingRegister(fx.Service, fx.Store), new TrainingOptions(24), clock);
        var commendations = new Tndtq.Commendations.CommendationStore(tables, blobs);
        var years = new RegisterYearFigures(fx.Store, clock);
        var reports = new ReportsService(fx.Store, fx.Changes, years, new Tndtq.Restructure.RestructureStore(tables, blobs), commendations,
            new ReportsStore(tables), clock, service, new Tndtq.Support.SupportStore(tables, blobs), new Tndtq.Meetings.MeetingStore(tables, blobs),
            new UnitTerms(fx.Store));
        return new Parts(service, store, clock, reports, new FiguresRebuild(fx.Store, years, commendations, service, new Tndtq.Restructure.RestructureStore(tables, blobs),
            new ReportsStore(tables), new Tndtq.Meetings.MeetingStore(tables, blobs), new Tndtq.Support.SupportStore(tables, blobs), store,
            new Tndtq.SignOffs.SignOffStore(tables, clock)));
    }

    /// <summary>A ward's groups and people by name.</summary>
    sealed record TestWard(string Id, Caller Officer)
    {
        public WardState State { get; set; } = null!;
        public Member Person(string name) => State.Members.Values.Single(m => m.FullName == name);
        public string Group(string name) => State.Groups.Values.Single(g => g.Name == name).Id;
        public PersonBody Ref(string name) { var m = Person(name); return new PersonBody(Id, m.GroupId, m.Id); }
    }

    async Task<TestWard> WardAsync(params (string Group, string[] People)[] groups)
    {
        var (id, officer) = await fx.NewWardAsync();
        foreach (var (name, people) in groups) await fx.EstablishAsync(id, name, 30, people);
        var ward = new TestWard(id, officer);
        await ReloadAsync(ward);
        return ward;
    }

    async Task ReloadAsync(TestWard w) => w.State = (await fx.Store.LoadAsync(w.Id, default)).State;

    /// <summary>A session held today-ish: planned, published, confirmed by the ward, the clock moved past its start.</summary>
    async Task<(TrainingSessionView Session, TrainingAttendanceBody AllPresent)> HeldLaterAsync(Parts p, TestWard w, params string[] people)
    {
        var body = new TrainingSessionBody(TrainingTopic.SecuritySkills, "Kỹ năng nắm tình hình an ninh trật tự ở cơ sở", p.Today.AddDays(20), "08:00",
            "Hội trường Công an quận", "Thượng tá Nguyễn Văn An", [w.Id], true, true, [], 50, p.Today.AddDays(10));
        var planned = await p.Service.PlanAsync(Police, null, body, default);
        await p.Service.PublishAsync(host.Client, Police, planned.Id, planned.ETag, default);
        await host.Client.AtStepAsync(TrainingInvitationOrchestrator.InstanceId(planned.Id, w.Id), TrainingInvitationOrchestrator.ConfirmStepId);
        await p.Service.ConfirmAsync(host.Client, w.Officer, planned.Id, w.Id, new(people.Select(w.Ref).ToList()), default);
        p.Clock.Advance(TimeSpan.FromDays(21));
        return (planned, new TrainingAttendanceBody(people.Select(n => new PresenceBody(w.Id, w.Person(n).Id, true)).ToList()));
    }

    async Task<int> TrainedAsync(Parts p, TestWard w) => Assert.Single((await p.Reports.DashboardAsync(host.Client, Police, w.Id, default)).Wards).LeadersTrained;

    async Task<IReadOnlyList<FigureDifference>> DifferencesAsync(Parts p, TestWard w) =>
        Assert.Single((await p.Reports.CheckAsync(host.Client, Admin, w.Id, default)).Wards).Differences;

    async Task AssertAgreesWithRecountAsync(Parts p, TestWard w)
    {
        var differences = await DifferencesAsync(p, w);
        Assert.True(differences.Count == 0, string.Join("; ", differences.Select(d => $"{d.Figure}: kept {d.Kept}, recount {d.Recount}")));
    }

    Task Structural(TestWard w, params StructuralChange[] changes) =>
        fx.Changes.ApplyStructuralAsync(w.Id, "qd-" + Guid.NewGuid().ToString("N")[..8], new Decision("15/QĐ-UBND", new DateOnly(2025, 2, 1)), changes, Actor.System, default);

    [Fact]
    public async Task Attendance_moves_the_kept_figure_in_the_register_and_it_expires_by_date()
    {
        var p = await PartsAsync();
        var w = await WardAsync(("Tổ 1, khu vực 1", ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Hoa"]));
        Assert.Equal(0, await TrainedAsync(p, w));

        // The leader, a deputy and an ordinary member attend: two leaders and deputies are trained (the member is not counted).
        var (s, present) = await HeldLaterAsync(p, w, "Nguyễn Văn Hùng", "Trần Thị Mai", "Phạm Thị Hoa");
        await p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, null, present, default);
        await ReloadAsync(w);
        Assert.Equal([s.Date, s.Date, s.Date, null], new[] { "Nguyễn Văn Hùng", "Trần Thị Mai", "Phạm Thị Hoa", "Lê Văn Tâm" }.Select(n => w.Person(n).LastTrainedOn));
        var counters = (await fx.Store.CountersAsync(w.Id, default))!;
        Assert.Equal(new Dictionary<DateOnly, int> { [s.Date] = 2 }, counters.LeadersByLastTraining);
        Assert.Equal(2, await TrainedAsync(p, w));
        Assert.Equal(2, (await p.Service.CoverageAsync(Police, w.Id, default)).Trained); // the coverage page (a list, from the people) agrees
        await AssertAgreesWithRecountAsync(p, w);

        // Exactly Training__ValidMonths after the session it still counts; a day later it does not (the same clock for both).
        var lastDay = s.Date.AddMonths(24);
        p.Clock.SetUtcNow(new DateTimeOffset(lastDay.ToDateTime(new TimeOnly(9, 0)), VietnamTime.Offset));
        Assert.Equal(2, await TrainedAsync(p, w));
        p.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);
    }

    [Fact]
    public async Task Attendance_corrected_with_a_reason_moves_the_training_rows_the_figures_and_the_register_once_and_keeps_the_correction()
    {
        var p = await PartsAsync();
        var w = await WardAsync(("Tổ 1, khu vực 1", ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Hoa"]));
        // The leader and both deputies confirmed; the deputy Tâm was marked absent by mistake, the deputy Mai present by mistake.
        var (s, all) = await HeldLaterAsync(p, w, "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm");
        await p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, null, new([all.People![0], all.People[1], all.People[2] with { Present = false }]), default);
        var year = s.Date.Year;
        Assert.Equal(new TrainingYear(1, 2), (await p.Store.YearsAsync(w.Id))[year]);

        var (mai, tam) = (w.Person("Trần Thị Mai").Id, w.Person("Lê Văn Tâm").Id);
        var body = new CorrectAttendanceBody([new(w.Id, mai, false), new(w.Id, tam, true)], "Theo danh sách ký dự: chị Mai vắng, anh Tâm có mặt");
        var noReason = await Assert.ThrowsAsync<ProblemException>(() => p.Service.CorrectAttendanceAsync(host.Client, Police, s.Id, null, body with { Reason = " " }, default));
        Assert.Equal(TrainingTexts.TrainingCorrectionReasonRequired, noReason.Errors!["reason"][0]);
        var stranger = await Assert.ThrowsAsync<ProblemException>(() => p.Service.CorrectAttendanceAsync(host.Client, Police, s.Id, null,
            body with { People = [new(w.Id, w.Person("Phạm Thị Hoa").Id, true)] }, default));
        Assert.Equal(TrainingTexts.TrainingPersonNotConfirmed, stranger.Errors!["people[0].memberId"][0]);
        await Assert.ThrowsAsync<ProblemException>(() => p.Service.CorrectAttendanceAsync(host.Client, w.Officer, s.Id, null, body, default)); // the police correct

        var corrected = await p.Service.CorrectAttendanceAsync(host.Client, Police, s.Id, "sua-diem-danh-" + s.Id, body, default);
        Assert.Equal([("Nguyễn Văn Hùng", "Có mặt"), ("Trần Thị Mai", "Vắng"), ("Lê Văn Tâm", "Có mặt")],
            Assert.Single(corrected.Wards).Attendance.Select(x => (x.Person.FullName, x.PresenceName)));
        var kept = Assert.Single(corrected.Corrections!);
        Assert.Equal("Theo danh sách ký dự: chị Mai vắng, anh Tâm có mặt", kept.Reason);
        Assert.Equal(["Lê Văn Tâm"], kept.NowPresent);
        Assert.Equal(["Trần Thị Mai"], kept.NowAbsent);
        Assert.Contains(corrected.Actions, a => a.Kind == "correct-attendance");

        // The figures follow: still one session and two people trained that year, now Hùng and Tâm; the register and its kept figure too.
        Assert.Equal(new TrainingYear(1, 2), (await p.Store.YearsAsync(w.Id))[year]);
        Assert.Empty((await p.Service.MemberAsync(Police, w.Id, w.Person("Trần Thị Mai").GroupId, mai, default)).Sessions);
        Assert.Single((await p.Service.MemberAsync(Police, w.Id, w.Person("Lê Văn Tâm").GroupId, tam, default)).Sessions);
        await ReloadAsync(w);
        Assert.Equal([s.Date, null, s.Date], new[] { "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Tâm" }.Select(n => w.Person(n).LastTrainedOn));
        Assert.Equal(2, await TrainedAsync(p, w));
        Assert.Equal(["Trần Thị Mai"], (await p.Service.CoverageAsync(Police, w.Id, default)).Wards.Single().NotTrained.Select(x => x.FullName));
        await AssertAgreesWithRecountAsync(p, w);

        // The same request again changes nothing; marking Mai absent again (another request) moves nothing either.
        await p.Service.CorrectAttendanceAsync(host.Client, Police, s.Id, "sua-diem-danh-" + s.Id, body, default);
        var again = await p.Service.CorrectAttendanceAsync(host.Client, Police, s.Id, null, body with { People = [new(w.Id, mai, false)], Reason = "Kiểm tra lại" }, default);
        Assert.Equal(2, again.Corrections!.Count);
        Assert.Equal(new TrainingYear(1, 2), (await p.Store.YearsAsync(w.Id))[year]);
        await AssertAgreesWithRecountAsync(p, w);
    }

    [Fact]
    public async Task Leaders_replaced_merged_split_and_dissolved_move_the_figure_and_the_recount_agrees_at_every_step()
    {
        var p = await PartsAsync();
        var w = await WardAsync(("Tổ 1, khu vực 2", ["Đỗ Văn An", "Bùi Thị Bích", "Cao Văn Cường", "Đinh Thị Dung", "Hà Văn Em"]),
            ("Tổ 2, khu vực 2", ["Kiều Văn Phong", "Lưu Thị Giang", "Mạc Văn Hải"]));
        // Trained: leader An, deputy Bích and member Dung of group 1; leader Phong of group 2.
        var (s, present) = await HeldLaterAsync(p, w, "Đỗ Văn An", "Bùi Thị Bích", "Đinh Thị Dung", "Kiều Văn Phong");
        await p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, null, present, default);
        Assert.Equal(3, await TrainedAsync(p, w));
        var (g1, g2) = (w.Group("Tổ 1, khu vực 2"), w.Group("Tổ 2, khu vực 2"));

        // A new, untrained leader replaces An (who stays as an ordinary member): 3 → 2.
        await Structural(w, new ConsolidateGroup(g1, new PersonSpec(null, "Ngô Văn Mới", Gender.Male, 1970, "Số 9, Tổ 1, khu vực 2"), null, null, null));
        Assert.Equal(2, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);

        // Group 2 merges into group 1 under Phong (trained) as its leader: Bích and Phong — still 2 (Mới stays an ordinary member).
        await ReloadAsync(w);
        await Structural(w, new MergeGroups([g2], g1, null, new PersonSpec(w.Person("Kiều Văn Phong").Id), null));
        Assert.Equal(2, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);

        // Split: Phong leads one part with Bích; An (trained) leads the other with Dung (trained) as deputy: 4.
        await ReloadAsync(w);
        var everyone = w.State.ActiveMembersOf(g1).Select(m => m.Id).ToList();
        string Id(string name) => w.Person(name).Id;
        var first = new[] { Id("Kiều Văn Phong"), Id("Bùi Thị Bích") };
        var second = new[] { Id("Đỗ Văn An"), Id("Đinh Thị Dung") };
        await Structural(w, new SplitGroup(g1, [
            new SplitPart("Tổ 1A, khu vực 2", null, 15, first[0], [first[1]], everyone.Except(first).Except(second).ToList()),
            new SplitPart("Tổ 1B, khu vực 2", null, 15, second[0], [second[1]], []),
        ]));
        Assert.Equal(4, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);

        // The second part is dissolved: its leader and deputy leave — 2.
        await ReloadAsync(w);
        await Structural(w, new DissolveGroup(w.Group("Tổ 1B, khu vực 2"), "Giải thể theo đề nghị của phường"));
        Assert.Equal(2, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);
        Assert.Equal(new Dictionary<DateOnly, int> { [s.Date] = 2 }, (await fx.Store.CountersAsync(w.Id, default))!.LeadersByLastTraining);
    }

    [Fact]
    public async Task A_person_moved_to_another_group_since_confirmation_is_recorded_where_they_are()
    {
        var p = await PartsAsync();
        var w = await WardAsync(("Tổ 3, khu vực 3", ["Tôn Văn Khải", "Vương Thị Lệ"]), ("Tổ 4, khu vực 3", ["Quách Văn Minh", "Phan Thị Ngọc"]));
        var (s, present) = await HeldLaterAsync(p, w, "Quách Văn Minh");
        // Before the attendance, group 4 merges into group 3 with Minh as its leader (the confirmation still names group 4).
        await Structural(w, new MergeGroups([w.Group("Tổ 4, khu vực 3")], w.Group("Tổ 3, khu vực 3"), null, new PersonSpec(w.Person("Quách Văn Minh").Id), null));
        await p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, null, present, default);
        await ReloadAsync(w);
        Assert.Equal((w.Group("Tổ 3, khu vực 3"), s.Date), (w.Person("Quách Văn Minh").GroupId, w.Person("Quách Văn Minh").LastTrainedOn));
        Assert.Equal(1, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);
    }

    [Fact]
    public async Task A_crash_between_the_attendance_and_the_register_is_finished_by_the_retry()
    {
        var p = await PartsAsync();
        var w = await WardAsync(("Tổ 5, khu vực 5", ["Thân Văn Lộc", "Ông Thị Ngân", "Âu Văn Phát"]));
        var (s, present) = await HeldLaterAsync(p, w, "Thân Văn Lộc", "Ông Thị Ngân", "Âu Văn Phát");
        var requestId = Api.OperationId("att-" + Guid.NewGuid().ToString("N")[..8], Police.ObjectId);

        // The process dies right after the attendance transaction landed, before the register heard of it.
        p.Store.AfterPart = _ => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, requestId, present, default));
        p.Store.AfterPart = null;
        Assert.Equal(0, await TrainedAsync(p, w));
        var difference = Assert.Single(await DifferencesAsync(p, w));             // the recount sees what is missing
        Assert.Equal(("leaders-trained", "0", "3"), (difference.Figure, difference.Kept, difference.Recount));

        // The retry (same request) finds the part written and finishes the register: counted once.
        var held = await p.Service.RecordAttendanceAsync(host.Client, Police, s.Id, requestId, present, default);
        Assert.Equal(SessionStatus.Held, held.Status);
        Assert.Equal(3, await TrainedAsync(p, w));
        Assert.Equal(new Dictionary<DateOnly, int> { [s.Date] = 3 }, (await fx.Store.CountersAsync(w.Id, default))!.LeadersByLastTraining);
        await AssertAgreesWithRecountAsync(p, w);
    }

    [Fact]
    public async Task The_rebuild_brings_in_training_recorded_before_member_rows_kept_it_once()
    {
        var p = await PartsAsync();
        var w = await WardAsync(("Tổ 6, khu vực 6", ["Lò Văn Quý", "Mẫn Thị Ráng", "Nông Văn Sang", "Ưng Thị Tú"]));
        var (s, _) = await HeldLaterAsync(p, w, "Lò Văn Quý", "Nông Văn Sang", "Ưng Thị Tú");

        // As an earlier version recorded it: the training rows and figures only (the store's transaction), the register untouched.
        var session = (await p.Store.GetAsync(s.Id, default))!.Value;
        var people = session.Confirmations[w.Id].People.Select(x => new Presence(x, true)).ToList();
        await p.Store.WritePartAsync(w.Id, session, new AttendancePart(s.Id, 0, people, p.Clock.GetUtcNow(), Police.DisplayName),
            new TrainingAudit(p.Clock.GetUtcNow(), Police.ObjectId, Police.DisplayName, "attendance", s.Id, "Ghi điểm danh", "old-" + s.Id), default);
        Assert.Equal(0, await TrainedAsync(p, w));
        Assert.Equal("leaders-trained", Assert.Single(await DifferencesAsync(p, w)).Figure);

        var first = Assert.Single((await p.Rebuild.RunAsync(host.Client, [w.Id], default)).Wards);
        Assert.Equal(3, first.TrainingDates);                                     // Quý, Sang (leader, deputy) and Tú (member)
        Assert.Equal(2, await TrainedAsync(p, w));
        await AssertAgreesWithRecountAsync(p, w);
        var again = Assert.Single((await p.Rebuild.RunAsync(host.Client, [w.Id], default)).Wards);
        Assert.Equal(0, again.TrainingDates);
        Assert.Equal(2, await TrainedAsync(p, w));
    }
}
