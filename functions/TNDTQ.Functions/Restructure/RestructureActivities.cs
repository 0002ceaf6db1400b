using Microsoft.Azure.Functions.Worker;
using Tndtq.Inbox;
using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Restructure;

/// <summary>The restructure workflow's I/O. Each activity can run twice without doing anything twice.</summary>
public sealed class RestructureActivities(RestructureStore store, RegisterStore register, RegisterChanges changes, Notifications notifications,
    RestructureDocumentService documents)
{
    public const string Apply = "ApplyRestructure";
    public const string Close = "CloseRestructure";

    /// <summary>
    /// Applies the approved version through the register's single structural-change path, under an
    /// operation id made from the cycle and version: if the host dies mid-apply and this runs again,
    /// the register recognises the operation and applies nothing twice. The register's audit names the
    /// district leader who decided. The figures before and after are the ward's kept counters (no reading of the ward).
    /// Once applied, the decision's document (quyết định) is generated at fixed blob names and every group it changed links to it
    /// (<see cref="Decision.Document"/>); a document that cannot be made never undoes or stops the apply: the problem is recorded with it.
    /// </summary>
    [Function(Apply)]
    public async Task<ApplyResult> ApplyRestructure([ActivityTrigger] ApplyInput a)
    {
        var proposal = await store.VersionAsync(a.Input.CycleId, a.Input.WardId, a.Version)
            ?? throw new InvalidOperationException($"Proposal version {a.Version} of {a.Input.CycleId}/{a.Input.WardId} is missing.");
        var before = await register.CountersAsync(a.Input.WardId, default) ?? WardCounters.Zero;
        // The version's facts are kept before the register changes (a no-op when kept at submission): the decision's annex reads them.
        await documents.KeepVersionAsync(a.Input.CycleId, a.Input.WardId, a.Version);
        try
        {
            await changes.ApplyStructuralAsync(a.Input.WardId, $"restructure-{a.Input.CycleId}-v{a.Version}",
                new Decision(a.DecisionNumber, a.DecisionDate, RestructureDocumentService.DecisionLink(a.Input.CycleId, a.Input.WardId)),
                proposal.Changes.Select(c => c.Change).ToList(), new Actor(a.DecidedById ?? "district-leader", a.DecidedBy), default);
        }
        catch (ProblemException e)
        {
            // The register changed since the proposal was checked: nothing was applied; the district is told why.
            return new ApplyResult(false, 0, e.Errors?.SelectMany(x => x.Value).ToList() ?? [e.Detail ?? e.Title], before, before);
        }
        var after = await register.CountersAsync(a.Input.WardId, default) ?? WardCounters.Zero;
        await documents.GenerateDecisionAsync(a);
        return new ApplyResult(true, proposal.Changes.Count, [], before, after);
    }

    [Function(Close)]
    public async Task CloseRestructure([ActivityTrigger] CloseInput c)
    {
        await store.SaveOutcomeAsync(c.Input.CycleId, c.Input.WardId, c.Outcome);
        var notice = new Notice($"{RestructureWorkflow.InstanceId(c.Input.CycleId, c.Input.WardId)}|closed", "decision",
            RestructureTexts.RestructureClosedTitle(c.Input.CycleName, c.Outcome.ResultName), RestructureTexts.RestructureClosedBody(c.Input.WardName, c.Outcome),
            c.Input.WardId, $"/api/restructure/cycles/{c.Input.CycleId}/wards/{c.Input.WardId}", c.Outcome.ClosedAt);
        foreach (var role in new[] { Role.WardOfficer, Role.WardChairman })
            await notifications.SendAsync(Audience.Of(role, c.Input.WardId), notice);
    }
}
