using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Tndtq.LocalHost;

/// <summary>
/// Serves the app's HTTP-triggered functions on Kestrel with their own route templates and
/// methods under the host.json route prefix, binding what the functions ask for, and executes
/// the <see cref="IActionResult"/> (or <see cref="IResult"/>) they return.
/// </summary>
static class HttpFunctions
{
    static readonly string[] AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static void Map(IEndpointRouteBuilder endpoints, FunctionCatalog catalog, string routePrefix)
    {
        foreach (var f in catalog.Http)
        {
            var template = string.IsNullOrEmpty(routePrefix) ? f.Route : $"{routePrefix}/{f.Route}";
            endpoints.MapMethods("/" + template, f.Methods.Count > 0 ? f.Methods : AllMethods, context => InvokeAsync(f, context))
                .WithName(f.Name)
                // Function authorization keys are not enforced locally, as with Core Tools.
                .WithMetadata(f.AuthLevel);
        }
    }

    static async Task InvokeAsync(HttpFunction function, HttpContext context)
    {
        var services = context.RequestServices;
        var routeValues = context.Request.RouteValues;
        var result = await FunctionInvoker.InvokeAsync(function.Method, services, p => Bind(function, p, context, routeValues));
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case string text:
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text);
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, result.GetType());
                break;
        }
    }

    static object? Bind(HttpFunction function, ParameterInfo p, HttpContext context, RouteValueDictionary routeValues)
    {
        if (p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            return p.ParameterType == typeof(HttpRequest) ? context.Request
                : throw new NotSupportedException($"'{function.Name}': the local host binds HTTP triggers as HttpRequest (ASP.NET Core integration).");
        if (p.GetCustomAttribute<DurableClientAttribute>() is not null) return context.RequestServices.GetRequiredService<DurableTaskClient>();
        if (p.ParameterType == typeof(FunctionContext)) return new LocalFunctionContext(function.Name, function.Method, context.RequestServices, context.RequestAborted);
        if (p.ParameterType == typeof(CancellationToken)) return context.RequestAborted;
        if (p.Name is { } name && routeValues.TryGetValue(name, out var value))
        {
            var target = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            return value is null ? null : target == typeof(string) ? value.ToString() : System.ComponentModel.TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value.ToString()!);
        }
        if (p.HasDefaultValue) return p.DefaultValue;
        if (!p.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) is not null) return null;
        throw new NotSupportedException($"'{function.Name}': cannot bind parameter '{p.Name}'.");
    }
}
