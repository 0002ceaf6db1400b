using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Tndtq.LocalHost;

/// <summary>
/// Calls a <c>[Function]</c> method as the isolated worker does: a new instance of its class per
/// invocation (constructor injection from the app's services), parameters from a binder, and the
/// returned Task awaited.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, Func<ParameterInfo, object?> bind)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        try
        {
            var args = method.GetParameters().Select(bind).ToArray();
            object? result;
            try { result = method.Invoke(target, args); }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            return await Unwrap(result);
        }
        finally
        {
            switch (target)
            {
                case IAsyncDisposable ad: await ad.DisposeAsync(); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }

    static async Task<object?> Unwrap(object? result)
    {
        switch (result)
        {
            case Task task:
                await task;
                var type = task.GetType();
                return type.IsGenericType && type.GetProperty("Result") is { } p && p.PropertyType.Name != "VoidTaskResult"
                    ? p.GetValue(task) : null;
            case ValueTask vt:
                await vt;
                return null;
            default:
                if (result?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ValueTask<>))
                    return await Unwrap(t.GetMethod("AsTask")!.Invoke(result, null));
                return result;
        }
    }
}
