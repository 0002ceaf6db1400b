using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Web;

/// <summary>
/// The web app, served by the same Functions app at the site root (same origin as the API, behind
/// the same Easy Auth); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// Every API route is more specific than this catch-all, so the router always prefers it.
/// </summary>
public sealed class WebFunctions(WebFiles files)
{
    [ApiOperation("Ứng dụng web: các trang và tệp của nó", File = "text/html", Anonymous = true, Errors = [404, 405], Description = "Mọi địa chỉ không thuộc /api là một trang của ứng dụng (index.html); địa chỉ /api không có trả 404, sai phương thức trả 405.")]
    [Function("WebApp")]
    public IActionResult WebApp([HttpTrigger(Anonymous, "get", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest req, string? path) =>
        files.Serve(req, path);
}
