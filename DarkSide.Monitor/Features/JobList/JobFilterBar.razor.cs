using DarkSide.Monitor.Panda.Query;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// Filters typed by hand; each apply navigates, so the filter lands in the URL and in the browser's history.
/// </summary>
public sealed partial class JobFilterBar
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required JobListOptions Options { get; init; }

    private JobFilterForm Form { get; set; } = new();

    private string? JumpText { get; set; }

    private string? JumpError { get; set; }

    /// <summary>The URL names jobs by ID or name without a window: a deep query, over all of history.</summary>
    [Parameter]
    public bool DeepQuery { get; set; }

    private string DefaultWindowLabel =>
        DeepQuery ? "all of history"
        : Options.DefaultHours % 24 == 0 ? $"last {Options.DefaultHours / 24} days"
        : $"last {Options.DefaultHours} hours";

    /// <summary>The offered windows, plus the URL's own hours= or days= when it is not one of them.</summary>
    private IEnumerable<(string Key, string Label)> WindowChoices =>
        Form.Window is { Length: > 0 } current
        && current != JobFilterForm.RangeWindow
        && JobFilterForm.Windows.All(w => w.Key != current)
            ? JobFilterForm.Windows.Prepend((current, current.Replace("=", " ")))
            : JobFilterForm.Windows;

    private IReadOnlyList<KeyValuePair<string, string>>? _shown;

    // Live refreshes re-render the page every few seconds; the form is re-read only when the URL changed, so a
    // half-typed filter survives them.
    protected override void OnParametersSet()
    {
        if (_shown is null || !_shown.SequenceEqual(Parameters))
        {
            _shown = Parameters;
            Form = JobFilterForm.From(Parameters);
        }
    }

    private void Apply() => Navigation.NavigateTo(Form.ToUrl(Parameters));

    private void Jump()
    {
        var (url, error) = JobFilterForm.PandaIdJump(JumpText);
        JumpError = error;
        if (url is not null)
        {
            Navigation.NavigateTo(url);
        }
    }
}
