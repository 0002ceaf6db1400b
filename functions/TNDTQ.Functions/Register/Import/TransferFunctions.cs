using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Register.Import;

/// <summary>
/// Spreadsheets in and out; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class TransferFunctions(Api api, RegisterTransfer transfer)
{
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [ApiOperation("Tệp mẫu để nhập sổ theo dõi (xlsx, csv)", Query = ["format"], File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/csv")]
    [Function("GetImportTemplate")]
    public Task<IActionResult> GetImportTemplate([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "register/import-template")] HttpRequest req) =>
        api.Run(req, _ => Task.FromResult<IActionResult>(Api.Query(req, "format") == "csv"
            ? File(RegisterTransfer.Template(csv: true), "text/csv; charset=utf-8", "mau-nhap-to-ndtq.csv")
            : File(RegisterTransfer.Template(csv: false), Xlsx, "mau-nhap-to-ndtq.xlsx")));

    [ApiOperation("Nhập sổ theo dõi từ tệp (thử hoặc ghi)", Response = typeof(ImportReport), Query = ["mode"], Upload = true, RequestId = true, Errors = [409, 422])]
    [Function("ImportRegister")]
    public Task<IActionResult> ImportRegister([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "wards/{wardId}/imports")] HttpRequest req, string wardId) =>
        api.Run(req, async caller =>
        {
            var commit = Api.Query(req, "mode") switch
            {
                null or "dry-run" => false,
                "commit" => true,
                _ => throw ProblemException.BadRequest(RegisterTexts.ImportModeInvalid, "invalid-mode"),
            };
            var (content, name, _) = await Api.ReadFileAsync(req, ImportFiles.MaxBytes);
            var fileName = Api.Query(req, "fileName") is null && !req.HasFormContentType
                ? (ImportFiles.LooksLikeXlsx(content) ? "tep-nhap.xlsx" : "tep-nhap.csv") : name;
            var (report, rejected) = await transfer.ImportAsync(caller, wardId, content, fileName, commit, Api.RequestId(req, caller), req.HttpContext.RequestAborted);
            return commit && rejected
                ? new ObjectResult(report with { }) { StatusCode = StatusCodes.Status422UnprocessableEntity }
                : new OkObjectResult(report);
        });

    [ApiOperation("Xuất sổ theo dõi của phường (xlsx)", File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [Function("ExportWard")]
    public Task<IActionResult> ExportWard([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "wards/{wardId}/export")] HttpRequest req, string wardId) =>
        api.Run(req, async caller => await transfer.ExportWardAsync(caller, wardId, req.HttpContext.RequestAborted));

    [ApiOperation("Xuất sổ theo dõi các phường (xlsx, từng phường)", File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [Function("ExportDistrict")]
    public Task<IActionResult> ExportDistrict([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "export")] HttpRequest req) =>
        api.Run(req, async caller => await transfer.ExportDistrictAsync(caller, req.HttpContext.RequestAborted));

    static FileContentResult File(byte[] content, string type, string name) => new(content, type) { FileDownloadName = name };
}
