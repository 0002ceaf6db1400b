using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tndtq.Identity;
using Tndtq.Inbox;
using Tndtq.Shared.Workflows;
using Tndtq.Tests.Infrastructure;
using Tndtq.Shared;

namespace Tndtq.Tests.Inbox;

/// <summary>Scheduled reminders, escalation, the inbox and e-mail, on Azurite with a clock the test moves.</summary>
public sealed class RemindersTests
{
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 5, 4, 1, 0, 0, TimeSpan.Zero));

    /// <summary>Counts the entities Table Storage returns, so a test can assert what a query read.</summary>
    sealed class EntityCounter : HttpPipelineSynchronousPolicy
    {
        public int Entities;
        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get) return;
            try
            {
                using var doc = JsonDocument.Parse(message.Response.Content.ToMemory());
                if (doc.RootElement.TryGetProperty("value", out var value)) Interlocked.Add(ref Entities, value.GetArrayLength());
                else if (doc.RootElement.TryGetProperty("PartitionKey", out _)) Interlocked.Increment(ref Entities);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException) { }
        }
    }

    async Task<(TableServiceClient Tables, EntityCounter Counter)> TablesAsync(string? connectionString = null)
    {
        var counter = new EntityCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        return (new TableServiceClient(connectionString ?? await TestAzurite.ConnectionStringAsync(), options), counter);
    }

    static (Notifications Notifications, Deliveries Deliveries) Notifier(TableServiceClient tables, params IDeliveryChannel[] channels)
    {
        var deliveries = new Deliveries(tables, new StaffDirectory(tables), channels, NullLogger<Deliveries>.Instance);
        return (new Notifications(tables, deliveries), deliveries);
    }

    OpenStep Step(string ward, DateTimeOffset due, params int[] remindDays) => new("restructure", $"restructure:test:{ward}", "proposal-1", "proposal",
        "Lập tờ trình kiện toàn", Role.WardOfficer, ward, $"Rà soát năm 2026 – phường {ward}", due, remindDays.Select(d => TimeSpan.FromDays(d)).ToList(),
        Role.WardChairman, $"/api/restructure/cycles/test/wards/{ward}", clock.GetUtcNow());

    static Caller Officer(string ward) => new($"officer-{ward}", "Cán bộ", [Role.WardOfficer], ward);
    static Caller Chairman(string ward) => new($"chairman-{ward}", "Chủ tịch", [Role.WardChairman], ward);

    [Fact]
    public async Task Reminders_at_each_offset_then_escalation_after_the_deadline_each_once_however_often_the_scan_runs()
    {
        var (tables, _) = await TablesAsync();
        var (notifications, _) = Notifier(tables);
        var due = new DueIndex(tables);
        var scan = new ReminderScan(due, notifications, new NoMeetingRecordsYet(), new ReminderOptions(WindowDays: 7), clock);
        var ward = "w" + Guid.NewGuid().ToString("N")[..8];
        var deadline = clock.GetUtcNow().AddDays(10);
        await due.PutAsync(Step(ward, deadline, 7, 1), null);

        async Task<List<string>> Kinds(Caller c) => (await notifications.ForAsync(c, 50, default)).Select(n => n.Kind).ToList();

        await scan.DailyAsync(default);
        Assert.Empty(await Kinds(Officer(ward)));                 // 10 days out: nothing yet

        clock.SetUtcNow(deadline.AddDays(-7).AddHours(1));
        await scan.DailyAsync(default);
        await scan.DailyAsync(default);                            // the timer fired twice today
        Assert.Equal(["reminder"], await Kinds(Officer(ward)));
        Assert.Contains("còn 7 ngày", (await notifications.ForAsync(Officer(ward), 50, default))[0].Title);

        clock.SetUtcNow(deadline.AddDays(-1).AddHours(1));
        await scan.DailyAsync(default);
        Assert.Equal(["reminder", "reminder"], await Kinds(Officer(ward)));

        clock.SetUtcNow(deadline.AddHours(2));
        await scan.DailyAsync(default);
        await scan.DailyAsync(default);
        Assert.Equal(["overdue", "reminder", "reminder"], await Kinds(Officer(ward)));
        var escalation = Assert.Single(await notifications.ForAsync(Chairman(ward), 50, default));
        Assert.Equal("escalation", escalation.Kind);
        Assert.Contains("Cán bộ UBND phường chưa xử lý", escalation.Body);

        // The durable timer of the step raises the same notices: still once each.
        await notifications.SendAsync(Audience.Of(Role.WardOfficer, ward), Notice.Overdue(Step(ward, deadline, 7, 1)));
        Assert.Equal(3, (await Kinds(Officer(ward))).Count);
    }

    [Fact]
    public async Task The_daily_scan_reads_only_what_is_due()
    {
        // An Azurite of its own: the count is of every entity the scan reads, so no other test may add a due step meanwhile.
        await using var azurite = await Tndtq.LocalHost.Azurite.StartPrivateAsync();
        var (tables, counter) = await TablesAsync(azurite.ConnectionString);
        var (notifications, _) = Notifier(tables);
        var due = new DueIndex(tables);
        // A big district: 10,000 open steps due over the next months, 50 due within the week.
        var table = tables.GetTableClient(DueIndex.TableName);
        await table.CreateIfNotExistsAsync();
        var far = Enumerable.Range(0, 10_000).Select(i => Step($"far{i % 100}", clock.GetUtcNow().AddDays(30 + i % 200), 7) with { InstanceId = $"far-{i}" }).ToList();
        await Parallel.ForEachAsync(far.GroupBy(s => DueIndex.Day(s.DueAt)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (day, ct) =>
        {
            foreach (var chunk in day.Chunk(100))
                await table.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(day.Key, s.InstanceId) { ["Data"] = Tndtq.Shared.TableRows.ToJson(s) })), ct);
        });
        var soon = "s" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 50; i++)
            await due.PutAsync(Step(soon, clock.GetUtcNow().AddDays(i % 5 + 1), 7) with { InstanceId = $"{soon}-{i}", OpenedAt = clock.GetUtcNow().AddDays(-30) }, null);

        var scan = new ReminderScan(due, notifications, new NoMeetingRecordsYet(), new ReminderOptions(WindowDays: 7), clock);
        counter.Entities = 0;
        var result = await scan.DailyAsync(default);
        Assert.Equal(50, result.EntitiesRead);
        Assert.Equal(50, result.Reminders);
        Assert.Equal(50, counter.Entities); // every entity returned by Table Storage during the scan
    }

    [Fact]
    public async Task Nobody_sees_another_wards_notices()
    {
        var (tables, _) = await TablesAsync();
        var (notifications, _) = Notifier(tables);
        var (a, b) = ("a" + Guid.NewGuid().ToString("N")[..6], "b" + Guid.NewGuid().ToString("N")[..6]);
        await notifications.SendAsync(Audience.Of(Role.WardOfficer, a), Notice.Overdue(Step(a, clock.GetUtcNow(), 1)));
        Assert.Single(await notifications.ForAsync(Officer(a), 50, default));
        Assert.Empty(await notifications.ForAsync(Officer(b), 50, default));
        Assert.Empty(await notifications.ForAsync(Chairman(a), 50, default));

        var id = (await notifications.ForAsync(Officer(a), 50, default))[0].Id;
        await notifications.MarkReadAsync(Officer(a), [id], default);
        Assert.True((await notifications.ForAsync(Officer(a), 50, default))[0].Read);
        Assert.False((await notifications.ForAsync(Officer(a) with { ObjectId = "someone-else" }, 50, default))[0].Read);
    }

    [Fact]
    public async Task Email_reaches_the_local_SMTP_sink_once_and_a_failing_server_does_not_break_anything()
    {
        var (tables, _) = await TablesAsync();
        var ward = "m" + Guid.NewGuid().ToString("N")[..8];
        var staff = new StaffDirectory(tables);
        await staff.UpsertAsync(new StaffMember($"officer-{ward}", "Nguyễn Thị Thư", [Role.WardOfficer], ward, "thu@phuong.example"));
        await using var sink = new SmtpSink();

        var (notifications, deliveries) = Notifier(tables, new EmailChannel(new SmtpOptions("127.0.0.1", sink.Port, "tndtq@quan.example", null, null, UseTls: false)));
        var notice = Notice.Reminder(Step(ward, clock.GetUtcNow().AddDays(1), 1), TimeSpan.FromDays(1));
        await notifications.SendAsync(Audience.Of(Role.WardOfficer, ward), notice);
        await notifications.SendAsync(Audience.Of(Role.WardOfficer, ward), notice); // raised again (timer and scan)
        var message = Assert.Single(sink.Messages);
        Assert.Equal("Nhắc việc: còn 1 ngày đến hạn Lập tờ trình kiện toàn", message.Subject);
        Assert.Equal("thu@phuong.example", message.To.Mailboxes.Single().Address);

        // SMTP down: the inbox still gets the notice, the delivery is recorded as failed, nothing throws.
        var (broken, brokenDeliveries) = Notifier(tables, new EmailChannel(new SmtpOptions("127.0.0.1", Tndtq.LocalHost.Azurite.FreePort(), "x@y", null, null, false)));
        var other = Notice.Overdue(Step(ward, clock.GetUtcNow(), 1));
        await broken.SendAsync(Audience.Of(Role.WardOfficer, ward), other);
        Assert.Contains(await broken.ForAsync(Officer(ward), 50, default), n => n.Kind == "overdue");
        Assert.Equal("failed", await brokenDeliveries.StatusAsync($"{Audience.Of(Role.WardOfficer, ward)}|{Notifications.Key(other)}", "email", $"officer-{ward}"));
    }
}
