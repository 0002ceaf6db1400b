namespace Tndtq.Shared;

/// <summary>
/// Vietnam time. The system stores instants in UTC; dates a person reads (deadlines, documents)
/// are in Vietnam time (UTC+7, no daylight saving). Code asks <see cref="TimeProvider"/> for "now",
/// so tests can move time; orchestrations use their own CurrentUtcDateTime instead.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    public static DateTimeOffset ToVietnam(DateTimeOffset instant) => instant.ToOffset(Offset);
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToVietnam(clock.GetUtcNow()).DateTime);
}
