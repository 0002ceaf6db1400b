using Azure.Data.Tables;
using Tndtq.Shared;
using Tndtq.Register;

namespace Tndtq.Meetings;

/// <summary>
/// What meetings read from the register, through its public service and store only: a group and
/// its members (for the attendance list), the ward's active groups with their leaders and deputies
/// (for ward meetings and the share of groups that met). One place to change if the register does.
/// </summary>
public sealed class MeetingRegister(RegisterService register, RegisterStore store)
{
    /// <summary>404 for a ward that does not exist, 403 for a ward the caller may not read.</summary>
    public Task<WardView> WardAsync(Caller caller, string wardId, CancellationToken ct) => register.GetWardAsync(caller, wardId, ct);

    public async Task<GroupView?> GroupAsync(Caller caller, string wardId, string groupId, CancellationToken ct)
    {
        try { return await register.GetGroupAsync(caller, wardId, groupId, ct); }
        catch (Shared.ProblemException e) when (e.Status == 404) { return null; }
    }

    /// <summary>Every member of the group, those who left included (a correction of an old meeting may name them).</summary>
    public async Task<List<MemberView>> MembersAsync(Caller caller, string wardId, string groupId, CancellationToken ct)
    {
        var all = new List<MemberView>();
        string? token = null;
        do
        {
            var page = await register.ListMembersAsync(caller, wardId, groupId, null, null, token, 200, ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }

    public async Task<List<GroupView>> ActiveGroupsAsync(Caller caller, string wardId, CancellationToken ct)
    {
        var all = new List<GroupView>();
        string? token = null;
        do
        {
            var page = await register.ListGroupsAsync(caller, wardId, GroupStatus.Active, token, 200, ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }

    // ---- for the daily scan, which has no caller -----------------------------------------------

    public async Task<IReadOnlyList<string>> WardIdsAsync(CancellationToken ct) => (await store.ListWardsAsync(ct)).Select(w => w.Value.Id).ToList();

    public async Task<List<Group>> ActiveGroupsAsync(string wardId, CancellationToken ct)
    {
        var all = new List<Group>();
        string? token = null;
        do
        {
            var page = await store.PageAsync(wardId, "g|", TableClient.CreateQueryFilter($"Status eq {TableRows.Kebab(GroupStatus.Active)}"), token, 1000, ct);
            all.AddRange(page.Items.Select(e => JsonTable.Read<Group>(e)));
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }
}
