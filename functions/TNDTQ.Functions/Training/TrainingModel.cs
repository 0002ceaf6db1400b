using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq.Training;

/// <summary>What a training session is about (chủ đề tập huấn).</summary>
public static class TrainingTopic
{
    public const string Politics = "politics";
    public const string Law = "law";
    public const string SecuritySkills = "security-skills";
    public const string FireSafety = "fire-safety";
    public const string Other = "other";
    public static readonly string[] All = [Politics, Law, SecuritySkills, FireSafety, Other];
}

/// <summary>
/// Where a session is: planned (the police may still edit it), published (invitations are out, each invited
/// ward's officer confirms who attends), held (attendance recorded), cancelled.
/// </summary>
public static class SessionStatus
{
    public const string Planned = "planned";
    public const string Published = "published";
    public const string Held = "held";
    public const string Cancelled = "cancelled";
}

/// <summary>How the invitation step of a ward ends.</summary>
public static class InvitationOutcome
{
    public const string Confirmed = "confirmed";
    public const string Cancel = "cancel";
    public const string Closed = "closed";
}

/// <summary>A person of the register, named by ward, group and member id (members are kept per group).</summary>
public sealed record PersonRef(string WardId, string GroupId, string MemberId);

/// <summary>A person as they were when named: the register's name and role are copied, so the record reads as written.</summary>
public sealed record Participant(string WardId, string GroupId, string GroupName, string MemberId, string FullName, string RoleName);

/// <summary>Who the police invite: every active leader and/or deputy of the invited wards, and people named one by one.</summary>
public sealed record Invitees(bool Leaders, bool Deputies, IReadOnlyList<Participant> Members);

/// <summary>
/// A ward's answer to the invitation: the people who will attend, confirmed by the ward officer. A changed list says why
/// (<see cref="Reason"/>) and keeps the lists it replaced, oldest first (<see cref="Earlier"/>).
/// </summary>
public sealed record WardConfirmation(IReadOnlyList<Participant> People, DateTimeOffset At, string ByName, string? Reason = null,
    IReadOnlyList<WardConfirmation>? Earlier = null);

/// <summary>A file of the session (the signed attendance sheet, the materials), stored under a name the system makes.</summary>
public sealed record SessionFile(string Name, string BlobName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>
/// A training session (hội nghị tập huấn) of the district police: document <c>s|{id}</c> of partition
/// <c>sessions</c>. The wards' confirmations live in it, so the capacity across wards is checked by one
/// ETag-checked write. Attendance lives in the wards' partitions with the figures it moves.
/// </summary>
public sealed record TrainingSession(
    string Id, string Topic, string Title, DateTimeOffset StartsAt, string Place, string Trainer, IReadOnlyList<string> WardIds,
    Invitees Invite, int Capacity, DateOnly ConfirmBy, string Status, int Version, DateTimeOffset CreatedAt, string CreatedByName,
    DateTimeOffset UpdatedAt, string UpdatedByName, IReadOnlyDictionary<string, WardConfirmation> Confirmations, IReadOnlyList<string> AttendanceWards,
    IReadOnlyList<SessionFile> Files, DateTimeOffset? PublishedAt = null, DateTimeOffset? CancelledAt = null, string? CancelReason = null,
    IReadOnlyList<AttendanceCorrection>? Corrections = null)
{
    public DateOnly Date => DateOnly.FromDateTime(VietnamTime.ToVietnam(StartsAt).DateTime);
    public int Confirmed => Confirmations.Values.Sum(c => c.People.Count);
}

/// <summary>One person's presence as recorded after the session.</summary>
public sealed record Presence(Participant Person, bool Present);

/// <summary>
/// A ward's attendance at a session (rows <c>r|{sessionId}|{part}</c> of the ward's partition): written in parts of
/// at most <see cref="TrainingStore.PeoplePerTransaction"/> people, each part in one transaction with the people's
/// training rows and the ward's figures it moves.
/// </summary>
/// <remarks><see cref="Corrections"/>: the operations that corrected this part (a retried correction changes nothing twice).</remarks>
public sealed record AttendancePart(string SessionId, int Part, IReadOnlyList<Presence> People, DateTimeOffset At, string ByName,
    IReadOnlyList<string>? Corrections = null);

/// <summary>A correction of a held session's attendance, kept on the session: who, when, why, and whose presence changed.</summary>
public sealed record AttendanceCorrection(string OperationId, DateTimeOffset At, string ByName, string Reason, IReadOnlyList<string> NowPresent,
    IReadOnlyList<string> NowAbsent);

/// <summary>One session a person attended (present), as their training history keeps it.</summary>
public sealed record TrainingMark(string SessionId, DateOnly Date, string Topic, string Title);

/// <summary>A person's training (row <c>p|{memberId}</c>): every session they attended; the last one says whether they are trained.</summary>
public sealed record TrainedPerson(string MemberId, string GroupId, string FullName, IReadOnlyList<TrainingMark> Sessions)
{
    public DateOnly? LastTrained => Sessions.Count == 0 ? null : Sessions.Max(s => s.Date);
}

/// <summary>What one year counts in a ward: sessions its people attended, distinct people trained.</summary>
public sealed record TrainingYear(int Sessions, int PeopleTrained);

/// <summary>A ward's training figures (row <c>y</c>), per year; moved in the same transaction as each attendance part.</summary>
public sealed record WardTrainingFigures(IReadOnlyDictionary<int, TrainingYear> Years)
{
    public static readonly WardTrainingFigures Empty = new(new Dictionary<int, TrainingYear>());
}

/// <summary>Settings of training: <c>Training__ValidMonths</c> (default 24), how long a training counts.</summary>
public sealed record TrainingOptions(int ValidMonths = 24)
{
    public static TrainingOptions From(Microsoft.Extensions.Configuration.IConfiguration c) =>
        new(Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(c, "Training:ValidMonths", 24));
}

// ---- what the API shows ------------------------------------------------------------------------

/// <summary>A ward invited: its step (from its invitation workflow) and, for who may see it, its people.</summary>
public sealed record WardInvitationView(string WardId, string WardName, string Step, string StepName, bool Overdue, IReadOnlyList<Participant> Confirmed,
    DateTimeOffset? ConfirmedAt, string? ConfirmedByName, IReadOnlyList<PresenceView> Attendance, bool AttendanceRecorded, string? ChangeReason = null,
    IReadOnlyList<WardConfirmation>? EarlierConfirmations = null);

public sealed record PresenceView(Participant Person, bool Present, string PresenceName);

/// <summary>A session as the API shows it, with its ETag (send it back in If-Match to edit) and what the caller may do.</summary>
public sealed record TrainingSessionView(
    string Id, string Topic, string TopicName, string Title, DateTimeOffset StartsAt, DateOnly Date, string StartTime, string Place, string Trainer,
    IReadOnlyList<string> WardIds, bool InviteLeaders, bool InviteDeputies, IReadOnlyList<Participant> InvitedMembers, int Capacity, int Confirmed, int SeatsLeft,
    DateOnly ConfirmBy, DateTimeOffset ConfirmDeadline, string Status, string StatusName, int Version, string CreatedByName, DateTimeOffset UpdatedAt, string UpdatedByName,
    string? CancelReason, IReadOnlyList<WardInvitationView> Wards, IReadOnlyList<SessionFile> Files, IReadOnlyList<WorkflowAction> Actions, string ETag,
    IReadOnlyList<AttendanceCorrection>? Corrections = null) : IVersioned;

public sealed record TrainingSessionListItem(string Id, string Topic, string TopicName, string Title, DateTimeOffset StartsAt, DateOnly Date, string StartTime,
    string Place, int Capacity, int Confirmed, DateOnly ConfirmBy, string Status, string StatusName, int Wards);

/// <summary>A page of the sessions (<paramref name="ContinuationToken"/>: the next page's, null after the last), the caller's actions, the topics.</summary>
public sealed record TrainingSessionList(IReadOnlyList<TrainingSessionListItem> Items, IReadOnlyList<WorkflowAction> Actions, IReadOnlyList<TopicOption> Topics,
    string? ContinuationToken = null);

/// <summary>A key and its Vietnamese name (the topics, for the plan form).</summary>
public sealed record TopicOption(string Key, string Name);

/// <summary>A leader or deputy in the coverage: trained within the period or not, and why not.</summary>
public sealed record CoveragePerson(string WardId, string GroupId, string GroupName, string MemberId, string FullName, string RoleName, DateOnly? LastTrained,
    string Flag, string FlagName);

public sealed record WardCoverage(string WardId, string WardName, int LeadersAndDeputies, int Trained, double Share, IReadOnlyList<CoveragePerson> NotTrained);

/// <summary>The share of active leaders and deputies trained within the last <see cref="ValidMonths"/> months (since <see cref="Since"/>).</summary>
public sealed record TrainingCoverage(int ValidMonths, DateOnly Since, int LeadersAndDeputies, int Trained, double Share, IReadOnlyList<WardCoverage> Wards);

public sealed record MemberTrainingView(string WardId, string GroupId, string MemberId, DateOnly? LastTrained, bool TrainedWithinPeriod, int ValidMonths,
    IReadOnlyList<MemberTrainingLine> Sessions);

/// <summary>Whether a person of the register was trained, and when last (a leadership candidate of a proposal).</summary>
public sealed record PersonTrainingStatus(string MemberId, DateOnly? LastTrained, bool TrainedWithinPeriod, string StatusName);

public sealed record MemberTrainingLine(string SessionId, DateOnly Date, string Topic, string TopicName, string Title);

// ---- request bodies ----------------------------------------------------------------------------

/// <summary>
/// Body of POST /api/training/sessions and PUT …/sessions/{id} (If-Match, while planned). <c>startTime</c> is
/// "HH:mm" Vietnam time on <c>date</c>; the wards confirm until 17:00 on <c>confirmBy</c>.
/// </summary>
public sealed record TrainingSessionBody(
    [Text(40)] string? Topic, [Text(Limits.Title)] string? Title, DateOnly? Date, [Text(10)] string? StartTime, [Text(Limits.Title)] string? Place,
    [Text(Limits.Name)] string? Trainer, [Id, MaxCount(TrainingStore.MaxWards)] IReadOnlyList<string>? WardIds, bool? InviteLeaders, bool? InviteDeputies,
    [MaxCount(300)] IReadOnlyList<PersonBody>? Members, int? Capacity, DateOnly? ConfirmBy);

public sealed record PersonBody([Id] string? WardId, [Id] string? GroupId, [Id] string? MemberId);

/// <summary>
/// Body of POST …/sessions/{id}/wards/{wardId}/confirm: the people of the ward who will attend. Once the ward has confirmed, the same
/// call changes its list until the session starts, with <c>reason</c> (required then).
/// </summary>
public sealed record ConfirmAttendeesBody([MaxCount(300)] IReadOnlyList<PersonBody>? People, [Text(Limits.Comment, MultiLine = true)] string? Reason = null);

/// <summary>Body of POST …/sessions/{id}/attendance: present or absent for each confirmed person (one left out is absent).</summary>
public sealed record TrainingAttendanceBody([MaxCount(1000)] IReadOnlyList<PresenceBody>? People);

public sealed record PresenceBody([Id] string? WardId, [Id] string? MemberId, bool? Present);

/// <summary>Body of POST …/sessions/{id}/attendance/corrections (after the session was held): the people whose presence changes, and why.</summary>
public sealed record CorrectAttendanceBody([MaxCount(1000)] IReadOnlyList<PresenceBody>? People, [Text(Limits.Comment, MultiLine = true)] string? Reason);

/// <summary>Body of POST …/sessions/{id}/cancel.</summary>
public sealed record CancelSessionBody([Text(Limits.Comment, MultiLine = true)] string? Reason);
