using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tndtq.LocalHost;

/// <summary>
/// Registers the app's orchestrator and activity functions with the Durable Task worker under
/// their function names, so <c>CallActivityAsync("RecordSignOffOpened")</c> finds the same method
/// Azure would run.
/// </summary>
static class DurableFunctions
{
    static readonly DataConverter Converter = JsonDataConverter.Default;

    /// <param name="beforeActivity">Called with the activity's name and instance id before it runs (tests inject faults with it).</param>
    public static void Register(DurableTaskRegistry registry, FunctionCatalog catalog, Func<string, string, Task>? beforeActivity = null)
    {
        foreach (var f in catalog.Orchestrators)
            registry.AddOrchestrator(f.Name, () => Orchestrator(f));
        foreach (var f in catalog.Activities)
            registry.AddActivity(f.Name, sp => new Activity(f, sp, beforeActivity));
    }

    /// <summary>The orchestrator function as the worker runs it (also used to replay recorded histories in tests).</summary>
    public static ITaskOrchestrator Orchestrator(OrchestratorFunction function) => new FunctionOrchestrator(function);

    sealed class FunctionOrchestrator(OrchestratorFunction function) : ITaskOrchestrator
    {
        public Type InputType => typeof(JsonElement?);
        public Type OutputType => function.Method.ReturnType;

        public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var wrapped = new FunctionsOrchestrationContext(context, input as JsonElement?, Converter);
            // Orchestrators do no I/O; an instance class gets an empty provider, as statics need none.
            return await FunctionInvoker.InvokeAsync(function.Method, EmptyServices.Instance, p =>
                p.ParameterType == typeof(TaskOrchestrationContext) ? wrapped
                : p.ParameterType == typeof(FunctionContext) ? new LocalFunctionContext(function.Name, function.Method, EmptyServices.Instance, default)
                : throw new NotSupportedException($"Orchestrator '{function.Name}': cannot bind parameter '{p.Name}'."));
        }
    }

    sealed class Activity(ActivityFunction function, IServiceProvider services, Func<string, string, Task>? beforeActivity) : ITaskActivity
    {
        public Type InputType => function.InputType;
        public Type OutputType => function.Method.ReturnType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            try
            {
                if (beforeActivity is not null) await beforeActivity(function.Name, context.InstanceId);
                return await Invoke(sp, input);
            }
            catch (Exception e)
            {
                // The worker reports activity failures only at Information level: say it where people look.
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tndtq.LocalHost.Activities")
                    .LogError(e, "Activity {Activity} of {Instance} failed", function.Name, context.InstanceId);
                throw;
            }
        }

        Task<object?> Invoke(IServiceProvider sp, object? input)
        {
            return FunctionInvoker.InvokeAsync(function.Method, sp, p =>
                p.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input
                : p.ParameterType == typeof(FunctionContext) ? new LocalFunctionContext(function.Name, function.Method, sp, default)
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : p.GetCustomAttribute<DurableClientAttribute>() is not null ? sp.GetRequiredService<DurableTaskClient>()
                : throw new NotSupportedException($"Activity '{function.Name}': cannot bind parameter '{p.Name}'."));
        }
    }

    sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
