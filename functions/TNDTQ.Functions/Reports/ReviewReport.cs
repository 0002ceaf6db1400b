using System.Globalization;
using Microsoft.DurableTask.Client;
using Tndtq.Register;
using Tndtq.Restructure;
using Tndtq.Shared;
using Tndtq.Shared.Documents;

namespace Tndtq.Reports;

/// <summary>Báo cáo sơ kết (a review part way) or tổng kết (at the end of a period).</summary>
public enum ReviewReportKind { SoKet, TongKet }

public enum ReportFormat { Pdf, Docx }

/// <summary>
/// One table of a report: its key (what a template's "@table KEY" line names), its title, columns, rows and an optional totals row,
/// all as printed. The review report is built from a list of these, so another set of figures (the multi-year summary's per-year
/// tables) joins it by adding tables to the list: those a template does not name by key print where it says "@tables".
/// </summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string>? Totals = null)
{
    public DocumentTable ToDocumentTable() => new(Columns, Rows, Totals);
}

/// <summary>Who the report is of: one ward (issued by its People's Committee) or every ward of the approving unit (issued by the unit's).</summary>
/// <param name="Name">"phường An Cư" or "quận Ninh Kiều", as a sentence writes it.</param>
/// <param name="Place">The place name of the date line: the ward's name for a ward, the unit's for the unit.</param>
/// <param name="ReportTo">"Kính gửi": a ward's report goes to its approving unit's committee, the unit's to its data's addressees.</param>
/// <param name="CopyTo">"Nơi nhận" after the addressees.</param>
public sealed record ReportScope(bool IsWard, string Name, string Place, string ReportTo, string CopyTo);

/// <summary>The review report's period, as asked (both ends included).</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To);

/// <summary>
/// The review report (Báo cáo sơ kết / tổng kết công tác Tổ nhân dân tự quản) in the layout of Decree 30/2020/NĐ-CP, Appendix I: its
/// wording from the template <c>bao-cao-so-ket</c> (<see cref="TemplateStore"/>: the office's blob, else <c>Reports/Templates</c>),
/// its figures only from the dashboard (<see cref="ReportsService.DashboardAsync"/>: kept figures, never the records), its tables
/// from <see cref="ReportTables.From(Dashboard)"/> and its chart from <see cref="RatingsChart"/>.
/// </summary>
public static class ReviewReport
{
    public const string TemplateName = "bao-cao-so-ket";
    static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Number(int n) => n.ToString("N0", Vi);
    static string Share(int n, int total) => total == 0 ? "0%" : (100.0 * n / total).ToString("0.#", Vi) + "%";
    static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The report's blocks: the template filled, each "@table KEY" replaced by that table (numbered, with its title), "@tables" by
    /// the tables not yet placed, "@chart ratings caption" by the chart and its caption (left out while nothing is rated).</summary>
    public static IReadOnlyList<Block> Build(string template, Dashboard d, IReadOnlyList<ReportTable> tables, ReportScope scope, ReviewReportKind kind,
        ReportPeriod period, DateOnly today, string? signerName = null)
    {
        var t = d.Totals;
        var r = t.Ratings;
        var kindName = kind == ReviewReportKind.SoKet ? ReportsTexts.ReportKindSoKet : ReportsTexts.ReportKindTongKet;
        var values = new Dictionary<string, string>
        {
            ["IssuingBody"] = ReportsTexts.CommitteeLines(scope.Name), ["Number"] = ReportsTexts.ReportNumberBlank,
            ["Place"] = scope.Place, ["Day"] = today.Day.ToString("D2"), ["Month"] = today.Month <= 2 ? today.Month.ToString("D2") : today.Month.ToString(),
            ["Year"] = today.Year.ToString(), ["Kind"] = kindName, ["KindLower"] = kindName.ToLower(Vi),
            ["Scope"] = ReportsTexts.ReportScopeIn(scope.Name), ["Issuer"] = ReportsTexts.Committee(scope.Name),
            ["Period"] = ReportsTexts.ReportPeriod(Date(period.From), Date(period.To)), ["AsOf"] = Date(today),
            ["ActiveGroups"] = Number(t.Register.ActiveGroups), ["Members"] = Number(t.Register.ActiveMembers), ["Households"] = Number(t.Register.Households),
            ["Leaders"] = Number(t.Register.Leaders), ["Deputies"] = Number(t.Register.Deputies),
            ["RatedGroups"] = Number(r.Total), ["Good"] = Number(r.Good), ["Fair"] = Number(r.Fair), ["Average"] = Number(r.Average), ["Weak"] = Number(r.Weak),
            ["GoodShare"] = Share(r.Good, r.Total), ["FairShare"] = Share(r.Fair, r.Total), ["AverageShare"] = Share(r.Average, r.Total), ["WeakShare"] = Share(r.Weak, r.Total),
            ["Merged"] = Number(t.Register.MergedGroups), ["Split"] = Number(t.Register.SplitGroups), ["Dissolved"] = Number(t.Register.DissolvedGroups),
            ["Approved"] = Number(t.NominationResults.GetValueOrDefault(Commendations.NominationOutcomes.Approved)),
            ["NotApproved"] = Number(t.NominationResults.GetValueOrDefault(Commendations.NominationOutcomes.Rejected)),
            ["Withdrawn"] = Number(t.NominationResults.GetValueOrDefault(Commendations.NominationOutcomes.Withdrawn)),
            ["Pending"] = Number(t.NominationsAtStep.Values.Sum()), ["Awards"] = Number(t.AwardsThisYear),
            ["ReportTo"] = scope.ReportTo, ["CopyTo"] = scope.CopyTo,
            ["SignerName"] = signerName ?? "",
        };
        var filled = DocumentTemplate.Render(template, values, []);
        var placed = new HashSet<string>();
        var number = 0;
        var blocks = new List<Block>();
        void Place(ReportTable table)
        {
            placed.Add(table.Key);
            blocks.Add(new Block("table-title", ReportsTexts.TableTitle(++number, table.Title)));
            blocks.Add(new Block("table", "", Table: table.ToDocumentTable()));
        }
        foreach (var b in filled)
        {
            switch (b.Style)
            {
                case "table":
                    if (tables.FirstOrDefault(x => x.Key == b.Text.Trim()) is { } table && !placed.Contains(table.Key)) Place(table);
                    break;
                case "tables":
                    foreach (var rest in tables.Where(x => !placed.Contains(x.Key)).ToList()) Place(rest);
                    break;
                case "chart":
                    // "@chart ratings Biểu đồ: …": the chart and, under it, its caption; neither while no group of the scope is rated.
                    var parts = b.Text.Trim().Split(' ', 2);
                    if (parts[0] == "ratings" && t.Ratings.Total > 0)
                    {
                        blocks.Add(new Block("image", ReportsTexts.ChartRatingsTitle,
                            Image: new DocumentImage(RatingsChart.Png(d.Wards.Select(w => (w.WardName, w.Ratings)).ToList(), ReportsTexts.ChartRatingsTitle), 160)));
                        if (parts.Length > 1 && parts[1].Trim().Length > 0) blocks.Add(new Block("caption", parts[1].Trim()));
                    }
                    break;
                default: blocks.Add(b); break;
            }
        }
        return blocks;
    }

    /// <summary>The file's name: "Báo cáo sơ kết Tổ nhân dân tự quản phường An Cư 26-11-2026.pdf".</summary>
    public static string FileName(ReviewReportKind kind, ReportScope scope, DateOnly today, ReportFormat format) =>
        $"{ReportsTexts.ReportFileTitle(kind == ReviewReportKind.SoKet ? ReportsTexts.ReportKindSoKet : ReportsTexts.ReportKindTongKet, scope.Name)} {today:dd-MM-yyyy}.{(format == ReportFormat.Pdf ? "pdf" : "docx")}";
}

/// <summary>The dashboard's figures as the review report's tables (a ward's report: its one row, no totals; the district's: a row a ward and the total).</summary>
/// <summary>The review report's settings: <c>Reports__SignerName</c> (printed under the signature; blank: left for the signer) and
/// <c>Reports__District</c> (the approving unit's name as the report writes it; blank: from the units' data).</summary>
public sealed record ReportOptions(string? SignerName, string? District)
{
    public static ReportOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        new(configuration["Reports:SignerName"], configuration["Reports:District"]);
}

public static class ReportTables
{
    public const string Register = "register", Ratings = "ratings", Restructure = "restructure", Commendations = "commendations";

    static string N(int n) => ReviewReport.Number(n);

    public static IReadOnlyList<ReportTable> From(Dashboard d)
    {
        var totals = d.Wards.Count > 1;
        IReadOnlyList<string>? Total(params string[] cells) => totals ? ["", d.TotalName, .. cells] : null;
        static IReadOnlyList<IReadOnlyList<string>> Rows(IReadOnlyList<WardFigures> wards, Func<WardFigures, string[]> cells) =>
            wards.Select((w, i) => (IReadOnlyList<string>)[(i + 1).ToString(), w.WardName, .. cells(w)]).ToList();
        static TableColumn Num(string header, double share) => new(header, share, Align.Right);
        TableColumn[] Lead(double wardShare) => [new(ReportsTexts.HeaderNumber, 0.07, Align.Center), new(ReportsTexts.HeaderWard, wardShare)];

        var t = d.Totals;
        var r = t.Ratings;
        var figureShare = (1 - 0.3) / (d.NominationResultNames.Count + 2); // the commendations' columns share what the ward's leave
        return
        [
            new(Register, ReportsTexts.TableRegisterTitle,
                [.. Lead(0.23), Num(ReportsTexts.HeaderActiveGroups, 0.14), Num(ReportsTexts.HeaderMembers, 0.14), Num(ReportsTexts.HeaderHouseholds, 0.14), Num(ReportsTexts.HeaderLeaders, 0.14), Num(ReportsTexts.HeaderDeputies, 0.14)],
                Rows(d.Wards, w => [N(w.Register.ActiveGroups), N(w.Register.ActiveMembers), N(w.Register.Households), N(w.Register.Leaders), N(w.Register.Deputies)]),
                Total(N(t.Register.ActiveGroups), N(t.Register.ActiveMembers), N(t.Register.Households), N(t.Register.Leaders), N(t.Register.Deputies))),
            new(Ratings, ReportsTexts.TableRatingsTitle,
                [.. Lead(0.2), new(ReportsTexts.HeaderCycle, 0.21), Num(RestructureTexts.RatingName(Rating.Good), 0.1), Num(RestructureTexts.RatingName(Rating.Fair), 0.1),
                    Num(RestructureTexts.RatingName(Rating.Average), 0.11), Num(RestructureTexts.RatingName(Rating.Weak), 0.1), Num(ReportsTexts.HeaderGroupsRated, 0.11)],
                Rows(d.Wards, w => [w.RatingsCycleName ?? "", N(w.Ratings.Good), N(w.Ratings.Fair), N(w.Ratings.Average), N(w.Ratings.Weak), N(w.Ratings.Total)]),
                Total("", N(r.Good), N(r.Fair), N(r.Average), N(r.Weak), N(r.Total))),
            new(Restructure, ReportsTexts.TableRestructureTitle,
                [.. Lead(0.2), Num(ReportsTexts.HeaderMerged, 0.12), Num(ReportsTexts.HeaderSplit, 0.12), Num(ReportsTexts.HeaderDissolved, 0.12), new(ReportsTexts.HeaderCycle, 0.18), new(ReportsTexts.HeaderStep, 0.19)],
                Rows(d.Wards, w => [N(w.Register.MergedGroups), N(w.Register.SplitGroups), N(w.Register.DissolvedGroups), w.Review?.CycleName ?? "", w.Review?.StepName ?? ""]),
                Total(N(t.Register.MergedGroups), N(t.Register.SplitGroups), N(t.Register.DissolvedGroups), "", ReportsTexts.WardsOverdue(t.ReviewsOverdue))),
            new(Commendations, ReportsTexts.TableCommendationsTitle,
                [.. Lead(0.23), .. d.NominationResultNames.Select(n => Num(n.Name, figureShare)), Num(ReportsTexts.HeaderPending, figureShare), Num(ReportsTexts.HeaderAwardsIn(d.Year), figureShare)],
                Rows(d.Wards, w => [.. d.NominationResultNames.Select(n => N(w.NominationResults.GetValueOrDefault(n.Key))), N(w.NominationsAtStep.Values.Sum()), N(w.AwardsThisYear)]),
                Total([.. d.NominationResultNames.Select(n => N(t.NominationResults.GetValueOrDefault(n.Key))), N(t.NominationsAtStep.Values.Sum()), N(t.AwardsThisYear)])),
        ];
    }

    /// <summary>Columns of a summary table the report leaves out: the page has room for about ten columns (the support rounds'
    /// amounts by kind and by fund source stay in the workbook).</summary>
    static bool InReport(string table, SummaryColumn c) => table != "support-by-year" || c.Key is "rounds" or "beneficiaries" or "amount";

    /// <summary>The multi-year summary's tables by year (register, commendations, training, support), as the report prints them.</summary>
    public static IReadOnlyList<ReportTable> From(Summary s) => s.Tables.Where(t => t.Key.EndsWith("-by-year", StringComparison.Ordinal)).Select(t =>
    {
        var keep = t.Columns.Select((c, i) => (c, i)).Where(x => InReport(t.Key, x.c)).Select(x => x.i).ToList();
        var share = (1 - 0.12) / Math.Max(1, keep.Count);
        IReadOnlyList<string> Cells(SummaryRow r) => [r.Label, .. keep.Select(i => r.Values[i].ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")))];
        return new ReportTable(t.Key, t.Title, [new(t.RowHeader, 0.12, Align.Center), .. keep.Select(i => new TableColumn(t.Columns[i].Name, share, Align.Right))],
            t.Rows.Where(r => !r.Total).Select(Cells).ToList(), t.Rows.FirstOrDefault(r => r.Total) is { } total ? Cells(total) : null);
    }).ToList();
}

/// <summary>Generates the review report for a caller: the dashboard's scope (district roles: every ward or one; ward roles: their own ward).</summary>
public sealed class ReviewReportService(ReportsService reports, SummaryService summaries, UnitTerms units, TemplateStore templates, TimeProvider clock,
    ReportOptions options)
{
    public async Task<(byte[] Content, string ContentType, string FileName)> GenerateAsync(DurableTaskClient durable, Caller caller, string? wardId,
        ReviewReportKind kind, ReportFormat format, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var period = Period(from, to, today);
        var dashboard = await reports.DashboardAsync(durable, caller, wardId, ct);
        var scope = await ScopeAsync(caller, wardId, dashboard, ct);
        var template = await templates.LoadAsync(ReviewReport.TemplateName, ct);
        // The years of the period, from the multi-year summary (kept per-year figures): what the register went through, awards, training, support.
        var summary = await summaries.SummaryAsync(caller, period.From.Year.ToString(CultureInfo.InvariantCulture),
            period.To.Year.ToString(CultureInfo.InvariantCulture), wardId, ct);
        IReadOnlyList<ReportTable> tables = [.. ReportTables.From(dashboard), .. ReportTables.From(summary)];
        var blocks = ReviewReport.Build(template, dashboard, tables, scope, kind, period, today, options.SignerName);
        var name = ReviewReport.FileName(kind, scope, today, format);
        return format == ReportFormat.Pdf
            ? (PdfWriter.Write(blocks), "application/pdf", name)
            : (DocxWriter.Write(blocks), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }

    /// <summary>The period asked (default: from 1 January of this year to today); its end not before its start (400 naming <c>to</c>).</summary>
    public static ReportPeriod Period(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? (start > today ? start : today);
        if (end < start) throw ProblemException.Validation(new Dictionary<string, string[]> { ["to"] = [ReportsTexts.ReportPeriodBackwards] });
        return new(start, end);
    }

    /// <summary>
    /// A ward's report when one ward is asked for or the caller is a ward's; the approving unit's otherwise, in the words the units'
    /// data gives (<see cref="UnitTerms"/>): its name, place and addressees (where the data names none, its People's Council and its
    /// police and wards). A ward that approves itself (since 2025) reports to the level above it.
    /// </summary>
    async Task<ReportScope> ScopeAsync(Caller caller, string? wardId, Dashboard dashboard, CancellationToken ct)
    {
        var id = wardId ?? (caller.IsDistrictWide ? null : caller.WardId);
        if (id is not null && dashboard.Wards.FirstOrDefault(w => w.WardId == id) is { } ward)
        {
            var own = await units.ForWardAsync(id, ct);
            var name = Texts.WardOf(ward.WardName);
            var to = own is null ? "" : own.ApprovesItself ? own.Approving.ParentName is { } parent ? ReportsTexts.Committee(parent) : "" : own.Committee;
            return new ReportScope(true, name, Texts.WardPlace(ward.WardName), to, ReportsTexts.ReportCopyToWard(name));
        }
        var terms = await units.ForCallerAsync(caller, ct)
            ?? (dashboard.Wards.Count > 0 ? await units.ForWardAsync(dashboard.Wards[0].WardId, ct) : null);
        var unit = options.District is { Length: > 0 } configured ? configured : terms?.ApprovingUnit ?? "";
        return new ReportScope(false, unit, terms?.Place ?? unit, terms?.Approving.ReportTo ?? ReportsTexts.ReportToUnit(unit),
            terms?.Approving.CopyTo ?? ReportsTexts.ReportCopyToUnit(Texts.PoliceShort(terms)));
    }
}
