using Microsoft.AspNetCore.Http;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>
/// The one code path that changes a ward's register. Loads what the change needs — one group and its
/// members for a direct edit, the groups and index rows an import or a structural change names (see
/// <see cref="ChangeScope"/>) — lets the caller change
/// a copy, checks the rules on the result (what they need beyond the rows loaded, who else holds a person
/// or a group name, comes from the ward's uniqueness indexes), writes the difference with its audit,
/// history, indexes and counters, and retries when another change got there first. A retried operation
/// (same id) is recognised and not applied twice.
/// </summary>
public sealed class RegisterChanges(RegisterStore store, RegisterOptions options, TimeProvider clock)
{
    /// <summary>
    /// Applies <paramref name="change"/> (which mutates the copy it is given and returns the id of
    /// the entity it is about) and returns that id — also when the operation had already been applied.
    /// With <paramref name="groupId"/>, only that group and its members are loaded, and the change may touch nothing else.
    /// With <paramref name="scope"/>, only what the scope names is loaded (or the whole ward when that is cheaper), and
    /// the change may touch only the groups loaded and groups it creates.
    /// </summary>
    public async Task<string> ApplyAsync(string wardId, Actor actor, string? operationId, string description,
        Func<LoadedWard, WardState, string> change, CancellationToken ct, string? groupId = null, StructuralInfo? structural = null, ChangeScope? scope = null)
    {
        if (groupId is not null) scope = new ChangeScope([groupId], []);
        var opId = operationId ?? NewId();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.ResumeJournalsAsync(wardId, ct);
                if (await store.GetRowAsync(wardId, RegisterTable.OperationKey(opId), ct) is { } marker)
                    return marker.GetString("Result") ?? "";
                var loaded = await store.LoadForChangeAsync(wardId, scope, ct);
                if (!loaded.Complete && scope?.MemberIds?.Any(id => !loaded.State.Members.ContainsKey(id)) == true)
                    loaded = await store.LoadForChangeAsync(wardId, (ChangeScope?)null, ct); // a member named by id is in a group the scope does not name
                var next = loaded.State.Clone();
                var result = change(loaded, next);

                var changedGroups = loaded.State.Groups.Keys.Union(next.Groups.Keys)
                    .Where(id => !Equals(loaded.State.Groups.GetValueOrDefault(id), next.Groups.GetValueOrDefault(id))).ToList();
                var changedMembers = loaded.State.Members.Keys.Union(next.Members.Keys)
                    .Where(id => !Equals(loaded.State.Members.GetValueOrDefault(id), next.Members.GetValueOrDefault(id))).ToList();
                if (!loaded.Complete && RegisterPlan.TouchedGroups(loaded.State, next, changedGroups, changedMembers)
                        .Any(g => groupId is not null ? g != groupId : !loaded.State.Groups.ContainsKey(g) && !next.Groups.ContainsKey(g)))
                    throw new InvalidOperationException($"A change loaded for {groupId ?? "a scope"} touched a group it did not load.");
                await store.ReadIndexAsync(wardId, loaded, RegisterPlan.IndexHolders(loaded.State, next, changedGroups, changedMembers).Keys, ct);
                // A change that only records training dates changes nothing the rules look at: rows written under older rules still take it.
                var errors = OnlyTrainingDates(loaded.State, next, changedGroups, changedMembers) ? new Dictionary<string, string[]>()
                    : RegisterRules.Validate(next, changedGroups, changedMembers, options, VietnamTime.Today(clock), loaded);
                if (errors.Count > 0) throw ProblemException.Validation(errors);

                var writes = RegisterPlan.Build(loaded, next, new OperationInfo(opId, actor, clock.GetUtcNow(), description, result, structural));
                await store.CommitAsync(wardId, writes, opId, ct);
                return result;
            }
            catch (AlreadyAppliedException)
            {
                return (await store.GetRowAsync(wardId, RegisterTable.OperationKey(opId), ct))?.GetString("Result") ?? "";
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Someone else changed the same group, index row or counter shard: reload and redo (cheap: only what the change needs).
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 12)), ct);
            }
            catch (ConcurrencyConflictException)
            {
                // Many changes to the same group at once: not an error of the caller's, and safe to send again (same x-requestid).
                throw new ProblemException(StatusCodes.Status503ServiceUnavailable, Texts.ServiceUnavailable, Texts.WardBusy, "ward-busy");
            }
        }
    }

    /// <summary>
    /// The register's single structural-change path, for approved restructure proposals: applies
    /// the changes in order under the decision, once per <paramref name="operationId"/> (use the
    /// workflow's decision id, so a re-run activity changes nothing the second time).
    /// </summary>
    public Task<string> ApplyStructuralAsync(string wardId, string operationId, Decision decision, IReadOnlyList<StructuralChange> structural,
        Actor actor, CancellationToken ct) =>
        ApplyAsync(wardId, actor, operationId, RegisterTexts.OpStructural($"{decision.Number} ngày {decision.Date:dd/MM/yyyy}"), (_, next) =>
        {
            StructuralChanges.Apply(next, structural, decision, NewId);
            return operationId;
        }, ct, structural: new StructuralInfo(decision.Date, structural.OfType<ConsolidateGroup>().Select(c => c.GroupId).Distinct().ToList()),
            scope: StructuralChanges.Scope(structural));

    static bool OnlyTrainingDates(WardState before, WardState next, List<string> changedGroups, List<string> changedMembers) =>
        changedGroups.Count == 0 && changedMembers.All(id => before.Members.GetValueOrDefault(id) is { } b && next.Members.GetValueOrDefault(id) is { } n
            && b with { LastTrainedOn = n.LastTrainedOn } == n);

    /// <summary>Recomputes the ward's counters from its rows (for checks and repairs).</summary>
    public async Task<WardCounters> RecountAsync(string wardId, CancellationToken ct) => (await store.LoadAsync(wardId, ct)).State.Counters();

    const int MaxAttempts = 30;

    public static string NewId() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>412 unless the caller's If-Match is the row's current ETag; 428 when missing.</summary>
    public static void RequireIfMatch(string? ifMatch, Azure.ETag current)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
            throw new ProblemException(428, Texts.Conflict, Texts.IfMatchRequired, "if-match-required");
        if (ifMatch.Trim() != current.ToString())
            throw new ProblemException(412, Texts.Conflict, Texts.StaleETag, "stale-etag");
    }
}
