namespace Tndtq.Shared;

public static partial class Texts
{
    /// <summary>409 for a decision on a request that no longer waits for the chairman, naming its state as its view does.</summary>
    public static string SignOffNotWaitingNow(string stateName) => $"Tờ trình không còn chờ ký duyệt (trạng thái hiện tại: {stateName}).";
}
