using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tndtq.Shared;

namespace Tndtq.Meetings;

/// <summary>
/// Demo meetings for the wards that have demo staff: most groups met in the last weeks, some long ago,
/// some never, so the meeting screens show a real share. Recorded through the service like any meeting,
/// each under a fixed request id: seeding twice (or by two hosts at once) records each once.
/// </summary>
public static class DemoMeetings
{
    public static async Task SeedAsync(IServiceProvider services, IEnumerable<string> wardIds, CancellationToken ct)
    {
        var meetings = services.GetRequiredService<MeetingService>();
        var register = services.GetRequiredService<MeetingRegister>();
        var clock = services.GetRequiredService<TimeProvider>();
        var log = services.GetService<ILogger<MeetingService>>();
        var today = VietnamTime.Today(clock);
        foreach (var wardId in wardIds)
        {
            var officer = new Caller("demo-seed", "Hệ thống (dữ liệu mẫu)", [Role.WardOfficer], wardId);
            try
            {
                var groups = await register.ActiveGroupsAsync(officer, wardId, ct);
                for (var i = 0; i < groups.Count; i++)
                {
                    if (i % 4 == 3) continue;                                   // a group that has not met
                    var g = groups[i];
                    var members = await register.MembersAsync(officer, wardId, g.Id, ct);
                    var attendance = members.Where(m => m.Status == Register.MemberStatus.Active)
                        .Select((m, n) => new AttendanceBody(m.Id, n % 7 == 5 ? AttendanceStatus.Excused : n % 9 == 7 ? AttendanceStatus.Absent : AttendanceStatus.Present)).ToList();
                    if (attendance.Count == 0) continue;
                    var date = today.AddDays(i % 5 == 4 ? -(100 + i) : -(7 + i * 5 % 60));   // every fifth group last met long ago
                    var body = new MeetingBody(MeetingScope.Group, g.Id, date, MeetingKind.Regular, g.Leader?.FullName ?? "Tổ trưởng", attendance,
                        ["Đại diện Công an phường", "Bí thư chi bộ khu vực"], DemoContent, []);
                    await meetings.RecordAsync(officer, wardId, Api.OperationId($"demo-meeting-{g.Id}", officer.ObjectId), body, ct);
                }
            }
            catch (Exception e) when (e is ProblemException or Azure.RequestFailedException)
            {
                log?.LogWarning(e, "Demo meetings of ward {Ward} not seeded", wardId);
            }
        }
    }

    const string DemoContent =
        "1. Tổ trưởng thông báo tình hình an ninh trật tự trên địa bàn trong tháng.\n" +
        "2. Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc; nhắc các hộ đăng ký tạm trú cho người thuê trọ.\n" +
        "3. Phòng cháy, chữa cháy: kiểm tra bình chữa cháy, lối thoát hiểm của các hộ kinh doanh.\n" +
        "4. Ý kiến của các hộ: đề nghị lắp thêm đèn chiếu sáng hẻm.";
}
