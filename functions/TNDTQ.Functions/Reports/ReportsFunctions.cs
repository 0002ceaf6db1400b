using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Reports;

/// <summary>
/// HTTP API of the reports (district roles: every ward and the total; ward roles: their own ward):
/// <code>
/// GET reports/dashboard          GetDashboard        ?wardId= (one ward)
/// GET reports/dashboard/export   ExportDashboard     (.xlsx, same scope)
/// GET reports/check              CheckReportFigures  ?wardId= (administrator: kept figures vs a fresh count)
/// </code>
/// </summary>
public sealed class ReportsFunctions(Api api, ReportsService reports)
{
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Function("GetDashboard")]
    public Task<IActionResult> Dashboard([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/dashboard")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => new OkObjectResult(await reports.DashboardAsync(durable, c, Api.Query(req, "wardId"), Aborted(req))));

    [Function("ExportDashboard")]
    public Task<IActionResult> Export([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/dashboard/export")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c =>
        {
            var dashboard = await reports.DashboardAsync(durable, c, Api.Query(req, "wardId"), Aborted(req));
            return new FileContentResult(DashboardWorkbook.Write(dashboard), Xlsx) { FileDownloadName = Texts.DashboardFileName(dashboard.Year) };
        });

    [Function("CheckReportFigures")]
    public Task<IActionResult> Check([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "reports/check")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => new OkObjectResult(await reports.CheckAsync(durable, c, Api.Query(req, "wardId"), Aborted(req))));

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}
