using Tndtq.Register;
using Tndtq.Shared;

namespace Tndtq.Training;

/// <summary>A leader or deputy of an active group, as coverage and invitations read them from the register.</summary>
public sealed record LeaderOrDeputy(string WardId, string GroupId, string GroupName, string MemberId, string FullName, MemberRole Role);

/// <summary>
/// What training reads from the register, through its public service only (as the meetings do): the wards, the
/// active groups with their leaders and deputies, and one member. One place to change if the register does.
/// </summary>
public sealed class TrainingRegister(RegisterService register, RegisterStore store)
{
    public async Task<IReadOnlyList<Ward>> WardsAsync(CancellationToken ct) => (await store.ListWardsAsync(ct)).Select(w => w.Value).ToList();

    /// <summary>Active leaders and deputies of the ward's active groups (the group summaries the register keeps beside its groups).</summary>
    public async Task<List<LeaderOrDeputy>> LeadersAndDeputiesAsync(Caller caller, string wardId, CancellationToken ct)
    {
        var all = new List<LeaderOrDeputy>();
        string? token = null;
        do
        {
            var page = await register.ListGroupsAsync(caller, wardId, GroupStatus.Active, token, 200, ct);
            foreach (var g in page.Items)
            {
                if (g.Leader is { } l) all.Add(new(wardId, g.Id, g.Name, l.Id, l.FullName, MemberRole.Leader));
                foreach (var d in g.Deputies) all.Add(new(wardId, g.Id, g.Name, d.Id, d.FullName, MemberRole.Deputy));
            }
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }

    /// <summary>
    /// The present people of an attendance part get the session's date on their member rows, and the register's counters of
    /// trained leaders and deputies move with it (<see cref="RegisterService.RecordTrainingAsync"/>): idempotent, run after the
    /// part's own transaction also when the part was written before, so a retry after a crash in between finishes it.
    /// </summary>
    public Task<int> RecordAttendanceAsync(string wardId, DateOnly date, IEnumerable<Presence> people, Actor actor, CancellationToken ct) =>
        register.RecordTrainingAsync(wardId, people.Where(p => p.Present).Select(p => new TrainingDate(p.Person.GroupId, p.Person.MemberId, date)).ToList(), actor, ct);

    /// <summary>Attendance corrected: the people's last training (from their corrected training rows; null: none left) set on their member rows.</summary>
    public Task<int> CorrectAttendanceAsync(string wardId, IReadOnlyCollection<TrainedPerson> people, Actor actor, string description, CancellationToken ct) =>
        people.Count == 0 ? Task.FromResult(0)
            : register.CorrectTrainingAsync(wardId, people.Select(p => (p.GroupId, p.MemberId, p.LastTrained)).ToList(), actor, description, ct);

    /// <summary>Every person's last training (the ward's training rows) written on their member rows in one change: the rebuild.</summary>
    public Task<int> BringInAsync(string wardId, IEnumerable<TrainingDate> people, CancellationToken ct) =>
        register.BringInTrainingAsync(wardId, people.ToList(), Actor.System, RegisterTexts.OpTrainingBroughtIn, ct);

    /// <summary>A member of the ward's register (404 when there is none).</summary>
    public Task<MemberView> MemberAsync(Caller caller, string wardId, string groupId, string memberId, CancellationToken ct) =>
        register.GetMemberAsync(caller, wardId, groupId, memberId, ct);

    /// <summary>An active member of an active group of the ward, with the group's name (null: no such person, or they left).</summary>
    public async Task<Participant?> ActiveMemberAsync(Caller caller, string wardId, string groupId, string memberId, CancellationToken ct)
    {
        if (!Ids.IsValidId(groupId) || !Ids.IsValidId(memberId)) return null;
        try
        {
            var group = await register.GetGroupAsync(caller, wardId, groupId, ct);
            if (group.Status != GroupStatus.Active) return null;
            var m = await register.GetMemberAsync(caller, wardId, groupId, memberId, ct);
            return m.Status == MemberStatus.Active ? new Participant(wardId, groupId, group.Name, m.Id, m.FullName, m.RoleName) : null;
        }
        catch (ProblemException e) when (e.Status == 404) { return null; }
    }
}
