using Tndtq.Shared;

namespace Tndtq.Meetings;

/// <summary>Who a meeting is of: one group (họp tổ định kỳ) or the ward with all group leaders (họp giao ban).</summary>
public static class MeetingScope
{
    public const string Group = "group";
    public const string Ward = "ward";
}

/// <summary>A regular (định kỳ) or extraordinary (bất thường) meeting.</summary>
public static class MeetingKind
{
    public const string Regular = "regular";
    public const string Extraordinary = "extraordinary";
}

/// <summary>How a person took part: present, absent, absent with leave.</summary>
public static class AttendanceStatus
{
    public const string Present = "present";
    public const string Absent = "absent";
    public const string Excused = "excused";
    public static readonly string[] All = [Present, Absent, Excused];
}

/// <summary>
/// A meeting as recorded (one version): who met, when, who chaired, who came, what was said and
/// what was agreed. Names are copied from the register when recorded, so the minutes read as they
/// were written whatever the register becomes. A removed meeting (<see cref="Removed"/>: recorded in error,
/// twice…) keeps its row and versions, readable with who removed it, when and why; it leaves the ward's
/// lists for the list of removed minutes, counts in no figure and has no open task.
/// </summary>
public sealed record Meeting(
    string Id, string WardId, string Scope, string? GroupId, string? GroupName, DateOnly Date, string Kind, string Chair,
    IReadOnlyList<Attendee> Attendance, IReadOnlyList<string> Guests, string Content, IReadOnlyList<AgreedTask> Tasks,
    IReadOnlyList<MinutesFile> Minutes, int Version, DateTimeOffset RecordedAt, string RecordedByName,
    DateTimeOffset UpdatedAt, string UpdatedByName, string? CorrectionReason = null, MeetingRemoval? Removed = null);

/// <summary>Who removed a meeting's minutes, when, and why.</summary>
public sealed record MeetingRemoval(DateTimeOffset At, string ByName, string Reason);

/// <summary>A person on the attendance list: a member of the group (or, at a ward meeting, a group's leader or deputy).</summary>
public sealed record Attendee(string MemberId, string FullName, string RoleName, string? GroupId, string? GroupName, string Status);

/// <summary>A task the meeting agreed on: what, who, by when; followed in the ward officer's inbox until done.</summary>
public sealed record AgreedTask(string Id, string What, string Who, DateOnly DueOn, bool Done = false, DateTimeOffset? DoneAt = null,
    string? DoneByName = null, string? DoneNote = null);

/// <summary>The minutes (biên bản) as a file: PDF, DOCX or a photo, stored under a name the system makes.</summary>
public sealed record MinutesFile(string Name, string BlobName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>One meeting of a group in its counters: the date and the kind (enough to recount every figure).</summary>
public sealed record MeetingMark(DateOnly Date, string Kind);

/// <summary>
/// A group's meeting counters (row <c>gc|{groupId}</c>): every meeting of the group by id, so the
/// last meeting and the counts per year stay exact when a meeting's date is corrected.
/// </summary>
public sealed record GroupMeetingCounters(string GroupId, IReadOnlyDictionary<string, MeetingMark> Meetings)
{
    public static GroupMeetingCounters Empty(string groupId) => new(groupId, new Dictionary<string, MeetingMark>());
    public DateOnly? LastMeeting => Meetings.Count == 0 ? null : Meetings.Values.Max(m => m.Date);
    public int CountIn(int year) => Meetings.Values.Count(m => m.Date.Year == year);

    public GroupMeetingCounters With(string meetingId, MeetingMark? mark)
    {
        var next = new Dictionary<string, MeetingMark>(Meetings);
        if (mark is null) next.Remove(meetingId); else next[meetingId] = mark;
        return this with { Meetings = next };
    }
}

/// <summary>What one year counts in a ward: group meetings (regular, extraordinary), groups that met at least once, ward meetings.</summary>
public sealed record YearCounts(int GroupMeetings, int RegularGroupMeetings, int ExtraordinaryGroupMeetings, int GroupsMet, int WardMeetings)
{
    public static readonly YearCounts Zero = new(0, 0, 0, 0, 0);
    public YearCounts Plus(YearCounts o, int sign) => new(GroupMeetings + sign * o.GroupMeetings, RegularGroupMeetings + sign * o.RegularGroupMeetings,
        ExtraordinaryGroupMeetings + sign * o.ExtraordinaryGroupMeetings, GroupsMet + sign * o.GroupsMet, WardMeetings + sign * o.WardMeetings);
    public bool IsZero => this == Zero;
}

/// <summary>
/// A ward's meeting counters (row <c>wc</c>): per year, and each group's last meeting date, so the
/// share of groups that met within the period is one point read plus the register's active groups.
/// Written in the same transaction as every meeting; reports (per ward, per year) read it.
/// </summary>
public sealed record WardMeetingCounters(IReadOnlyDictionary<string, DateOnly> LastMeetingByGroup, IReadOnlyDictionary<int, YearCounts> Years)
{
    public static readonly WardMeetingCounters Empty = new(new Dictionary<string, DateOnly>(), new Dictionary<int, YearCounts>());

    /// <summary>What one group's meetings add to the years.</summary>
    public static Dictionary<int, YearCounts> Contribution(GroupMeetingCounters g) =>
        g.Meetings.Values.GroupBy(m => m.Date.Year).ToDictionary(y => y.Key, y => new YearCounts(y.Count(),
            y.Count(m => m.Kind == MeetingKind.Regular), y.Count(m => m.Kind == MeetingKind.Extraordinary), 1, 0));

    /// <summary>The counters after one group's meetings went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public WardMeetingCounters WithGroup(GroupMeetingCounters before, GroupMeetingCounters after)
    {
        var years = new Dictionary<int, YearCounts>(Years);
        foreach (var (year, c) in Contribution(before)) years[year] = years.GetValueOrDefault(year, YearCounts.Zero).Plus(c, -1);
        foreach (var (year, c) in Contribution(after)) years[year] = years.GetValueOrDefault(year, YearCounts.Zero).Plus(c, +1);
        var last = new Dictionary<string, DateOnly>(LastMeetingByGroup);
        if (after.LastMeeting is { } d) last[after.GroupId] = d; else last.Remove(after.GroupId);
        return new WardMeetingCounters(last, Clean(years));
    }

    /// <summary>The counters after a ward meeting moved from one date to another (null: none).</summary>
    public WardMeetingCounters WithWardMeeting(DateOnly? before, DateOnly? after)
    {
        var years = new Dictionary<int, YearCounts>(Years);
        var one = YearCounts.Zero with { WardMeetings = 1 };
        if (before is { } b) years[b.Year] = years.GetValueOrDefault(b.Year, YearCounts.Zero).Plus(one, -1);
        if (after is { } a) years[a.Year] = years.GetValueOrDefault(a.Year, YearCounts.Zero).Plus(one, +1);
        return this with { Years = Clean(years) };
    }

    static Dictionary<int, YearCounts> Clean(Dictionary<int, YearCounts> years) => years.Where(y => !y.Value.IsZero).ToDictionary(y => y.Key, y => y.Value);

    /// <summary>Equal as figures (the dictionaries compared by content), for the recount check.</summary>
    public bool SameAs(WardMeetingCounters o) =>
        LastMeetingByGroup.Count == o.LastMeetingByGroup.Count && LastMeetingByGroup.All(kv => o.LastMeetingByGroup.TryGetValue(kv.Key, out var d) && d == kv.Value) &&
        Years.Count == o.Years.Count && Years.All(kv => o.Years.TryGetValue(kv.Key, out var y) && y == kv.Value);
}

// ---- what the API shows ------------------------------------------------------------------------

/// <summary>Something the caller may do now (the page draws its buttons from these, never from role rules of its own).</summary>
public sealed record MeetingAction(string Name, string Label, string Method, string Href, string? TaskId = null);

public sealed record AttendeeView(string MemberId, string FullName, string RoleName, string? GroupId, string? GroupName, string Status, string StatusName);

public sealed record AgreedTaskView(string Id, string What, string Who, DateOnly DueOn, bool Done, DateTimeOffset? DoneAt, string? DoneByName, string? DoneNote, bool Overdue);

/// <summary>A meeting as the API shows it, with its ETag (send it back in If-Match to correct it) and what the caller may do.</summary>
public sealed record MeetingView(
    string Id, string WardId, string Scope, string ScopeName, string? GroupId, string? GroupName, DateOnly Date, string Kind, string KindName, string Chair,
    IReadOnlyList<AttendeeView> Attendance, int Present, int Absent, int Excused, IReadOnlyList<string> Guests, string Content,
    IReadOnlyList<AgreedTaskView> Tasks, IReadOnlyList<MinutesFile> Minutes, int Version, DateTimeOffset RecordedAt, string RecordedByName,
    DateTimeOffset UpdatedAt, string UpdatedByName, string? CorrectionReason, IReadOnlyList<MeetingAction> Actions, string ETag, MeetingRemoval? Removed = null) : IVersioned;

/// <summary>A meeting in a list: no attendance or content, only what a list shows.</summary>
public sealed record MeetingListItem(string Id, string Scope, string ScopeName, string? GroupId, string? GroupName, DateOnly Date, string Kind, string KindName,
    string Chair, int Present, int Attendees, int TasksOpen, int TasksTotal, bool HasMinutes, int Version);

/// <summary>A group's meetings at a glance (its page shows this).</summary>
public sealed record GroupMeetingSummary(string WardId, string GroupId, DateOnly? LastMeeting, int MeetingsThisYear, int Year, int? DaysSinceLastMeeting,
    bool Overdue, int MaxDaysWithoutMeeting, MeetingAction? Record);

public sealed record GroupMeetingLine(string GroupId, string GroupName, DateOnly? LastMeeting, int MeetingsInYear, bool MetWithinPeriod);

/// <summary>
/// A ward's meetings at a glance: the share of active groups that met within the last
/// <see cref="MaxDaysWithoutMeeting"/> days, the year's figures, and each active group's last meeting.
/// </summary>
public sealed record WardMeetingSummary(string WardId, int Year, int MaxDaysWithoutMeeting, int ActiveGroups, int GroupsMetWithinPeriod, double ShareMetWithinPeriod,
    YearCounts YearCounts, IReadOnlyDictionary<int, YearCounts> Years, IReadOnlyList<GroupMeetingLine> Groups, MeetingAction? Record);

// ---- request bodies ----------------------------------------------------------------------------

/// <summary>
/// Body of POST /api/wards/{wardId}/meetings and PUT …/meetings/{meetingId} (a correction, with If-Match and a reason).
/// Attendance names members of the register by id; tasks keep their <c>id</c> through corrections.
/// </summary>
public sealed record MeetingBody(
    [Text(20)] string? Scope, [Id] string? GroupId, DateOnly? Date, [Text(20)] string? Kind, [Text(Limits.Name)] string? Chair,
    [MaxCount(300)] IReadOnlyList<AttendanceBody>? Attendance, [MaxCount(50)] IReadOnlyList<string>? Guests,
    [Text(Limits.LongText, MultiLine = true)] string? Content, [MaxCount(30)] IReadOnlyList<AgreedTaskBody>? Tasks,
    [Text(Limits.Comment, MultiLine = true)] string? Reason = null);

public sealed record AttendanceBody([Id] string? MemberId, [Text(20)] string? Status);

public sealed record AgreedTaskBody([Id] string? Id, [Text(500, MultiLine = true)] string? What, [Text(Limits.Name)] string? Who, DateOnly? DueOn);

/// <summary>Body of POST …/meetings/{meetingId}/remove (If-Match): why the minutes are removed (required).</summary>
public sealed record RemoveMeetingBody([Text(Limits.Comment, MultiLine = true)] string? Reason);

/// <summary>Body of POST …/tasks/{taskId}/done (optional): a note on how it was done.</summary>
public sealed record CompleteTaskBody([Text(Limits.Comment, MultiLine = true)] string? Note);
