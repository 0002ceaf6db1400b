using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tndtq.Identity;
using Tndtq.Register;
using Tndtq.Shared;
using Tndtq.Web;
using static Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Tndtq.Demo;

/// <summary>
/// The people the web app's development sign-in page offers; each function's <see cref="Shared.ApiOperationAttribute"/> line states its route's body and answers (the reference: <c>/api/openapi.json</c>).
/// They are the demo people as the staff directory has them now (an administrator may have moved or
/// revoked one), with their roles and ward in Vietnamese. The page then sends the chosen person's
/// <c>X-MS-CLIENT-PRINCIPAL</c> header itself, as the README's curl examples do.
/// </summary>
public sealed class DemoSignInFunctions(Api api, AuthOptions auth, StaffDirectory staff, RegisterStore register, UnitTerms terms)
{
    [ApiOperation("Người dùng mẫu cho trang đăng nhập thử (chỉ khi bật đăng nhập thử)", Response = typeof(IReadOnlyList<DemoPerson>), Anonymous = true, Errors = [404])]
    [Function("ListDemoPeople")]
    public Task<IActionResult> ListDemoPeople([HttpTrigger(Anonymous, "get", Route = Api.Prefix + "demo/people")] HttpRequest req) =>
        api.RunAnonymous(req, async () =>
        {
            if (!auth.DevelopmentSignIn) throw ProblemException.NotFound(WebTexts.DevelopmentSignInOff);
            var ct = req.HttpContext.RequestAborted;
            var wards = (await register.ListWardsAsync(ct)).ToDictionary(w => w.Value.Id, w => w.Value.Name);
            var people = new List<DemoPerson>();
            foreach (var demo in DemoData.Staff)
                if (await staff.FindAsync(demo.ObjectId, ct) is { Roles.Count: > 0 } person)
                {
                    var words = await terms.ForCallerAsync(new Caller(person.ObjectId, person.DisplayName, person.Roles, person.WardId), ct);
                    people.Add(new DemoPerson(person.ObjectId, person.DisplayName, person.Roles, person.Roles.Select(r => Texts.RoleName(r, words)).ToList(),
                        person.WardId, person.WardId is { } w ? wards.GetValueOrDefault(w) : null, person.WardId is null ? words?.ApprovingUnit : null));
                }
            return new OkObjectResult(people);
        });
}

/// <param name="ApprovingUnit">For the approving level's staff, their unit as a sentence writes it ("quận Ninh Kiều").</param>
public sealed record DemoPerson(string ObjectId, string DisplayName, IReadOnlyList<Role> Roles, IReadOnlyList<string> RoleNames, string? WardId, string? WardName,
    string? ApprovingUnit = null);
