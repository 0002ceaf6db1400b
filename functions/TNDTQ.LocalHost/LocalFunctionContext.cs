using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Tndtq.LocalHost;

/// <summary>The <see cref="FunctionContext"/> a function receives when the local host invokes it.</summary>
sealed class LocalFunctionContext(string functionName, MethodInfo method, IServiceProvider services, CancellationToken cancellationToken)
    : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => functionName;
    public override TraceContext TraceContext { get; } = new LocalTraceContext();
    public override BindingContext BindingContext { get; } = new LocalBindingContext();
    public override RetryContext RetryContext => null!;
    public override IServiceProvider InstanceServices { get; set; } = services;
    public override FunctionDefinition FunctionDefinition { get; } = new LocalFunctionDefinition(functionName, method);
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features { get; } = new LocalFeatures();
    public override CancellationToken CancellationToken { get; } = cancellationToken;

    sealed class LocalTraceContext : TraceContext
    {
        public override string TraceParent => Activity.Current?.Id ?? "";
        public override string TraceState => Activity.Current?.TraceStateString ?? "";
    }

    sealed class LocalBindingContext : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }

    sealed class LocalFunctionDefinition(string name, MethodInfo method) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } =
            [.. method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];
        public override string PathToAssembly => method.DeclaringType!.Assembly.Location;
        public override string EntryPoint => $"{method.DeclaringType!.FullName}.{method.Name}";
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    sealed class LocalFeatures : IInvocationFeatures
    {
        readonly Dictionary<Type, object> features = [];
        public T? Get<T>() => features.TryGetValue(typeof(T), out var f) ? (T)f : default;
        public void Set<T>(T instance) { if (instance is null) features.Remove(typeof(T)); else features[typeof(T)] = instance; }
        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => features.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
