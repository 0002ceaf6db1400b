using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tndtq.Shared;

namespace Tndtq.Support;

/// <summary>
/// Demo rounds for An Cư: one approved (a Tết visit to every leader and deputy, sponsored by a company), one draft (funding
/// for the groups from the ward's voluntary contributions). Saved through the service under fixed request ids, so seeding twice
/// saves each once. The approved one is recorded approved as the workflow's activity records it (its figures in the same
/// transaction, its history lines after), without running a workflow: the demo starts with something to download.
/// </summary>
public static class DemoSupport
{
    public const string WardId = "an-cu";

    public static async Task SeedAsync(IServiceProvider services, string officerId, string officerName, string chairmanName, CancellationToken ct)
    {
        var support = services.GetRequiredService<SupportService>();
        var store = services.GetRequiredService<SupportStore>();
        var register = services.GetRequiredService<Register.RegisterService>();
        var clock = services.GetRequiredService<TimeProvider>();
        var log = services.GetService<ILogger<SupportService>>();
        var officer = new Caller(officerId, officerName, [Role.WardOfficer], WardId);
        try
        {
            var groups = (await register.ListGroupsAsync(officer, WardId, Register.GroupStatus.Active, null, 200, ct)).Items;
            if (groups.Count == 0) return;
            var leaders = groups.Take(8).SelectMany(g => (g.Leader is { } l ? [l] : Array.Empty<Register.MemberRef>()).Concat(g.Deputies.Take(1)))
                .Select((m, i) => new BeneficiaryBody(BeneficiaryType.Member, m.Id, i % 3 == 0 ? 500_000 : 300_000, "Một phần quà Tết (bánh, mứt, trà)")).ToList();
            var tet = await support.CreateAsync(officer, WardId, Api.OperationId("demo-support-tet", officerId), new SupportRoundBody(SupportKind.HolidayCare,
                $"Thăm hỏi Tết Nguyên đán {VietnamTime.Today(clock).Year + 1}", new FundSourceBody("Công ty TNHH Thương mại Minh Phát", FundType.Sponsor), leaders,
                "Trao tại trụ sở UBND phường trước Tết."), ct);
            if (tet.Status == SupportStatus.Draft)
            {
                var at = clock.GetUtcNow();
                var round = await store.UpdateAsync(WardId, tet.Id, r => r is null || r.Status != SupportStatus.Draft ? null : r with
                {
                    Status = SupportStatus.Approved,
                    Version = r.Version + 1,
                    SubmittedAt = at,
                    ApprovedAt = at,
                    ApprovedByName = chairmanName,
                    UpdatedAt = at,
                    UpdatedByName = chairmanName,
                    Trail =
                    [
                        new(at, "submit", "draft", SupportTexts.SupportStepName("draft"), "submit", SupportTexts.SupportOutcomeName("submit"), null, officerName),
                        new(at, "chairman-approval-1", SupportStep.ChairmanApproval, SupportTexts.SupportStepName(SupportStep.ChairmanApproval), SupportStep.Approve,
                            SupportTexts.SupportOutcomeName(SupportStep.Approve), "Đồng ý, đề nghị trao đúng danh sách.", chairmanName),
                    ],
                });
                if (round is { Status: SupportStatus.Approved }) await store.AddHistoryAsync(round);
            }
            var funding = groups.Take(5).Select(g => new BeneficiaryBody(BeneficiaryType.Group, g.Id, 1_000_000, null)).ToList();
            await support.CreateAsync(officer, WardId, Api.OperationId("demo-support-funding", officerId), new SupportRoundBody(SupportKind.Funding,
                $"Hỗ trợ kinh phí hoạt động quý I/{VietnamTime.Today(clock).Year + 1}", new FundSourceBody("Quỹ đóng góp tự nguyện của nhân dân phường An Cư", FundType.Voluntary),
                funding), ct);
        }
        catch (Exception e) when (e is ProblemException or Azure.RequestFailedException)
        {
            log?.LogWarning(e, "Demo support rounds of ward {Ward} not seeded", WardId);
        }
    }
}
