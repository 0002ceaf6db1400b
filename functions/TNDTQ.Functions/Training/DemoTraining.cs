using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Training;

/// <summary>
/// Demo training: one session held six weeks ago (An Cư and Cái Khế, attendance recorded: its training rows and
/// figures written by the store like any attendance, so coverage shows a real share and "Cần tập huấn" people), and one
/// upcoming session planned and published through the service, so An Cư's officer has an open invitation in the inbox.
/// Fixed ids and request ids: seeding twice (or by two hosts) writes each once.
/// </summary>
public static class DemoTraining
{
    const string PastId = "th-demo-an-ninh";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var log = services.GetService<ILogger<TrainingService>>();
        try
        {
            await PastAsync(services, ct);
            await UpcomingAsync(services, ct);
        }
        catch (Exception e) when (e is ProblemException or Azure.RequestFailedException)
        {
            log?.LogWarning(e, "Demo training not seeded");
        }
    }

    static readonly Caller Police = new("demo-police", "Đại úy Trần Văn Bình (Công an quận)", [Role.DistrictPolice], null);

    static async Task PastAsync(IServiceProvider services, CancellationToken ct)
    {
        var store = services.GetRequiredService<TrainingStore>();
        if (await store.GetAsync(PastId, ct) is not null) return;
        var register = services.GetRequiredService<TrainingRegister>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = VietnamTime.Today(clock);
        var startsAt = new DateTimeOffset(today.AddDays(-45).ToDateTime(new TimeOnly(8, 0)), VietnamTime.Offset);
        var wards = new[] { "an-cu", "cai-khe" };
        var confirmations = new Dictionary<string, WardConfirmation>();
        foreach (var wardId in wards)
        {
            // Most leaders and the first deputies came; a few did not: they stay "Cần tập huấn".
            var people = (await register.LeadersAndDeputiesAsync(Police, wardId, ct)).Where((p, i) => i % 3 != 2).Take(40)
                .Select(p => new Participant(wardId, p.GroupId, p.GroupName, p.MemberId, p.FullName, RegisterTexts.RoleName(p.Role))).ToList();
            if (people.Count > 0) confirmations[wardId] = new WardConfirmation(people, startsAt.AddDays(-10), wardId == "an-cu" ? "Phạm Thị Lan" : "Huỳnh Ngọc Ánh");
        }
        var session = new TrainingSession(PastId, TrainingTopic.SecuritySkills, "Kỹ năng nắm tình hình, giữ gìn an ninh trật tự ở khu dân cư", startsAt,
            "Hội trường Công an quận Ninh Kiều", "Thượng tá Nguyễn Văn An, Phó Trưởng Công an quận", wards, new Invitees(true, true, []), 120,
            today.AddDays(-50), SessionStatus.Held, 1, startsAt.AddDays(-20), Police.DisplayName, startsAt.AddHours(4), Police.DisplayName, confirmations,
            confirmations.Keys.Order(StringComparer.Ordinal).ToList(), [], startsAt.AddDays(-20));
        var audit = new TrainingAudit(startsAt.AddHours(4), Police.ObjectId, Police.DisplayName, "attendance", PastId, "Ghi điểm danh (dữ liệu mẫu)", "demo-training-past");
        foreach (var (wardId, c) in confirmations)
        {
            var part = new AttendancePart(PastId, 0, c.People.Select((p, i) => new Presence(p, i % 7 != 4)).ToList(), startsAt.AddHours(4), Police.DisplayName);
            await store.WritePartAsync(wardId, session, part, audit, ct);
            await register.RecordAttendanceAsync(wardId, session.Date, part.People, Tndtq.Register.Actor.Of(Police), ct);
        }
        try { await store.SaveAsync(session, null, audit with { Action = "held", OperationId = "demo-training-past-held" }, ct); }
        catch (SessionWriteConflict) { } // seeded by another host meanwhile
    }

    static async Task UpcomingAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<DurableTaskClient>() is not { } durable) return;
        var training = services.GetRequiredService<TrainingService>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = VietnamTime.Today(clock);
        var body = new TrainingSessionBody(TrainingTopic.FireSafety, "Phòng cháy, chữa cháy và cứu nạn, cứu hộ tại khu dân cư", today.AddDays(21), "08:00",
            "Hội trường UBND phường An Cư", "Thiếu tá Lê Hoàng Nam, Đội Cảnh sát PCCC và CNCH", ["an-cu", "cai-khe", "xuan-khanh"], true, true, [], 150,
            today.AddDays(10));
        var planned = await training.PlanAsync(Police, Api.OperationId("demo-training-upcoming", Police.ObjectId), body, ct);
        if (planned.Status == SessionStatus.Planned || planned.Status == SessionStatus.Published)
            await training.PublishAsync(durable, Police, planned.Id, null, ct);
    }
}
