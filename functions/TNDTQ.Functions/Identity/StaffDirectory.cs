using Tndtq.Shared;
using Azure;
using Azure.Data.Tables;

namespace Tndtq.Identity;

/// <summary>A person allowed to use the system, with their roles and (for ward roles) their ward.</summary>
public sealed record StaffMember(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, string? WardId, string? Email = null);

/// <summary>
/// The app's own staff directory: who may do what, keyed by the Entra object id, managed by an
/// administrator. Moving a person to another ward is one row here, nothing in Entra.
/// Table <c>Staff</c>: PartitionKey "staff", RowKey = object id (point reads only).
/// Every request asks who the caller is, so a person found is remembered for a few seconds in this
/// process; a change made here (save, revoke) takes effect at once, one made on another instance
/// within <see cref="RememberFor"/>.
/// </summary>
public sealed class StaffDirectory(TableServiceClient tables)
{
    public const string TableName = "Staff";
    const string Partition = "staff";
    readonly TableClient table = tables.GetTableClient(TableName);
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (StaffMember Member, long Until)> remembered = new();
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(15);

    public async Task<StaffMember?> FindAsync(string objectId, CancellationToken ct = default)
    {
        if (remembered.TryGetValue(objectId, out var known) && known.Until > Environment.TickCount64) return known.Member;
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, objectId, cancellationToken: ct);
            if (!row.HasValue) { remembered.TryRemove(objectId, out _); return null; }
            var member = FromEntity(row.Value!);
            remembered[objectId] = (member, Environment.TickCount64 + (long)RememberFor.TotalMilliseconds); // only people who exist: bounded by the directory
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
            await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct)) list.Add(FromEntity(e));
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
        return list;
    }

    public async Task UpsertAsync(StaffMember member, CancellationToken ct = default)
    {
        await table.EnsureCreatedAsync();
        var entity = new TableEntity(Partition, member.ObjectId)
        {
            ["DisplayName"] = member.DisplayName,
            ["Roles"] = string.Join(',', member.Roles),
            ["WardId"] = member.WardId,
            ["Email"] = member.Email,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        remembered.TryRemove(member.ObjectId, out _);
    }

    /// <summary>Removes a person's entry; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string objectId, CancellationToken ct = default)
    {
        if (await FindAsync(objectId, ct) is null) return false;
        await table.DeleteEntityAsync(Partition, objectId, ETag.All, ct);
        remembered.TryRemove(objectId, out _);
        return true;
    }

    static StaffMember FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("DisplayName") ?? e.RowKey,
        (e.GetString("Roles") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().ToList(),
        e.GetString("WardId"),
        e.GetString("Email"));
}
