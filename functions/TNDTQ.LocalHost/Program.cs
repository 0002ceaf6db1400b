using Tndtq.Demo;
using Tndtq.Identity;
using Tndtq.LocalHost;

// Runs TNDTQ locally: Azurite, the real Durable engine, the app's own functions, demo data.
// The process ends once the host is disposed: nothing is left to retry against the stopped Azurite, so it stops at once.
await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Args = args, Log = Console.WriteLine, EngineReleaseWait = TimeSpan.Zero });

Console.WriteLine();
Console.WriteLine($"TNDTQ is running: web app {host.BaseAddress}  API {host.BaseAddress}api  (task hub '{host.HubName}')");
Console.WriteLine($"  Open {host.BaseAddress} in a browser and pick a demo person, or try: curl {host.BaseAddress}api/health");
Console.WriteLine("Development sign-in for the API — send one of these headers (Easy Auth's format):");
foreach (var person in DemoData.Staff)
    Console.WriteLine($"  {person.ObjectId,-26} {person.DisplayName}\n      X-MS-CLIENT-PRINCIPAL: {ClientPrincipal.Encode(person.ObjectId)}");
Console.WriteLine("Press Ctrl+C to stop.");
await host.WaitForShutdownAsync();
