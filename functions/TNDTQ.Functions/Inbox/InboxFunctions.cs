using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Inbox;

/// <summary>
/// What is waiting for the caller, and their notices; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class InboxFunctions(Api api, TaskList tasks, Notifications notifications, TimeProvider clock)
{
    [ApiOperation("Việc cần làm của tôi", Response = typeof(IReadOnlyList<TaskItem>), Query = ["workflow"])]
    [Function("ListMyTasks")]
    public Task<IActionResult> ListMyTasks([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "tasks")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await tasks.ForAsync(c, Api.Query(req, "workflow"), req.HttpContext.RequestAborted)));

    [ApiOperation("Hộp thư: việc cần làm và thông báo", Response = typeof(InboxView), Query = ["pageSize"])]
    [Function("GetInbox")]
    public Task<IActionResult> GetInbox([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "inbox")] HttpRequest req) =>
        api.Run(req, async c =>
        {
            var mine = await tasks.ForAsync(c, null, req.HttpContext.RequestAborted);
            var notices = await notifications.ForAsync(c, Api.PageSize(req), req.HttpContext.RequestAborted);
            return new OkObjectResult(new InboxView(Counts(mine, notices), mine, notices));
        });

    [ApiOperation("Số việc, việc sắp đến hạn, quá hạn, thông báo chưa đọc", Response = typeof(InboxCounts))]
    [Function("GetInboxCounts")]
    public Task<IActionResult> GetInboxCounts([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "inbox/counts")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(Counts(await tasks.ForAsync(c, null, req.HttpContext.RequestAborted),
            await notifications.ForAsync(c, 100, req.HttpContext.RequestAborted))));

    [ApiOperation("Đánh dấu thông báo đã đọc", Body = typeof(MarkReadBody), Status = 204)]
    [Function("MarkNoticesRead")]
    public Task<IActionResult> MarkNoticesRead([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "inbox/read")] HttpRequest req) =>
        api.Run(req, async c =>
        {
            var body = await Api.ReadBodyAsync<MarkReadBody>(req);
            await notifications.MarkReadAsync(c, body.Ids ?? [], req.HttpContext.RequestAborted);
            return new NoContentResult();
        });

    InboxCounts Counts(IReadOnlyList<TaskItem> mine, IReadOnlyList<NoticeView> notices)
    {
        var soon = clock.GetUtcNow().AddDays(DueSoonDays);
        return new InboxCounts(mine.Count, mine.Count(t => !t.Overdue && t.DueAt <= soon), mine.Count(t => t.Overdue), notices.Count(n => !n.Read));
    }

    /// <summary>"Due soon" on the badge: within this many days.</summary>
    const int DueSoonDays = 3;
}

public sealed record InboxCounts(int Tasks, int DueSoon, int Overdue, int Unread);
public sealed record InboxView(InboxCounts Counts, IReadOnlyList<TaskItem> Tasks, IReadOnlyList<NoticeView> Notices);
public sealed record MarkReadBody([Id, MaxCount(200)] IReadOnlyList<string>? Ids);
