using Tndtq.Shared;

namespace Tndtq.Register.Import;

public enum ImportRowStatus { Created, Updated, Unchanged, Rejected }

public sealed record ImportRowReport(int Row, ImportRowStatus Status, string StatusName, string? Group, string? FullName, IReadOnlyList<string> Messages);

public sealed record ImportSummary(int Rows, int Accepted, int Rejected, int GroupsCreated, int GroupsUpdated, int MembersCreated, int MembersUpdated, int Unchanged);

public sealed record ImportReport(string Mode, string FileName, bool Committed, ImportSummary Summary, IReadOnlyList<ImportRowReport> Rows);

/// <summary>
/// Plans an import on a ward's state: each row accepted (created / updated / unchanged) or
/// rejected with its reasons in Vietnamese. Groups are matched by name, people by citizen id or
/// name + birth year + address, so re-importing the same file changes nothing and a corrected file
/// changes only what differs. New groups may bring their leader and deputies (registering groups
/// that already exist on the ground); for groups already in the register, leadership changes
/// only through an approved proposal. Members missing from the file are left as they are.
/// </summary>
public static class RegisterImport
{
    sealed record ParsedRow(ImportRow Source, string? GroupName, string? FullName, MemberRole Role, Member Candidate, Group GroupFields, List<string> Errors);

    public static (List<ImportRowReport> Rows, ImportSummary Summary) Plan(WardState next, IReadOnlyList<ImportRow> rows, RegisterOptions options,
        DateOnly today, Func<string> newId)
    {
        var before = next.Clone();
        var parsed = CarryGroupNames(rows).Select(r => Parse(r, next.WardId, today)).ToList();

        // Within the file: one group's rows, its leader and deputies, the same person twice.
        foreach (var group in parsed.Where(p => p.GroupName is not null).GroupBy(p => VietnameseText.Fold(p.GroupName)))
        {
            var first = group.First();
            foreach (var p in group.Skip(1))
                if (Conflicts(first.GroupFields, p.GroupFields)) p.Errors.Add(RegisterTexts.ImportGroupFieldsDiffer(first.Source.RowNumber));
            var leaders = group.Where(p => p.Role == MemberRole.Leader).ToList();
            foreach (var p in leaders.Skip(options.MaxLeaders)) p.Errors.Add(RegisterTexts.ImportTwoLeaders(p.GroupName!, leaders[0].Source.RowNumber));
            var deputies = group.Where(p => p.Role == MemberRole.Deputy).ToList();
            foreach (var p in deputies.Skip(options.MaxDeputies)) p.Errors.Add(RegisterTexts.TooManyDeputies(p.GroupName!, options.MaxDeputies));
        }
        foreach (var person in parsed.Where(p => p.FullName is not null).GroupBy(p => PersonKey.Of(p.Candidate)))
            foreach (var p in person.Skip(1)) p.Errors.Add(RegisterTexts.ImportDuplicatePerson(person.First().Source.RowNumber));

        // Against the register (indexed once: a 5,000-row file stays linear).
        var groupIds = new Dictionary<string, string>();
        var activeGroups = before.Groups.Values.Where(g => g.Status == GroupStatus.Active).GroupBy(g => VietnameseText.Fold(g.Name)).ToDictionary(g => g.Key, g => g.First());
        var activeByPerson = new Dictionary<string, Member>();
        foreach (var m in next.Members.Values.Where(m => m.IsActive))
            foreach (var key in PersonKey.All(m)) activeByPerson.TryAdd(key, m);
        var results = new List<(ParsedRow Row, ImportRowStatus Status, string? MemberId)>();
        foreach (var p in parsed)
        {
            if (p.Errors.Count > 0 || p.GroupName is null || p.FullName is null) { results.Add((p, ImportRowStatus.Rejected, null)); continue; }
            var folded = VietnameseText.Fold(p.GroupName);
            var existingGroup = activeGroups.GetValueOrDefault(folded);
            var groupId = existingGroup?.Id ?? (groupIds.TryGetValue(folded, out var id) ? id : groupIds[folded] = newId());
            var group = next.Groups.GetValueOrDefault(groupId) ?? p.GroupFields with { Id = groupId };
            next.Groups[groupId] = MergeGroup(group, p.GroupFields);

            // By citizen id when either side has one, else by name + birth year + address (a CCCD added later still matches).
            var existing = activeByPerson.GetValueOrDefault(PersonKey.Of(p.Candidate)) ?? activeByPerson.GetValueOrDefault(PersonKey.NameKey(p.Candidate));
            if (existing is not null && existing.GroupId != groupId)
            {
                p.Errors.Add(RegisterTexts.PersonAlreadyInGroup(existing.FullName, next.Groups[existing.GroupId].Name) + " " + RegisterTexts.ImportMoveHint);
                results.Add((p, ImportRowStatus.Rejected, null));
                continue;
            }
            var isStructural = existingGroup is not null &&
                (existing is null ? p.Role != MemberRole.Member : existing.Role != p.Role && (existing.Role != MemberRole.Member || p.Role != MemberRole.Member));
            if (isStructural)
            {
                p.Errors.Add(RegisterTexts.StructuralChangeViaProposal);
                results.Add((p, ImportRowStatus.Rejected, null));
                continue;
            }
            var member = existing is null
                ? p.Candidate with { Id = newId(), GroupId = groupId }
                : existing with
                {
                    FullName = p.Candidate.FullName,
                    Gender = p.Candidate.Gender ?? existing.Gender,
                    BirthYear = p.Candidate.BirthYear ?? existing.BirthYear,
                    Address = p.Candidate.Address ?? existing.Address,
                    Phone = p.Candidate.Phone ?? existing.Phone,
                    CitizenId = p.Candidate.CitizenId ?? existing.CitizenId,
                    JoinedOn = p.Candidate.JoinedOn ?? existing.JoinedOn,
                };
            next.Members[member.Id] = member;
            foreach (var key in PersonKey.All(member)) activeByPerson[key] = member;
            results.Add((p, existing is null ? ImportRowStatus.Created : existing == member ? ImportRowStatus.Unchanged : ImportRowStatus.Updated, member.Id));
        }

        // The register's own rules on the result, reported on the rows they come from.
        var touchedMembers = results.Where(r => r.MemberId is not null).Select(r => r.MemberId!).ToList();
        var errors = RegisterRules.Validate(next, next.Groups.Keys.Where(id => !Equals(before.Groups.GetValueOrDefault(id), next.Groups[id])), touchedMembers, options, today);
        foreach (var (key, messages) in errors)
        {
            var parts = key.Split(':');
            var affected = parts[0] == "member"
                ? results.Where(r => r.MemberId == parts[1])
                : results.Where(r => r.MemberId is not null && next.Members[r.MemberId].GroupId == parts[1]).ToList();
            foreach (var r in affected) r.Row.Errors.AddRange(messages.Where(m => !r.Row.Errors.Contains(m)));
        }

        var reports = results.Select(r =>
        {
            var status = r.Row.Errors.Count > 0 ? ImportRowStatus.Rejected : r.Status;
            return new ImportRowReport(r.Row.Source.RowNumber, status, RegisterTexts.ImportRowStatusName(status), r.Row.GroupName, r.Row.FullName, r.Row.Errors);
        }).OrderBy(r => r.Row).ToList();
        var accepted = reports.Where(r => r.Status != ImportRowStatus.Rejected).ToList();
        var groupsCreated = next.Groups.Keys.Count(id => !before.Groups.ContainsKey(id));
        var groupsUpdated = next.Groups.Keys.Count(id => before.Groups.TryGetValue(id, out var g) && g != next.Groups[id]);
        return (reports, new ImportSummary(reports.Count, accepted.Count, reports.Count - accepted.Count, groupsCreated, groupsUpdated,
            accepted.Count(r => r.Status == ImportRowStatus.Created), accepted.Count(r => r.Status == ImportRowStatus.Updated),
            accepted.Count(r => r.Status == ImportRowStatus.Unchanged)));
    }

    /// <summary>
    /// What an import reads of the register (<see cref="ChangeScope"/>): the name index rows of the file's groups and the
    /// person index rows of its people — so the groups it matches, and the groups holding its people, are loaded, and
    /// nothing else of the ward.
    /// </summary>
    public static ChangeScope Scope(string wardId, IReadOnlyList<ImportRow> rows, DateOnly today)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in CarryGroupNames(rows).Select(r => Parse(r, wardId, today)))
        {
            if (p.GroupName is not null) keys.Add(RegisterTable.GroupNameIndexKey(p.GroupName));
            if (p.FullName is not null) foreach (var k in PersonKey.All(p.Candidate)) keys.Add(RegisterTable.PersonIndexKey(k));
        }
        return new ChangeScope([], keys);
    }

    /// <summary>A row whose group name is blank belongs to the group above it (as a merged cell reads), as the template says.</summary>
    static IEnumerable<ImportRow> CarryGroupNames(IReadOnlyList<ImportRow> rows)
    {
        string? group = null;
        foreach (var row in rows)
        {
            if (row["group"] is { } name) group = name;
            else if (group is not null) { yield return row with { Cells = new Dictionary<string, string?>(row.Cells) { ["group"] = group } }; continue; }
            yield return row;
        }
    }

    static ParsedRow Parse(ImportRow row, string wardId, DateOnly today)
    {
        var errors = new List<string>();
        // A cell over its limit or with hidden characters rejects the row; the report shows only the start of it.
        foreach (var (key, value) in row.Cells)
            if (Input.TextProblem(value, Limits.Area, multiLine: true) is { } problem)
            {
                errors.Add(RegisterTexts.ImportBadCell(RegisterSheet.Columns.First(c => c.Key == key).Header, problem));
                row = row with { Cells = new Dictionary<string, string?>(row.Cells) { [key] = new string(value!.Take(40).Where(c => !char.IsControl(c) && !Input.IsInvisibleFormatting(c) && !char.IsSurrogate(c)).ToArray()) + "…" } };
            }
        var groupName = row["group"] is { } g ? VietnameseText.Tidy(g) : null;
        var fullName = row["fullName"] is { } n ? VietnameseText.Tidy(n) : null;
        if (groupName is null) errors.Add(RegisterTexts.ImportMissingGroup);
        if (fullName is null) errors.Add(RegisterTexts.MemberNameRequired);

        var role = MemberRole.Member;
        if (row["role"] is { } roleText && RegisterSheet.ParseRole(roleText) is not { } parsedRole) errors.Add(RegisterTexts.ImportUnknownRole(roleText));
        else if (row["role"] is not null) role = RegisterSheet.ParseRole(row["role"]!)!.Value;

        Gender? gender = null;
        if (row["gender"] is { } genderText) { gender = RegisterSheet.ParseGender(genderText); if (gender is null) errors.Add(RegisterTexts.ImportUnknownGender(genderText)); }

        int? birthYear = null;
        if (row["birthYear"] is { } yearText)
        {
            if (int.TryParse(yearText, out var y) && y >= RegisterRules.MinBirthYear && y <= today.Year - RegisterRules.MinAge) birthYear = y;
            else errors.Add(RegisterTexts.ImportBadYear(yearText, RegisterRules.MinBirthYear, today.Year - RegisterRules.MinAge));
        }
        var households = 0;
        if (row["households"] is { } hText && !(int.TryParse(hText, out households) && households is >= 0 and <= 10_000)) errors.Add(RegisterTexts.HouseholdsOutOfRange);
        DateOnly? Date(string key)
        {
            if (row[key] is not { } text) return null;
            if (RegisterSheet.TryDate(text, out var d)) return d;
            errors.Add(RegisterTexts.ImportBadDate(RegisterSheet.Columns.First(c => c.Key == key).Header, text));
            return null;
        }
        var establishedOn = Date("establishedOn");
        var joinedOn = Date("joinedOn");

        var candidate = new Member("", wardId, "", fullName ?? "", gender, birthYear, Clean(row["address"]), Clean(row["phone"]), Clean(row["citizenId"]),
            role, joinedOn, MemberStatus.Active);
        var groupFields = new Group("", wardId, groupName ?? "", Clean(row["area"]), households, GroupStatus.Active, establishedOn, Clean(row["establishedByDecision"]));
        return new ParsedRow(row, groupName, fullName, role, candidate, groupFields, errors);
    }

    /// <summary>Later rows may leave group columns blank; if they fill them, they must agree.</summary>
    static bool Conflicts(Group first, Group other) =>
        (other.Area is not null && first.Area is not null && other.Area != first.Area) ||
        (other.Households != 0 && first.Households != 0 && other.Households != first.Households) ||
        (other.EstablishedOn is not null && first.EstablishedOn is not null && other.EstablishedOn != first.EstablishedOn);

    static Group MergeGroup(Group current, Group fromFile) => current with
    {
        Area = fromFile.Area ?? current.Area,
        Households = fromFile.Households != 0 ? fromFile.Households : current.Households,
        EstablishedOn = fromFile.EstablishedOn ?? current.EstablishedOn,
        EstablishedByDecision = fromFile.EstablishedByDecision ?? current.EstablishedByDecision,
    };

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : VietnameseText.Tidy(value);
}
