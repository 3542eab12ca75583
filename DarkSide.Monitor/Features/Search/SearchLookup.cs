using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;

namespace DarkSide.Monitor.Features.Search;

/// <summary>
/// Whether a number the search box was given is a PandaID or a task ID, by primary-key lookups on PanDA's own
/// indexes; a missing optional table is simply not asked. With Iam:BlindJobs=Hide a viewer without blind access must
/// not learn that a blind job or task exists, so for them the lookups leave blind ones out, and the answer is the
/// same as for an ID PanDA does not have.
/// </summary>
public sealed class SearchLookup(PandaDatabase panda, PandaSchema schema, BlindDataPolicy blind)
{
    public async Task<(bool IsJob, bool IsTask)> FindAsync(
        long number,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var hide = viewer.ExcludesBlindJobs;
        var notBlindJob = hide ? $" AND NOT {BlindDataPolicy.JobIsBlindSql("j", "@patterns")}" : "";
        var jobTables = new[] { PandaTable.JobsDefined4, PandaTable.JobsActive4, PandaTable.JobsArchived4 }
            .Where(schema.Has)
            .Select(t => $"SELECT 1 FROM {schema.QualifiedName(t)} j WHERE j.pandaid = @id{notBlindJob}");
        var isJob = await ExistsAsync(string.Join(" UNION ALL ", jobTables), number, hide, cancellationToken);
        var notBlindTask = hide ? " AND t.jeditaskid NOT IN (SELECT jeditaskid FROM blind_tasks)" : "";
        var isTask =
            !isJob
            && schema.Has(PandaTable.JediTasks)
            && await ExistsAsync(
                $"SELECT 1 FROM {schema.QualifiedName(PandaTable.JediTasks)} t WHERE t.jeditaskid = @id{notBlindTask}",
                number,
                hide,
                cancellationToken
            );
        return (isJob, isTask);
    }

    private async Task<bool> ExistsAsync(string sql, long number, bool hide, CancellationToken cancellationToken)
    {
        if (sql.Length == 0)
        {
            return false;
        }

        var command = hide
            ? SqlParameterBag.Command(
                $"WITH {blind.BlindTasksCte("@patterns")} SELECT EXISTS ({sql})",
                ("id", number),
                ("patterns", blind.DatasetNamePatterns)
            )
            : SqlParameterBag.Command($"SELECT EXISTS ({sql})", ("id", number));
        return await panda.ScalarAsync(command, cancellationToken) is true;
    }
}
