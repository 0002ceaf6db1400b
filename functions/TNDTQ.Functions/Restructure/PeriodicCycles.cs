using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>How the periodic review cycle is opened (<c>ReviewCycle__Period</c> yearly|quarterly, <c>ReviewCycle__AssessmentDays</c>, <c>ReviewCycle__ProposalDays</c>).</summary>
public sealed record CycleSchedule(string Period = "yearly", int AssessmentDays = 30, int ProposalDays = 60)
{
    public static CycleSchedule From(IConfiguration c) => new(c["ReviewCycle:Period"] ?? "yearly",
        c.GetValue("ReviewCycle:AssessmentDays", 30), c.GetValue("ReviewCycle:ProposalDays", 60));
}

/// <summary>Opens the current period's review cycle for every ward; the cycle id comes from the period, so a second run opens nothing.</summary>
public sealed class PeriodicCycles(RestructureService restructure, CycleSchedule schedule, TimeProvider clock)
{
    static readonly Caller System = new("system", "Hệ thống", [Role.Administrator], null);

    public async Task<CycleOpened> OpenCurrentAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var quarter = (today.Month - 1) / 3 + 1;
        var (id, name) = schedule.Period == "quarterly"
            ? ($"ra-soat-{today.Year}-q{quarter}", RestructureTexts.QuarterlyCycleName(quarter, today.Year))
            : ($"ra-soat-{today.Year}", RestructureTexts.YearlyCycleName(today.Year));
        DateTimeOffset EndOfDay(int days) => new(today.AddDays(days).ToDateTime(new TimeOnly(17, 0)), VietnamTime.Offset);
        return await restructure.OpenCycleAsync(durable, System,
            new OpenCycleBody(id, name, null, new CycleDeadlines(EndOfDay(schedule.AssessmentDays), EndOfDay(schedule.ProposalDays)), [7, 1]), ct);
    }
}
