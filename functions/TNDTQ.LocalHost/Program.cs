using Tndtq.Demo;
using Tndtq.Identity;
using Tndtq.LocalHost;

// Runs TNDTQ locally: Azurite, the real Durable engine, the app's own functions, demo data.
await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Args = args, Log = Console.WriteLine });

Console.WriteLine();
Console.WriteLine($"TNDTQ is running at {host.BaseAddress}api  (task hub '{host.HubName}')");
Console.WriteLine($"  Try: curl {host.BaseAddress}api/health");
Console.WriteLine("Development sign-in — send one of these headers (Easy Auth's format):");
foreach (var person in DemoData.Staff)
    Console.WriteLine($"  {person.ObjectId,-26} {person.DisplayName}\n      X-MS-CLIENT-PRINCIPAL: {ClientPrincipal.Encode(person.ObjectId)}");
Console.WriteLine("Press Ctrl+C to stop.");
await host.WaitForShutdownAsync();
