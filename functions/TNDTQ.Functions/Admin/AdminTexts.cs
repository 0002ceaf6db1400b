using Microsoft.DurableTask.Client;

namespace Tndtq.Admin;

/// <summary>The sentences of the administrators' workflow pages.</summary>
public static class AdminTexts
{
    public const string WorkflowFailed = "Đã dừng do lỗi";
    public const string WorkflowInstanceNotFound = "Không tìm thấy quy trình này.";

    public static string WorkflowNotWaitingForRetry(string stateName) =>
        $"Quy trình này không ở trạng thái chờ thử lại (trạng thái hiện tại: {stateName}).";

    public static string InvalidWorkflowState(string state) =>
        $"Giá trị state \"{state}\" không hợp lệ; chỉ nhận \"needs-attention\" (gặp lỗi, chờ xử lý) hoặc \"failed\" (đã dừng do lỗi).";

    public static string WorkflowName(string orchestrator) => orchestrator switch
    {
        SignOffs.SignOffOrchestratorV2.Name => "Tờ trình ký duyệt",
        Restructure.RestructureOrchestratorV2.Name => "Rà soát, kiện toàn tổ",
        Commendations.NominationOrchestratorV2.Name => "Đề nghị khen thưởng",
        Training.TrainingInvitationOrchestrator.Name => "Giấy mời tập huấn",
        Support.SupportOrchestratorV2.Name => "Đợt hỗ trợ, thăm hỏi",
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
