namespace Tndtq.Shared;

/// <summary>Figures kept as the records changed, against a recount from the records themselves, and whether the two agree.</summary>
public sealed record RecountCheck<T>(T Stored, T Recount, bool Consistent);
