using System.Collections.Concurrent;

namespace Tndtq.Shared;

/// <summary>
/// Rows every request reads (the caller's staff entry, the ward), remembered in this process for
/// <see cref="For"/> so that a request does not read them again. The store that owns the row
/// forgets it when it writes it, so a change made through the app takes effect at once in this
/// process and within <see cref="For"/> in another instance. Only rows that exist are remembered
/// (a row created elsewhere is seen at once), so the entries are bounded by the table.
/// </summary>
public sealed class Remembered<T>(TimeSpan remembered)
{
    readonly ConcurrentDictionary<string, (T Value, long Until)> items = new();

    public TimeSpan For { get; } = remembered;

    public bool TryGet(string key, out T value)
    {
        if (items.TryGetValue(key, out var known) && known.Until > Environment.TickCount64) { value = known.Value; return true; }
        value = default!;
        return false;
    }

    public void Remember(string key, T value) => items[key] = (value, Environment.TickCount64 + (long)For.TotalMilliseconds);

    public void Forget(string key) => items.TryRemove(key, out _);
}
