using System.Net.Http.Json;
using System.Text;

namespace Tndtq.BrowserTests;

/// <summary>A ward of a test's own, so the test may change its register without touching the demo wards others read.</summary>
public sealed record TestWard(string Id, string Name, string Officer, string Chairman);

public static class TestWards
{
    /// <summary>The register's import header (the columns a ward's CSV uses here).</summary>
    public const string CsvHeader = "Tổ,Số hộ,Họ và tên,Năm sinh,Địa chỉ,Vai trò\n";

    /// <summary>
    /// A new ward of Ninh Kiều made through the API as an administrator would: the ward, its officer and its chairman (both staff of the
    /// ward), and its register imported by the officer from a CSV (<see cref="CsvHeader"/> and a row a member).
    /// </summary>
    public static async Task<TestWard> NewAsync(BrowserFixture fx, string idPrefix, string name, string csv)
    {
        var admin = fx.Api(People.Admin);
        var ward = idPrefix + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("wards", new { id = ward, name, approvingUnitId = "ninh-kieu", approvingUnitName = "UBND quận Ninh Kiều" })).EnsureSuccessStatusCode();
        var officer = $"officer-{ward}";
        (await admin.PutAsJsonAsync($"staff/{officer}", new { displayName = $"Cán bộ phường {name}", roles = new[] { "ward-officer" }, wardId = ward })).EnsureSuccessStatusCode();
        var chairman = $"chairman-{ward}";
        (await admin.PutAsJsonAsync($"staff/{chairman}", new { displayName = $"Chủ tịch UBND phường {name}", roles = new[] { "ward-chairman" }, wardId = ward })).EnsureSuccessStatusCode();
        var import = await fx.Api(officer).PostAsync($"wards/{ward}/imports?mode=commit&fileName=so.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        return new TestWard(ward, name, officer, chairman);
    }
}
