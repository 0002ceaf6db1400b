using Microsoft.AspNetCore.Http;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>
/// The one code path that changes a ward's register. Loads the ward, lets the caller change a
/// copy, checks the rules on the result, writes the difference with its audit, history and
/// counters, and retries when another change to the same ward got there first. A retried
/// operation (same id) is recognised and not applied twice.
/// </summary>
public sealed class RegisterChanges(RegisterStore store, RegisterOptions options, TimeProvider clock)
{
    /// <summary>
    /// Applies <paramref name="change"/> (which mutates the copy it is given and returns the id of
    /// the entity it is about) and returns that id — also when the operation had already been applied.
    /// </summary>
    public async Task<string> ApplyAsync(string wardId, Actor actor, string? operationId, string description,
        Func<LoadedWard, WardState, string> change, CancellationToken ct)
    {
        var opId = operationId ?? NewId();
        for (var attempt = 1; ; attempt++)
        {
            await store.ResumeJournalsAsync(wardId, ct);
            if (await store.GetRowAsync(wardId, RegisterTable.OperationKey(opId), ct) is { } marker)
                return marker.GetString("Result") ?? "";
            var loaded = await store.LoadAsync(wardId, ct);
            var next = loaded.State.Clone();
            var result = change(loaded, next);

            var changedGroups = loaded.State.Groups.Keys.Union(next.Groups.Keys)
                .Where(id => !Equals(loaded.State.Groups.GetValueOrDefault(id), next.Groups.GetValueOrDefault(id))).ToList();
            var changedMembers = next.Members.Keys.Where(id => !Equals(loaded.State.Members.GetValueOrDefault(id), next.Members[id])).ToList();
            var now = clock.GetUtcNow();
            var errors = RegisterRules.Validate(next, changedGroups, changedMembers, options, VietnamTime.Today(clock));
            if (errors.Count > 0) throw ProblemException.Validation(errors);

            var writes = RegisterPlan.Build(loaded, next, new OperationInfo(opId, actor, now, description, result));
            try
            {
                await store.CommitAsync(wardId, writes, opId, ct);
                return result;
            }
            catch (AlreadyAppliedException)
            {
                return result;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(10, 50 * attempt), ct); // someone else changed the ward: reload and redo
            }
            catch (ConcurrencyConflictException)
            {
                // Many changes to the same ward at once: not an error of the caller's, and safe to send again (same x-requestid).
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
        ApplyAsync(wardId, actor, operationId, Texts.OpStructural($"{decision.Number} ngày {decision.Date:dd/MM/yyyy}"), (_, next) =>
        {
            StructuralChanges.Apply(next, structural, decision, NewId);
            return operationId;
        }, ct);

    /// <summary>Recomputes the ward's counters from its rows (for checks and repairs).</summary>
    public async Task<WardCounters> RecountAsync(string wardId, CancellationToken ct) => (await store.LoadAsync(wardId, ct)).State.Counters();

    const int MaxAttempts = 8;

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
