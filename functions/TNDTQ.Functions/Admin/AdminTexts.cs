using Microsoft.DurableTask.Client;

namespace Tndtq.Admin;

/// <summary>The sentences of the administrators' workflow pages.</summary>
public static class AdminTexts
{
    public const string WorkflowFailed = "Đã dừng do lỗi";
    public const string WorkflowInstanceNotFound = "Không tìm thấy quy trình này.";
    public const string ReasonRequired = "Vui lòng nhập lý do (lý do được ghi vào diễn biến của quy trình).";
    public const string InvalidAge = "Giá trị olderThanDays (số ngày) không hợp lệ; nhập một số từ 0 đến 3650.";
    public const string Started = "Quy trình bắt đầu";
    public const string Completed = "Quy trình đã kết thúc";

    public static string WorkflowNotWaitingForRetry(string stateName) =>
        $"Quy trình này không ở trạng thái chờ thử lại (trạng thái hiện tại: {stateName}).";

    public static string NoFailedStepToSkip(string stateName) =>
        $"Quy trình này không có bước gặp lỗi để bỏ qua (trạng thái hiện tại: {stateName}).";

    public static string StepCannotBeSkipped(string activity) =>
        $"Không thể bỏ qua bước lỗi \"{ActivityName(activity)}\": bước này ghi lại kết quả mà quy trình cần để đi tiếp. Hãy thử lại sau khi khắc phục lỗi, hoặc kết thúc quy trình.";

    public static string WorkflowAlreadyEnded(string stateName) => $"Quy trình này đã kết thúc (trạng thái hiện tại: {stateName}), không thể kết thúc lại.";

    public static string InvalidWorkflowState(string state) =>
        $"Giá trị state \"{state}\" không hợp lệ; chỉ nhận \"needs-attention\" (gặp lỗi, chờ xử lý), \"failed\" (đã dừng do lỗi), \"stuck\" (quá hạn lâu) hoặc \"terminated\" (đã bị kết thúc).";

    public static string InvalidWorkflow(string workflow) =>
        $"Giá trị workflow \"{workflow}\" không hợp lệ; chỉ nhận: {string.Join(", ", WorkflowAdmin.Workflows.Keys)}.";

    public static string StateName(string state) => state switch
    {
        WorkflowAdmin.NeedsAttention => "Gặp lỗi, chờ quản trị xử lý",
        WorkflowAdmin.Failed => WorkflowFailed,
        WorkflowAdmin.Stuck => "Quá hạn lâu",
        WorkflowAdmin.Terminated => "Đã bị kết thúc",
        _ => state,
    };

    public static string Overdue(DateTimeOffset due, DateTimeOffset now) => $"Quá hạn {Math.Max(1, (int)(now - due).TotalDays)} ngày (hạn {Shared.VietnamTime.ToVietnam(due):dd/MM/yyyy HH:mm}).";

    public static string EndedWith(string output) => output;

    public static string EndReason(string actor, string reason) => $"Quản trị {actor} kết thúc quy trình. Lý do: {reason}";

    public static string ActionName(string action) => action switch
    {
        "retry" => "Thử lại bước lỗi",
        "skip" => "Bỏ qua bước lỗi",
        "end" => "Kết thúc quy trình",
        _ => action,
    };

    public static string ActionLine(AdminAction a) => a.Activity is { } act
        ? $"{a.ActionName}: {ActivityName(act)}{(a.StepName is { } s ? $" (bước {s})" : "")}"
        : $"{a.ActionName}{(a.StepName is { } s2 ? $" (bước {s2})" : "")}";

    public static string PausedLine(string? activity, string? stepName) =>
        $"Gặp lỗi ở bước \"{ActivityName(activity ?? "")}\"{(stepName is { } s ? $" (khi {s})" : "")}, chờ quản trị xử lý";

    /// <summary>What each activity does, as an administrator reads it.</summary>
    public static string ActivityName(string activity) => activity switch
    {
        Shared.Workflows.WorkflowActivities.OpenStep => "mở bước xử lý",
        Shared.Workflows.WorkflowActivities.CloseStep => "ghi kết quả bước xử lý",
        Shared.Workflows.WorkflowActivities.Alarm => "gửi nhắc việc, báo quá hạn",
        _ => activity,
    };

    public static string WorkflowName(string orchestrator) => orchestrator switch
    {
        SignOffs.SignOffOrchestratorV2.Name => "Tờ trình ký duyệt",
        Restructure.RestructureOrchestratorV2.Name => "Rà soát, kiện toàn tổ",
        Commendations.NominationOrchestratorV2.Name => "Đề nghị khen thưởng",
        Training.TrainingInvitationOrchestrator.Name => "Giấy mời tập huấn",
        Support.SupportOrchestratorV2.Name => "Đợt hỗ trợ, thăm hỏi",
        Operations.BackupJobOrchestrator.Name => "Sao lưu dữ liệu",
        Operations.RestoreJobOrchestrator.Name => "Khôi phục dữ liệu",
        _ => orchestrator,
    };

    public static string WorkflowRuntimeStateName(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => "đang chạy",
        OrchestrationRuntimeStatus.Pending => "đang chờ khởi động",
        OrchestrationRuntimeStatus.Completed => "đã kết thúc",
        OrchestrationRuntimeStatus.Failed => "đã dừng do lỗi",
        OrchestrationRuntimeStatus.Terminated => "đã bị chấm dứt",
        OrchestrationRuntimeStatus.Suspended => "đang tạm dừng",
        _ => status.ToString(),
    };
}
