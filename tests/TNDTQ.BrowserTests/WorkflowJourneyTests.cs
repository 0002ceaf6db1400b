using System.Text.RegularExpressions;
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
        var created = await (await officer.PostJsonAsync("commendations/nominations", new {
            wardId = "an-cu", groupId, awardFormId = "giay-khen-chu-tich-ubnd-quan", period = "T" + Random.Shared.Next(1000, 9999), achievements = "Giữ vững an ninh trật tự.",
        })).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var police = fx.Api(People.Police);
        var view = await UntilAsync(() => police.JsonAsync($"commendations/nominations/{id}"), v => v.GetProperty("actions").GetArrayLength() > 0);
        var overrideAction = view.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("outcome").GetString() == "override");

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.Police);
        await fx.OpenAsync(page, $"/khen-thuong/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = overrideAction.GetProperty("name").GetString()!, Exact = true }).ClickAsync();
        var confirm = page.Locator(".actions-panel form").GetByRole(AriaRole.Button, new() { Name = ApiHelpers.Confirming(overrideAction.GetProperty("name").GetString()!) });
        await confirm.ClickAsync();
        await Assertions.Expect(page.Locator(".field.has-error")).ToContainTextAsync("Vui lòng ghi ý kiến hoặc lý do.");
        await page.GetByLabel("Ý kiến, lý do").FillAsync("Tổ mới được đánh giá trong đợt này; đề nghị xét ngoại lệ.");
        await confirm.ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Đã gửi");
        await Assertions.Expect(page.Locator(".actions-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("ol.audit")).ToContainTextAsync("Tổ mới được đánh giá trong đợt này");

        var chairman = await fx.NewPageAsync();
        await fx.SignInAsync(chairman, People.ChairmanAnCu);
        await fx.OpenAsync(chairman, $"/khen-thuong/{id}");
        var panel = chairman.Locator(".actions-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        var endorse = (await UntilAsync(() => fx.Api(People.ChairmanAnCu).JsonAsync($"commendations/nominations/{id}"), v => v.GetProperty("actions").GetArrayLength() > 0))
            .GetProperty("actions").EnumerateArray().First(a => a.GetProperty("outcome").GetString() == "endorse").GetProperty("name").GetString()!;
        await panel.GetByRole(AriaRole.Button, new() { Name = endorse, Exact = true }).ClickAsync();
        await chairman.Locator(".actions-panel form").GetByRole(AriaRole.Button, new() { Name = ApiHelpers.Confirming(endorse), Exact = true }).ClickAsync();
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

    /// <summary>An An Cư cycle at its proposal step: every group assessed over the API and the assessments sent.</summary>
    async Task<(string At, List<JsonElement> Groups)> AtProposalStepAsync(string cycle, string name)
    {
        var officer = fx.Api(People.OfficerAnCu);
        await OpenCycleAsync(fx.Api(People.Police), cycle, name, ["an-cu"], TimeSpan.FromDays(20), TimeSpan.FromDays(50));
        var at = $"restructure/cycles/{cycle}/wards/an-cu";
        await UntilAsync(() => officer.JsonAsync(at), v => v.GetProperty("actions").GetArrayLength() > 0);
        var groups = (await officer.JsonAsync("wards/an-cu/groups?status=active&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        foreach (var g in groups)
            (await officer.PutAsync($"{at}/assessments/{g.GetProperty("id").GetString()}", System.Net.Http.Json.JsonContent.Create(new { rating = "good", recommendation = "keep" }))).EnsureSuccessStatusCode();
        (await officer.PostAsync($"{at}/assessments/submit", null)).EnsureSuccessStatusCode();
        await UntilAsync(() => officer.JsonAsync(at), v => v.GetProperty("step").GetString() == "proposal" && v.GetProperty("actions").GetArrayLength() > 0);
        return (at, groups);
    }

    static async Task OpenCycleAsync(HttpClient police, string id, string name, string[] wards, TimeSpan assessmentIn, TimeSpan proposalIn)
    {
        var opened = await police.PostJsonAsync("restructure/cycles", new {
            id, name, wardIds = wards,
            deadlines = new { assessmentDue = DateTimeOffset.UtcNow.Add(assessmentIn), proposalDue = DateTimeOffset.UtcNow.Add(proposalIn) },
        });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
    }

    /// <summary>A demo person's name, as the timeline and a return say it.</summary>
    async Task<string> NameOfAsync(string person) => (await fx.Api(person).JsonAsync("me")).GetProperty("displayName").GetString()!;

    /// <summary>Today and a day from today as a person types them (dd/MM/yyyy, Vietnam time).</summary>
    static string VnDate(int daysFromToday = 0) => DateTime.UtcNow.AddHours(7).AddDays(daysFromToday).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_ward_officer_assesses_groups_from_the_list_and_a_row_saved_without_a_rating_says_what_is_missing()
    {
        var cycle = "ra-soat-" + Guid.NewGuid().ToString("N")[..6];
        await OpenCycleAsync(fx.Api(People.Police), cycle, $"Rà soát kiểm thử {cycle}", ["an-cu"], TimeSpan.FromDays(20), TimeSpan.FromDays(50));
        await UntilAsync(() => fx.Api(People.OfficerAnCu).JsonAsync($"restructure/cycles/{cycle}/wards/an-cu"), v => v.GetProperty("actions").GetArrayLength() > 0);

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rà soát, kiện toàn" }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = $"Rà soát kiểm thử {cycle}" }).GetByRole(AriaRole.Link, new() { Name = "An Cư" }).ClickAsync();
        var row = page.Locator(".assess-row").First;
        await Assertions.Expect(row).ToContainTextAsync("Chưa đánh giá");
        var groupName = await row.Locator(".assess-head strong").TextContentAsync();

        // Saved with nothing chosen: both choices are asked for beside their fields, nothing is sent.
        await row.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Assertions.Expect(row.Locator(".field.has-error")).ToHaveCountAsync(2);
        await Assertions.Expect(row).ToContainTextAsync("Vui lòng chọn xếp loại.");

        await row.GetByLabel("Xếp loại").SelectOptionAsync("fair");
        await row.GetByLabel("Đề xuất").SelectOptionAsync("consolidate");
        await row.GetByText("Ưu điểm, hạn chế").ClickAsync();
        await row.GetByLabel("Ưu điểm").FillAsync("Họp định kỳ đều đặn.");
        await Assertions.Expect(row).ToContainTextAsync("Chưa lưu");
        // A double click saves once.
        await row.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).DblClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Đã đánh giá");
        await Assertions.Expect(page.Locator("#as-h + p")).ToContainTextAsync("Đã đánh giá 1/");
        var saved = (await fx.Api(People.OfficerAnCu).JsonAsync($"restructure/cycles/{cycle}/wards/an-cu")).GetProperty("assessments");
        Assert.Equal(1, saved.GetArrayLength());
        Assert.Equal(groupName, saved[0].GetProperty("groupName").GetString());
        Assert.Equal("fair", saved[0].GetProperty("rating").GetString());
        Assert.Equal("Họp định kỳ đều đặn.", saved[0].GetProperty("strengths").GetString());

        // Completing the step before every group is assessed: the server names the groups left.
        await page.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành đánh giá" }).ClickAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=as-h] .alert.error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=as-h] p.error")).ToContainTextAsync("Còn tổ chưa được đánh giá");
        Assert.Empty(fx.Errors[page]);
    }

    /// <summary>
    /// The journey of issue #10, every human step in the browser: a ward officer assesses every group, drafts a proposal
    /// establishing a new group with its leader candidate and a PDF, sends it; the chairman approves; the district police
    /// return it with a comment; the officer revises and resends; the chairman, the police and the district leader (decision
    /// number and date) approve; the register then has the new group.
    /// </summary>
    /// <summary>
    /// A ward of <see cref="RestructureGroups"/> groups (Tổ n, khu vực 1 + n/10, the households falling as n grows), each with its leader, a
    /// deputy and three members of an age to lead, with its officer and chairman.
    /// </summary>
    async Task<TestWard> RestructureWardAsync()
    {
        var csv = new System.Text.StringBuilder(TestWards.CsvHeader);
        for (var g = 1; g <= RestructureGroups; g++)
        {
            var group = $"\"Tổ {g}, khu vực {1 + g / 10}\",{80 - 2 * g}";
            csv.Append($"{group},Trần Văn Trưởng {g},1958,Số {g} đường Lê Lợi,Tổ trưởng\n");
            csv.Append($"{group},Lê Thị Phó {g},1970,Số {g}A đường Lê Lợi,Tổ phó\n");
            for (var m = 1; m <= 3; m++) csv.Append($"{group},Nguyễn Văn Hiền {g}.{m},{1975 + m},Số {g}/{m} đường Lê Lợi,Thành viên\n");
        }
        return await TestWards.NewAsync(fx, "dien-thoai-", "Bình Yên Đông", csv.ToString());
    }

    const int RestructureGroups = 20;

    /// <summary>
    /// The whole restructure on a phone (360 px) in a ward of its own (<see cref="RestructureWardAsync"/>: the merge and the leader change
    /// leave the demo wards as the other tests read them) and only the documents the system writes (no upload): the police
    /// open a cycle, the officer assesses every group at once, proposes a merge and a leader change, the chairman signs, the police
    /// return it with a comment, the officer sees the return banner and the change in words, revises and resubmits, the chairman signs
    /// again, the police forward it and the leader approves with a decision number; the quyết định downloads as a PDF naming the groups,
    /// the new leader and the number, with their diacritics.
    /// </summary>
    [Fact]
    public async Task The_whole_restructure_on_a_phone_merge_and_leader_change_returned_revised_approved_with_the_generated_quyet_dinh()
    {
        var ward = await RestructureWardAsync();
        var cycle = "dien-thoai-" + Guid.NewGuid().ToString("N")[..6];
        await OpenCycleAsync(fx.Api(People.Police), cycle, "Rà soát, kiện toàn trên điện thoại", [ward.Id], TimeSpan.FromDays(20), TimeSpan.FromDays(50));
        var at = $"restructure/cycles/{cycle}/wards/{ward.Id}";
        async Task WaitFor(string who, string step) =>
            await UntilAsync(() => fx.Api(who).JsonAsync(at), v => v.GetProperty("step").GetString() == step && v.GetProperty("actions").GetArrayLength() > 0);
        await WaitFor(ward.Officer, "assessment");

        // The groups the proposal names, from the ward's register: the two with the fewest households merge into the third; another group gets a new
        // leader, an ordinary member of an age the criteria accept.
        var api = fx.Api(ward.Officer);
        var groups = (await api.JsonAsync($"wards/{ward.Id}/groups?status=active&pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(g => g.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.Object)
            .OrderBy(g => g.TryGetProperty("households", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetInt32() : 0).ToList();
        var (source, second, target) = (groups[0], groups[1], groups[2]);
        string Id(JsonElement g) => g.GetProperty("id").GetString()!;
        string Name(JsonElement g) => g.GetProperty("name").GetString()!;
        var year = DateTime.UtcNow.AddHours(7).Year;
        JsonElement? newLeaderFound = null;
        var led = groups[^1];
        foreach (var g in groups.Skip(3).Reverse())
        {
            newLeaderFound = (await api.JsonAsync($"wards/{ward.Id}/groups/{Id(g)}/members?role=member")).GetProperty("items").EnumerateArray()
                .Where(m => m.TryGetProperty("birthYear", out var b) && b.ValueKind == JsonValueKind.Number && year - b.GetInt32() is >= 30 and <= 65)
                .Cast<JsonElement?>().FirstOrDefault();
            if (newLeaderFound is not null) { led = g; break; }
        }
        var newLeader = newLeaderFound ?? throw new InvalidOperationException("No member of a leader's age.");
        var oldLeader = led.GetProperty("leader").GetProperty("fullName").GetString()!;
        var newLeaderName = newLeader.GetProperty("fullName").GetString()!;

        // The officer assesses every group at once from the phone, then completes the assessment.
        var officer = await fx.NewPageAsync(360, 800);
        await SignOffJourneyTests.SignInAsStaffAsync(fx, officer, ward.Officer);
        await fx.OpenAsync(officer, $"/ra-soat/{cycle}/{ward.Id}");
        await Assertions.Expect(officer.Locator(".assess-row")).ToHaveCountAsync(RestructureGroups);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Chọn tất cả chưa đánh giá" }).ClickAsync();
        var bulk = officer.Locator("form.bulk");
        await bulk.GetByLabel("Xếp loại").SelectOptionAsync("good");
        await bulk.GetByLabel("Đề xuất").SelectOptionAsync("keep");
        await bulk.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Lưu cho \\d+ tổ$") }).ClickAsync();
        await Assertions.Expect(officer.Locator(".assess-row.done")).ToHaveCountAsync(await officer.Locator(".assess-row").CountAsync(), new() { Timeout = 60_000 });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành đánh giá" }).ClickAsync();

        // The proposal: a merge and a leader change with the candidate's criteria; saved and sent, with no document uploaded.
        await Assertions.Expect(officer.GetByLabel("Tiêu đề tờ trình")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await officer.GetByLabel("Tiêu đề tờ trình").FillAsync($"Tờ trình kiện toàn Tổ Nhân dân tự quản phường {ward.Name}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var merge = officer.Locator("fieldset.change").Nth(0);
        await merge.GetByLabel("Loại thay đổi").SelectOptionAsync("merge");
        var sources = merge.Locator("select[name='sourceGroupId']"); // labelled "Tổ được sáp nhập", "… thứ 2" (and marked required)
        await sources.Nth(0).SelectOptionAsync(Id(source));
        await merge.GetByRole(AriaRole.Button, new() { Name = "Thêm tổ được sáp nhập" }).ClickAsync();
        await Assertions.Expect(sources).ToHaveCountAsync(2);
        await sources.Nth(1).SelectOptionAsync(Id(second));
        await merge.GetByLabel("Sáp nhập vào tổ").SelectOptionAsync(Id(target));
        await merge.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Ba tổ liền kề, ít hộ.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var leader = officer.Locator("fieldset.change").Nth(1);
        await leader.GetByLabel("Loại thay đổi").SelectOptionAsync("consolidate");
        await leader.Locator("select[name='groupId']").SelectOptionAsync(Id(led)); // labelled "Tổ" (and marked required)
        await leader.GetByLabel("Tổ trưởng mới").SelectOptionAsync(newLeader.GetProperty("id").GetString()!);
        await leader.GetByLabel("Số năm cư trú tại địa bàn").FillAsync("12");
        foreach (var criterion in new[] { "Đang sinh sống tại địa bàn", "Được nhân dân tín nhiệm giới thiệu", "Được Ban công tác Mặt trận giới thiệu" })
            await leader.GetByLabel(criterion).CheckAsync();
        await leader.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Tổ trưởng xin nghỉ vì sức khỏe.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo tờ trình" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".alert.ok")).ToContainTextAsync("không còn vấn đề nào");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi tờ trình" }).ClickAsync();

        async Task<IPage> DecideAsync(string who, string button, string? comment = null, IPage? page = null, Func<IPage, Task>? fill = null)
        {
            page ??= await fx.NewPageAsync(360, 800);
            if (page.Url == "about:blank") await (who == ward.Chairman ? SignOffJourneyTests.SignInAsStaffAsync(fx, page, who) : fx.SignInAsync(page, who));
            await fx.OpenAsync(page, $"/ra-soat/{cycle}/{ward.Id}");
            await page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            if (comment is not null) await page.GetByLabel("Ý kiến, lý do").FillAsync(comment);
            if (fill is not null) await fill(page);
            await page.Locator(".actions-panel form").GetByRole(AriaRole.Button, new() { Name = ApiHelpers.Confirming(button) }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert.ok", new() { HasText = "Đã gửi: " + button })).ToBeVisibleAsync();
            return page;
        }

        // The chairman signs; the police see what each change does, in words, and return it with a comment.
        await WaitFor(ward.Chairman, "chairman-sign-off");
        var chairman = await DecideAsync(ward.Chairman, "Đồng ý");
        await WaitFor(People.Police, "police-review");
        var police = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(police, People.Police);
        await fx.OpenAsync(police, $"/ra-soat/{cycle}/{ward.Id}");
        var proposal = police.Locator("section[aria-labelledby='pr-h']");
        // "Sáp nhập Tổ A (11 thành viên, 25 hộ), Tổ B (9 thành viên, 27 hộ) vào Tổ C → Tổ C: 28 thành viên, 80 hộ"
        await Assertions.Expect(proposal).ToContainTextAsync(new Regex($@"Sáp nhập {Regex.Escape(Name(source))} \(\d+ thành viên, \d+ hộ\), {Regex.Escape(Name(second))} \(\d+ thành viên, \d+ hộ\) vào {Regex.Escape(Name(target))} → {Regex.Escape(Name(target))}: \d+ thành viên, \d+ hộ"));
        await Assertions.Expect(proposal).ToContainTextAsync($"tổ trưởng {oldLeader} → {newLeaderName}");
        const string returned = "Đề nghị ghi rõ số hộ của tổ sau sáp nhập.";
        await DecideAsync(People.Police, "Trả lại để chỉnh sửa", returned, police);

        // The officer sees the return at the top of the page, the police named once, with the comment; she revises and resubmits.
        await WaitFor(ward.Officer, "proposal");
        var policeName = await NameOfAsync(People.Police);
        await fx.OpenAsync(officer, $"/ra-soat/{cycle}/{ward.Id}");
        var banner = officer.Locator(".alert.returned");
        await Assertions.Expect(banner).ToContainTextAsync($"Tờ trình bị trả lại bởi {policeName} lúc");
        await Assertions.Expect(banner).Not.ToContainTextAsync("(Công an quận) (");
        await Assertions.Expect(banner.Locator(".comment")).ToHaveTextAsync(returned);
        await fx.ScreenshotAsync(officer, "ra-soat-bi-tra-lai-360", fullPage: false);
        merge = officer.Locator("fieldset.change").Nth(0);
        await merge.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Ba tổ liền kề, ít hộ; sau sáp nhập tổ có số hộ như bảng.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi tờ trình" }).ClickAsync();

        // Signed again, forwarded, approved by the leader with the decision's number and date.
        await WaitFor(ward.Chairman, "chairman-sign-off");
        await DecideAsync(ward.Chairman, "Đồng ý", page: chairman);
        await WaitFor(People.Police, "police-review");
        await DecideAsync(People.Police, "Chuyển lãnh đạo quận", page: police);
        await WaitFor(People.Leader, "leader-decision");
        var number = $"{Random.Shared.Next(1000, 9999)}/QĐ-UBND";
        var leaderPage = await DecideAsync(People.Leader, "Đồng ý", fill: async p =>
        {
            await p.GetByLabel("Số quyết định").FillAsync(number);
            await p.GetByLabel("Ngày quyết định").FillAsync(VnDate());
        });
        await Assertions.Expect(leaderPage.Locator(".alert.ok", new() { HasText = "Đã phê duyệt và cập nhật sổ" })).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // The quyết định, generated: downloaded from the page, it names the groups, the people and the number, with their diacritics.
        await fx.OpenAsync(officer, $"/ra-soat/{cycle}/{ward.Id}");
        var decision = officer.Locator("p.generated", new() { HasText = $"Quyết định {number}" });
        var download = await officer.RunAndWaitForDownloadAsync(() => decision.GetByRole(AriaRole.Button, new() { Name = "PDF" }).ClickAsync());
        Assert.Equal("quyet-dinh-kien-toan.pdf", download.SuggestedFilename);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!));
        // The letters in the order they are drawn (a table's cell after cell), spaces left out: a name wrapped in a cell still reads whole.
        static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c))).Normalize(System.Text.NormalizationForm.FormC);
        var drawn = Squash(string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
        foreach (var named in new[] { number, "QUYẾT ĐỊNH", $"Về việc kiện toàn Tổ Nhân dân tự quản phường {ward.Name}", Name(source), Name(second), Name(target), oldLeader, newLeaderName, "PHỤ LỤC" })
            Assert.True(drawn.Contains(Squash(named), StringComparison.Ordinal), $"{named} is not in the quyết định");
    }

    [Fact]
    public async Task A_new_group_is_proposed_returned_by_the_police_revised_approved_by_everyone_and_appears_in_the_register()
    {
        var cycle = "hanh-trinh-" + Guid.NewGuid().ToString("N")[..6];
        var groupName = "Tổ 31, khu vực " + Random.Shared.Next(100, 999);
        var leaderName = "Lê Văn Khải Hoàn";
        await OpenCycleAsync(fx.Api(People.Police), cycle, "Rà soát, kiện toàn năm 2026", ["an-cu"], TimeSpan.FromDays(20), TimeSpan.FromDays(50));
        var at = $"restructure/cycles/{cycle}/wards/an-cu";
        async Task<JsonElement> WaitFor(string who, string step) =>
            await UntilAsync(() => fx.Api(who).JsonAsync(at), v => v.GetProperty("step").GetString() == step && v.GetProperty("actions").GetArrayLength() > 0);
        await WaitFor(People.OfficerAnCu, "assessment");

        // The ward officer assesses every group from the list and completes the step.
        var officer = await fx.NewPageAsync();
        await fx.SignInAsync(officer, People.OfficerAnCu);
        await fx.OpenAsync(officer, $"/ra-soat/{cycle}/an-cu");
        var rows = officer.Locator(".assess-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var count = await rows.CountAsync();
        Assert.True(count >= 5, $"only {count} groups to assess");
        for (var i = 0; i < count; i++)
        {
            await rows.Nth(i).GetByLabel("Xếp loại").SelectOptionAsync(i % 5 == 4 ? "average" : "good");
            await rows.Nth(i).GetByLabel("Đề xuất").SelectOptionAsync(i % 5 == 4 ? "consolidate" : "keep");
        }
        await officer.GetByRole(AriaRole.Button, new() { Name = $"Lưu tất cả tổ đã sửa ({count})" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".alert.ok", new() { HasText = $"Đã lưu đánh giá {count} tổ." })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(officer.Locator(".assess-row.done")).ToHaveCountAsync(count);
        await Assertions.Expect(officer.Locator("#as-h + p")).ToContainTextAsync($"Đã đánh giá {count}/{count} tổ.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành đánh giá" }).ClickAsync();

        // The proposal: a new group, its leader and the leader's candidate record; saved, a PDF attached, sent.
        await Assertions.Expect(officer.GetByLabel("Tiêu đề tờ trình")).ToBeVisibleAsync();
        await officer.GetByLabel("Tiêu đề tờ trình").FillAsync("Tờ trình thành lập Tổ NDTQ mới năm 2026");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var change = officer.Locator("fieldset.change").First;
        await change.GetByLabel("Loại thay đổi").SelectOptionAsync("establish");
        await change.GetByLabel("Tên tổ mới").FillAsync(groupName);
        await change.GetByLabel("Số hộ", new() { Exact = true }).FillAsync("45");
        await change.GetByLabel("Địa bàn", new() { Exact = true }).FillAsync("Hẻm 4, đường Mậu Thân");
        await change.GetByLabel("Tổ trưởng: họ và tên").FillAsync(leaderName);
        await change.GetByLabel("Tổ trưởng: năm sinh", new() { Exact = true }).FillAsync("1976");
        await change.GetByLabel("Tổ trưởng: địa chỉ", new() { Exact = true }).FillAsync("Số 1, hẻm 4, đường Mậu Thân");
        await change.GetByLabel("Số năm cư trú tại địa bàn", new() { Exact = true }).FillAsync("15");
        await change.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Khu dân cư mới hình thành, 45 hộ chưa thuộc tổ nào.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo tờ trình" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".alert.ok")).ToContainTextAsync("không còn vấn đề nào");
        await officer.Locator("#doc-file").SetInputFilesAsync(new FilePayload { Name = "to-trinh-thanh-lap.pdf", MimeType = "application/pdf", Buffer = Pdf("to trinh thanh lap") });
        var document = officer.GetByRole(AriaRole.Button, new() { Name = "to-trinh-thanh-lap.pdf" });
        await Assertions.Expect(document).ToBeVisibleAsync();
        var download = await officer.RunAndWaitForDownloadAsync(() => document.ClickAsync());
        Assert.Equal("to-trinh-thanh-lap.pdf", download.SuggestedFilename);
        await fx.ScreenshotAsync(officer, "ra-soat-to-trinh-1366");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi tờ trình" }).ClickAsync();
        await Assertions.Expect(officer.Locator("dl.facts").First).ToContainTextAsync("Chủ tịch UBND phường");

        async Task<IPage> DecideAsync(string who, string button, string? comment = null, IPage? page = null)
        {
            page ??= await fx.NewPageAsync();
            if (page.Url == "about:blank") await fx.SignInAsync(page, who);
            await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
            await page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            if (comment is not null) await page.GetByLabel("Ý kiến, lý do").FillAsync(comment);
            await page.Locator(".actions-panel form").GetByRole(AriaRole.Button, new() { Name = ApiHelpers.Confirming(button) }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert.ok", new() { HasText = "Đã gửi: " + button })).ToBeVisibleAsync();
            return page;
        }

        // The chairman approves; the district police return it, and a return asks for its reason first.
        await WaitFor(People.ChairmanAnCu, "chairman-sign-off");
        var chairman = await DecideAsync(People.ChairmanAnCu, "Đồng ý");
        await Assertions.Expect(chairman.Locator("dl.facts").First).ToContainTextAsync("Công an quận");
        await WaitFor(People.Police, "police-review");
        var police = await fx.NewPageAsync();
        await fx.SignInAsync(police, People.Police);
        await fx.OpenAsync(police, $"/ra-soat/{cycle}/an-cu");
        // The police see the leader candidate and that a new person has not been trained yet.
        await Assertions.Expect(police.Locator("ul.candidates")).ToContainTextAsync($"Ứng viên: {leaderName}, sinh năm 1976 — Cần tập huấn");
        await police.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = "Trả lại để chỉnh sửa", Exact = true }).ClickAsync();
        await police.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Trả lại để chỉnh sửa" }).ClickAsync();
        await Assertions.Expect(police.Locator(".actions-panel .field.has-error")).ToContainTextAsync("Vui lòng ghi ý kiến hoặc lý do.");
        const string returned = "Đề nghị ghi rõ ranh giới địa bàn và số hộ theo kết quả khảo sát.";
        await DecideAsync(People.Police, "Trả lại để chỉnh sửa", returned, police);
        await Assertions.Expect(police.Locator("dl.facts").First).ToContainTextAsync("Cán bộ UBND phường");

        // The officer sees the return at once: her task says who returned it, when and why, and so does her notice;
        // the task opens the ward's page, whose top shows the return with its comment.
        await WaitFor(People.OfficerAnCu, "proposal");
        var policeName = await NameOfAsync(People.Police);
        await fx.OpenAsync(officer, "/");
        var task = officer.Locator(".card.task", new() { HasText = returned });
        await Assertions.Expect(task).ToContainTextAsync($"Bị trả lại bởi {policeName} ngày {VnDate()}: {returned}");
        await Assertions.Expect(officer.Locator(".card.notice", new() { HasText = returned }).First).ToContainTextAsync("Bị trả lại bởi");
        await task.GetByRole(AriaRole.Link).ClickAsync();
        var banner = officer.Locator(".alert.returned");
        await Assertions.Expect(banner).ToContainTextAsync($"Tờ trình bị trả lại bởi {policeName}");
        await Assertions.Expect(banner).ToContainTextAsync(VnDate());
        await Assertions.Expect(banner.Locator(".comment")).ToHaveTextAsync(returned);
        await Assertions.Expect(officer.Locator("#pr-h")).ToContainTextAsync("bị trả lại; sửa và gửi lại lần 2");
        await Assertions.Expect(officer.Locator(".actions-panel button.primary")).ToHaveTextAsync("Sửa và gửi lại tờ trình");
        await fx.ScreenshotAsync(officer, "ra-soat-bi-tra-lai-1366", fullPage: false);
        await Assertions.Expect(officer.Locator("ol.audit")).ToContainTextAsync(returned);
        change = officer.Locator("fieldset.change").First;
        await Assertions.Expect(change.GetByLabel("Tên tổ mới")).ToHaveValueAsync(groupName);
        await change.GetByLabel("Số hộ", new() { Exact = true }).FillAsync("48");
        await change.GetByLabel("Địa bàn", new() { Exact = true }).FillAsync("Hẻm 4 và hẻm 6, đường Mậu Thân (từ số 1 đến số 120)");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi tờ trình" }).ClickAsync();
        await Assertions.Expect(officer.Locator("dl.facts").First).ToContainTextAsync("Chủ tịch UBND phường");

        // Chairman, police, then the district leader, who must give the decision's number and date.
        await WaitFor(People.ChairmanAnCu, "chairman-sign-off");
        await DecideAsync(People.ChairmanAnCu, "Đồng ý", page: chairman);
        await WaitFor(People.Police, "police-review");
        await DecideAsync(People.Police, "Chuyển lãnh đạo quận", page: police);
        await WaitFor(People.Leader, "leader-decision");
        var leader = await fx.NewPageAsync();
        await fx.SignInAsync(leader, People.Leader);
        await fx.OpenAsync(leader, $"/ra-soat/{cycle}/an-cu");
        await leader.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = "Đồng ý", Exact = true }).ClickAsync();
        var confirm = leader.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Đồng ý" });
        await leader.GetByLabel("Ngày quyết định").FillAsync("31/02/2026");
        await confirm.ClickAsync();
        await Assertions.Expect(leader.Locator(".actions-panel .field.has-error")).ToHaveCountAsync(2);
        await leader.GetByLabel("Số quyết định").FillAsync("125/QĐ-UBND");
        await leader.GetByLabel("Ngày quyết định").FillAsync(VnDate());
        await confirm.ClickAsync();
        await Assertions.Expect(leader.Locator(".alert.ok", new() { HasText = "Đã gửi: Đồng ý" })).ToBeVisibleAsync();
        // The page follows the workflow through applying the changes to its outcome, without a reload.
        await Assertions.Expect(leader.Locator(".alert.ok", new() { HasText = "Đã phê duyệt và cập nhật sổ" })).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // Applied to the register: the outcome on the ward's page, and the new group among the ward's groups.
        var closed = await UntilAsync(() => fx.Api(People.OfficerAnCu).JsonAsync(at), v => v.GetProperty("outcome").ValueKind == JsonValueKind.Object);
        Assert.Equal("approved", closed.GetProperty("outcome").GetProperty("result").GetString());
        Assert.Equal(2, closed.GetProperty("versions").GetArrayLength());
        await fx.OpenAsync(officer, $"/ra-soat/{cycle}/an-cu");
        await Assertions.Expect(officer.Locator(".alert.ok").First).ToContainTextAsync("Quyết định 125/QĐ-UBND ngày " + VnDate());
        await Assertions.Expect(officer.Locator("ol.audit")).ToContainTextAsync("tờ trình lần 2");
        await officer.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" }).GetByRole(AriaRole.Link, new() { Name = "Sổ theo dõi" }).ClickAsync();
        var groups = officer.Locator("table.groups");
        await Assertions.Expect(groups).ToBeVisibleAsync();
        for (var pageNo = 0; pageNo < 20 && await groups.GetByRole(AriaRole.Link, new() { Name = groupName }).CountAsync() == 0; pageNo++)
        {
            var next = officer.GetByRole(AriaRole.Button, new() { Name = "Trang sau ›" });
            Assert.True(await next.CountAsync() > 0 && await next.IsEnabledAsync(), $"{groupName} is on no page of the ward's groups");
            var first = await groups.Locator("tbody tr").First.TextContentAsync();
            await next.ClickAsync();
            await Assertions.Expect(groups.Locator("tbody tr").First).Not.ToHaveTextAsync(first!);
        }
        await groups.GetByRole(AriaRole.Link, new() { Name = groupName }).ClickAsync();
        await Assertions.Expect(officer.Locator("h1")).ToContainTextAsync(groupName);
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync(leaderName);
        foreach (var p in new[] { officer, chairman, police, leader }) Assert.Empty(fx.Errors[p]);
    }

    [Fact]
    public async Task A_proposal_splits_a_group_and_consolidates_another_with_members_out_and_in_and_a_member_left_out_is_named()
    {
        var cycle = "chia-tach-" + Guid.NewGuid().ToString("N")[..6];
        var officer = fx.Api(People.OfficerAnCu);
        var (at, groups) = await AtProposalStepAsync(cycle, "Rà soát chia tách");

        async Task<List<JsonElement>> MembersAsync(JsonElement g) =>
            (await officer.JsonAsync($"wards/an-cu/groups/{g.GetProperty("id").GetString()}/members?status=active&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        static bool MayLead(JsonElement m) => m.TryGetProperty("birthYear", out var y) && y.ValueKind == JsonValueKind.Number && DateTime.UtcNow.Year - y.GetInt32() is > 30 and < 70;
        var withMembers = new List<(JsonElement Group, List<JsonElement> Members)>();
        foreach (var g in groups.Take(12)) { var ms = await MembersAsync(g); if (ms.Count(MayLead) >= 2 && ms.Any(m => m.GetProperty("role").GetString() == "member")) withMembers.Add((g, ms)); }
        Assert.True(withMembers.Count >= 2, "two groups with members who may lead");
        var (consolidated, consolidatedMembers) = withMembers[0];
        var (split, splitMembers) = withMembers[1];
        var leaving = consolidatedMembers.First(m => m.GetProperty("role").GetString() == "member");
        var leaders = splitMembers.Where(MayLead).Take(2).ToList();

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
        await page.GetByLabel("Tiêu đề tờ trình").FillAsync("Tờ trình chia tách và kiện toàn tổ");

        // Consolidate: one member leaves, a new one joins.
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var first = page.Locator("fieldset.change").Nth(0);
        await first.Locator("select[name=groupId]").SelectOptionAsync(consolidated.GetProperty("id").GetString()!);
        await first.Locator("fieldset.members-out").GetByLabel(leaving.GetProperty("fullName").GetString()!).CheckAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên mới" }).ClickAsync();
        await first.GetByLabel("Họ và tên (người thứ 1)").FillAsync("Đoàn Thị Mới Vào");
        await first.GetByLabel("Năm sinh", new() { Exact = true }).FillAsync("1988");
        await first.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Một hộ chuyển đi, một hộ mới đến.");

        // Split: two new groups, a leader each; the other members not placed yet.
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm một thay đổi" }).ClickAsync();
        var second = page.Locator("fieldset.change").Nth(1);
        await second.GetByLabel("Loại thay đổi").SelectOptionAsync("split");
        await second.Locator("select[name=groupId]").SelectOptionAsync(split.GetProperty("id").GetString()!);
        for (var k = 0; k < 2; k++)
        {
            var part = second.Locator("fieldset.part").Nth(k);
            await part.GetByLabel("Tên tổ mới").FillAsync($"{split.GetProperty("name").GetString()} {(k == 0 ? "A" : "B")}");
            await part.GetByLabel("Số hộ", new() { Exact = true }).FillAsync(k == 0 ? "25" : "20");
            await part.GetByLabel("Tổ trưởng").SelectOptionAsync(leaders[k].GetProperty("id").GetString()!);
            await part.GetByLabel("Số năm cư trú tại địa bàn").FillAsync("10");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo tờ trình" }).ClickAsync();
        await Assertions.Expect(second.Locator(".alert.error").First).ToContainTextAsync("mỗi thành viên đang hoạt động phải được xếp vào đúng một tổ mới");
        await Assertions.Expect(page.Locator(".problem-list")).ToContainTextAsync("Thay đổi 2:");
        await fx.ScreenshotAsync(page, "ra-soat-chia-tach-1366");

        // Every member not placed goes to the first new group: saved without a problem.
        await second.Locator("fieldset.part").Nth(0).GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Đưa \\d+ thành viên chưa xếp") }).ClickAsync();
        await Assertions.Expect(second.Locator("fieldset.assign legend")).ToContainTextAsync($"({splitMembers.Count}/{splitMembers.Count} đã xếp)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo tờ trình" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("không còn vấn đề nào");
        await Assertions.Expect(page.Locator(".problem-list")).ToHaveCountAsync(0);

        var draft = (await officer.JsonAsync(at)).GetProperty("draft");
        var consolidate = draft.GetProperty("changes")[0].GetProperty("change");
        Assert.Equal("consolidate", consolidate.GetProperty("type").GetString());
        Assert.Equal(leaving.GetProperty("id").GetString(), consolidate.GetProperty("removeMemberIds")[0].GetString());
        Assert.Equal("Đoàn Thị Mới Vào", consolidate.GetProperty("addMembers")[0].GetProperty("fullName").GetString());
        var parts = draft.GetProperty("changes")[1].GetProperty("change").GetProperty("parts");
        Assert.Equal(2, parts.GetArrayLength());
        var placed = parts.EnumerateArray().SelectMany(p => p.GetProperty("memberIds").EnumerateArray().Select(x => x.GetString()).Append(p.GetProperty("leaderMemberId").GetString())).ToList();
        Assert.Equal(splitMembers.Select(m => m.GetProperty("id").GetString()).Order(), placed.Order());
        Assert.Equal(2, draft.GetProperty("changes")[1].GetProperty("candidates").GetArrayLength());

        // Read back after a reload: the editor shows the split as it was saved.
        await page.ReloadAsync();
        second = page.Locator("fieldset.change").Nth(1);
        await Assertions.Expect(second.Locator("fieldset.part")).ToHaveCountAsync(2);
        await Assertions.Expect(second.Locator("fieldset.assign legend")).ToContainTextAsync($"({splitMembers.Count}/{splitMembers.Count} đã xếp)");
        Assert.Empty(fx.Errors[page]);
    }

    /// <summary>A minimal whole PDF (as TNDTQ.Tests' TestFiles makes it), recognised by its content.</summary>
    static byte[] Pdf(string note) => System.Text.Encoding.UTF8.GetBytes(
        "%PDF-1.4\n% " + note + "\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task The_district_opens_a_cycle_from_the_web_sees_every_ward_and_the_overdue_ones_moves_a_deadline_and_cancels_a_ward()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"Rà soát mở từ trang {suffix}";
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.Police);
        await fx.NavigateByMenuAsync(page, "Rà soát, kiện toàn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở kỳ rà soát" }).ClickAsync();

        // Careless: no name, no ward, a date that does not exist, a deadline in the past.
        var form = page.Locator("form[aria-labelledby=open-h]");
        await form.GetByLabel("Tên kỳ rà soát").FillAsync("   ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Bỏ chọn tất cả" }).ClickAsync();
        await form.GetByLabel("Hạn đánh giá các tổ").FillAsync("31/02/2027");
        await form.GetByLabel("Hạn lập tờ trình").FillAsync(VnDate(-1));
        var open = form.GetByRole(AriaRole.Button, new() { Name = "Mở kỳ rà soát" });
        await open.ClickAsync();
        await Assertions.Expect(form.Locator(".field.has-error")).ToHaveCountAsync(3);
        await Assertions.Expect(form).ToContainTextAsync("Chọn ít nhất một phường.");

        await form.GetByLabel("Tên kỳ rà soát").FillAsync(name);
        await form.GetByLabel("Phường An Cư").CheckAsync();
        await form.GetByLabel("Phường Cái Khế").CheckAsync();
        await form.GetByLabel("Hạn đánh giá các tổ").FillAsync(VnDate(20));
        await form.GetByLabel("Hạn lập tờ trình").FillAsync(VnDate(50));
        await open.DblClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync($"Đã mở “{name}” cho 2 phường.");
        var opened = (await fx.Api(People.Police).JsonAsync("restructure/cycles")).EnumerateArray().Where(c => c.GetProperty("name").GetString() == name).ToList();
        Assert.Single(opened);
        Assert.Equal(2, opened[0].GetProperty("wardIds").GetArrayLength());
        // A deadline picked as a date is the end of that day in Vietnam.
        Assert.Equal(new DateTimeOffset(DateTime.ParseExact(VnDate(20), "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture).AddHours(23).AddMinutes(59).AddSeconds(59), TimeSpan.FromHours(7)),
            opened[0].GetProperty("deadlines").GetProperty("assessmentDue").GetDateTimeOffset());
        // The page follows the wards' workflows as they start, without a reload: both reach the assessment by themselves.
        var justOpened = page.GetByRole(AriaRole.Region, new() { Name = name });
        await Assertions.Expect(justOpened.Locator(".step-counts")).ToContainTextAsync("2Đánh giá các tổ", new() { Timeout = 30_000 });
        await Assertions.Expect(justOpened.Locator("tbody")).ToContainTextAsync("hết ngày " + VnDate(20));

        // A second cycle whose assessment deadline passes at once: the overview says which wards are overdue, in words.
        var late = "qua-han-" + suffix;
        await OpenCycleAsync(fx.Api(People.Police), late, $"Rà soát quá hạn {suffix}", ["an-binh", "an-hoa"], TimeSpan.FromSeconds(3), TimeSpan.FromDays(40));
        await UntilAsync(() => fx.Api(People.Police).JsonAsync($"restructure/cycles/{late}/wards"), w => w.EnumerateArray().Count(x => x.GetProperty("overdue").GetBoolean()) == 2);

        await fx.OpenAsync(page, "/ra-soat");
        var fresh = page.GetByRole(AriaRole.Region, new() { Name = name });
        await Assertions.Expect(fresh.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(fresh.Locator("tbody")).ToContainTextAsync("Cán bộ UBND phường");
        await Assertions.Expect(fresh.Locator(".step-counts")).ToContainTextAsync("2Đánh giá các tổ");
        var overdue = page.GetByRole(AriaRole.Region, new() { Name = $"Rà soát quá hạn {suffix}" });
        await Assertions.Expect(overdue.Locator("tr.overdue")).ToHaveCountAsync(2);
        await Assertions.Expect(overdue.Locator("tr.overdue").First).ToContainTextAsync("Quá hạn");
        await fx.ScreenshotAsync(page, "ra-soat-toan-quan-qua-han-360");

        // Move An Bình's deadline: a bad date is refused beside the field, a good one moves the step's deadline.
        await overdue.GetByRole(AriaRole.Link, new() { Name = "An Bình" }).ClickAsync();
        await page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = "Gia hạn bước hiện tại" }).ClickAsync();
        var due = page.GetByLabel("Hạn mới");
        var move = page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Gia hạn bước hiện tại" });
        await due.FillAsync(VnDate(-2));
        await move.ClickAsync();
        await Assertions.Expect(page.Locator(".actions-panel .field.has-error")).ToContainTextAsync("Hạn mới không được trước hôm nay.");
        await due.FillAsync(VnDate(10));
        await move.ClickAsync();
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync("hết ngày " + VnDate(10));
        // A time may be chosen: the deadline is then that time of the day, in Vietnam time.
        await page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = "Gia hạn bước hiện tại" }).ClickAsync();
        await due.FillAsync(VnDate(11));
        await page.GetByLabel("Giờ (không bắt buộc)").FillAsync("25:00");
        await move.ClickAsync();
        await Assertions.Expect(page.Locator(".actions-panel .field.has-error")).ToContainTextAsync("Giờ chưa đúng");
        await page.GetByLabel("Giờ (không bắt buộc)").FillAsync("14:30");
        await move.ClickAsync();
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync(VnDate(11) + " 14:30");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rà soát, kiện toàn" }).First.ClickAsync();
        await Assertions.Expect(overdue.Locator("tr.overdue")).ToHaveCountAsync(1);
        await Assertions.Expect(overdue.Locator("tr", new() { HasText = "An Bình" })).ToContainTextAsync("Trong hạn");

        // Cancel An Hòa's review: the reason is required.
        await overdue.GetByRole(AriaRole.Link, new() { Name = "An Hòa" }).ClickAsync();
        await page.Locator(".actions-panel").GetByRole(AriaRole.Button, new() { Name = "Hủy kỳ rà soát của phường" }).ClickAsync();
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Hủy kỳ rà soát của phường" });
        await cancel.ClickAsync();
        await Assertions.Expect(page.Locator(".actions-panel .field.has-error")).ToContainTextAsync("Vui lòng ghi ý kiến hoặc lý do.");
        await page.GetByLabel("Ý kiến, lý do").FillAsync("Phường An Hòa đã kiện toàn trong quý trước.");
        await cancel.ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok", new() { HasText = "Đã gửi: Hủy kỳ rà soát của phường" })).ToBeVisibleAsync();
        await UntilAsync(() => fx.Api(People.Police).JsonAsync($"restructure/cycles/{late}/wards/an-hoa"), v => v.GetProperty("outcome").ValueKind == JsonValueKind.Object);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".alert.warn")).ToContainTextAsync("Quận đã hủy");
        await Assertions.Expect(page.Locator(".alert.warn")).ToContainTextAsync("đã kiện toàn trong quý trước");
        Assert.Empty(fx.Errors[page]);
    }

    /// <summary>An An Cư cycle at its assessment step, opened over the API; its address in the API.</summary>
    async Task<string> AtAssessmentStepAsync(string cycle, TimeSpan? assessmentIn = null)
    {
        await OpenCycleAsync(fx.Api(People.Police), cycle, $"Rà soát {cycle}", ["an-cu"], assessmentIn ?? TimeSpan.FromDays(20), TimeSpan.FromDays(50));
        var at = $"restructure/cycles/{cycle}/wards/an-cu";
        await UntilAsync(() => fx.Api(People.OfficerAnCu).JsonAsync(at), v => v.GetProperty("actions").GetArrayLength() > 0);
        return at;
    }

    /// <summary>
    /// Issue #22, item 6: on a phone, every group of the ward is assessed at once — "chọn tất cả chưa đánh giá", one rating and
    /// one recommendation, one save — and the step completed, in a handful of taps whatever the number of groups (a select
    /// counts as two taps: open it, pick). "Hoàn thành đánh giá" first says how many groups remain and links to each.
    /// </summary>
    [Fact]
    public async Task A_ward_officer_assesses_every_group_on_a_phone_in_a_few_taps()
    {
        var cycle = "cham-" + Guid.NewGuid().ToString("N")[..6];
        var at = await AtAssessmentStepAsync(cycle);
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
        var count = await page.Locator(".assess-row").CountAsync();
        Assert.True(count >= 10, $"only {count} groups to assess");

        // The step's main action is the main button; withdrawing is secondary and asks for a reason before it is confirmed.
        var panel = page.Locator(".actions-panel");
        await Assertions.Expect(panel.Locator(".toolbar button").First).ToHaveTextAsync("Đánh giá các tổ");
        await Assertions.Expect(panel.Locator(".toolbar button").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bprimary\b"));
        var withdraw = panel.GetByRole(AriaRole.Button, new() { Name = "Rút khỏi kỳ rà soát", Exact = true });
        await Assertions.Expect(withdraw).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\b(primary|danger)\b"));
        await withdraw.ClickAsync();
        await Assertions.Expect(panel.Locator("form .alert.warn")).ToContainTextAsync("không thể hoàn tác");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Rút khỏi kỳ rà soát" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".field.has-error")).ToContainTextAsync("Vui lòng ghi ý kiến hoặc lý do.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Hủy", Exact = true }).ClickAsync();
        Assert.Equal("assessment", (await fx.Api(People.OfficerAnCu).JsonAsync(at)).GetProperty("step").GetString());

        var finish = page.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành đánh giá" });
        await Assertions.Expect(finish).ToContainTextAsync($"còn {count} tổ chưa đánh giá");
        await Assertions.Expect(page.Locator(".remaining a")).ToHaveCountAsync(count);

        var taps = 0;
        async Task Tap(ILocator target) { taps++; await target.ClickAsync(); }
        async Task Choose(ILocator select, string value) { taps += 2; await select.SelectOptionAsync(value); }

        await Tap(page.GetByRole(AriaRole.Button, new() { Name = "Chọn tất cả chưa đánh giá" }));
        var bulk = page.Locator("form.bulk");
        await Assertions.Expect(bulk).ToContainTextAsync($"Đánh giá chung cho {count} tổ đã chọn");
        await Assertions.Expect(page.Locator(".assess-row.chosen")).ToHaveCountAsync(count);
        await fx.ScreenshotAsync(page, "ra-soat-danh-gia-chung-360");
        // Down the list, the shared rating stays in view at the bottom of the screen.
        await page.Locator(".assess-row").Nth(6).ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(bulk).ToBeInViewportAsync();
        await fx.ScreenshotAsync(page, "ra-soat-danh-gia-chung-man-hinh-360", fullPage: false);
        await Choose(bulk.GetByLabel("Xếp loại"), "good");
        await Choose(bulk.GetByLabel("Đề xuất"), "keep");
        await Tap(bulk.GetByRole(AriaRole.Button, new() { Name = $"Lưu cho {count} tổ" }));
        await Assertions.Expect(page.Locator(".alert.ok", new() { HasText = $"Đã lưu đánh giá {count} tổ." })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".assess-row.done")).ToHaveCountAsync(count);
        await Assertions.Expect(finish).Not.ToContainTextAsync("còn");
        await Tap(finish);
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync("Lập tờ trình kiện toàn");

        Assert.True(taps <= 25, $"{taps} taps to assess {count} groups");
        var saved = (await fx.Api(People.OfficerAnCu).JsonAsync(at)).GetProperty("assessments");
        Assert.Equal(count, saved.GetArrayLength());
        Assert.All(saved.EnumerateArray(), a => Assert.Equal("good", a.GetProperty("rating").GetString()));
        Assert.Empty(fx.Errors[page]);
    }

    /// <summary>Presses Tab (at most 300 times) until the focused element is the one wanted; fails if it is never reached.</summary>
    static async Task TabToAsync(IPage page, string what, string test)
    {
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"(() => {{ const el = document.activeElement; return !!el && ({test}); }})()")) return;
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached {what}.");
    }

    /// <summary>Issue #22, item 10: the assessment and the proposal's submission done with the keyboard alone.</summary>
    [Fact]
    public async Task A_ward_officer_assesses_and_sends_the_proposal_with_the_keyboard_alone()
    {
        var cycle = "ban-phim-" + Guid.NewGuid().ToString("N")[..6];
        var at = await AtAssessmentStepAsync(cycle);
        var page = await fx.NewPageAsync(360, 800);
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
        await Assertions.Expect(page.Locator(".assess-row").First).ToBeVisibleAsync();
        var count = await page.Locator(".assess-row").CountAsync();

        static string Button(string text) => $"el.tagName === 'BUTTON' && el.textContent.trim().startsWith('{text}')";
        await TabToAsync(page, "the step's main button", Button("Đánh giá các tổ"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#as-h")).ToBeFocusedAsync();
        await TabToAsync(page, "Chọn tất cả chưa đánh giá", Button("Chọn tất cả chưa đánh giá"));
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "the shared rating", "el.closest('form.bulk') && el.name === 'rating'");
        await page.Keyboard.TypeAsync("Kh");
        await TabToAsync(page, "the shared recommendation", "el.closest('form.bulk') && el.name === 'recommendation'");
        await page.Keyboard.TypeAsync("G");
        await Assertions.Expect(page.Locator("form.bulk select[name=rating]")).ToHaveValueAsync("fair");
        await Assertions.Expect(page.Locator("form.bulk select[name=recommendation]")).ToHaveValueAsync("keep");
        await TabToAsync(page, "the shared save", Button("Lưu cho"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".alert.ok", new() { HasText = $"Đã lưu đánh giá {count} tổ." })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await TabToAsync(page, "Hoàn thành đánh giá", Button("Hoàn thành đánh giá"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync("Lập tờ trình kiện toàn");

        await TabToAsync(page, "the proposal's title", "el.name === 'title' && !!el.closest('form.proposal')");
        await page.Keyboard.TypeAsync("Tờ trình giữ nguyên các tổ năm 2026");
        await TabToAsync(page, "Gửi tờ trình", Button("Gửi tờ trình"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync("Chủ tịch UBND phường");
        var view = await fx.Api(People.OfficerAnCu).JsonAsync(at);
        Assert.Equal("Tờ trình giữ nguyên các tổ năm 2026", view.GetProperty("versions")[0].GetProperty("title").GetString());
        Assert.Empty(fx.Errors[page]);
    }

    /// <summary>
    /// Issue #22, item 8: every time is shown in Vietnam time, whatever the browser's own time zone (here New York's): a
    /// deadline at 14:05 in Vietnam reads 14:05, a deadline at the end of a day reads as that day.
    /// </summary>
    [Fact]
    public async Task Times_are_shown_in_Vietnam_time_in_a_browser_set_to_another_time_zone()
    {
        var cycle = "gio-vn-" + Guid.NewGuid().ToString("N")[..6];
        var day = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7).Date.AddDays(2), DateTimeKind.Unspecified);
        var opened = await fx.Api(People.Police).PostJsonAsync("restructure/cycles", new {
            id = cycle, name = $"Rà soát giờ Việt Nam {cycle}", wardIds = new[] { "an-cu" },
            deadlines = new { assessmentDue = new DateTimeOffset(day.AddHours(14).AddMinutes(5), TimeSpan.FromHours(7)), proposalDue = new DateTimeOffset(day.AddDays(20).AddHours(23).AddMinutes(59).AddSeconds(59), TimeSpan.FromHours(7)) },
        });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        await UntilAsync(() => fx.Api(People.OfficerAnCu).JsonAsync($"restructure/cycles/{cycle}/wards/an-cu"), v => v.GetProperty("actions").GetArrayLength() > 0);

        var page = await fx.NewPageAsync(360, 800, timezoneId: "America/New_York");
        await fx.SignInAsync(page, People.OfficerAnCu);
        var dayText = day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator(".card.task", new() { HasText = cycle })).ToContainTextAsync($"{dayText} 14:05");
        await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync($"{dayText} 14:05");
        await fx.OpenAsync(page, "/ra-soat");
        var region = page.GetByRole(AriaRole.Region, new() { Name = $"Rà soát giờ Việt Nam {cycle}" });
        await Assertions.Expect(region).ToContainTextAsync($"hạn tờ trình {day.AddDays(20).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        await Assertions.Expect(region.Locator("tbody")).ToContainTextAsync($"{dayText} 14:05");
        Assert.Empty(fx.Errors[page]);
    }

    [Fact]
    public async Task A_proposal_is_drafted_its_problem_shown_beside_the_change_corrected_and_sent_to_the_chairman()
    {
        var cycle = "to-trinh-" + Guid.NewGuid().ToString("N")[..6];
        var officer = fx.Api(People.OfficerAnCu);
        var (at, groups) = await AtProposalStepAsync(cycle, "Rà soát có tờ trình");

        // A member who may lead (age 25–75), from a group of the ward.
        var group = groups[0];
        var members = (await officer.JsonAsync($"wards/an-cu/groups/{group.GetProperty("id").GetString()}/members?status=active&role=member&pageSize=200")).GetProperty("items");
        var candidate = members.EnumerateArray().First(m => m.TryGetProperty("birthYear", out var y) && DateTime.UtcNow.Year - y.GetInt32() is > 30 and < 70);

        var page = await fx.NewPageAsync();
        await fx.SignInAsync(page, People.OfficerAnCu);
        await fx.OpenAsync(page, $"/ra-soat/{cycle}/an-cu");
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
