using Tndtq.Register;

namespace Tndtq.Reports;

/// <summary>One year of a ward's register: groups established, merged, split and dissolved; members who joined and who left.</summary>
public sealed record YearFigures(int Year, int Established, int Merged, int Split, int Dissolved, int Joined, int Left)
{
    public static YearFigures Zero(int year) => new(year, 0, 0, 0, 0, 0, 0);
    public YearFigures Plus(YearFigures o) => new(Year, Established + o.Established, Merged + o.Merged, Split + o.Split, Dissolved + o.Dissolved,
        Joined + o.Joined, Left + o.Left);
}

/// <summary>
/// The multi-year summary of a ward, kept as the row <c>y</c> of the register's ward partition and written in the same
/// atomic batch as every register change (<see cref="RegisterPlan.Build"/> adds <see cref="Write"/>). Like the counters,
/// it is the whole ward after the change summed up — from the dates the register keeps: a group's establishment date, the
/// date it closed with the status it closed in (merged, split, dissolved: set by the applied restructure decision), a
/// member's joining and leaving dates — so it is an absolute value, never an increment: a retried or journaled change
/// writes the same row, and the recount is this same function over the ward as loaded. One row per ward holds every
/// year (a few dozen at most), so the summary of any range of years is one point read per ward.
/// </summary>
public static class YearSummary
{
    public const string RowKey = "y";

    public static IReadOnlyList<YearFigures> Of(WardState state)
    {
        var years = new SortedDictionary<int, YearFigures>();
        void Add(DateOnly? on, Func<YearFigures, YearFigures> add)
        {
            if (on is not { } d) return;
            years[d.Year] = add(years.GetValueOrDefault(d.Year) ?? YearFigures.Zero(d.Year));
        }
        foreach (var g in state.Groups.Values)
        {
            Add(g.EstablishedOn, y => y with { Established = y.Established + 1 });
            Add(g.ClosedOn, y => g.Status switch
            {
                GroupStatus.Merged => y with { Merged = y.Merged + 1 },
                GroupStatus.Split => y with { Split = y.Split + 1 },
                GroupStatus.Dissolved => y with { Dissolved = y.Dissolved + 1 },
                _ => y,
            });
        }
        foreach (var m in state.Members.Values)
        {
            Add(m.JoinedOn, y => y with { Joined = y.Joined + 1 });
            if (!m.IsActive) Add(m.LeftOn, y => y with { Left = y.Left + 1 });
        }
        return years.Values.ToList();
    }

    /// <summary>The row to write with a change of the ward (upserted every time: its value depends only on the ward after the change).</summary>
    public static PlannedWrite Write(WardState next) =>
        new(WriteKind.Upsert, RowKey, new() { ["Data"] = RegisterTable.ToJson(Of(next)) }, null, WriteRole.Derived);
}
