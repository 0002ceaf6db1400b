namespace Tndtq.Shared;

/// <summary>
/// What the API reference (<c>/api/openapi.json</c>) says about one HTTP function, placed directly above its
/// <c>[Function]</c>: the route and methods come from the function's own <c>[HttpTrigger]</c>, the path parameters
/// from its route; this names what the signature cannot show (the body read with <see cref="Api.ReadBodyAsync{T}"/>,
/// the record the handler answers with, the query parameters it reads). A function without it is missing from the
/// document, and a test says so. Schemas are made from the named types as the app serializes them (<see cref="Json"/>),
/// so renaming a property changes the document.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ApiOperationAttribute(string summary) : Attribute
{
    /// <summary>One line, Vietnamese, as a person would name the action.</summary>
    public string Summary { get; } = summary;

    /// <summary>The JSON request body's type (the <c>T</c> of <c>Api.ReadBodyAsync&lt;T&gt;</c>).</summary>
    public Type? Body { get; set; }

    /// <summary>The success response's JSON body type; none for a body-less answer (204, a bare 202) or a file.</summary>
    public Type? Response { get; set; }

    /// <summary>The success status code.</summary>
    public int Status { get; set; } = 200;

    /// <summary>
    /// The query parameters read, by name. <c>pageSize</c> is an integer (1–200), every other one a string;
    /// a name ending in <c>!</c> is required.
    /// </summary>
    public string[] Query { get; set; } = [];

    /// <summary>The success answer is a file of these media types (comma-separated) instead of JSON.</summary>
    public string? File { get; set; }

    /// <summary>The body is a file: a multipart form's <c>file</c> field or the raw bytes (<see cref="Api.ReadFileAsync"/>).</summary>
    public bool Upload { get; set; }

    /// <summary>Takes <c>If-Match</c> with the ETag last read: 412 when stale, 428 when missing.</summary>
    public bool IfMatch { get; set; }

    /// <summary>Takes <c>x-requestid</c>: a retried request with the same id is recognised, not applied twice.</summary>
    public bool RequestId { get; set; }

    /// <summary>The success answer names the resource to read next in <c>Location</c> (a 202 of a workflow step).</summary>
    public bool Location { get; set; }

    /// <summary>Error statuses beyond those the reference derives (400 for input, 401/403 unless anonymous, 404 for a path with ids, 412/428 with If-Match, 503).</summary>
    public int[] Errors { get; set; } = [];

    /// <summary>Needs no signed-in caller (health, the reference itself): no 401/403.</summary>
    public bool Anonymous { get; set; }

    /// <summary>Longer text: who may call it, what happens next.</summary>
    public string? Description { get; set; }
}
