using Tndtq.Shared;
using Azure;
using Azure.Data.Tables;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;
using Tndtq.Identity;

namespace Tndtq.Inbox;

/// <summary>A way of telling a person about a notice besides the inbox (which always has it).</summary>
public interface IDeliveryChannel
{
    string Name { get; }
    bool Enabled { get; }
    Task SendAsync(StaffMember to, Notice notice, CancellationToken ct);
}

/// <summary>SMTP settings (<c>Smtp__Host</c>, <c>Smtp__Port</c>, <c>Smtp__From</c>, <c>Smtp__User</c>, <c>Smtp__Password</c>, <c>Smtp__UseTls</c>). No host: e-mail is off.</summary>
public sealed record SmtpOptions(string? Host, int Port, string Sender, string? User, string? Password, bool UseTls)
{
    public static SmtpOptions Read(IConfiguration c) => new(c["Smtp:Host"] is { Length: > 0 } h ? h : null, c.GetValue("Smtp:Port", 587),
        c["Smtp:From"] ?? "tndtq@localhost", c["Smtp:User"], c["Smtp:Password"], c.GetValue("Smtp:UseTls", true));
}

/// <summary>E-mail through an SMTP server (MailKit).</summary>
public sealed class EmailChannel(SmtpOptions options) : IDeliveryChannel
{
    public string Name => "email";
    public bool Enabled => options.Host is not null;

    public async Task SendAsync(StaffMember to, Notice notice, CancellationToken ct)
    {
        if (to.Email is null) return;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("TNDTQ", options.Sender));
        message.To.Add(new MailboxAddress(to.DisplayName, to.Email));
        message.Subject = notice.Title;
        message.Body = new TextPart("plain") { Text = $"{notice.Body}\n\n{notice.Link}" };
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(options.Host!, options.Port, options.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (options.User is { Length: > 0 }) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>
/// Delivers a notice on every enabled channel to the people of its audience, once: a delivery
/// row (table <c>Deliveries</c>, PartitionKey = notice, RowKey = channel + person) is inserted
/// before sending, so a notice raised twice (timer and scan, a retried activity) is sent once.
/// A failing channel is retried with backoff, then recorded as failed — it never blocks a workflow.
/// </summary>
public sealed class Deliveries(TableServiceClient tables, StaffDirectory staff, IEnumerable<IDeliveryChannel> channels, ILogger<Deliveries> log)
{
    public const string TableName = "Deliveries";
    static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];
    readonly JsonTable storage = new(tables, TableName);

    public async Task DeliverAsync(string audience, Notice notice, string noticeKey, CancellationToken ct = default)
    {
        var enabled = channels.Where(c => c.Enabled).ToList();
        if (enabled.Count == 0) return;
        var people = (await staff.ListAsync(ct)).Where(p => Audience.Of(new Caller(p.ObjectId, p.DisplayName, p.Roles, p.WardId)).Contains(audience)).ToList();
        if (people.Count == 0) return;
        var table = await storage.ClientAsync();
        foreach (var channel in enabled)
            foreach (var person in people)
            {
                var row = new TableEntity(noticeKey, $"{channel.Name}|{person.ObjectId}") { ["Status"] = "sending", ["NoticeId"] = notice.Id };
                try { await table.AddEntityAsync(row, ct); }
                catch (RequestFailedException e) when (e.Status == 409) { continue; } // already delivered (or being delivered)
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await channel.SendAsync(person, notice, ct);
                        row["Status"] = "sent";
                        break;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        if (attempt < Backoff.Length) { await Task.Delay(Backoff[attempt], ct); continue; }
                        log.LogWarning(e, "Delivery of {Notice} by {Channel} to {Person} failed", notice.Id, channel.Name, person.ObjectId);
                        row["Status"] = "failed";
                        row["Error"] = e.Message;
                        break;
                    }
                }
                row["Attempts"] = 1;
                await table.UpsertEntityAsync(row, TableUpdateMode.Merge, ct);
            }
    }

    public async Task<string?> StatusAsync(string noticeKey, string channel, string objectId)
    {
        try
        {
            var row = await storage.Client.GetEntityIfExistsAsync<TableEntity>(noticeKey, $"{channel}|{objectId}");
            return row.HasValue ? row.Value!.GetString("Status") : null;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }
}
