using System.Collections.ObjectModel;

namespace StainedGlass.Studio;

public sealed record PanelDesign(string Name, int Pieces, double AreaSquareMetres);

public interface IDesignStore
{
    Task<IReadOnlyList<PanelDesign>> LoadAsync(CancellationToken ct);
}

/// <summary>
/// View-model for the studio's design browser. The refresh command is wired to a
/// toolbar button and to a file-system watcher, so it can be triggered from the
/// UI thread and from the watcher's thread-pool callbacks.
/// </summary>
public sealed class DesignBrowserViewModel
{
    private readonly IDesignStore _store;
    private readonly object _gate = new();
    private readonly List<PanelDesign> _designs = new();
    private int _refreshing;
    private string _status = "idle";

    public DesignBrowserViewModel(IDesignStore store) => _store = store;

    public event EventHandler? DesignsChanged;

    public string Status
    {
        get { lock (_gate) return _status; }
    }

    public ReadOnlyCollection<PanelDesign> Designs
    {
        get { lock (_gate) return _designs.ToList().AsReadOnly(); }
    }

    public async void OnRefreshRequested(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            SetStatus("loading");
            var loaded = await _store.LoadAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _designs.Clear();
                _designs.AddRange(loaded.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase));
                _status = $"{_designs.Count} designs";
            }
            DesignsChanged?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception ex)
        {
            SetStatus("load failed: " + ex.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private void SetStatus(string status)
    {
        lock (_gate) _status = status;
    }

    public double TotalGlassArea()
    {
        lock (_gate) return _designs.Sum(d => d.AreaSquareMetres);
    }
}

public sealed class DesignFolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;

    public DesignFolderWatcher(string folder, DesignBrowserViewModel vm)
    {
        _watcher = new FileSystemWatcher(folder, "*.svg") { EnableRaisingEvents = true };
        _watcher.Changed += (s, e) => vm.OnRefreshRequested(s, e);
        _watcher.Created += (s, e) => vm.OnRefreshRequested(s, e);
    }

    public void Dispose() => _watcher.Dispose();
}
