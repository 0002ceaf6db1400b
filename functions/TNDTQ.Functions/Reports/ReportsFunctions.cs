using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Reports;

/// <summary>
/// HTTP API of the reports (district roles: every ward and the total; ward roles: their own ward); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class ReportsFunctions(Api api, ReportsService reports, ReviewReportService reviewReports, SummaryService summaries, FiguresRebuild rebuild)
{
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [ApiOperation("Bảng số liệu tổng hợp", Response = typeof(Dashboard), Query = ["wardId"])]
    [Function("GetDashboard")]
    public Task<IActionResult> Dashboard([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/dashboard")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => new OkObjectResult(await reports.DashboardAsync(durable, c, Api.Query(req, "wardId"), Aborted(req))));

    [ApiOperation("Xuất bảng số liệu (xlsx)", Query = ["wardId"], File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [Function("ExportDashboard")]
    public Task<IActionResult> Export([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/dashboard/export")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c =>
        {
            var dashboard = await reports.DashboardAsync(durable, c, Api.Query(req, "wardId"), Aborted(req));
            return new FileContentResult(DashboardWorkbook.Write(dashboard), Xlsx) { FileDownloadName = ReportsTexts.DashboardFileName(dashboard.Year) };
        });

    [ApiOperation("Đối chiếu số liệu báo cáo đã lưu với số đếm lại (quản trị)", Response = typeof(FiguresCheck), Query = ["wardId"])]
    [Function("CheckReportFigures")]
    public Task<IActionResult> Check([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/check")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => new OkObjectResult(await reports.CheckAsync(durable, c, Api.Query(req, "wardId"), Aborted(req))));

    [ApiOperation("Báo cáo sơ kết, tổng kết (PDF, DOCX)", Query = ["format", "kind", "wardId", "from", "to"], File = "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [Function("GetReviewReport")]
    public Task<IActionResult> ReviewReport([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/review-report")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c =>
        {
            var format = Api.Enum<ReportFormat>(req, "format") ?? ReportFormat.Pdf;
            var kind = Api.Enum<ReviewReportKind>(req, "kind") ?? ReviewReportKind.SoKet;
            var (from, to) = (Date(req, "from"), Date(req, "to"));
            var (content, type, name) = await reviewReports.GenerateAsync(durable, c, Api.Query(req, "wardId"), kind, format, from, to, Aborted(req));
            return new FileContentResult(content, type) { FileDownloadName = name }; // non-ASCII: filename*=UTF-8''…
        });

    /// <summary>A date of the query, yyyy-MM-dd (a 400 naming the field otherwise); null when absent.</summary>
    static DateOnly? Date(HttpRequest req, string name) => Api.Query(req, name) is not { } raw ? null
        : DateOnly.TryParseExact(raw, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d
        : throw ProblemException.Validation(new Dictionary<string, string[]> { [name] = [Texts.InvalidDate] });
    [ApiOperation("Số liệu tổng hợp qua các năm", Response = typeof(Summary), Query = ["from", "to", "wardId"])]
    [Function("GetSummary")]
    public Task<IActionResult> GetSummary([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/summary")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await SummaryOf(req, c)));

    [ApiOperation("Xuất số liệu tổng hợp qua các năm (xlsx)", Query = ["from", "to", "wardId"], File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [Function("ExportSummary")]
    public Task<IActionResult> ExportSummary([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/summary/export")] HttpRequest req) =>
        api.Run(req, async c =>
        {
            var summary = await SummaryOf(req, c);
            return new FileContentResult(SummaryWorkbook.Write(summary), Xlsx) { FileDownloadName = ReportsTexts.SummaryFileName(summary.From, summary.To) };
        });

    Task<Summary> SummaryOf(HttpRequest req, Caller c) =>
        summaries.SummaryAsync(c, Api.Query(req, "from", 10), Api.Query(req, "to", 10), Api.Query(req, "wardId"), Aborted(req));

    [ApiOperation("Tính lại số liệu theo năm từ lịch sử (quản trị)", Response = typeof(FiguresRebuildResult), Query = ["wardId"])]
    [Function("RebuildReportFigures")]
    public Task<IActionResult> Rebuild([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "reports/rebuild")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c =>
        {
            c.Require(Role.Administrator);
            if (Api.Query(req, "wardId") is not { } wardId) return new OkObjectResult(await rebuild.RunAsync(durable, null, Aborted(req)));
            await reports.WardsAsync(c, wardId, Aborted(req)); // a ward id, and a ward that exists
            return new OkObjectResult(await rebuild.RunAsync(durable, [wardId], Aborted(req)));
        });

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}
