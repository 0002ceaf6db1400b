using Tndtq.Shared;
using Azure;
using Azure.Data.Tables;
using Tndtq.Shared.Workflows;

namespace Tndtq.Inbox;

/// <summary>A step waiting for someone, as lists show it.</summary>
public sealed record TaskItem(string Workflow, string InstanceId, string StepId, string Step, string StepName, string WardId, string Subject,
    DateTimeOffset DueAt, bool Overdue, string Link);

/// <summary>
/// The projection "what is waiting for whom": table <c>WorkflowTasks</c>, PartitionKey = audience
/// (<see cref="Audience"/>), RowKey = workflow instance id. Written when a step opens or its deadline
/// moves, removed when it is decided, so "waiting for me" is one partition read per role.
/// </summary>
public sealed class TaskList(TableServiceClient tables, TimeProvider clock)
{
    public const string TableName = "WorkflowTasks";
    readonly JsonTable storage = new(tables, TableName);

    /// <summary>Lists the step; returns the step and deadline that were listed for the workflow before (to move it in the due index).</summary>
    public async Task<(string StepId, DateTimeOffset DueAt)?> PutAsync(OpenStep step)
    {
        var table = await storage.ClientAsync();
        var key = TableRows.Safe(step.InstanceId);
        var old = await table.GetEntityIfExistsAsync<TableEntity>(Audience.Of(step.WaitingFor, step.WardId), key);
        (string, DateTimeOffset)? previous = old.HasValue && old.Value!.GetDateTimeOffset("DueAt") is { } due ? (old.Value.GetString("StepId") ?? "", due) : null;
        await table.UpsertEntityAsync(new TableEntity(Audience.Of(step.WaitingFor, step.WardId), TableRows.Safe(step.InstanceId))
        {
            ["Workflow"] = step.Workflow, ["InstanceId"] = step.InstanceId, ["StepId"] = step.StepId, ["Step"] = step.Step, ["StepName"] = step.StepName,
            ["WardId"] = step.WardId, ["Subject"] = step.Subject, ["DueAt"] = step.DueAt, ["Link"] = step.Link,
        }, TableUpdateMode.Replace);
        return previous;
    }

    public async Task RemoveAsync(OpenStep step)
    {
        try
        {
            // Only this step's row: a later step of the same workflow may already be listed.
            var key = TableRows.Safe(step.InstanceId);
            var row = await storage.Client.GetEntityIfExistsAsync<TableEntity>(Audience.Of(step.WaitingFor, step.WardId), key);
            if (row.HasValue && row.Value!.GetString("StepId") == step.StepId)
                await storage.Client.DeleteEntityAsync(row.Value.PartitionKey, key, row.Value.ETag);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { }
    }

    public async Task<IReadOnlyList<TaskItem>> ForAsync(Caller caller, string? workflow, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var items = new List<TaskItem>();
        try
        {
            foreach (var audience in Audience.Of(caller))
                await foreach (var e in storage.Client.QueryAsync<TableEntity>(x => x.PartitionKey == audience, cancellationToken: ct))
                {
                    if (workflow is not null && e.GetString("Workflow") != workflow) continue;
                    // An approving role's tasks are listed for the role; a person of one unit sees its wards' only.
                    if (e.GetString("WardId") is { Length: > 0 } ward && !caller.CanRead(ward)) continue;
                    var due = e.GetDateTimeOffset("DueAt") ?? now;
                    items.Add(new TaskItem(e.GetString("Workflow") ?? "", e.GetString("InstanceId") ?? "", e.GetString("StepId") ?? "", e.GetString("Step") ?? "",
                        e.GetString("StepName") ?? "", e.GetString("WardId") ?? "", e.GetString("Subject") ?? "", due, due < now, e.GetString("Link") ?? ""));
                }
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return items.OrderBy(i => i.DueAt).ToList();
    }
}
