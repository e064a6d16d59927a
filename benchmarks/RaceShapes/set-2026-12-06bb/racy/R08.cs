namespace Blind54.StreetFood.StallMap;

/// <summary>
/// Regenerates the printable stall map of the night market a short while after vendors
/// stop editing their menus. <see cref="NotifyMenuChanged"/> is called from the vendor
/// portal's request handlers whenever a menu is saved.
/// </summary>
public sealed class StallMapRebuildDebouncer
{
    private readonly TimeSpan _quietPeriod;
    private readonly Func<CancellationToken, Task> _rebuild;
    private CancellationTokenSource? _pending;

    public StallMapRebuildDebouncer(TimeSpan quietPeriod, Func<CancellationToken, Task> rebuild)
    {
        _quietPeriod = quietPeriod;
        _rebuild = rebuild;
    }

    public void NotifyMenuChanged()
    {
        _pending?.Cancel();
        var cts = new CancellationTokenSource();
        _pending = cts;
        _ = RunAfterQuietPeriodAsync(cts.Token);
    }

    private async Task RunAfterQuietPeriodAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(_quietPeriod, token).ConfigureAwait(false);
            await _rebuild(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A newer edit arrived; that one will trigger the rebuild.
        }
    }
}

/// <summary>Vendor portal endpoint logic for saving a menu.</summary>
public sealed class MenuEditor
{
    private readonly StallMapRebuildDebouncer _debouncer;
    private readonly string _menuFolder;

    public MenuEditor(StallMapRebuildDebouncer debouncer, string menuFolder)
    {
        _debouncer = debouncer;
        _menuFolder = menuFolder;
    }

    public async Task SaveMenuAsync(string stallId, string menuJson, CancellationToken ct)
    {
        var path = Path.Combine(_menuFolder, stallId + ".json");
        await File.WriteAllTextAsync(path, menuJson, ct).ConfigureAwait(false);
        _debouncer.NotifyMenuChanged();
    }
}
