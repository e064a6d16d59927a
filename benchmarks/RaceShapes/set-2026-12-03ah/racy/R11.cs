namespace Blind34.Carousel.Workshop;

public sealed record Panel(string Horse, string Name, TimeSpan Work);

public sealed class PanelFinishedEventArgs : EventArgs
{
    public PanelFinishedEventArgs(string horse, string panel, DateTimeOffset at)
    {
        Horse = horse;
        Panel = panel;
        At = at;
    }

    public string Horse { get; }
    public string Panel { get; }
    public DateTimeOffset At { get; }
}

/// <summary>
/// Runs the automated stripping and priming steps for a batch of carousel
/// horse panels and reports each panel as it finishes.
/// </summary>
public sealed class RestorationRunner
{
    public event EventHandler<PanelFinishedEventArgs>? PanelFinished;

    public Task RunAsync(IEnumerable<Panel> panels, CancellationToken ct) =>
        Task.WhenAll(panels.Select(panel => Task.Run(async () =>
        {
            await Task.Delay(panel.Work, ct).ConfigureAwait(false);
            PanelFinished?.Invoke(this, new PanelFinishedEventArgs(panel.Horse, panel.Name, DateTimeOffset.UtcNow));
        }, ct)));
}

/// <summary>View-model behind the workshop progress board.</summary>
public sealed class WorkshopBoardViewModel
{
    private readonly Dictionary<string, int> _panelsDoneByHorse = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int> _panelsPerHorse;
    private readonly SynchronizationContext? _ui;

    public WorkshopBoardViewModel(RestorationRunner runner, IReadOnlyDictionary<string, int> panelsPerHorse)
    {
        _panelsPerHorse = panelsPerHorse;
        _ui = SynchronizationContext.Current;
        runner.PanelFinished += OnPanelFinished;
    }

    public event Action<string>? StatusChanged;

    private void OnPanelFinished(object? sender, PanelFinishedEventArgs e)
    {
        _panelsDoneByHorse.TryGetValue(e.Horse, out var done);
        _panelsDoneByHorse[e.Horse] = done + 1;

        var total = _panelsPerHorse.TryGetValue(e.Horse, out var t) ? t : 0;
        var message = $"{e.Horse}: {done + 1}/{total} panels ({e.Panel} at {e.At:t})";
        if (_ui != null)
        {
            _ui.Post(_ => StatusChanged?.Invoke(message), null);
        }
        else
        {
            StatusChanged?.Invoke(message);
        }
    }
}
