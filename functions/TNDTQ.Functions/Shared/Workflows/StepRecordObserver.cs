using System.Text.Json;

namespace Tndtq.Shared.Workflows;

/// <summary>
/// The one shape of a workflow's own record kept by its steps' activities: the workflow puts a <typeparamref name="TRecord"/>
/// on each step it opens (<see cref="Record"/> into <see cref="OpenStep.Record"/>), and this observer of that
/// <see cref="Workflow"/> is told with it when the step opens and when it closes. A step that carries no record (a workflow
/// that keeps no record this way) is left alone. Activities may run twice, so what a subclass writes must be idempotent.
/// </summary>
public abstract class StepRecordObserver<TRecord>(string workflow) : IStepObserver where TRecord : class
{
    public string Workflow => workflow;

    /// <summary>The record as a step carries it.</summary>
    public static JsonElement Record(TRecord record) => JsonSerializer.SerializeToElement(record, Json.Options);

    /// <summary>The record a step carries (null: none).</summary>
    public static TRecord? RecordOf(OpenStep step) => step.Record is { } r ? r.Deserialize<TRecord>(Json.Options) : null;

    public Task OpenedAsync(OpenStep step) => RecordOf(step) is { } r ? OpenedAsync(step, r) : Task.CompletedTask;

    public Task ClosedAsync(StepClosed closed) => RecordOf(closed.Step) is { } r ? ClosedAsync(closed, r) : Task.CompletedTask;

    /// <summary>A step carrying <paramref name="record"/> opened (or its deadline moved); nothing by default.</summary>
    protected virtual Task OpenedAsync(OpenStep step, TRecord record) => Task.CompletedTask;

    /// <summary>A step carrying <paramref name="record"/> was decided.</summary>
    protected abstract Task ClosedAsync(StepClosed closed, TRecord record);
}
