using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tndtq.Shared;

/// <summary>
/// A failure the caller should see, with a Vietnamese message. Thrown from plain code, turned
/// into an RFC 9457 ProblemDetails response in exactly one place (<see cref="Api"/>).
/// </summary>
public class ProblemException(int status, string title, string? detail = null, string? code = null,
    IDictionary<string, string[]>? errors = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public string? Code { get; } = code;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ProblemException BadRequest(string detail, string code = "bad-request") =>
        new(StatusCodes.Status400BadRequest, Texts.ValidationFailed, detail, code);
    public static ProblemException Validation(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, Texts.ValidationFailed, string.Join(" ", errors.SelectMany(e => e.Value)), "validation", errors);
    public static ProblemException NotFound(string detail) =>
        new(StatusCodes.Status404NotFound, Texts.NotFound, detail, "not-found");
    public static ProblemException Conflict(string detail, string code = "conflict") =>
        new(StatusCodes.Status409Conflict, Texts.Conflict, detail, code);
    public static ProblemException Unauthenticated(string detail = Texts.Unauthenticated) =>
        new(StatusCodes.Status401Unauthorized, Texts.Unauthenticated, detail, "unauthenticated");
    public static ProblemException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, Texts.Forbidden, detail, "forbidden");

    public IActionResult ToResult(string? instance = null) => Problems.Result(Status, Title, Detail, Code, instance, Errors);
}

public static class Problems
{
    public static IActionResult Result(int status, string title, string? detail, string? code = null,
        string? instance = null, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = instance };
        if (code is not null) problem.Extensions["code"] = code;
        if (errors is not null) problem.Extensions["errors"] = errors;
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
