using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.ApiReference;

/// <summary>
/// The API reference, generated from the code (<see cref="OpenApiReference"/>); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// The page that shows it is the web app's <c>/api-reference/</c> (Web/wwwroot/api-reference, Scalar from node_modules).
/// </summary>
public sealed class ApiReferenceFunctions(Api api, OpenApiReference reference)
{
    [ApiOperation("Tài liệu OpenAPI 3.1 của API này", File = "application/json", Anonymous = true)]
    [Function("GetOpenApiDocument")]
    public Task<IActionResult> Get([HttpTrigger(Anonymous, "get", Route = OpenApiReference.Route)] HttpRequest req) =>
        api.RunAnonymous(req, () =>
        {
            var (json, gzipped, etag) = reference.Served;
            var gzip = req.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
            if (gzip) etag = etag.Insert(etag.Length - 1, "-gz");
            var headers = req.HttpContext.Response.Headers;
            headers.CacheControl = "no-cache";
            headers.ETag = etag;
            headers.Vary = "Accept-Encoding";
            if (req.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
                return Task.FromResult<IActionResult>(new StatusCodeResult(StatusCodes.Status304NotModified));
            if (gzip) headers.ContentEncoding = "gzip";
            return Task.FromResult<IActionResult>(new FileContentResult(gzip ? gzipped : json, "application/json; charset=utf-8"));
        });
}
