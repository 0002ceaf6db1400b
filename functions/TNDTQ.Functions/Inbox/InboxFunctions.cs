using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Inbox;

/// <summary>
/// What is waiting for the caller, and their notices:
/// <code>
/// GET tasks     ListMyTasks   ?workflow=restructure   steps waiting for one of my roles (my ward), soonest due first
/// GET inbox     GetInbox      my tasks, and notices (new tasks, reminders, overdue, escalations, decisions), newest first
/// </code>
/// </summary>
public sealed class InboxFunctions(Api api, TaskList tasks, Notifications notifications)
{
    [Function("ListMyTasks")]
    public Task<IActionResult> ListMyTasks([HttpTrigger(Anonymous, "get", Route = "tasks")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await tasks.ForAsync(c, Api.Query(req, "workflow"), req.HttpContext.RequestAborted)));

    [Function("GetInbox")]
    public Task<IActionResult> GetInbox([HttpTrigger(Anonymous, "get", Route = "inbox")] HttpRequest req) =>
        api.Run(req, async c =>
        {
            var mine = await tasks.ForAsync(c, null, req.HttpContext.RequestAborted);
            var notices = await notifications.ForAsync(c, null, Api.PageSize(req), req.HttpContext.RequestAborted);
            return new OkObjectResult(new { tasks = mine, overdue = mine.Count(t => t.Overdue), notices = notices.Items });
        });
}
