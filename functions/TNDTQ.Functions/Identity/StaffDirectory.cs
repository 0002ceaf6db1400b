using Tndtq.Shared;
using Azure;
using Azure.Data.Tables;

namespace Tndtq.Identity;

/// <summary>A person allowed to use the system, with their roles and (for ward roles) their ward.</summary>
/// <param name="UnitId">For approving-level staff of one approving unit: its id (they reach only its wards); null: the whole deployment.</param>
public sealed record StaffMember(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, string? WardId, string? Email = null, string? UnitId = null);

/// <summary>
/// The app's own staff directory: who may do what, keyed by the Entra object id, managed by an
/// administrator. Moving a person to another ward is one row here, nothing in Entra.
/// Table <c>Staff</c>: PartitionKey "staff", RowKey = object id (point reads only).
/// Every request asks who the caller is, so a person found is remembered for 30 s in this process
/// (<see cref="Remembered{T}"/>); a change made here (save, revoke) takes effect at once, one made on
/// another instance within 30 s.
/// </summary>
public sealed class StaffDirectory(TableServiceClient tables)
{
    public const string TableName = "Staff";
    const string Partition = "staff";
    readonly JsonTable storage = new(tables, TableName);
    readonly Remembered<StaffMember> remembered = new(TimeSpan.FromSeconds(30));

    public async Task<StaffMember?> FindAsync(string objectId, CancellationToken ct = default)
    {
        if (remembered.TryGet(objectId, out var known)) return known;
        try
        {
            var row = await storage.Client.GetEntityIfExistsAsync<TableEntity>(Partition, objectId, cancellationToken: ct);
            if (!row.HasValue) return null;
            var member = FromEntity(row.Value!);
            remembered.Remember(objectId, member);
            return member;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // table not created yet: nobody is registered
        }
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<StaffMember>();
        try
        {
            await foreach (var e in storage.Client.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct)) list.Add(FromEntity(e));
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return list;
    }

    public async Task UpsertAsync(StaffMember member, CancellationToken ct = default)
    {
        var table = await storage.ClientAsync();
        var entity = new TableEntity(Partition, member.ObjectId)
        {
            ["DisplayName"] = member.DisplayName,
            ["Roles"] = string.Join(',', member.Roles),
            ["WardId"] = member.WardId,
            ["Email"] = member.Email,
            ["UnitId"] = member.UnitId,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        remembered.Forget(member.ObjectId);
    }

    /// <summary>Removes a person's entry; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string objectId, CancellationToken ct = default)
    {
        if (await FindAsync(objectId, ct) is null) return false;
        remembered.Forget(objectId);
        try { await storage.Client.DeleteEntityAsync(Partition, objectId, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { return false; } // removed meanwhile by another instance
        return true;
    }

    static StaffMember FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("DisplayName") ?? e.RowKey,
        (e.GetString("Roles") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().ToList(),
        e.GetString("WardId"),
        e.GetString("Email"),
        e.GetString("UnitId"));
}
