using Microsoft.Extensions.DependencyInjection;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Demo;

/// <summary>
/// The demo data set the local run command seeds: the wards of Ninh Kiều district (2021) and one
/// demo person per role. Reproducible and idempotent: seeding twice changes nothing.
/// </summary>
public static class DemoData
{
    /// <summary>Demo sign-ins: the object id is what the development principal header carries.</summary>
    public static readonly IReadOnlyList<StaffMember> Staff =
    [
        new("demo-admin", "Quản trị hệ thống", [Role.Administrator], null),
        new("demo-police", "Đại úy Trần Văn Bình (Công an quận)", [Role.DistrictPolice], null),
        new("demo-council", "Bà Lê Thị Hồng (Hội đồng Thi đua – Khen thưởng)", [Role.EmulationCouncil], null),
        new("demo-leader", "Ông Nguyễn Thanh Sơn (Phó Chủ tịch UBND quận)", [Role.DistrictLeader], null),
        new("demo-officer-an-cu", "Phạm Thị Lan (cán bộ phường An Cư)", [Role.WardOfficer], "an-cu"),
        new("demo-chairman-an-cu", "Võ Minh Tuấn (Chủ tịch UBND phường An Cư)", [Role.WardChairman], "an-cu"),
        new("demo-officer-cai-khe", "Huỳnh Ngọc Ánh (cán bộ phường Cái Khế)", [Role.WardOfficer], "cai-khe"),
        new("demo-chairman-cai-khe", "Đặng Quốc Hùng (Chủ tịch UBND phường Cái Khế)", [Role.WardChairman], "cai-khe"),
        new("demo-officer-xuan-khanh", "Trương Thị Mỹ Duyên (cán bộ phường Xuân Khánh)", [Role.WardOfficer], "xuan-khanh"),
        new("demo-chairman-xuan-khanh", "Lý Văn Phước (Chủ tịch UBND phường Xuân Khánh)", [Role.WardChairman], "xuan-khanh"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var staff = services.GetRequiredService<StaffDirectory>();
        foreach (var member in Staff) await staff.UpsertAsync(member, ct);

        var store = services.GetRequiredService<RegisterStore>();
        var changes = services.GetRequiredService<RegisterChanges>();
        var clock = services.GetRequiredService<TimeProvider>();
        // The levels and the approving unit: written once (an administrator's later edit is kept).
        foreach (var level in DemoRegister.Levels)
            if (await store.GetLevelAsync(level.Id, ct) is null) await store.SaveLevelAsync(level, Actor.System, clock.GetUtcNow(), ct);
        if (await store.GetUnitAsync(DemoRegister.ApprovingUnitId, ct) is null)
        {
            try { await store.SaveUnitAsync(DemoRegister.ApprovingUnit, null, Actor.System, clock.GetUtcNow(), ct); }
            catch (ConcurrencyConflictException) { /* seeded by another host meanwhile */ }
        }
        await Parallel.ForEachAsync(DemoRegister.Wards, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (ward, token) =>
        {
            if (await store.GetWardAsync(ward.Id, token) is null)
            {
                try { await store.SaveWardAsync(ward, null, Actor.System, clock.GetUtcNow(), token); }
                catch (ConcurrencyConflictException) { /* seeded by another host meanwhile */ }
            }
            // One operation per ward: seeding twice is recognised and changes nothing.
            await changes.ApplyAsync(ward.Id, Actor.System, $"demo-seed-{ward.Id}", RegisterTexts.OpDemoSeed, (_, next) =>
            {
                if (next.Groups.Count > 0) return ward.Id; // the ward already has a register: leave it alone
                var (groups, members) = DemoRegister.Generate(ward);
                foreach (var g in groups) next.Groups[g.Id] = g;
                foreach (var m in members) next.Members[m.Id] = m;
                return ward.Id;
            }, token);
        });
        var commendations = services.GetRequiredService<Commendations.CommendationStore>();
        if ((await commendations.CatalogueAsync()).Count == 0)
            foreach (var form in Commendations.DemoCommendations.Catalogue) await commendations.SaveFormAsync(form);
        await Meetings.DemoMeetings.SeedAsync(services, Staff.Select(s => s.WardId).OfType<string>().Distinct(), ct);
        await Training.DemoTraining.SeedAsync(services, ct);
        await Support.DemoSupport.SeedAsync(services, "demo-officer-an-cu", Staff.First(s => s.ObjectId == "demo-officer-an-cu").DisplayName,
            Staff.First(s => s.ObjectId == "demo-chairman-an-cu").DisplayName, ct);
        // Figures of what was recorded before they were kept (a demo seeded by an earlier version: register years, awards by form,
        // training dates on member rows): brought in once, after the training is seeded.
        await services.GetRequiredService<Reports.FiguresRebuild>().RunAsync(services.GetService<Microsoft.DurableTask.Client.DurableTaskClient>(), DemoRegister.Wards.Select(w => w.Id).ToList(), ct);
    }
}
