using MiniExcelLibs;
using Tndtq.Shared;

namespace Tndtq.Register.Import;

/// <summary>Import (dry run, commit), export and the template: the register to and from spreadsheets.</summary>
public sealed class RegisterTransfer(RegisterStore store, RegisterChanges changes, RegisterOptions options, TimeProvider clock)
{
    /// <summary>
    /// Dry run: the report, nothing written. Commit: the same report, and when every row is
    /// accepted the change is written as one operation (all rows or none). Either reads only the groups the
    /// file names and the groups holding its people (<see cref="RegisterImport.Scope"/>), not the ward.
    /// </summary>
    public async Task<(ImportReport Report, bool Rejected)> ImportAsync(Caller caller, string wardId, byte[] content, string fileName, bool commit,
        string? requestId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireInWard(wardId, Role.WardOfficer);
        _ = await store.GetWardAsync(wardId, ct) ?? throw ProblemException.NotFound(Texts.WardNotFound);
        var rows = ImportFiles.Read(content);
        if (rows.Count == 0) throw ProblemException.BadRequest(RegisterTexts.ImportEmpty, "empty-file");
        var today = VietnamTime.Today(clock);
        var scope = RegisterImport.Scope(wardId, rows, today);

        if (!commit)
        {
            await store.ResumeJournalsAsync(wardId, ct);
            var next = (await store.LoadForChangeAsync(wardId, scope, ct)).State.Clone();
            var (report, summary) = RegisterImport.Plan(next, rows, options, today, RegisterChanges.NewId);
            return (new ImportReport("dry-run", fileName, false, summary, report), summary.Rejected > 0);
        }

        ImportReport? result = null;
        try
        {
            await changes.ApplyAsync(wardId, Actor.Of(caller), requestId, RegisterTexts.OpImport(fileName), (_, next) =>
            {
                var (report, summary) = RegisterImport.Plan(next, rows, options, today, RegisterChanges.NewId);
                result = new ImportReport("commit", fileName, summary.Rejected == 0, summary, report);
                if (summary.Rejected > 0) throw new RejectedImport();
                return wardId;
            }, ct, scope: scope);
        }
        catch (RejectedImport)
        {
            return (result!, true);
        }
        // A retried commit (same x-requestid) finds the operation applied: report it as such.
        result ??= new ImportReport("commit", fileName, true, new ImportSummary(rows.Count, rows.Count, 0, 0, 0, 0, 0, rows.Count), []);
        return (result, false);
    }

    sealed class RejectedImport : Exception;

    /// <summary>The template: the columns with two example rows, and a sheet explaining each column.</summary>
    public static byte[] Template(bool csv)
    {
        var rows = new[] { 1, 2 }.Select(n => RegisterSheet.Columns.ToDictionary(c => c.Header, c => (object?)(n == 1 ? c.Example1 : c.Example2))).ToList();
        if (csv) return Csv(RegisterSheet.Columns.Select(c => c.Header).ToList(), rows);
        var guide = RegisterSheet.Columns.Select(c => new Dictionary<string, object?> { ["Cột"] = c.Header, ["Cách ghi"] = c.Help }).ToList();
        return Xlsx(new Dictionary<string, object> { [RegisterTexts.TemplateDataSheet] = rows, [RegisterTexts.TemplateGuideSheet] = guide });
    }

    const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// A ward's register (active members) in the import layout, so it can be corrected and imported back; its summary
    /// sheet from the kept counters. Written to the response as it is read (<see cref="StreamedFile"/>).
    /// </summary>
    public async Task<StreamedFile> ExportWardAsync(Caller caller, string wardId, CancellationToken ct)
    {
        Ids.RequireWardId(wardId);
        caller.RequireRead(wardId);
        var ward = await store.GetWardAsync(wardId, ct) ?? throw ProblemException.NotFound(Texts.WardNotFound);
        var counters = await store.CountersAsync(wardId, ct) ?? WardCounters.Zero;
        return new StreamedFile(XlsxType, $"so-to-ndtq-{wardId}.xlsx", (stream, token) => MiniExcel.SaveAsAsync(stream,
            new Dictionary<string, object>
            {
                [RegisterTexts.TemplateDataSheet] = RowsAsync([ward.Value], withWard: false, token),
                [RegisterTexts.ExportSummarySheet] = new[] { CounterRow(ward.Value, counters) },
            }, cancellationToken: token));
    }

    /// <summary>
    /// The whole district (district roles): a summary per ward from the kept counters (one small query per ward, never a
    /// recount), then every ward's register, ward by ward — one ward's rows in memory at a time, the next read while the
    /// current one is written — streamed to the response. Memory does not grow with the district.
    /// </summary>
    public async Task<StreamedFile> ExportDistrictAsync(Caller caller, CancellationToken ct)
    {
        caller.Require(Role.DistrictPolice, Role.EmulationCouncil, Role.DistrictLeader, Role.Administrator);
        var wards = (await store.ListWardsAsync(ct)).Select(w => w.Value).Where(w => caller.CanRead(w.Id)).ToList();
        var counters = new WardCounters?[wards.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, wards.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => counters[i] = await store.CountersAsync(wards[i].Id, token));
        var summary = wards.Select((w, i) => CounterRow(w, counters[i] ?? WardCounters.Zero)).ToList();
        return new StreamedFile(XlsxType, "so-to-ndtq-toan-quan.xlsx", (stream, token) => MiniExcel.SaveAsAsync(stream,
            new Dictionary<string, object> { [RegisterTexts.ExportSummarySheet] = summary, [RegisterTexts.TemplateDataSheet] = RowsAsync(wards, withWard: true, token) },
            cancellationToken: token));
    }

    /// <summary>The data sheet's rows, ward after ward; the next ward is read while the rows of the current one are written.</summary>
    async IAsyncEnumerable<Dictionary<string, object?>> RowsAsync(IReadOnlyList<Ward> wards, bool withWard,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var next = wards.Count > 0 ? store.LoadAsync(wards[0].Id, ct) : null;
        for (var i = 0; i < wards.Count; i++)
        {
            var state = (await next!).State;
            next = i + 1 < wards.Count ? store.LoadAsync(wards[i + 1].Id, ct) : null;
            foreach (var row in Rows(state, withWard ? wards[i] : null)) yield return row;
        }
    }

    static IEnumerable<Dictionary<string, object?>> Rows(WardState state, Ward? ward) =>
        from g in state.Groups.Values.OrderBy(g => g.Name, NaturalVietnameseComparer.Instance)
        from m in state.ActiveMembersOf(g.Id).OrderBy(m => m.Role).ThenBy(m => m.FullName, NaturalVietnameseComparer.Instance)
        select Row(ward, g, m);

    static Dictionary<string, object?> Row(Ward? ward, Group g, Member m)
    {
        var row = new Dictionary<string, object?>();
        if (ward is not null) row[RegisterSheet.WardHeader] = ward.Name;
        var values = new Dictionary<string, object?>
        {
            ["group"] = g.Name, ["area"] = g.Area, ["households"] = g.Households, ["establishedOn"] = RegisterSheet.Format(g.EstablishedOn),
            ["establishedByDecision"] = g.EstablishedByDecision, ["fullName"] = m.FullName, ["gender"] = m.Gender is { } x ? RegisterTexts.GenderName(x) : null,
            ["birthYear"] = m.BirthYear, ["address"] = m.Address, ["phone"] = m.Phone, ["citizenId"] = m.CitizenId, ["role"] = RegisterTexts.RoleName(m.Role),
            ["joinedOn"] = RegisterSheet.Format(m.JoinedOn),
        };
        foreach (var c in RegisterSheet.Columns) row[c.Header] = values[c.Key];
        row[RegisterSheet.GroupStatusHeader] = RegisterTexts.GroupStatusName(g.Status);
        return row;
    }

    static Dictionary<string, object?> CounterRow(Ward ward, WardCounters c)
    {
        object?[] values = [ward.Name, c.ActiveGroups, c.MergedGroups, c.SplitGroups, c.DissolvedGroups, c.ActiveMembers, c.Leaders, c.Deputies, c.Households];
        return RegisterTexts.CounterHeaders.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }

    static byte[] Xlsx(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    static byte[] Csv(List<string> headers, List<Dictionary<string, object?>> rows)
    {
        using var writer = new StringWriter();
        using (var csv = new CsvHelper.CsvWriter(writer, System.Globalization.CultureInfo.InvariantCulture))
        {
            foreach (var h in headers) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows) { foreach (var h in headers) csv.WriteField(row.GetValueOrDefault(h)?.ToString() ?? ""); csv.NextRecord(); }
        }
        // UTF-8 with BOM so Excel shows Vietnamese correctly when the file is opened directly.
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(writer.ToString())];
    }
}
