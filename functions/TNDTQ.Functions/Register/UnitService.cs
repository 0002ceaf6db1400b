using Tndtq.Shared;

namespace Tndtq.Register;

/// <param name="Name">"quận", "phường", "xã", "đặc khu": the level as a sentence writes it, in lower case.</param>
public sealed record SaveLevelBody([Text(Limits.Name)] string? Name);

/// <summary>An approving unit and its bodies (docs/units.md): what is left empty is derived ("Công an {level} {name}").</summary>
public sealed record SaveUnitBody(
    [Text(Limits.Name)] string? Name, [Id] string? LevelId, [Text(Limits.Title)] string? ParentName, [Text(Limits.Title)] string? LeaderTitle,
    [Text(Limits.Title)] string? PoliceHeadTitle, [Text(Limits.Title)] string? Committee, [Text(Limits.Title)] string? Police,
    [Text(Limits.Title)] string? Council, [Text(Limits.Address)] string? ReportTo, [Text(Limits.Address)] string? CopyTo);

/// <summary>An approving unit as pages show it: its data, its words, the wards it approves, and the ETag to send back to edit it.</summary>
public sealed record UnitView(Unit Unit, string ApprovingUnit, string Committee, string Police, string PoliceShort, string LeaderShort,
    IReadOnlyList<UnitWard> Wards, string ETag) : IVersioned;

public sealed record UnitWard(string Id, string Name);

public sealed record UnitsView(IReadOnlyList<Level> Levels, IReadOnlyList<UnitView> Units);

/// <summary>
/// The levels and approving units a deployment describes (docs/units.md): every signed-in person reads them, an administrator
/// creates and edits them. A unit's id is the <see cref="Ward.ApprovingUnitId"/> of the wards it approves (since 2025 a
/// commune-level phường's own ward id). What a unit leaves empty reads as derived from its level and name. A unit is created
/// without If-Match (409 when it exists) and edited with the ETag it was read with (412 when someone else saved it meanwhile).
/// </summary>
public sealed class UnitService(RegisterStore store, TimeProvider clock)
{
    public async Task<UnitsView> ListAsync(Caller caller, CancellationToken ct)
    {
        var wards = (await store.ListWardsAsync(ct)).Select(w => w.Value).ToList();
        var levels = await store.ListLevelsAsync(ct);
        var units = new List<UnitView>();
        foreach (var (unit, etag) in (await store.LoadUnitsAsync(ct)).OrderBy(u => u.Value.Name, NaturalVietnameseComparer.Instance))
            units.Add(View(unit, levels, wards.Where(w => w.ApprovingUnitId == unit.Id && caller.CanRead(w.Id)).ToList(), etag.ToString()));
        return new UnitsView(levels, units);
    }

    public async Task<Level> SaveLevelAsync(Caller caller, string levelId, SaveLevelBody body, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValidId(levelId)) errors["levelId"] = [RegisterTexts.LevelIdInvalid];
        if (string.IsNullOrWhiteSpace(body.Name)) errors["name"] = [RegisterTexts.LevelNameRequired];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var level = new Level(levelId, VietnameseText.Tidy(body.Name).ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        await store.SaveLevelAsync(level, Actor.Of(caller), clock.GetUtcNow(), ct);
        return level;
    }

    public async Task<UnitView> SaveUnitAsync(Caller caller, string unitId, string? ifMatch, SaveUnitBody body, CancellationToken ct)
    {
        caller.Require(Role.Administrator);
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValidWardId(unitId)) errors["unitId"] = [RegisterTexts.UnitIdInvalid];
        if (string.IsNullOrWhiteSpace(body.Name)) errors["name"] = [RegisterTexts.UnitNameRequired];
        var levels = await store.ListLevelsAsync(ct);
        if (string.IsNullOrWhiteSpace(body.LevelId)) errors["levelId"] = [RegisterTexts.UnitLevelRequired];
        else if (levels.All(l => l.Id != body.LevelId)) errors["levelId"] = [RegisterTexts.UnitLevelNotFound];
        if (errors.Count > 0) throw ProblemException.Validation(errors);
        var unit = new Unit(unitId, VietnameseText.Tidy(body.Name), body.LevelId!, Clean(body.ParentName), Clean(body.LeaderTitle), Clean(body.PoliceHeadTitle),
            Clean(body.Committee), Clean(body.Police), Clean(body.Council), Clean(body.ReportTo), Clean(body.CopyTo));
        Loaded<Unit>? existing = (await store.LoadUnitsAsync(ct)).Where(u => u.Value.Id == unitId).Select(u => (Loaded<Unit>?)u).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(ifMatch) && existing is not null) throw ProblemException.Conflict(RegisterTexts.UnitExists, "unit-exists");
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (existing is null) throw ProblemException.NotFound(RegisterTexts.UnitNotFound);
            RegisterChanges.RequireIfMatch(ifMatch, existing.Value.ETag);
        }
        Azure.ETag saved;
        try { saved = await store.SaveUnitAsync(unit, existing?.ETag, Actor.Of(caller), clock.GetUtcNow(), ct); }
        catch (ConcurrencyConflictException)
        {
            throw existing is null ? ProblemException.Conflict(RegisterTexts.UnitExists, "unit-exists") : new ProblemException(412, Texts.Conflict, Texts.StaleETag, "stale-etag");
        }
        var wards = (await store.ListWardsAsync(ct)).Select(w => w.Value).Where(w => w.ApprovingUnitId == unitId).ToList();
        return View(unit, levels, wards, saved.ToString());
    }

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Tidy(s);

    static UnitView View(Unit unit, IReadOnlyList<Level> levels, IReadOnlyList<Ward> wards, string etag)
    {
        var t = new WardTerms(null, null, unit, levels.FirstOrDefault(l => l.Id == unit.LevelId) ?? new Level(unit.LevelId, ""));
        return new UnitView(unit, t.ApprovingUnit, t.Committee, t.Police, t.PoliceShort, t.LeaderShort,
            wards.OrderBy(w => w.Name, NaturalVietnameseComparer.Instance).Select(w => new UnitWard(w.Id, w.Name)).ToList(), etag);
    }
}
