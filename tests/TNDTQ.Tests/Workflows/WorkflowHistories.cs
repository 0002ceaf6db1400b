using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Google.Protobuf;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker.Grpc;
using Tndtq.LocalHost;
using P = Microsoft.DurableTask.Protobuf;

namespace Tndtq.Tests.Workflows;

/// <summary>
/// Recorded histories of real workflow instances (<c>Workflows/Histories/*.json</c>, the Durable
/// gRPC protocol's history events as JSON) and their replay on today's orchestrator code, through
/// <see cref="GrpcOrchestrationRunner"/> — the entry point the Azure Functions worker itself uses.
/// </summary>
public static class WorkflowHistories
{
    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tests", "TNDTQ.Tests", "Workflows", "Histories");

    public static IEnumerable<string> Files() => Directory.EnumerateFiles(Folder, "*.json").Order();

    public static IReadOnlyList<P.HistoryEvent> Load(string file) =>
        JsonParser.Default.Parse<P.HistoryChunk>(File.ReadAllText(file)).Events;

    /// <summary>Writes a history as indented JSON (Vietnamese left readable).</summary>
    public static void Save(string file, IEnumerable<P.HistoryEvent> events)
    {
        var chunk = new P.HistoryChunk { Events = { events } };
        var json = JsonNode.Parse(JsonFormatter.Default.Format(chunk))!
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        File.WriteAllText(file, json + "\n");
    }

    /// <summary>
    /// Reads an instance's history from the task hub on Azure Storage (Azurite) and converts it to
    /// the protocol's events, as the sidecar sends them to the worker.
    /// </summary>
    public static async Task<IReadOnlyList<P.HistoryEvent>> ReadAsync(string storageConnectionString, string hub, string instanceId)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            TaskHubName = hub,
        });
        var state = (await service.GetOrchestrationStateAsync(instanceId, allExecutions: false)).Single();
        var json = await service.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId);
        var serializer = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            ConstructorHandling = Newtonsoft.Json.ConstructorHandling.AllowNonPublicDefaultConstructor,
        });
        return Newtonsoft.Json.Linq.JArray.Parse(json).Select(e =>
        {
            var type = (EventType)e.Value<int>("EventType");
            var clr = typeof(HistoryEvent).Assembly.GetType($"DurableTask.Core.History.{type}Event", throwOnError: true)!;
            return ProtobufUtils.ToHistoryEventProto((HistoryEvent)e.ToObject(clr, serializer)!);
        }).ToList();
    }

    /// <summary>What replaying a history produced: the orchestrator's actions after the last recorded event.</summary>
    public sealed record Replay(IReadOnlyList<P.OrchestratorAction> Actions)
    {
        public P.CompleteOrchestrationAction? Completion => Actions.SingleOrDefault(a => a.CompleteOrchestration is not null)?.CompleteOrchestration;
    }

    /// <summary>
    /// Replays the recorded events (all but the completion) on the app's orchestrator function of that
    /// name, as the Functions worker would after a restart, and returns what the code decided to do next.
    /// </summary>
    public static Replay Run(IReadOnlyList<P.HistoryEvent> history)
    {
        var started = history.Select(e => e.ExecutionStarted).First(e => e is not null);
        var function = Catalog.Orchestrators.SingleOrDefault(o => o.Name == started.Name)
            ?? throw new InvalidOperationException($"No orchestrator function named '{started.Name}' in today's code.");
        var request = new P.OrchestratorRequest
        {
            InstanceId = started.OrchestrationInstance.InstanceId,
            ExecutionId = started.OrchestrationInstance.ExecutionId,
            PastEvents = { history.Where(e => e.ExecutionCompleted is null) },
        };
        var encoded = GrpcOrchestrationRunner.LoadAndRun(Convert.ToBase64String(request.ToByteArray()), DurableFunctions.Orchestrator(function));
        var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(encoded));
        return new Replay(response.Actions);
    }

    static readonly FunctionCatalog Catalog = FunctionCatalog.FromAssembly(typeof(Tndtq.AppServices).Assembly);

    public static IReadOnlyList<string> OrchestratorNames => Catalog.Orchestrators.Select(o => o.Name).ToList();

    /// <summary>Replays a completed instance's history on today's orchestrators: it must end as it ended.</summary>
    public static void AssertReplaysToTheSameEnd(string file, IReadOnlyList<P.HistoryEvent> history)
    {
        var recorded = history.Select(e => e.ExecutionCompleted).Single(e => e is not null);

        var replay = Run(history);

        var completion = replay.Completion;
        Assert.True(completion is null || completion.OrchestrationStatus == P.OrchestrationStatus.Completed,
            $"{file}: replay failed — {completion?.FailureDetails?.ErrorType}: {completion?.FailureDetails?.ErrorMessage}");
        Assert.True(completion is not null && replay.Actions.Count == 1,
            $"{file}: replay did not end where the recorded instance ended; the code now asks for: " +
            string.Join(", ", replay.Actions.Select(a => a.OrchestratorActionTypeCase + (a.ScheduleTask is { } t ? " " + t.Name : ""))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(recorded.Result ?? "null"), JsonNode.Parse(completion.Result ?? "null")),
            $"{file}: replay ended with a different result.\nrecorded: {recorded.Result}\nreplayed: {completion.Result}");
    }
}
