using Microsoft.Azure.Functions.Worker;

namespace Tndtq.SignOffs;

/// <summary>The sign-off workflow's I/O: each activity is one idempotent write.</summary>
public sealed class SignOffActivities(SignOffStore store)
{
    public const string RecordOpened = "RecordSignOffOpened";
    public const string RecordOutcome = "RecordSignOffOutcome";

    [Function(RecordOpened)]
    public Task RecordSignOffOpened([ActivityTrigger] SignOffRequest request) => store.RecordOpenedAsync(request);

    [Function(RecordOutcome)]
    public Task RecordSignOffOutcome([ActivityTrigger] RecordOutcomeInput input) => store.RecordOutcomeAsync(input.Request, input.Outcome);
}
