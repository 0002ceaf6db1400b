using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>The result of bringing a ward's older history into its per-year figures.</summary>
public sealed record YearsRebuild(string WardId, bool Rebuilt, int Operations);

/// <summary>
/// The per-year figures computed afresh from the register's history — its entity audit rows, which record every change of every
/// group and member with before and after — by the same rule the changes keep them with (<see cref="RegisterYears.Of"/>): the
/// recount (to prove the kept figures right) and the one-off rebuild of the operations recorded before the figures were kept.
/// </summary>
public sealed class RegisterYearFigures(RegisterStore store, TimeProvider clock)
{
    /// <summary>Fault injection for tests: called after each ward's rebuild is computed, before it is written.</summary>
    internal Func<string, Task>? BeforeRebuildWrite { get; set; }

    /// <summary>Every applied operation's figures from the history (<paramref name="only"/>: just the operations it accepts).</summary>
    async Task<(RegisterYears Years, int Operations)> FromHistoryAsync(string wardId, Func<bool, bool> only, CancellationToken ct)
    {
        await store.ResumeJournalsAsync(wardId, ct); // a change interrupted part-way has its audit rows written first
        var operations = await store.OperationsAsync(wardId, ct);
        var sum = RegisterYears.Zero;
        var n = 0;
        foreach (var op in (await store.AuditHistoryAsync(wardId, ct)).GroupBy(r => r.OperationId))
        {
            if (!operations.TryGetValue(op.Key, out var keptItsYears) || !only(keptItsYears)) continue; // not applied, or not wanted
            var rows = op.ToList();
            var groups = rows.Where(r => r.EntityType == "group").Select(r => (Parse<Group>(r.Before), Parse<Group>(r.After))).ToList();
            var members = rows.Where(r => r.EntityType == "member").Select(r => (Parse<Member>(r.Before), Parse<Member>(r.After))).ToList();
            var consolidated = rows.Where(r => r.Change == "consolidate").Select(r => (Parse<Group>(r.After) ?? Parse<Group>(r.Before))!.Id).ToList();
            var on = RegisterYears.DayOf(rows[0].At, rows[0].On is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd") : null);
            sum = sum.Plus(RegisterYears.Of(groups, members, consolidated, on));
            n++;
        }
        return (sum, n);
    }

    static T? Parse<T>(string? json) where T : class => json is null ? null : TableRows.FromJson<T>(json);

    /// <summary>The ward's per-year figures recounted from its whole history.</summary>
    public async Task<RegisterYears> RecountAsync(string wardId, CancellationToken ct) => (await FromHistoryAsync(wardId, _ => true, ct)).Years;

    /// <summary>
    /// Brings in the figures of the operations that did not keep their own (recorded before per-year figures existed: demo data,
    /// earlier imports and changes), once: computed from the history, written with the ward's "rebuilt" mark in one transaction.
    /// Safe to run again (a rebuilt ward is skipped; the operations that keep their own are never counted here) and resumable (a
    /// crash before the write leaves nothing written; the next run computes it again).
    /// </summary>
    public async Task<YearsRebuild> RebuildAsync(string wardId, CancellationToken ct)
    {
        if (await store.YearsRebuiltAsync(wardId, ct)) return new(wardId, false, 0);
        var (years, operations) = await FromHistoryAsync(wardId, keptItsYears => !keptItsYears, ct);
        if (BeforeRebuildWrite is { } hook) await hook(wardId);
        return new(wardId, await store.AddRebuiltYearsAsync(wardId, years, clock.GetUtcNow(), ct), operations);
    }
}
