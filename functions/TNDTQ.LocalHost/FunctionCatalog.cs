using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Tndtq.LocalHost;

public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel, MethodInfo Method);
public sealed record OrchestratorFunction(string Name, MethodInfo Method);
public sealed record ActivityFunction(string Name, Type InputType, MethodInfo Method);
public sealed record TimerFunction(string Name, string Schedule, bool RunOnStartup, MethodInfo Method);

/// <summary>
/// The functions of the app, found by reflection on its <c>[Function]</c> methods — the same
/// attributes the Worker SDK reads to generate <c>functions.metadata</c>. There is no second list.
/// </summary>
public sealed class FunctionCatalog
{
    public IReadOnlyList<HttpFunction> Http { get; }
    public IReadOnlyList<OrchestratorFunction> Orchestrators { get; }
    public IReadOnlyList<ActivityFunction> Activities { get; }
    public IReadOnlyList<TimerFunction> Timers { get; }

    FunctionCatalog(List<HttpFunction> http, List<OrchestratorFunction> orchestrators, List<ActivityFunction> activities, List<TimerFunction> timers)
    {
        Http = http; Orchestrators = orchestrators; Activities = activities; Timers = timers;
    }

    public static FunctionCatalog FromAssembly(Assembly assembly)
    {
        List<HttpFunction> http = []; List<OrchestratorFunction> orchestrators = [];
        List<ActivityFunction> activities = []; List<TimerFunction> timers = [];
        const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass))
            foreach (var method in type.GetMethods(all))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
                var name = function.Name;
                var parameters = method.GetParameters();
                ParameterInfo? Trigger<T>() where T : Attribute => parameters.FirstOrDefault(p => p.GetCustomAttribute<T>() is not null);

                if (Trigger<HttpTriggerAttribute>() is { } h)
                {
                    var a = h.GetCustomAttribute<HttpTriggerAttribute>()!;
                    var methods = a.Methods is { Length: > 0 } m ? m.Select(x => x.ToUpperInvariant()).ToArray() : [];
                    http.Add(new HttpFunction(name, a.Route ?? name, methods, a.AuthLevel, method));
                }
                else if (Trigger<OrchestrationTriggerAttribute>() is not null)
                    orchestrators.Add(new OrchestratorFunction(name, method));
                else if (Trigger<ActivityTriggerAttribute>() is { } act)
                    activities.Add(new ActivityFunction(name, act.ParameterType, method));
                else if (Trigger<TimerTriggerAttribute>() is { } t)
                {
                    var a = t.GetCustomAttribute<TimerTriggerAttribute>()!;
                    timers.Add(new TimerFunction(name, a.Schedule, a.RunOnStartup, method));
                }
                else
                    throw new NotSupportedException(
                        $"Function '{name}' ({type.Name}.{method.Name}) uses a trigger the local host does not run. " +
                        "Add support in TNDTQ.LocalHost before adding such a function.");
            }
        var duplicates = http.Select(f => f.Name).Concat(orchestrators.Select(f => f.Name)).Concat(activities.Select(f => f.Name))
            .Concat(timers.Select(f => f.Name)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) throw new InvalidOperationException($"Duplicate function names: {string.Join(", ", duplicates)}");
        return new FunctionCatalog(http, orchestrators, activities, timers);
    }
}
