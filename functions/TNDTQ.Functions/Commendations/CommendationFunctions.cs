using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tndtq.Restructure;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Commendations;

/// <summary>
/// HTTP API of commendation nominations; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class CommendationFunctions(Api api, NominationService nominations)
{
    const string One = Api.Prefix + "commendations/nominations/{id}";

    [ApiOperation("Danh mục hình thức khen thưởng", Response = typeof(IReadOnlyList<AwardForm>))]
    [Function("GetAwardCatalogue")]
    public Task<IActionResult> Catalogue([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "commendations/catalogue")] HttpRequest req) =>
        api.Run(req, async _ => new OkObjectResult(await nominations.CatalogueAsync()));

    [ApiOperation("Lưu một hình thức khen thưởng (quản trị)", Body = typeof(AwardForm), Response = typeof(AwardForm))]
    [Function("SaveAwardForm")]
    public Task<IActionResult> SaveForm([HttpTrigger(Anonymous, "put", Route = Api.Prefix + "commendations/catalogue/{formId}")] HttpRequest req, string formId) =>
        api.Run(req, async c => new OkObjectResult(await nominations.SaveFormAsync(c, formId, await Api.ReadBodyAsync<AwardForm>(req))));

    [ApiOperation("Đề nghị khen thưởng (mở một quy trình)", Body = typeof(NominateBody), Response = typeof(NominationView), Status = 202, RequestId = true, Errors = [409])]
    [Function("Nominate")]
    public Task<IActionResult> Nominate([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "commendations/nominations")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => await Api.Accepted(nominations.NominateAsync(durable, c, await Api.ReadBodyAsync<NominateBody>(req), Api.RequestId(req, c), Aborted(req))));

    [ApiOperation("Đề nghị khen thưởng hàng loạt theo đợt thi đua", Body = typeof(CampaignBody), Response = typeof(IReadOnlyList<NominationView>), Status = 202, RequestId = true, Errors = [409])]
    [Function("NominateCampaign")]
    public Task<IActionResult> NominateCampaign([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "commendations/campaigns/{campaign}/nominations")] HttpRequest req,
        [DurableClient] DurableTaskClient durable, string campaign) =>
        api.Run(req, async c => await Api.Accepted(nominations.NominateCampaignAsync(durable, c, campaign, await Api.ReadBodyAsync<CampaignBody>(req, CampaignBody.MaxBytes), Api.RequestId(req, c), Aborted(req))));

    [ApiOperation("Danh sách đề nghị khen thưởng, kèm việc người gọi có thể bắt đầu (actions)", Response = typeof(NominationList), Query = ["wardId", "status", "awardFormId", "period", "campaign", "q", "continuationToken", "pageSize"])]
    [Function("ListNominations")]
    public Task<IActionResult> List([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "commendations/nominations")] HttpRequest req, [DurableClient] DurableTaskClient durable) =>
        api.Run(req, async c => new OkObjectResult(await nominations.ListAsync(durable, c,
            new NominationFilter(Api.Query(req, "wardId"), Api.Query(req, "status"), Api.Query(req, "awardFormId"), Api.Query(req, "period", 20),
                Api.Query(req, "campaign"), Api.Query(req, "q", Limits.Name)),
            Api.Query(req, "continuationToken", 2048), Api.PageSize(req), Aborted(req))));

    [ApiOperation("Một đề nghị khen thưởng, kèm diễn biến", Response = typeof(NominationView))]
    [Function("GetNomination")]
    public Task<IActionResult> Get([HttpTrigger(Anonymous, "get", Route = One)] HttpRequest req, [DurableClient] DurableTaskClient durable, string id) =>
        api.Run(req, async c => new OkObjectResult(await nominations.GetAsync(durable, c, id, null, Aborted(req))));

    [ApiOperation("Đính kèm tài liệu minh chứng", Response = typeof(NominationView), Upload = true, Errors = [409])]
    [Function("AddNominationEvidence")]
    public Task<IActionResult> Evidence([HttpTrigger(Anonymous, "post", Route = One + "/evidence")] HttpRequest req, [DurableClient] DurableTaskClient durable, string id) =>
        api.Run(req, async c =>
        {
            var (content, name, type) = await Api.ReadFileAsync(req, Attachments.MaxBytes);
            return new OkObjectResult(await nominations.AddEvidenceAsync(durable, c, id, name, type, content, Aborted(req)));
        });

    [ApiOperation("Tải một tài liệu minh chứng", Query = ["blob!"], File = "application/octet-stream")]
    [Function("GetNominationEvidence")]
    public Task<IActionResult> GetEvidence([HttpTrigger(Anonymous, "get", Route = One + "/evidence")] HttpRequest req, string id) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await nominations.EvidenceAsync(c, id, Api.Query(req, "blob", 400) ?? "", Aborted(req));
            return new FileContentResult(content.ToArray(), type) { FileDownloadName = name };
        });

    [ApiOperation("Quyết định ở một bước của quy trình khen thưởng", Body = typeof(NominationDecisionBody), Status = 202, Location = true, Errors = [409])]
    [Function("DecideNominationStep")]
    public Task<IActionResult> Decide([HttpTrigger(Anonymous, "post", Route = One + "/decisions/{step}")] HttpRequest req, [DurableClient] DurableTaskClient durable, string id, string step) =>
        api.Run(req, async c => await Api.Accepted(nominations.DecideAsync(durable, c, id, step, await Api.ReadBodyAsync<NominationDecisionBody>(req), Aborted(req)), NominationUrl(id)));

    [ApiOperation("Rút đề nghị khen thưởng", Status = 202, Query = ["comment"], Location = true, Errors = [409])]
    [Function("WithdrawNomination")]
    public Task<IActionResult> Withdraw([HttpTrigger(Anonymous, "post", Route = One + "/withdraw")] HttpRequest req, [DurableClient] DurableTaskClient durable, string id) =>
        api.Run(req, async c => await Api.Accepted(nominations.WithdrawAsync(durable, c, id, Api.Query(req, "comment", Limits.Comment), Aborted(req)), NominationUrl(id)));

    [ApiOperation("Quyết định hoặc giấy khen (DOCX, PDF)", File = "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [Function("GetCommendationDocument")]
    public Task<IActionResult> Document([HttpTrigger(Anonymous, "get", Route = One + "/documents/{kind}/{format}")] HttpRequest req, string id, string kind, string format) =>
        api.Run(req, async c =>
        {
            var (content, type, name) = await nominations.DocumentAsync(c, id, kind, format, Aborted(req));
            return new FileContentResult(content.ToArray(), type) { FileDownloadName = name };
        });

    [ApiOperation("Lịch sử khen thưởng của một thành viên hoặc một tổ", Response = typeof(IReadOnlyList<AwardRecord>))]
    [Function("GetCommendationHistory")]
    public Task<IActionResult> History([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "wards/{wardId}/commendations/{nomineeId}")] HttpRequest req, string wardId, string nomineeId) =>
        api.Run(req, async c => new OkObjectResult(await nominations.HistoryAsync(c, wardId, nomineeId)));

    /// <summary>Where a nomination shows how it goes on (the <c>Location</c> of an accepted step).</summary>
    static string NominationUrl(string id) => $"/api/commendations/nominations/{id}";

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}
