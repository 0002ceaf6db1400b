using System.Collections.Concurrent;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// Faults injected into the local host's activities (<c>LocalHostOptions.BeforeActivity</c>): a chosen
/// activity of a chosen instance fails, for a number of attempts or until healed — as it would while
/// storage is unreachable.
/// </summary>
public sealed class ActivityFaults
{
    readonly ConcurrentDictionary<(string Activity, string Instance), int> failuresLeft = new();
    readonly ConcurrentDictionary<(string Activity, string Instance), int> attempts = new();

    /// <summary>The next <paramref name="times"/> attempts fail (default: until <see cref="Heal"/>).</summary>
    public void Break(string activity, string instanceId, int times = int.MaxValue) => failuresLeft[(activity, instanceId)] = times;

    public void Heal(string activity, string instanceId) => failuresLeft.TryRemove((activity, instanceId), out _);

    /// <summary>How many times the activity has run for the instance, failed or not.</summary>
    public int Attempts(string activity, string instanceId) => attempts.GetValueOrDefault((activity, instanceId));

    public Task BeforeActivityAsync(string activity, string instanceId)
    {
        var key = (activity, instanceId);
        attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        while (failuresLeft.TryGetValue(key, out var left) && left > 0)
            if (failuresLeft.TryUpdate(key, left - 1, left))
                throw new IOException($"Injected storage fault in {activity} (test).");
        return Task.CompletedTask;
    }
}
