using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Tndtq.LocalHost;
using Tndtq.Register;
using Tndtq.SignOffs;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// Storage goes away under load and comes back: every answer meanwhile is a success, a client error
/// or a Vietnamese 503 with Retry-After — never a 500 — and the app works again afterwards, workflows
/// included. The host has an Azurite of its own (data in a folder, so it comes back with its records).
/// </summary>
public sealed class StorageOutageTests(StorageOutageTests.Fixture fx) : IClassFixture<StorageOutageTests.Fixture>
{
    public sealed class Fixture : HostFixture
    {
        readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("tndtq-outage-");
        public Azurite Storage { get; set; } = null!;
        protected override async Task<string> StorageAsync() => (Storage = await Azurite.StartPrivateAsync(folder.FullName)).ConnectionString;
        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Storage.DisposeAsync();
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }

    const string Register = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n" +
        "\"Tổ 1, khu vực 1\",30,Nguyễn Văn An,1960,Số 1,Tổ trưởng\n" +
        "\"Tổ 2, khu vực 1\",25,Trần Thị Bình,1965,Số 2,Tổ trưởng\n";

    sealed record Answer(string What, int Status, bool RetryAfter, string? ContentType, string Body);

    [Fact]
    public async Task Storage_stopped_for_ten_seconds_under_load_gives_503s_with_Retry_After_never_a_500_and_the_app_works_after()
    {
        var (ward, officer, chairman) = await fx.NewWardAsync("mat-kho", "Phường Mất Kho", Register);
        var groups = (await (await officer.GetAsync($"wards/{ward}/groups")).ReadAsync<PageResult<GroupView>>()).Items.Select(g => g.Id).ToList();
        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();
        var n = 0;

        async Task Record(string what, Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                using var r = await send();
                answers.Add(new Answer(what, (int)r.StatusCode, r.Headers.RetryAfter is not null, r.Content.Headers.ContentType?.MediaType,
                    await r.Content.ReadAsStringAsync()));
            }
            catch (HttpRequestException e) { answers.Add(new Answer(what, -1, false, null, e.Message)); }
        }

        async Task Client(int c)
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref n);
                var group = groups[i % groups.Count];
                switch (i % 6)
                {
                    case 0: await Record("page", () => officer.GetAsync($"wards/{ward}/groups")); break;
                    case 1: await Record("me", () => officer.GetAsync("me")); break;
                    case 2:
                        await Record("add member", () => officer.PostAsJsonAsync($"wards/{ward}/groups/{group}/members",
                            new { fullName = $"Người Thứ {i}", birthYear = 1950 + i % 50, address = $"Số {i}, đường Mới" }));
                        break;
                    case 3:
                        await Record("patch group", async () =>
                        {
                            var read = await officer.GetAsync($"wards/{ward}/groups/{group}");
                            if (!read.IsSuccessStatusCode) return read;
                            var request = new HttpRequestMessage(HttpMethod.Patch, $"wards/{ward}/groups/{group}") { Content = JsonContent.Create(new { households = 20 + i % 30 }) };
                            request.Headers.IfMatch.ParseAdd(read.Headers.ETag!.ToString());
                            return await officer.SendAsync(request);
                        });
                        break;
                    case 4: await Record("search", () => officer.GetAsync($"members/search?q=nguyen&wardId={ward}")); break;
                    default:
                        await Record("sign-off", () => officer.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title = $"Tờ trình số {i}", dueInMinutes = 60 }));
                        break;
                }
            }
        }

        var load = Enumerable.Range(0, 6).Select(Client).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = answers.Count;
        await fx.Storage.StopAsync();                      // the outage (no acknowledged write is lost, as in Azure)
        await Task.Delay(TimeSpan.FromSeconds(10));
        fx.Storage = await fx.Storage.StartAgainAsync();   // storage is back, same ports, same data
        await Task.Delay(TimeSpan.FromSeconds(5));
        stop.Cancel();
        await Task.WhenAll(load);

        var all = answers.ToList();
        var wrong = all.Where(a => a.Status is < 200 or >= 500 && !(a.Status == 503 && a.RetryAfter && a.ContentType == "application/problem+json"))
            .Select(a => $"{a.What}: {a.Status} {a.Body[..Math.Min(300, a.Body.Length)]}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {all.Count} answers were neither 2xx/4xx nor a 503 with Retry-After:\n{string.Join("\n", wrong.Distinct().Take(20))}");
        Assert.True(before > 0, "no answer before the outage");
        // The load met the outage: without 503s this test would prove nothing.
        var unavailable = all.Where(a => a.Status == 503).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, a => Assert.Equal(Tndtq.Shared.Texts.ServiceUnavailable,
            System.Text.Json.JsonSerializer.Deserialize<ProblemBody>(a.Body, Tndtq.Shared.Json.Options)!.Title));

        // The app works again: a member joins, a sign-off is started and its workflow reaches the chairman.
        var added = await HttpAssertions.EventuallyAsync(
            () => officer.PostAsJsonAsync($"wards/{ward}/groups/{groups[0]}/members", new { fullName = "Lê Văn Sau", birthYear = 1980, address = "Số 9" }),
            r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60));
        var started = await (await officer.PostAsJsonAsync($"wards/{ward}/sign-offs", new { title = "Tờ trình sau sự cố", dueInMinutes = 60 })).ReadAsync<SignOffView>();
        await HttpAssertions.EventuallyAsync(async () => await (await chairman.GetAsync($"wards/{ward}/sign-offs/{started.Id}")).ReadAsync<SignOffView>(),
            v => v.State == "waiting-for-chairman", TimeSpan.FromSeconds(90));
        var check = await (await officer.GetAsync($"wards/{ward}/counters/check")).ReadAsync<System.Text.Json.JsonElement>();
        Assert.True(check.GetProperty("consistent").GetBoolean(), check.ToString());
    }
}
