using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job table's rows as HTML, built once per refresh and shared by every viewer of it: a refresh's page is one
/// object for all viewers of the same URL and blind access, so the first viewer to show it builds its rows and the
/// others reuse them. Keyed also by the viewer's exact parameters, which its filter links are built from.
/// </summary>
public sealed class JobTableMarkup
{
    private readonly ConditionalWeakTable<
        JobListPage,
        ConcurrentDictionary<string, IReadOnlyList<JobRowMarkup>>
    > _pages = new();

    public IReadOnlyList<JobRowMarkup> For(JobListPage page, JobsViewModel view)
    {
        var key = string.Join('&', view.Parameters.Select(p => p.Key + "=" + p.Value));
        return _pages
            .GetOrCreateValue(page)
            .GetOrAdd(key, _ => page.Jobs.Select(j => JobRowMarkup.For(j, page.QueriedAtUtc, view.FilterUrl)).ToList());
    }
}
