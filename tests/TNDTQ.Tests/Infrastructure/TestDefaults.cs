using System.Runtime.CompilerServices;
using Tndtq.Shared.Workflows;

namespace Tndtq.Tests.Infrastructure;

/// <summary>Process-wide settings of the test run, set before any test starts.</summary>
static class TestDefaults
{
    /// <summary>Activity retries in milliseconds rather than minutes, so tests see a failing activity give up quickly.</summary>
    public static readonly WorkflowRetryOptions Retry = new(MaxAttempts: 3, FirstInterval: TimeSpan.FromMilliseconds(100), MaxInterval: TimeSpan.FromSeconds(1));

    [ModuleInitializer]
    internal static void Initialize() => WorkflowCalls.Retry = Retry;
}
