using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Restructure;

/// <summary>
/// The restructure's generated documents, PDF or DOCX, for whoever may read the ward's cycle (a ward's people only their own ward); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class RestructureDocumentFunctions(Api api, RestructureDocumentService documents)
{
    const string Ward = Api.Prefix + "restructure/cycles/{cycleId}/wards/{wardId}";

    [ApiOperation("Tờ trình kiện toàn của một phiên bản đã gửi (pdf, docx)", Query = ["format"], File = "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [Function("DownloadProposalVersionDocument")]
    public Task<IActionResult> Version([HttpTrigger(Anonymous, "get", Route = Ward + "/proposal/versions/{version:int}/document")] HttpRequest req,
        string cycleId, string wardId, int version) =>
        api.Run(req, async c => File(await documents.ProposalDocumentAsync(c, cycleId, wardId, version, Api.Query(req, "format", 10), Aborted(req))));

    [ApiOperation("Xem trước tờ trình kiện toàn từ bản nháp (pdf, docx)", Query = ["format"], File = "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [Function("PreviewProposalDocument")]
    public Task<IActionResult> Draft([HttpTrigger(Anonymous, "get", Route = Ward + "/proposal/document")] HttpRequest req, string cycleId, string wardId) =>
        api.Run(req, async c => File(await documents.ProposalDocumentAsync(c, cycleId, wardId, null, Api.Query(req, "format", 10), Aborted(req))));

    [ApiOperation("Quyết định kiện toàn của phường (pdf, docx)", Query = ["format"], File = "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [Function("DownloadRestructureDecision")]
    public Task<IActionResult> Decision([HttpTrigger(Anonymous, "get", Route = Ward + "/decision/document")] HttpRequest req, string cycleId, string wardId) =>
        api.Run(req, async c => File(await documents.DecisionDocumentAsync(c, cycleId, wardId, Api.Query(req, "format", 10))));

    static IActionResult File((byte[] Content, string ContentType, string Name) f) => new FileContentResult(f.Content, f.ContentType) { FileDownloadName = f.Name };
    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}
