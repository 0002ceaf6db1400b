using System.Text.Json;
using Azure.Data.Tables;
using Tndtq.Shared;

namespace Tndtq.Register;

/// <summary>One change to one entity, for the audit log.</summary>
public sealed record AuditEntry(string EntityType, string EntityId, string GroupId, string EntityName, string Action, string? Before, string? After);

/// <summary>An audit entry as the API shows it, newest first.</summary>
public sealed record AuditView(
    DateTimeOffset At, string ActorId, string ActorName, string Action, string ActionName, string EntityType, string EntityId,
    string? EntityName, string Description, JsonElement? Before, JsonElement? After, string OperationId);

public static class Audit
{
    public static AuditEntry Entry<T>(string type, string id, string groupId, T? before, T? after, string name) where T : class =>
        new(type, id, groupId, name,
            before is null ? "create" : after is null ? "delete" : "update",
            before is null ? null : TableRows.ToJson(before), after is null ? null : TableRows.ToJson(after));

    public static Dictionary<string, object?> Row(AuditEntry e, OperationInfo op) => new()
    {
        ["At"] = op.At,
        ["ActorId"] = op.Actor.ObjectId,
        ["ActorName"] = op.Actor.DisplayName,
        ["Action"] = e.Action,
        ["EntityType"] = e.EntityType,
        ["EntityId"] = e.EntityId,
        ["EntityName"] = e.EntityName,
        ["GroupId"] = e.GroupId,
        ["Description"] = op.Description,
        ["Before"] = e.Before,
        ["After"] = e.After,
        ["OperationId"] = op.OperationId,
        // What the per-year figures need beyond before and after (RegisterYears.Of): the decision's date, a consolidation.
        ["On"] = op.Structural?.On.ToString("yyyy-MM-dd"),
        ["Change"] = e.EntityType == "group" && op.Structural?.Consolidated.Contains(e.EntityId) == true ? "consolidate" : null,
    };

    public static Dictionary<string, object?> SummaryRow(OperationInfo op, IReadOnlyList<AuditEntry> entries) => new()
    {
        ["At"] = op.At,
        ["ActorId"] = op.Actor.ObjectId,
        ["ActorName"] = op.Actor.DisplayName,
        ["Action"] = "bulk",
        ["EntityType"] = "ward",
        ["EntityId"] = "",
        ["EntityName"] = "",
        ["Description"] = op.Description + " — " + RegisterTexts.BulkSummary(
            entries.Count(e => e.EntityType == "group" && e.Action == "create"), entries.Count(e => e.EntityType == "group" && e.Action != "create"),
            entries.Count(e => e.EntityType == "member" && e.Action == "create"), entries.Count(e => e.EntityType == "member" && e.Action != "create")),
        ["OperationId"] = op.OperationId,
    };

    public static AuditView View(TableEntity e)
    {
        static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
        var action = e.GetString("Action") ?? "";
        return new AuditView(e.GetDateTimeOffset("At") ?? default, e.GetString("ActorId") ?? "", e.GetString("ActorName") ?? "",
            action, RegisterTexts.AuditActionName(action, e.GetString("EntityType") ?? ""), e.GetString("EntityType") ?? "", e.GetString("EntityId") ?? "",
            e.GetString("EntityName"), e.GetString("Description") ?? "", Parse(e.GetString("Before")), Parse(e.GetString("After")),
            e.GetString("OperationId") ?? "");
    }
}
