using Tndtq.Shared;

namespace Tndtq.Inbox;

/// <summary>Who a task or notice is for: a ward role in one ward ("ward-chairman|an-cu") or a district role ("district-police").</summary>
public static class Audience
{
    public static string Of(Role role, string wardId) =>
        role.IsWardScoped() ? $"{TableRows.Kebab(role)}|{wardId}" : TableRows.Kebab(role);

    /// <summary>Every audience the caller belongs to.</summary>
    public static IEnumerable<string> Of(Caller caller) =>
        caller.Roles.Select(r => r.IsWardScoped() ? (caller.WardId is { } w ? Of(r, w) : null) : Of(r, "")).OfType<string>().Distinct();
}
