using Microsoft.DurableTask.Client;
using Tndtq.Commendations;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared.Workflows;

namespace Tndtq.Reports;

/// <summary>
/// What the rebuild did for a ward: register years brought in (<paramref name="RegisterRebuilt"/>, from <paramref name="Operations"/> operations),
/// nominations recounted and listed, training dates brought into the register, ratings recounted, open steps counted, operation rows folded
/// (<paramref name="Folded"/>: how many), earlier meetings given their list rows (<paramref name="MeetingsListed"/>), earlier support rounds given theirs (<paramref name="SupportListed"/>), earlier sign-offs given theirs (<paramref name="SignOffsListed"/>).
/// </summary>
public sealed record WardRebuild(string WardId, bool RegisterRebuilt, int Operations, bool NominationsRebuilt, int TrainingDates = 0,
    int Ratings = 0, int OpenSteps = 0, int Folded = 0, bool MeetingsListed = false, bool SupportListed = false,
    bool SignOffsListed = false);

/// <summary>What the rebuild did: per ward, and <paramref name="SessionsListed"/>: the district's earlier training sessions given their list rows (once).</summary>
public sealed record FiguresRebuildResult(IReadOnlyList<WardRebuild> Wards, bool SessionsListed = false);

/// <summary>
/// The one-off, resumable rebuild of the kept figures for what was recorded before they were kept (demo data, earlier imports
/// and changes, nominations decided before awards were kept by form, attendance recorded before member rows kept the last training
/// date, assessments saved before the rating counts were kept, nominations open at a step before the open steps were counted,
/// nominations, meetings, support rounds and sign-offs saved before they had list rows): ward
/// by ward, each part written once with its mark, or idempotent by what it writes, so it is safe to run again and a run interrupted
/// part-way is finished by the next (<see cref="RegisterYearFigures.RebuildAsync"/>, <see cref="CommendationStore.RebuildFiguresAsync"/>,
/// <see cref="CommendationStore.RebuildListAsync"/>, <see cref="Meetings.MeetingStore.RebuildListAsync"/>, <see cref="Support.SupportStore.RebuildListAsync"/>, <see cref="SignOffs.SignOffStore.RebuildListAsync"/>, <see cref="Training.TrainingStore.RebuildListAsync"/> (the district's sessions, once),
/// <see cref="Training.TrainingService.BringIntoRegisterAsync"/>, <see cref="RestructureStore.RebuildRatingsAsync"/>,
/// <see cref="ReportsStore.CountIfNewAsync"/>, <see cref="RegisterStore.FoldOperationRowsAsync"/>). Run by an administrator and by the demo seeding.
/// </summary>
public sealed class FiguresRebuild(RegisterStore register, RegisterYearFigures years, CommendationStore commendations, Training.TrainingService training,
    RestructureStore reviews, ReportsStore steps, Meetings.MeetingStore meetings, Support.SupportStore support,
    Training.TrainingStore sessions, SignOffs.SignOffStore signOffs)
{
    /// <summary>Rebuilds the wards given (null: every ward), one after the other; without a Durable client, the open steps are left out.</summary>
    public async Task<FiguresRebuildResult> RunAsync(DurableTaskClient? durable, IReadOnlyCollection<string>? wardIds, CancellationToken ct)
    {
        var cycles = await reviews.ListCyclesAsync();
        var list = new List<WardRebuild>();
        foreach (var id in wardIds ?? (await register.ListWardsAsync(ct)).Select(w => w.Value.Id).ToList())
        {
            var r = await years.RebuildAsync(id, ct);
            var figures = await commendations.RebuildFiguresAsync(id);
            var nominations = await commendations.RebuildListAsync(id) | figures;
            var trainingDates = await training.BringIntoRegisterAsync(id, ct);
            var ratings = 0;
            foreach (var cycle in cycles.Where(c => c.WardIds.Contains(id)))
                if (await reviews.RebuildRatingsAsync(cycle.Id, id)) ratings++;
            var openSteps = durable is null ? 0 : await OpenStepsAsync(durable, id, ct);
            list.Add(new WardRebuild(id, r.Rebuilt, r.Operations, nominations, trainingDates, ratings, openSteps, await register.FoldOperationRowsAsync(id, ct),
                await meetings.RebuildListAsync(id, ct), await support.RebuildListAsync(id), await signOffs.RebuildListAsync(id, ct)));
        }
        return new FiguresRebuildResult(list, await sessions.RebuildListAsync(ct));
    }

    /// <summary>
    /// The ward's open nominations that no step activity has counted (started before the open steps were counted) are counted at the step
    /// their workflow publishes. A step that closed between that read and the write found no row to move: read again, and uncounted then.
    /// </summary>
    async Task<int> OpenStepsAsync(DurableTaskClient durable, string wardId, CancellationToken ct)
    {
        async Task<WorkflowStatus?> AtStepAsync(string instanceId)
        {
            var m = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
            return WorkflowStatus.Of(m) is { StepId: not null } s && m!.RuntimeStatus == OrchestrationRuntimeStatus.Running ? s : null;
        }
        var n = 0;
        foreach (var r in (await commendations.ForWardAsync(wardId)).Where(r => r.Outcome is null))
        {
            var instanceId = NominationWorkflow.InstanceId(r.Input.Id);
            if (await AtStepAsync(instanceId) is not { } s || !await steps.CountIfNewAsync(wardId, instanceId, ReportsService.Commendation, s.Step, s.StepId!)) continue;
            n++;
            if ((await AtStepAsync(instanceId))?.StepId != s.StepId)
                await steps.CountAtAsync(wardId, instanceId, ReportsService.Commendation, null, null, onlyIfAtStepId: s.StepId);
        }
        return n;
    }
}
