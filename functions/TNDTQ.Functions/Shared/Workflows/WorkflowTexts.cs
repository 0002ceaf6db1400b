namespace Tndtq.Shared;

/// <summary>The sentences of the shared workflow machinery.</summary>
public static partial class Texts
{
    public const string WorkflowNeedsAttention = "Gặp lỗi, chờ quản trị xử lý";
}
