using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.Errors;

/// <summary>The error view of a selection for one viewer.</summary>
public interface IErrorSummaryReader
{
    Task<ErrorSummary> GetAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken);
}
