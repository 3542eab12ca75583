using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DarkSide.Monitor.Web.Filters;

/// <summary>
/// Every choice navigates, so the filter lands in the URL and in the browser's history: a quick window or calendar
/// range at once, typed text on Apply (or Enter).
/// </summary>
public sealed partial class FilterBar
{
    [Parameter, EditorRequired]
    public required FilterBarSpec Spec { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; set; }

    /// <summary>The parser's complaints; those about a parameter the bar shows mark that field.</summary>
    [Parameter]
    public IReadOnlyList<ParameterError> Errors { get; set; } = [];

    [Parameter]
    public bool CanSeeBlindData { get; set; }

    /// <summary>Page-specific controls at the end of the status row (e.g. the job list's PandaID jump).</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private FilterForm Form { get; set; } = null!;

    private IReadOnlyList<KeyValuePair<string, string>>? _shown;

    // Set once the circuit runs the bar: before that (the prerendered page) its controls do nothing.
    private bool _interactive;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private string RangePlaceholder => Spec.Range == FilterRange.Days ? "2026-06-01" : "2026-06-01T08:00";

    private DateRange CalendarRange => new(Form.CalendarDays.First, Form.CalendarDays.Last);

    // Live refreshes re-render the page every few seconds; the form is re-read only when the URL changed, so a
    // half-typed filter survives them.
    protected override void OnParametersSet()
    {
        if (_shown is null || !_shown.SequenceEqual(Parameters))
        {
            _shown = Parameters;
            Form = FilterForm.From(Spec, Parameters, Time.GetUtcNow().UtcDateTime);
        }
    }

    private string? ErrorFor(params string[] parameters) =>
        Errors
            .Where(e => parameters.Contains(e.Parameter, StringComparer.OrdinalIgnoreCase))
            .Select(e => e.Message)
            .FirstOrDefault();

    private void Apply() => Navigation.NavigateTo(Form.ToUrl(Parameters));

    private Task ChooseWindowAsync(string window)
    {
        Form.Window = window;
        if (window != FilterForm.RangeWindow)
        {
            Apply();
        }

        return Task.CompletedTask;
    }

    private Task PickDaysAsync(DateRange? range)
    {
        if (range?.Start is { } first && range.End is { } last)
        {
            Form.SetCalendarDays(first, last);
            Apply();
        }

        return Task.CompletedTask;
    }
}
