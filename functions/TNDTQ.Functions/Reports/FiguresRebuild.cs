using Tndtq.Commendations;
using Tndtq.Register;

namespace Tndtq.Reports;

/// <summary>
/// What the rebuild did for a ward: register years brought in (and from how many operations), nomination figures recounted, member
/// rows given the date of their last training from the training rows (<paramref name="TrainingDates"/>: how many changed).
/// </summary>
public sealed record WardRebuild(string WardId, bool RegisterRebuilt, int Operations, bool NominationsRebuilt, int TrainingDates = 0);

public sealed record FiguresRebuildResult(IReadOnlyList<WardRebuild> Wards);

/// <summary>
/// The one-off, resumable rebuild of the per-year figures for what was recorded before they were kept (demo data, earlier imports
/// and changes, nominations decided before awards were kept by form, attendance recorded before member rows kept the last training
/// date): ward by ward, each part written once with its mark, or idempotent by what it writes, so it is safe to run again and a run
/// interrupted part-way is finished by the next (<see cref="RegisterYearFigures.RebuildAsync"/>, <see cref="CommendationStore.RebuildFiguresAsync"/>,
/// <see cref="Training.TrainingService.BringIntoRegisterAsync"/>). Run by an administrator and by the demo seeding.
/// </summary>
public sealed class FiguresRebuild(RegisterStore register, RegisterYearFigures years, CommendationStore commendations, Training.TrainingService training)
{
    /// <summary>Rebuilds the wards given (null: every ward), one after the other.</summary>
    public async Task<FiguresRebuildResult> RunAsync(IReadOnlyCollection<string>? wardIds, CancellationToken ct)
    {
        var list = new List<WardRebuild>();
        foreach (var id in wardIds ?? (await register.ListWardsAsync(ct)).Select(w => w.Value.Id).ToList())
        {
            var r = await years.RebuildAsync(id, ct);
            var nominations = await commendations.RebuildFiguresAsync(id);
            list.Add(new WardRebuild(id, r.Rebuilt, r.Operations, nominations, await training.BringIntoRegisterAsync(id, ct)));
        }
        return new FiguresRebuildResult(list);
    }
}
