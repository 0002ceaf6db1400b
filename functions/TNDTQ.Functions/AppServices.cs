using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tndtq.Identity;
using Tndtq.Shared;
using Tndtq.Shared.Workflows;

namespace Tndtq;

/// <summary>
/// The composition root: everything the app needs, registered once. Used by the Functions app's
/// Program and by the local host, so both run the same services. It lives at the app's root, not in
/// Shared, because it names every slice.
/// </summary>
public static class AppServices
{
    public static IServiceCollection AddTndtq(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddAzureClients(clients => clients.AddStorageClients(configuration));
        services.Configure<JsonOptions>(o => Json.Configure(o.JsonSerializerOptions));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TaskHubName.From(configuration));
        services.AddSingleton(AuthOptions.From(configuration, environment));
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffService>();
        services.AddSingleton<ICallerResolver, CallerResolver>();
        services.AddSingleton<Api>();
        services.AddSingleton<Web.WebFiles>();
        services.AddSingleton<ApiReference.OpenApiReference>();
        services.AddSingleton<Health.HeartbeatStore>();
        services.AddSingleton(Register.RegisterOptions.From(configuration));
        services.AddSingleton(Reports.ReportOptions.From(configuration));
        services.AddSingleton<Register.RegisterStore>();
        services.AddSingleton<Register.UnitTerms>();
        services.AddSingleton<Register.UnitService>();
        services.AddSingleton<Register.RegisterChanges>();
        services.AddSingleton<Register.RegisterYearFigures>();
        services.AddSingleton<Register.RegisterService>();
        services.AddSingleton<Register.Import.RegisterTransfer>();
        services.AddSingleton<Inbox.TaskList>();
        services.AddSingleton<Inbox.Notifications>();
        services.AddSingleton<Inbox.DueIndex>();
        services.AddSingleton<Inbox.Deliveries>();
        services.AddSingleton(Inbox.SmtpOptions.Read(configuration));
        services.AddSingleton<Inbox.IDeliveryChannel, Inbox.EmailChannel>();
        services.AddSingleton(Inbox.ReminderOptions.From(configuration));
        Meetings.MeetingSetup.AddMeetings(services);
        Training.TrainingSetup.AddTraining(services, configuration);
        Support.SupportSetup.AddSupport(services);
        services.AddSingleton<Inbox.ReminderScan>();
        services.AddSingleton(Restructure.CycleSchedule.From(configuration));
        services.AddSingleton<Restructure.PeriodicCycles>();
        services.AddSingleton<Commendations.CommendationStore>();
        services.AddSingleton<Shared.Documents.IDocumentSigners, Commendations.CatalogueSigners>();
        services.AddSingleton<Commendations.NominationService>();
        services.AddSingleton(Commendations.EligibilityOptions.From(configuration));
        services.AddSingleton(Restructure.CandidateCriteria.From(configuration));
        services.AddSingleton<Restructure.RestructureStore>();
        services.AddSingleton<Restructure.RestructureService>();
        services.AddSingleton<SignOffs.SignOffStore>();
        services.AddSingleton<SignOffs.SignOffService>();
        services.AddSingleton<IStepObserver, SignOffs.SignOffRecords>();
        services.AddSingleton<IStepObserver, Commendations.NominationTrailRecords>();
        services.AddSingleton<IStepObserver, Restructure.RestructureTrailRecords>();
        services.AddSingleton<Restructure.RestructureDocumentStore>();
        services.AddSingleton<Restructure.RestructureDocumentService>();
        services.AddSingleton<IStepObserver, Restructure.RestructureDocumentRecords>();
        services.AddSingleton(Admin.WorkflowAdminOptions.From(configuration));
        services.AddSingleton<Admin.WorkflowAdmin>();
        WorkflowCalls.Configure(configuration);
        Telemetry.Register(services, configuration);
        services.AddSingleton(Operations.OperationsOptions.From(configuration));
        services.AddSingleton<Operations.TableBackup>();
        services.AddSingleton<Operations.BackupJobLock>();
        services.AddSingleton<Operations.BackupService>();
        services.AddSingleton<Operations.Retention>();
        services.AddHostedService<Operations.BootstrapAdministrators>();
        services.AddSingleton<Shared.Documents.TemplateStore>();
        services.AddSingleton<Reports.ReportsStore>();
        services.AddSingleton<Reports.ReportsService>();
        services.AddSingleton<Reports.ReviewReportService>();
        services.AddSingleton<Reports.SummaryService>();
        services.AddSingleton<Reports.FiguresRebuild>();
        services.AddSingleton<IStepObserver, Reports.OpenStepFigures>();
        return services;
    }
}
