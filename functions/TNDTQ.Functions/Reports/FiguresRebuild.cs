using Tndtq.Commendations;
using Tndtq.Register;

namespace Tndtq.Reports;

/// <summary>What the rebuild did for a ward: register years brought in (and from how many operations), nomination figures recounted.</summary>
public sealed record WardRebuild(string WardId, bool RegisterRebuilt, int Operations, bool NominationsRebuilt, bool MeetingsListed = false);

public sealed record FiguresRebuildResult(IReadOnlyList<WardRebuild> Wards);

/// <summary>
/// The one-off, resumable rebuild of the per-year figures for what was recorded before they were kept (demo data, earlier imports
/// and changes, nominations decided before awards were kept by form, nominations and meetings saved before they had list rows): ward by ward, each part written once with its mark, so it is
/// safe to run again and a run interrupted part-way is finished by the next (<see cref="RegisterYearFigures.RebuildAsync"/>,
/// <see cref="CommendationStore.RebuildFiguresAsync"/>, <see cref="CommendationStore.RebuildListAsync"/>, <see cref="Meetings.MeetingStore.RebuildListAsync"/>). Run by an administrator and by the demo seeding.
/// </summary>
public sealed class FiguresRebuild(RegisterStore register, RegisterYearFigures years, CommendationStore commendations, Meetings.MeetingStore meetings)
{
    /// <summary>Rebuilds the wards given (null: every ward), one after the other.</summary>
    public async Task<FiguresRebuildResult> RunAsync(IReadOnlyCollection<string>? wardIds, CancellationToken ct)
    {
        var list = new List<WardRebuild>();
        foreach (var id in wardIds ?? (await register.ListWardsAsync(ct)).Select(w => w.Value.Id).ToList())
        {
            var r = await years.RebuildAsync(id, ct);
            var figures = await commendations.RebuildFiguresAsync(id);
            list.Add(new WardRebuild(id, r.Rebuilt, r.Operations, await commendations.RebuildListAsync(id) | figures, await meetings.RebuildListAsync(id, ct)));
        }
        return new FiguresRebuildResult(list);
    }
}
