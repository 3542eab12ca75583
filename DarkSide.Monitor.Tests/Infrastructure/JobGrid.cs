using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// The job list's rows as a test reads them: each cell found by its column (the grid's col-… class), not by its
/// position, so adding or moving a column breaks no assertion about another.
/// </summary>
public static class JobGrid
{
    public const string PandaId = "pandaid";
    public const string Owner = "owner";
    public const string Task = "task";
    public const string Transformation = "transformation";
    public const string Status = "status";
    public const string Created = "created";
    public const string TimeToStart = "timetostart";
    public const string Duration = "duration";
    public const string Modified = "modified";
    public const string Site = "site";
    public const string Priority = "priority";
    public const string Inputs = "inputs";
    public const string MaxPss = "maxpss";
    public const string Info = "info";

    /// <summary>Every row on the page, as column → text with whitespace collapsed.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows<T>(IRenderedComponent<T> page)
        where T : IComponent => page.FindAll("[data-testid=job-table] tbody tr.job-row").Select(Cells).ToList();

    public static IReadOnlyDictionary<string, string> Cells(IElement row) =>
        row.QuerySelectorAll("td")
            .Where(c => Column(c) is not null)
            .ToDictionary(c => Column(c)!, c => Normalize(c.TextContent));

    /// <summary>The "Job name / datasets" line under each row.</summary>
    public static IReadOnlyList<string> SubRows<T>(IRenderedComponent<T> page)
        where T : IComponent => page.FindAll("[data-testid=job-subrow]").Select(r => Normalize(r.TextContent)).ToList();

    private static string? Column(IElement cell) =>
        cell.ClassList.FirstOrDefault(c => c.StartsWith("col-", StringComparison.Ordinal))?[4..];

    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
