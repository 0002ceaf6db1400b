namespace Tndtq.Shared.Workflows;

/// <summary>Deadlines are dates: a step due "in 5 days" is due at the end of that day in Vietnam (23:59:59 +07:00).</summary>
public static class StepDeadlines
{
    /// <summary>23:59:59 (Vietnam time) of the Vietnam day that <paramref name="at"/> falls on.</summary>
    public static DateTimeOffset EndOfVietnamDay(DateTimeOffset at)
    {
        var local = VietnamTime.ToVietnam(at);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 23, 59, 59, VietnamTime.Offset);
    }
}
