using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace Tndtq.LocalHost;

/// <summary>
/// What an orchestrator function receives: the Durable worker's own context, with
/// <see cref="GetInput{T}"/> reading the raw input as the function's type (as the Functions
/// extension does), since the host cannot know that type from the trigger alone.
/// </summary>
sealed class FunctionsOrchestrationContext(TaskOrchestrationContext inner, JsonElement? input, DataConverter converter)
    : TaskOrchestrationContext
{
    public override T? GetInput<T>() where T : default =>
        input is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } raw ? converter.Deserialize<T>(raw.GetRawText()) : default;

    public override TaskName Name => inner.Name;
    public override string InstanceId => inner.InstanceId;
    public override ParentOrchestrationInstance? Parent => inner.Parent;
    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;
    public override bool IsReplaying => inner.IsReplaying;
    public override string Version => inner.Version;
    public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;
    public override TaskOrchestrationEntityFeature Entities => inner.Entities;
    public override ILoggerFactory ReplaySafeLoggerFactory => inner.ReplaySafeLoggerFactory;
    protected override ILoggerFactory LoggerFactory => inner.ReplaySafeLoggerFactory;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, options);
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);
    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);
    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);
    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);
    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);
    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        inner.ContinueAsNew(newInput, preserveUnprocessedEvents);
    public override void ContinueAsNew(ContinueAsNewOptions options) => inner.ContinueAsNew(options);
    public override Guid NewGuid() => inner.NewGuid();
    public override int CompareVersionTo(string version) => inner.CompareVersionTo(version);
}
