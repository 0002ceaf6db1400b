using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Tndtq.Shared;

namespace Tndtq.Web;

/// <summary>
/// The web app's files, embedded in the Functions assembly under <c>wwwroot/</c> (the app's own
/// pages from <c>Web/wwwroot</c>, the kept libraries copied from <c>node_modules</c> at build, see the
/// csproj). Read once; each file carries its ETag and, for text, a gzip copy.
/// <list type="bullet">
/// <item>A path whose last segment has no extension is a page of the app: <c>index.html</c> answers,
/// and the app's router shows the screen.</item>
/// <item>Anything under <c>api/</c> that reached here is no API route: a 404 ProblemDetails, never a page.</item>
/// <item>File names are not fingerprinted, so every file is <c>no-cache</c>: the browser asks again
/// each time with <c>If-None-Match</c> and gets a 304 while the file is unchanged.</item>
/// </list>
/// </summary>
public sealed class WebFiles
{
    const string ResourcePrefix = "wwwroot/";
    const string IndexFile = "index.html";

    /// <summary>
    /// Only this origin's scripts, styles, images and API; never in a frame. The page may frame a <c>blob:</c> copy it made
    /// itself (the PDF preview of a decision or certificate, read with the sign-in header).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (<c>api-reference/</c>): its library (Scalar) adds its styles as &lt;style&gt; elements while it
    /// runs, so this one page also allows inline styles; scripts, fonts and connections stay this origin's only.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'none'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Pages that are a folder's <c>index.html</c> with a policy of their own.</summary>
    static readonly FrozenDictionary<string, string> PagePolicies = new Dictionary<string, string> { ["api-reference/index.html"] = ApiReferencePolicy }.ToFrozenDictionary();

    sealed record WebFile(string ContentType, byte[] Content, string ETag, byte[]? Gzip);

    readonly FrozenDictionary<string, WebFile> files;
    readonly ApiRoutes apiRoutes = ApiRoutes.Of(typeof(WebFiles).Assembly);

    public WebFiles()
    {
        var assembly = typeof(WebFiles).Assembly;
        var found = new Dictionary<string, WebFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var type = ContentType(path);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..20] + "\"";
            found[path[ResourcePrefix.Length..]] = new WebFile(type, content, etag, Compressible(type) ? Compress(content) : null);
        }
        files = found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The paths served (for tests and the local host's start message).</summary>
    public IEnumerable<string> Paths => files.Keys;

    public IActionResult Serve(HttpRequest request, string? path)
    {
        var headers = request.HttpContext.Response.Headers;
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";

        var p = (path ?? "").Trim('/');
        if (p == "api" || p.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            return apiRoutes.Matches(p)
                ? Problems.Result(StatusCodes.Status405MethodNotAllowed, WebTexts.PageMethodNotAllowedTitle, WebTexts.ApiMethodNotAllowed(request.Method), "method-not-allowed", request.Path)
                : Problems.Result(StatusCodes.Status404NotFound, Texts.NotFound, WebTexts.ApiRouteNotFound, "route-not-found", request.Path);
        if (!HttpMethods.IsGet(request.Method))
            return Problems.Result(StatusCodes.Status405MethodNotAllowed, WebTexts.PageMethodNotAllowedTitle, WebTexts.PageMethodNotAllowed, "method-not-allowed", request.Path);

        var lastSegment = p[(p.LastIndexOf('/') + 1)..];
        if (!files.TryGetValue(p.Length == 0 ? IndexFile : p, out var file) && !files.TryGetValue(p + "/" + IndexFile, out file))
        {
            if (lastSegment.Contains('.') || !files.TryGetValue(IndexFile, out file))
                return new ContentResult { StatusCode = StatusCodes.Status404NotFound, Content = WebTexts.WebFileNotFound, ContentType = "text/plain; charset=utf-8" };
        }

        if (PagePolicies.TryGetValue(files.ContainsKey(p) ? p : p + "/" + IndexFile, out var policy)) headers["Content-Security-Policy"] = policy;
        var gzip = file.Gzip is not null && AcceptsGzip(request);
        var etag = gzip ? file.ETag.Insert(file.ETag.Length - 1, "-gz") : file.ETag;
        headers.CacheControl = "no-cache";
        headers.ETag = etag;
        headers.Vary = "Accept-Encoding";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        if (gzip) headers.ContentEncoding = "gzip";
        return new FileContentResult(gzip ? file.Gzip! : file.Content, file.ContentType);
    }

    static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));

    static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        ".webmanifest" => "application/manifest+json; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    static bool Compressible(string type) => type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json") || type.Contains("svg");

    static byte[]? Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(content);
        return output.Length < content.Length ? output.ToArray() : null;
    }
}

/// <summary>
/// The API's route templates, read from the app's own <c>[HttpTrigger]</c> attributes: an address
/// under /api that reached the catch-all but matches one of them was sent with a method that route
/// does not take (405), not to an address that does not exist (404).
/// </summary>
sealed class ApiRoutes(IReadOnlyList<Microsoft.AspNetCore.Routing.Template.TemplateMatcher> matchers)
{
    public static ApiRoutes Of(System.Reflection.Assembly assembly) => new(assembly.GetTypes()
        .SelectMany(t => t.GetMethods())
        .SelectMany(m => m.GetParameters())
        .Select(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).FirstOrDefault())
        .OfType<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>()
        .Where(a => a.Route is { } r && r.StartsWith(Api.Prefix, StringComparison.Ordinal))
        .Select(a => new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
            Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(a.Route!), new Microsoft.AspNetCore.Routing.RouteValueDictionary()))
        .ToList());

    public bool Matches(string path) => matchers.Any(m => m.TryMatch("/" + path, new Microsoft.AspNetCore.Routing.RouteValueDictionary()));
}
