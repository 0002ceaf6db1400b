using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>
/// Reads the levels and units (remembered 30 s, as ward rows are) and gives a ward's words (<see cref="ForWardAsync"/>). A ward
/// whose approving unit has no row (a deployment made before units were data) reads as its record names it: the unit is its
/// approving unit's name without "UBND" ("quận Ninh Kiều"), of no known level, so its bodies are "Công an quận Ninh Kiều".
/// </summary>
public sealed class UnitTerms(RegisterStore store)
{
    public async Task<WardTerms?> ForWardAsync(string wardId, CancellationToken ct)
    {
        if (await store.GetWardAsync(wardId, ct) is not { } ward) return null;
        var w = ward.Value;
        var unit = await store.GetUnitAsync(w.ApprovingUnitId, ct) ?? FromName(w.ApprovingUnitId, w.ApprovingUnitName);
        return new WardTerms(w.Id, w.Name, unit, await LevelOfAsync(unit, ct));
    }

    /// <summary>
    /// The words a person reads where no ward is in view (their sign-in, their menu): a ward's staff read their ward's; the approving
    /// level's staff, the deployment's approving unit when there is one. Null when there are several (each ward's page then
    /// has its own words) or none: the level-free names of <see cref="Texts.RoleName"/> are used.
    /// </summary>
    public async Task<WardTerms?> ForCallerAsync(Caller caller, CancellationToken ct)
    {
        if (caller.WardId is { } wardId) return await ForWardAsync(wardId, ct);
        if (caller.UnitId is { } unitId) return await ForUnitAsync(unitId, ct);
        if (await MainUnitAsync(ct) is not { } unit) return null;
        return new WardTerms(null, null, unit, await LevelOfAsync(unit, ct));
    }

    /// <summary>A unit's words (its row; without one, as the first ward it approves names it); null when nothing names it.</summary>
    async Task<WardTerms?> ForUnitAsync(string unitId, CancellationToken ct)
    {
        var unit = await store.GetUnitAsync(unitId, ct);
        if (unit is null && (await WardsOfAsync(unitId, ct)).Order(StringComparer.Ordinal).FirstOrDefault() is { } first
            && await store.GetWardAsync(first, ct) is { } ward)
            unit = FromName(unitId, ward.Value.ApprovingUnitName);
        return unit is null ? null : new WardTerms(null, null, unit, await LevelOfAsync(unit, ct));
    }

    readonly Remembered<IReadOnlySet<string>> unitWards = new(TimeSpan.FromSeconds(30));

    /// <summary>The wards a unit approves (remembered 30 s: read on every request of its staff).</summary>
    public async Task<IReadOnlySet<string>> WardsOfAsync(string unitId, CancellationToken ct)
    {
        if (unitWards.TryGet(unitId, out var known)) return known;
        IReadOnlySet<string> wards = (await store.ListWardsAsync(ct)).Where(w => w.Value.ApprovingUnitId == unitId).Select(w => w.Value.Id).ToHashSet(StringComparer.Ordinal);
        unitWards.Remember(unitId, wards);
        return wards;
    }

    /// <summary>Is there such an approving unit: a row, or a ward approved by it?</summary>
    public async Task<bool> UnitExistsAsync(string unitId, CancellationToken ct) =>
        await store.GetUnitAsync(unitId, ct) is not null || (await WardsOfAsync(unitId, ct)).Count > 0;

    readonly Remembered<string> mainUnit = new(TimeSpan.FromSeconds(30));

    /// <summary>
    /// The deployment's approving unit, for its staff (who have no unit of their own yet): the one unit described, or of several the one
    /// that approves more wards than any other (the 2021 quận); none when units tie (self-approving communes: each page has its ward's words).
    /// </summary>
    async Task<Unit?> MainUnitAsync(CancellationToken ct)
    {
        var units = await store.ListUnitsAsync(ct);
        if (units.Count <= 1) return units.FirstOrDefault();
        if (!mainUnit.TryGet("", out var id))
        {
            var wards = (await store.ListWardsAsync(ct)).CountBy(w => w.Value.ApprovingUnitId).ToDictionary();
            var ranked = units.Select(u => (u.Id, Wards: wards.GetValueOrDefault(u.Id))).OrderByDescending(u => u.Wards).ToList();
            id = ranked[0].Wards > ranked[1].Wards ? ranked[0].Id : "";
            mainUnit.Remember("", id);
        }
        return units.FirstOrDefault(u => u.Id == id);
    }

    /// <summary>The unit's level; one of no known level has no name (its words then use the unit's whole name).</summary>
    async Task<Level> LevelOfAsync(Unit unit, CancellationToken ct) =>
        (unit.LevelId.Length > 0 ? await store.GetLevelAsync(unit.LevelId, ct) : null) ?? new Level(unit.LevelId, "");

    static readonly string[] CommitteeWords = ["UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "];

    /// <summary>"UBND quận Ninh Kiều" → the unit "quận Ninh Kiều", of no known level.</summary>
    internal static Unit FromName(string id, string approvingUnitName)
    {
        var n = approvingUnitName.Trim();
        foreach (var prefix in CommitteeWords)
            if (n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) n = n[prefix.Length..].Trim();
        return new Unit(id, n, "");
    }
}
