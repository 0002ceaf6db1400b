using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Shared;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Register;

/// <summary>
/// HTTP API of the register (wards, groups, members, search, history, audit); each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// </summary>
public sealed class RegisterFunctions(Api api, RegisterService register)
{
    const string Ward = Api.Prefix + "wards/{wardId}";
    const string Group = Ward + "/groups/{groupId}";
    const string Member = Group + "/members/{memberId}";

    [ApiOperation("Danh sách phường", Response = typeof(IReadOnlyList<WardView>))]
    [Function("ListWards")]
    public Task<IActionResult> ListWards([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "wards")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await register.ListWardsAsync(c, Aborted(req))));

    [ApiOperation("Thêm phường (quản trị)", Body = typeof(SaveWardBody), Response = typeof(WardView), Status = 201, Errors = [409])]
    [Function("CreateWard")]
    public Task<IActionResult> CreateWard([HttpTrigger(Anonymous, "post", Route = Api.Prefix + "wards")] HttpRequest req) =>
        api.Run(req, async c => Api.Versioned(req,
            await register.SaveWardAsync(c, null, null, await Api.ReadBodyAsync<SaveWardBody>(req), Aborted(req)), StatusCodes.Status201Created));

    [ApiOperation("Một phường, kèm số liệu", Response = typeof(WardView))]
    [Function("GetWard")]
    public Task<IActionResult> GetWard([HttpTrigger(Anonymous, "get", Route = Ward)] HttpRequest req, string wardId) =>
        api.Run(req, async c => Api.Versioned(req, await register.GetWardAsync(c, wardId, Aborted(req))));

    [ApiOperation("Sửa thông tin phường (quản trị)", Body = typeof(SaveWardBody), Response = typeof(WardView), IfMatch = true)]
    [Function("UpdateWard")]
    public Task<IActionResult> UpdateWard([HttpTrigger(Anonymous, "put", Route = Ward)] HttpRequest req, string wardId) =>
        api.Run(req, async c => Api.Versioned(req,
            await register.SaveWardAsync(c, wardId, Api.IfMatch(req), await Api.ReadBodyAsync<SaveWardBody>(req), Aborted(req))));

    [ApiOperation("Đối chiếu số liệu phường đã lưu với số đếm lại", Response = typeof(object))]
    [Function("CheckWardCounters")]
    public Task<IActionResult> CheckWardCounters([HttpTrigger(Anonymous, "get", Route = Ward + "/counters/check")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await register.CountersCheckAsync(c, wardId, Aborted(req))));

    [ApiOperation("Danh sách tổ của phường (q: tìm theo tên tổ, địa bàn)", Response = typeof(PageResult<GroupView>), Query = ["status", "q", "continuationToken", "pageSize"])]
    [Function("ListGroups")]
    public Task<IActionResult> ListGroups([HttpTrigger(Anonymous, "get", Route = Ward + "/groups")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await register.ListGroupsAsync(c, wardId, Api.Enum<GroupStatus>(req, "status"),
            Api.Query(req, "continuationToken", 2048), Api.PageSize(req, 100), Aborted(req), Api.Query(req, "q", Limits.Name))));

    [ApiOperation("Một tổ", Response = typeof(GroupView))]
    [Function("GetGroup")]
    public Task<IActionResult> GetGroup([HttpTrigger(Anonymous, "get", Route = Group)] HttpRequest req, string wardId, string groupId) =>
        api.Run(req, async c => Api.Versioned(req, await register.GetGroupAsync(c, wardId, groupId, Aborted(req))));

    [ApiOperation("Sửa thông tin tổ", Body = typeof(UpdateGroupBody), Response = typeof(GroupView), IfMatch = true, RequestId = true, Errors = [409])]
    [Function("UpdateGroup")]
    public Task<IActionResult> UpdateGroup([HttpTrigger(Anonymous, "patch", Route = Group)] HttpRequest req, string wardId, string groupId) =>
        api.Run(req, async c => Api.Versioned(req, await register.UpdateGroupAsync(c, wardId, groupId, Api.IfMatch(req), Api.RequestId(req, c),
            await Api.ReadBodyAsync<UpdateGroupBody>(req), Aborted(req))));

    [ApiOperation("Lịch sử của tổ (hoặc tổ vào một ngày)", Response = typeof(object), Query = ["at"])]
    [Function("GetGroupHistory")]
    public Task<IActionResult> GetGroupHistory([HttpTrigger(Anonymous, "get", Route = Group + "/history")] HttpRequest req, string wardId, string groupId) =>
        api.Run(req, async c => Api.Query(req, "at") is { } at
            ? new OkObjectResult(await register.GroupHistoryAtAsync(c, wardId, groupId, at, Aborted(req)))
            : new OkObjectResult(await register.GroupHistoryAsync(c, wardId, groupId, Aborted(req))));

    [ApiOperation("Thành viên của tổ (q: tìm theo họ tên)", Response = typeof(PageResult<MemberView>), Query = ["status", "role", "q", "continuationToken", "pageSize"])]
    [Function("ListMembers")]
    public Task<IActionResult> ListMembers([HttpTrigger(Anonymous, "get", Route = Group + "/members")] HttpRequest req, string wardId, string groupId) =>
        api.Run(req, async c => new OkObjectResult(await register.ListMembersAsync(c, wardId, groupId, Api.Enum<MemberStatus>(req, "status"),
            Api.Enum<MemberRole>(req, "role"), Api.Query(req, "continuationToken", 2048), Api.PageSize(req, 100), Aborted(req), Api.Query(req, "q", Limits.Name))));

    [ApiOperation("Thêm thành viên vào tổ", Body = typeof(AddMemberBody), Response = typeof(MemberView), Status = 201, RequestId = true, Errors = [409])]
    [Function("AddMember")]
    public Task<IActionResult> AddMember([HttpTrigger(Anonymous, "post", Route = Group + "/members")] HttpRequest req, string wardId, string groupId) =>
        api.Run(req, async c => Api.Versioned(req, await register.AddMemberAsync(c, wardId, groupId, Api.RequestId(req, c),
            await Api.ReadBodyAsync<AddMemberBody>(req), Aborted(req)), StatusCodes.Status201Created));

    [ApiOperation("Một thành viên", Response = typeof(MemberView))]
    [Function("GetMember")]
    public Task<IActionResult> GetMember([HttpTrigger(Anonymous, "get", Route = Member)] HttpRequest req, string wardId, string groupId, string memberId) =>
        api.Run(req, async c => Api.Versioned(req, await register.GetMemberAsync(c, wardId, groupId, memberId, Aborted(req))));

    [ApiOperation("Sửa thông tin thành viên", Body = typeof(UpdateMemberBody), Response = typeof(MemberView), IfMatch = true, RequestId = true, Errors = [409])]
    [Function("UpdateMember")]
    public Task<IActionResult> UpdateMember([HttpTrigger(Anonymous, "patch", Route = Member)] HttpRequest req, string wardId, string groupId, string memberId) =>
        api.Run(req, async c => Api.Versioned(req, await register.UpdateMemberAsync(c, wardId, groupId, memberId, Api.IfMatch(req), Api.RequestId(req, c),
            await Api.ReadBodyAsync<UpdateMemberBody>(req), Aborted(req))));

    [ApiOperation("Thành viên rời tổ", Body = typeof(MemberLeavesBody), Response = typeof(MemberView), IfMatch = true, RequestId = true, Errors = [409])]
    [Function("MemberLeaves")]
    public Task<IActionResult> MemberLeaves([HttpTrigger(Anonymous, "post", Route = Member + "/leave")] HttpRequest req, string wardId, string groupId, string memberId) =>
        api.Run(req, async c => Api.Versioned(req, await register.MemberLeavesAsync(c, wardId, groupId, memberId, Api.IfMatch(req), Api.RequestId(req, c),
            await Api.ReadBodyAsync<MemberLeavesBody>(req), Aborted(req))));

    [ApiOperation("Tìm thành viên theo tên", Response = typeof(PageResult<SearchHit>), Query = ["q", "wardId", "status", "role", "continuationToken", "pageSize"])]
    [Function("SearchMembers")]
    public Task<IActionResult> SearchMembers([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "members/search")] HttpRequest req) =>
        api.Run(req, async c => new OkObjectResult(await register.SearchAsync(c, Api.Query(req, "q"), Api.Query(req, "wardId"),
            Api.Enum<MemberStatus>(req, "status"), Api.Enum<MemberRole>(req, "role"), Api.Query(req, "continuationToken", 2048), Api.PageSize(req), Aborted(req))));

    [ApiOperation("Nhật ký thay đổi của phường", Response = typeof(PageResult<AuditView>), Query = ["entityId", "continuationToken", "pageSize"])]
    [Function("GetWardAudit")]
    public Task<IActionResult> GetWardAudit([HttpTrigger(Anonymous, "get", Route = Ward + "/audit")] HttpRequest req, string wardId) =>
        api.Run(req, async c => new OkObjectResult(await register.AuditAsync(c, wardId, Api.Query(req, "entityId"), Api.Query(req, "continuationToken", 2048),
            Api.PageSize(req), Aborted(req))));

    static CancellationToken Aborted(HttpRequest req) => req.HttpContext.RequestAborted;
}
