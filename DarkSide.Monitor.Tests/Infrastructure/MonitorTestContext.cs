using Bunit;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Features.Errors;
using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// A bunit context with what every monitor page needs: MudBlazor (its JS calls answered loosely), loggers, a fixed
/// viewer and the seeded databases' "now". Tests add the page's own data services.
/// </summary>
public sealed class MonitorTestContext : BunitContext
{
    public MonitorTestContext(ViewerAccess viewer)
    {
        // Pages wait for real database queries; on a busy 2-core CI machine one second is not always enough.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<IViewerAccessProvider>(new FixedViewer(viewer));
        Services.AddSingleton<TimeProvider>(new FixedTime());
        Services.AddSingleton(
            new LiveRefreshHub(new FixedTime(), NullLogger<LiveRefreshHub>.Instance, TestMetrics.Create())
        );
        Services.AddSingleton(Connection);
        // The web shell's and features' options at their defaults, as an unconfigured app has them.
        Services.AddSingleton(new DarkSide.Monitor.Web.Live.LiveOptions());
        Services.AddSingleton(new DarkSide.Monitor.Web.Query.ErrorViewOptions());
        Services.AddSingleton(new DarkSide.Monitor.Web.Exports.ExportOptions());
        Services.AddSingleton(new DarkSide.Monitor.Web.FailureWarningOptions());
        Services.AddSingleton(new DarkSide.Monitor.Web.SilenceCapability(false));
    }

    /// <summary>The page's circuit connection, which a test can drop and restore as a browser would.</summary>
    public CircuitConnection Connection { get; } = new();

    /// <summary>The audit trail in the test database's monitor schema, for pages that record what they show.</summary>
    public void AddAuditLog(PandaTestDatabase database)
    {
        var audit = new AuditLog(
            new MonitorDatabase(database.Admin),
            Options.Create(new MonitorStoreOptions()),
            NullLogger<AuditLog>.Instance
        );
        Services.AddSingleton(audit);
        AddAudit(audit);
    }

    /// <summary>An audit trail in memory, for component tests that check what a page records.</summary>
    public RecordingAudit AddRecordingAudit()
    {
        var audit = new RecordingAudit();
        AddAudit(audit);
        return audit;
    }

    private void AddAudit(IAuditRecorder audit)
    {
        Services.AddSingleton(audit);
        Services.AddSingleton(new BlindListAudit(audit, new FixedTime()));
        Services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
    }

    /// <summary>The job list and error pages' services as the app wires them, over the given readers.</summary>
    public void AddJobPages(IJobListReader jobs, IErrorSummaryReader errors, JobListOptions? options = null)
    {
        Services.AddSingleton(options ?? new JobListOptions());
        Services.AddSingleton<JobQueryParser>();
        Services.AddSingleton(jobs);
        Services.AddSingleton(errors);
        Services.AddTransient<JobsViewModel>();
        Services.AddSingleton<JobListLive>();
        Services.AddSingleton<JobTableMarkup>();
        Services.AddTransient<ErrorsViewModel>();
        Services.AddSingleton<ErrorSummaryLive>();
    }

    /// <summary>The job page's services over the given reader.</summary>
    public void AddJobPage(IJobDetailReader jobs, JobListOptions? options = null)
    {
        Services.AddSingleton(options ?? new JobListOptions());
        Services.AddSingleton(jobs);
        Services.AddSingleton<JobDetailLive>();
    }

    /// <summary>The task list and task page's services over the given reader.</summary>
    public void AddTaskPages(ITaskReader tasks, JobListOptions? options = null)
    {
        Services.AddSingleton(options ?? new JobListOptions());
        Services.AddSingleton(tasks);
        Services.AddTransient<TasksViewModel>();
        Services.AddTransient<TaskViewModel>();
        Services.AddSingleton<TaskLive>();
    }

    /// <summary>Renders a page at an address, as the router would after a navigation.</summary>
    public IRenderedComponent<T> RenderAt<T>(
        string url,
        Action<ComponentParameterCollectionBuilder<T>>? parameters = null
    )
        where T : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return parameters is null ? Render<T>() : Render(parameters);
    }
}
