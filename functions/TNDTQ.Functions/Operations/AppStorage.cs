namespace Tndtq.Operations;

/// <summary>
/// Every table and blob container the app keeps its records in: what the nightly backup exports,
/// what a restore rebuilds, and what <c>infra/main.bicep</c> creates (a test keeps the three equal,
/// and checks that no table or container constant of the app is missing here). The Durable task
/// hub's own tables, queues and containers are not in it: workflow instances are not backed up.
/// </summary>
public static class AppStorage
{
    public static readonly IReadOnlyList<string> Tables =
    [
        Commendations.CommendationStore.TableName,
        Inbox.Deliveries.TableName,
        Inbox.DueIndex.TableName,
        Health.HeartbeatStore.TableName,
        Inbox.Notifications.TableName,
        Inbox.Notifications.ReadsTableName,
        Meetings.MeetingStore.TableName,
        Register.RegisterTable.Name,
        Register.RegisterTable.AuditTableName,
        Register.RegisterTable.SearchTableName,
        Reports.ReportsStore.TableName,
        Restructure.RestructureStore.TableName,
        SignOffs.SignOffStore.TableName,
        Identity.StaffDirectory.TableName,
        Inbox.TaskList.TableName,
        Training.TrainingStore.TableName,
        Support.SupportStore.TableName,
    ];

    /// <summary>Containers with records (documents, evidence, journals, templates, backups).</summary>
    public static readonly IReadOnlyList<string> Containers =
    [
        BackupContainer,
        Commendations.CommendationStore.Container,
        Meetings.MeetingStore.Container,
        Register.RegisterStore.JournalContainer,
        Restructure.RestructureStore.DocumentsContainer,
        TemplatesContainer,
        Training.TrainingStore.Container,
        Support.SupportStore.Container,
    ];

    /// <summary>Nightly exports of the tables: <c>{backup id}/{table}/{partition}.jsonl</c>.</summary>
    public const string BackupContainer = "backups";

    /// <summary>Document templates the office edits in Azure (a blob here wins over the built-in template).</summary>
    public const string TemplatesContainer = Shared.Documents.TemplateStore.Container;
}
