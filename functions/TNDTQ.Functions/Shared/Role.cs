namespace Tndtq.Shared;

/// <summary>The roles of DOMAIN.md. Ward-scoped roles only ever act in their own ward.</summary>
public enum Role
{
    WardOfficer,
    WardChairman,
    DistrictPolice,
    EmulationCouncil,
    DistrictLeader,
    Administrator,
}

public static class Roles
{
    public static readonly Role[] WardScoped = [Role.WardOfficer, Role.WardChairman];
    public static readonly Role[] District = [Role.DistrictPolice, Role.EmulationCouncil, Role.DistrictLeader, Role.Administrator];
    public static bool IsWardScoped(this Role role) => role is Role.WardOfficer or Role.WardChairman;
}
