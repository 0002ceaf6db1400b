using System.Text.Json;

namespace Tndtq.BrowserTests;

/// <summary>Workflow screens: the buttons are the server's actions, and pressing them moves the workflow.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowJourneyTests(BrowserFixture fx)
{
    static async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        for (var i = 0; i < 150; i++)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException("The workflow did not move.");
    }

    [Fact]
    public async Task A_nomination_moves_by_the_buttons_the_server_offers_and_a_required_comment_is_asked_for()
    {
        var officer = fx.Api(People.OfficerAnCu);
        var groupId = (await officer.JsonAsync("wards/an-cu/groups?pageSize=4")).GetProperty("items")[3].GetProperty("id").GetString();
        var created = await (await officer.PostJsonAsync("commendations/nominations", new
        {
            wardId = "an-cu", groupId, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "T" + Random.Shared.Next(1000, 9999), achievements = "Giữ vững an ninh trật tự.",
        })).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var police = fx.Api(People.Police);
        var view = await UntilAsync(() => police.JsonAsync($"commendations/nominations/{id}"), v => v.GetProperty("actions").GetArrayLength() > 0);
        var overrideAction = view.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("outcome").GetString() == "override");

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.Police);
        await page.GotoAsync($"/khen-thuong/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = overrideAction.GetProperty("name").GetString()!, Exact = true }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: " + overrideAction.GetProperty("name").GetString() });
        await confirm.ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync("Vui lòng ghi ý kiến hoặc lý do.");
        await page.GetByLabel("Ý kiến, lý do").FillAsync("Tổ mới được đánh giá trong đợt này; đề nghị xét ngoại lệ.");
        await confirm.ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Đã gửi");
        await Assertions.Expect(page.Locator(".actions-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("ol.audit")).ToContainTextAsync("Tổ mới được đánh giá trong đợt này");

        var chairman = await fx.NewPageAsync();
        await fx.SignInAsync(chairman, People.ChairmanAnCu);
        await chairman.GotoAsync($"/khen-thuong/{id}");
        var panel = chairman.Locator(".actions-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        var endorse = (await UntilAsync(() => fx.Api(People.ChairmanAnCu).JsonAsync($"commendations/nominations/{id}"), v => v.GetProperty("actions").GetArrayLength() > 0))
            .GetProperty("actions").EnumerateArray().First(a => a.GetProperty("outcome").GetString() == "endorse").GetProperty("name").GetString()!;
        await panel.GetByRole(AriaRole.Button, new() { Name = endorse, Exact = true }).ClickAsync();
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: " + endorse }).ClickAsync();
        await Assertions.Expect(chairman.Locator(".actions-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(chairman.Locator("dl.facts").Nth(1)).ToContainTextAsync("Công an quận");
        Assert.Empty(fx.Errors[page]);
        Assert.Empty(fx.Errors[chairman]);
    }

    [Fact]
    public async Task The_chairman_opens_a_request_from_home_and_approves_it()
    {
        var title = "Tờ trình duyệt từ trang chủ " + Guid.NewGuid().ToString("N")[..6];
        (await fx.Api(People.OfficerAnCu).PostJsonAsync("wards/an-cu/sign-offs", new { title, dueInMinutes = 600 })).EnsureSuccessStatusCode();
        await UntilAsync(() => fx.Api(People.ChairmanAnCu).JsonAsync("tasks"), t => t.EnumerateArray().Any(x => x.GetProperty("subject").GetString() == title));

        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.ChairmanAnCu);
        await page.Locator(".card.task", new() { HasText = title }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.Locator(".actions-panel button.primary").First.ClickAsync();
        await page.Locator("form.editor button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("Đã duyệt");
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task A_ward_officer_assesses_a_group_in_a_review_cycle()
    {
        var cycle = "ra-soat-" + Guid.NewGuid().ToString("N")[..6];
        (await fx.Api(People.Police).PostJsonAsync("restructure/cycles", new
        {
            id = cycle, name = $"Rà soát kiểm thử {cycle}", wardIds = new[] { "an-cu" },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(20), proposalDue = DateTimeOffset.UtcNow.AddDays(50) },
        })).EnsureSuccessStatusCode();
        await UntilAsync(() => fx.Api(People.OfficerAnCu).JsonAsync($"restructure/cycles/{cycle}/wards/an-cu"), v => v.GetProperty("actions").GetArrayLength() > 0);

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rà soát, kiện toàn" }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = $"Rà soát kiểm thử {cycle}" }).GetByRole(AriaRole.Link, new() { Name = "An Cư" }).ClickAsync();
        var first = page.Locator("#assess-group option").Nth(1);
        var groupName = await first.TextContentAsync();
        await page.Locator("#assess-group").SelectOptionAsync((await first.GetAttributeAsync("value"))!);
        await page.GetByLabel("Xếp loại").SelectOptionAsync("fair");
        await page.GetByLabel("Ưu điểm").FillAsync("Họp định kỳ đều đặn.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu đánh giá" }).ClickAsync();
        var row = page.Locator("table tr", new() { HasText = groupName! });
        await Assertions.Expect(row).ToContainTextAsync("Khá");
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task A_proposal_is_drafted_its_problem_shown_beside_the_change_corrected_and_sent_to_the_chairman()
    {
        var cycle = "to-trinh-" + Guid.NewGuid().ToString("N")[..6];
        var police = fx.Api(People.Police);
        var officer = fx.Api(People.OfficerAnCu);
        (await police.PostJsonAsync("restructure/cycles", new
        {
            id = cycle, name = "Rà soát có tờ trình", wardIds = new[] { "an-cu" },
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.AddDays(20), proposalDue = DateTimeOffset.UtcNow.AddDays(50) },
        })).EnsureSuccessStatusCode();
        var at = $"restructure/cycles/{cycle}/wards/an-cu";
        await UntilAsync(() => officer.JsonAsync(at), v => v.GetProperty("actions").GetArrayLength() > 0);
        var groups = (await officer.JsonAsync("wards/an-cu/groups?status=active&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        foreach (var g in groups)
            (await officer.PutAsync($"{at}/assessments/{g.GetProperty("id").GetString()}", System.Net.Http.Json.JsonContent.Create(new { rating = "good", recommendation = "keep" }))).EnsureSuccessStatusCode();
        (await officer.PostAsync($"{at}/assessments/submit", null)).EnsureSuccessStatusCode();
        await UntilAsync(() => officer.JsonAsync(at), v => v.GetProperty("step").GetString() == "proposal" && v.GetProperty("actions").GetArrayLength() > 0);

        // A member who may lead (age 25–75), from a group of the ward.
        var group = groups[0];
        var members = (await officer.JsonAsync($"wards/an-cu/groups/{group.GetProperty("id").GetString()}/members?status=active&role=member&pageSize=200")).GetProperty("items");
        var candidate = members.EnumerateArray().First(m => m.TryGetProperty("birthYear", out var y) && DateTime.UtcNow.Year - y.GetInt32() is > 30 and < 70);

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GotoAsync($"/ra-soat/{cycle}/an-cu");
        await page.GetByLabel("Tiêu đề tờ trình").FillAsync("Tờ trình kiện toàn tổ năm 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var change = page.Locator("fieldset.change").First;
        await change.Locator("select[name=groupId]").SelectOptionAsync(group.GetProperty("id").GetString()!);
        await change.GetByLabel("Tổ trưởng mới").SelectOptionAsync(candidate.GetProperty("id").GetString()!);
        await change.GetByLabel("Lý do").FillAsync("Tổ trưởng cũ xin thôi vì lý do sức khỏe.");
        // Years of residence left empty: the draft's check against the criteria names the problem on this change.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo tờ trình" }).ClickAsync();
        await Assertions.Expect(change.Locator(".alert.error")).ToContainTextAsync(candidate.GetProperty("fullName").GetString()!);
        await fx.ScreenshotAsync(page, "to-trinh-co-van-de-1366");

        await change.GetByLabel("Số năm cư trú tại địa bàn").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo tờ trình" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("không còn vấn đề nào");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi tờ trình" }).ClickAsync();
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync("Chủ tịch UBND phường");
        var view = await officer.JsonAsync(at);
        Assert.Equal("chairman-sign-off", view.GetProperty("step").GetString());
        Assert.Equal(1, view.GetProperty("versions").GetArrayLength());
        Assert.Empty(fx.Errors[page]);
    }
}
