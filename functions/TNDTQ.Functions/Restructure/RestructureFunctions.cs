using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Restructure;

/// <summary>
/// HTTP API of the ward review-and-restructure workflow; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class RestructureFunctions(Api api, RestructureService restructure)
{
    const string Cycle = Api.Prefix + "restructure/cycles/{cycleId}";
    const string Ward = Cycle + "/wards/{wardId}";

    [ApiOperation("Mở đợt rà soát, củng cố", Body = typeof(OpenCycleBody), Response = typeof(CycleOpened), Status = 202, Errors = [409])]
    [Function("OpenReviewCycle")]
    public Task<IActionResult> Open([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "restructure/cycles")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => await Api.Accepted(restructure.OpenCycleAsync(durable, c, await Api.ReadBodyAsync<OpenCycleBody>(req), Aborted(req))));

    [ApiOperation("Các đợt rà soát", Response = typeof(IReadOnlyList<ReviewCycle>))]
    [Function("ListReviewCycles")]
    public Task<IActionResult> ListCycles([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "restructure/cycles")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await restructure.ListCyclesAsync(c)));

    [ApiOperation("Thao tác người gọi được làm ngoài một phường (mở đợt)", Response = typeof(IReadOnlyList<Shared.Workflows.WorkflowAction>))]
    [Function("ListRestructureActions")]
    public Task<IActionResult> ListActions([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "restructure/actions")] HttpRequest req) =>
        api.Run(req, c => Task.FromResult<IActionResult>(new OkObjectResult(restructure.CycleActions(c))));

    [ApiOperation("Các phường trong một đợt rà soát", Response = typeof(IReadOnlyList<WardCycleSummary>), Query = ["step"])]
    [Function("ListCycleWards")]
    public Task<IActionResult> ListWards([HttpTrigger(Anonymous, "get", Route = Cycle + "/wards")] HttpRequest req, [DurableClient] DurableTaskClient durable, string cycleId) =>
        api.Run(req, async c => new OkObjectResult(await restructure.ListCycleWardsAsync(durable, c, cycleId, Api.Query(req, "step"), Aborted(req))));

    [ApiOperation("Rà soát của một phường trong đợt", Response = typeof(WardCycleView))]
    [Function("GetWardCycle")]
    public Task<IActionResult> Get([HttpTrigger(Anonymous, "get", Route = Ward)] HttpRequest req, [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await restructure.GetAsync(durable, c, cycleId, wardId, Aborted(req))));

    [ApiOperation("Lưu đánh giá một tổ", Body = typeof(AssessmentBody), Response = typeof(Assessment), Errors = [409])]
    [Function("SaveAssessment")]
    public Task<IActionResult> SaveAssessment([HttpTrigger(Anonymous, "put", Route = Ward + "/assessments/{groupId}")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId, string groupId) =>
        api.Run(req, async c => new OkObjectResult(await restructure.SaveAssessmentAsync(durable, c, cycleId, wardId, groupId,
            await Api.ReadBodyAsync<AssessmentBody>(req), Aborted(req))));

    [ApiOperation("Gửi kết quả đánh giá các tổ", Status = 202, Errors = [409])]
    [Function("SubmitAssessments")]
    public Task<IActionResult> SubmitAssessments([HttpTrigger(Anonymous, "post", Route = Ward + "/assessments/submit")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, c => Api.Accepted(restructure.SubmitAssessmentsAsync(durable, c, cycleId, wardId, Aborted(req))));

    [ApiOperation("Lưu bản nháp phương án củng cố", Body = typeof(ProposalBody), Response = typeof(DraftSaved), Errors = [409])]
    [Function("SaveProposalDraft")]
    public Task<IActionResult> SaveDraft([HttpTrigger(Anonymous, "put", Route = Ward + "/proposal")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await restructure.SaveDraftAsync(durable, c, cycleId, wardId, await Api.ReadBodyAsync<ProposalBody>(req, ProposalBody.MaxBytes), Aborted(req))));

    [ApiOperation("Đính kèm tài liệu vào phương án", Response = typeof(Proposal), Upload = true, Errors = [409])]
    [Function("UploadProposalDocument")]
    public Task<IActionResult> Upload([HttpTrigger(Anonymous, "post", Route = Ward + "/proposal/documents")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, async c =>
        {
            var (content, name, type) = await Api.ReadFileAsync(req, Attachments.MaxBytes);
            return new OkObjectResult(await restructure.AddDocumentAsync(durable, c, cycleId, wardId, name, type, content, Aborted(req)));
        });

    [ApiOperation("Tải một tài liệu của phương án", Query = ["blob!"], File = "application/octet-stream")]
    [Function("DownloadProposalDocument")]
    public Task<IActionResult> Download([HttpTrigger(Anonymous, "get", Route = Ward + "/documents")] HttpRequest req, string cycleId, string wardId) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await restructure.DocumentAsync(c, cycleId, wardId, Api.Query(req, "blob", 400) ?? "");
            return new FileContentResult(content.ToArray(), type) { FileDownloadName = name };
        });

    [ApiOperation("Gửi phương án củng cố", Status = 202, Location = true, Errors = [409])]
    [Function("SubmitProposal")]
    public Task<IActionResult> Submit([HttpTrigger(Anonymous, "post", Route = Ward + "/proposal/submit")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, c => Api.Accepted(restructure.SubmitProposalAsync(durable, c, cycleId, wardId, Aborted(req)), WardUrl(cycleId, wardId)));

    [ApiOperation("Quyết định ở một bước: chủ tịch ký, công an thẩm định, lãnh đạo quyết định", Body = typeof(DecisionBody), Status = 202, Location = true, Errors = [409])]
    [Function("DecideRestructureStep")]
    public Task<IActionResult> Decide([HttpTrigger(Anonymous, "post", Route = Ward + "/decisions/{step}")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId, string step) =>
        api.Run(req, async c => await Api.Accepted(restructure.DecideAsync(durable, c, cycleId, wardId, step, await Api.ReadBodyAsync<DecisionBody>(req), Aborted(req)), WardUrl(cycleId, wardId)));

    [ApiOperation("Đổi hạn của bước đang chờ", Body = typeof(DeadlineBody), Status = 202, Errors = [409])]
    [Function("ChangeRestructureDeadline")]
    public Task<IActionResult> ChangeDeadline([HttpTrigger(Anonymous, "put", Route = Ward + "/deadline")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, async c => await Api.Accepted(restructure.ChangeDeadlineAsync(durable, c, cycleId, wardId, await Api.ReadBodyAsync<DeadlineBody>(req), Aborted(req))));

    [ApiOperation("Rút phương án", Status = 202, Query = ["comment"], Location = true, Errors = [409])]
    [Function("WithdrawRestructure")]
    public Task<IActionResult> Withdraw([HttpTrigger(Anonymous, "post", Route = Ward + "/withdraw")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, c => Api.Accepted(restructure.StopAsync(durable, c, cycleId, wardId, cancel: false, Api.Query(req, "comment", Limits.Comment), Aborted(req)), WardUrl(cycleId, wardId)));

    [ApiOperation("Hủy rà soát của phường (cấp phê duyệt, có lý do)", Status = 202, Query = ["comment"], Location = true, Errors = [409])]
    [Function("CancelRestructure")]
    public Task<IActionResult> Cancel([HttpTrigger(Anonymous, "post", Route = Ward + "/cancel")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string cycleId, string wardId) =>
        api.Run(req, c => Api.Accepted(restructure.StopAsync(durable, c, cycleId, wardId, cancel: true, Api.Query(req, "comment", Limits.Comment), Aborted(req)), WardUrl(cycleId, wardId)));

    /// <summary>Where a ward's review shows how it goes on (the <c>Location</c> of an accepted step).</summary>
    static string WardUrl(string cycleId, string wardId) => $"/api/restructure/cycles/{cycleId}/wards/{wardId}";

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}
