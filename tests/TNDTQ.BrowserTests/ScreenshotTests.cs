using Xunit.Abstractions;

namespace Tndtq.BrowserTests;

/// <summary>Each main screen at a phone's width (360 px) and a desktop's (1366 px), saved with the test results.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fx, ITestOutputHelper output)
{
    [Theory]
    [InlineData(360)]
    [InlineData(1366)]
    public async Task Every_main_screen_fits_the_width(int width)
    {
        var groups = await fx.Api(People.OfficerAnCu).JsonAsync("wards/an-cu/groups?pageSize=1");
        var group = groups.GetProperty("items")[0];
        var groupId = group.GetProperty("id").GetString();
        var members = await fx.Api(People.OfficerAnCu).JsonAsync($"wards/an-cu/groups/{groupId}/members?pageSize=1");
        var memberId = members.GetProperty("items")[0].GetProperty("id").GetString();

        // Something waiting for the ward chairman, so that the home screen has a task and a notice.
        var title = $"Tờ trình kiện toàn Tổ 5, khu vực 2 (khổ {width} điểm ảnh)";
        (await fx.Api(People.OfficerAnCu).PostJsonAsync("wards/an-cu/sign-offs", new { title, dueInMinutes = 60 * 24 * 3 })).EnsureSuccessStatusCode();
        for (var i = 0; i < 150 && !(await fx.Api(People.ChairmanAnCu).JsonAsync("inbox")).GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("subject").GetString()!.Contains(title)); i++)
            await Task.Delay(200);

        var page = await fx.NewPageAsync(width, 800);
        await fx.OpenAsync(page, "/");
        await page.Locator("h1").WaitForAsync();
        await Shot(page, "dang-nhap", width);

        var chairman = await fx.NewPageAsync(width, 800);
        await fx.SignInAsync(chairman, People.ChairmanAnCu);
        await Shot(chairman, "viec-cua-toi", width, ".card.task");

        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, "/so-theo-doi/an-cu");
        await Shot(page, "so-theo-doi-phuong", width, "table");
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}");
        await Shot(page, "so-theo-doi-to", width, "table");
        await fx.OpenAsync(page, $"/so-theo-doi/an-cu/to/{groupId}/thanh-vien/{memberId}");
        await Shot(page, "so-theo-doi-thanh-vien", width, "dl.facts");
        await fx.OpenAsync(page, "/so-theo-doi/an-cu/nhap-tu-tep");
        await Shot(page, "nhap-tu-tep", width, ".steps");

        var district = await fx.NewPageAsync(width, 800);
        await fx.SignInAsync(district, People.Police);
        await fx.OpenAsync(district, "/so-theo-doi");
        await Shot(district, "so-theo-doi-toan-quan", width, "table");

        var admin = await fx.NewPageAsync(width, 800);
        await fx.SignInAsync(admin, People.Admin);
        await fx.OpenAsync(admin, "/quan-tri");
        await Shot(admin, "quan-tri", width, "table");

        // Rà soát, kiện toàn: a cycle for three wards; the district overview (every ward, its step, who must act, counts per
        // step) as the district police see it, and An Cư's page as its officer sees it (a list of every group to assess).
        var cycle = $"ra-soat-thu-{width}";
        (await fx.Api(People.Police).PostJsonAsync("restructure/cycles", new {
            id = cycle, name = $"Rà soát thử ({width})", wardIds = new[] { "an-cu", "cai-khe", "xuan-khanh" },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(20), proposalDue = DateTimeOffset.UtcNow.AddDays(50) },
        })).EnsureSuccessStatusCode();
        await fx.OpenAsync(district, "/ra-soat");
        await Shot(district, "ra-soat", width, "table.overview");
        await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
        await Shot(page, "ra-soat-phuong", width, ".assess-list");

        // Khen thưởng: a nomination by the officer, seen by the district police (who may override the eligibility check).
        var nominated = await (await fx.Api(People.OfficerAnCu).PostJsonAsync("commendations/nominations", new {
            wardId = "an-cu", groupId, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = $"{2000 + width % 100}", achievements = "Giữ vững an ninh trật tự; không có tội phạm trên địa bàn.",
        })).ReadAsync<System.Text.Json.JsonElement>();
        await fx.OpenAsync(district, "/khen-thuong");
        await Shot(district, "khen-thuong", width, "table");
        await fx.OpenAsync(district, $"/khen-thuong/{nominated.GetProperty("id").GetString()}");
        await Shot(district, "khen-thuong-de-nghi", width, "dl.facts");

        foreach (var p in new[] { page, chairman, district, admin }) Assert.Empty(fx.Errors[p]);
    }

    async Task Shot(IPage page, string screen, int width, string? waitFor = null)
    {
        await page.Locator(waitFor ?? "main h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Nothing wider than the screen: a page that scrolls sideways does not fit a phone.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{screen} at {width} px is {overflow} px wider than the screen");
        output.WriteLine(await fx.ScreenshotAsync(page, $"{screen}-{width}"));
    }
}
