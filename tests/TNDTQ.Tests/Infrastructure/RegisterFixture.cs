using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Register.Import;
using Tndtq.Shared;

namespace Tndtq.Tests.Infrastructure;

/// <summary>
/// The register's plain services over real Azurite, with a clock the test moves. Each test makes
/// its own ward, so tests never see each other's data.
/// </summary>
public sealed class RegisterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));
    public RegisterStore Store { get; private set; } = null!;
    public RegisterChanges Changes { get; private set; } = null!;
    public RegisterService Service { get; private set; } = null!;
    public RegisterTransfer Transfer { get; private set; } = null!;
    public RegisterOptions Options { get; } = new();

    public async Task InitializeAsync()
    {
        var connection = await TestAzurite.ConnectionStringAsync();
        Store = new RegisterStore(new TableServiceClient(connection), new BlobServiceClient(connection));
        Changes = new RegisterChanges(Store, Options, Clock);
        Service = new RegisterService(Store, Changes, Clock);
        Transfer = new RegisterTransfer(Store, Changes, Options, Clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new ward with an officer of it.</summary>
    public async Task<(string WardId, Caller Officer)> NewWardAsync()
    {
        var wardId = "t-" + Guid.NewGuid().ToString("N")[..10];
        // The whole random part in the name: the district export finds each ward by name among every test's wards.
        await Store.SaveWardAsync(new Ward(wardId, "Phường Thử " + wardId[2..], "quan-thu", "UBND quận Thử"), null, Actor.System, Clock.GetUtcNow(), default);
        return (wardId, new Caller("officer-" + wardId, "Cán bộ " + wardId, [Role.WardOfficer], wardId));
    }

    public static Caller Police { get; } = new("police", "Công an quận", [Role.DistrictPolice], null);

    /// <summary>Establishes a group by decision (the structural path), leader first, then deputies, then members.</summary>
    public async Task<string> EstablishAsync(string wardId, string name, int households, params string[] people)
    {
        PersonSpec P(string n, int i) => new(null, n, i % 2 == 0 ? Gender.Male : Gender.Female, 1950 + i % 50, $"Số {i + 1}, {name}", null);
        var leader = P(people[0], 0);
        var deputies = people.Skip(1).Take(Math.Min(2, people.Length - 1)).Select((n, i) => P(n, i + 1)).ToList();
        var members = people.Skip(1 + deputies.Count).Select((n, i) => P(n, i + 10)).ToList();
        await Changes.ApplyStructuralAsync(wardId, "establish-" + Guid.NewGuid().ToString("N")[..8], new Decision("01/QĐ-UBND", new DateOnly(2025, 1, 2)),
            [new EstablishGroup(name, "Khu vực thử", households, leader, deputies, members)], Actor.System, default);
        var state = (await Store.LoadAsync(wardId, default)).State;
        return state.Groups.Values.Single(g => g.Name == name).Id;
    }
}
