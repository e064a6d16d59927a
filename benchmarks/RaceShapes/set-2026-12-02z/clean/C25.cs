namespace Blind26.Observatory.Windows;

public sealed record DomeWindow(string Telescope, TimeOnly Opens, TimeOnly Closes, int MaxWindKmh);

public interface IDomeWindowStore
{
    IEnumerable<DomeWindow> ReadAll();
}

/// <summary>
/// Observing windows per telescope for the current night. Used by the singleton scheduling
/// service from every observation request; the night assistant can force a reload.
/// </summary>
public sealed class DomeWindowTable
{
    private readonly IDomeWindowStore _store;
    private readonly object _loadLock = new();
    private volatile IReadOnlyDictionary<string, DomeWindow>? _windows;

    public DomeWindowTable(IDomeWindowStore store) => _store = store;

    private IReadOnlyDictionary<string, DomeWindow> Windows
    {
        get
        {
            var windows = _windows;
            if (windows is not null)
            {
                return windows;
            }

            lock (_loadLock)
            {
                windows = _windows;
                if (windows is null)
                {
                    var loaded = new Dictionary<string, DomeWindow>(StringComparer.OrdinalIgnoreCase);
                    foreach (var w in _store.ReadAll())
                    {
                        loaded[w.Telescope] = w;
                    }

                    windows = loaded;
                    _windows = windows;
                }

                return windows;
            }
        }
    }

    public void Invalidate() => _windows = null;

    public bool MayOpen(string telescope, TimeOnly now, int windKmh)
    {
        if (!Windows.TryGetValue(telescope, out var w))
        {
            return false;
        }

        bool inWindow = w.Opens <= w.Closes
            ? now >= w.Opens && now < w.Closes
            : now >= w.Opens || now < w.Closes;
        return inWindow && windKmh <= w.MaxWindKmh;
    }

    public IReadOnlyList<string> Telescopes() => Windows.Keys.OrderBy(k => k).ToList();
}

/// <summary>Answers "can I open now?" requests from the telescope control clients.</summary>
public sealed class DomeAccessService
{
    private readonly DomeWindowTable _table;
    private readonly Func<int> _currentWindKmh;

    public DomeAccessService(DomeWindowTable table, Func<int> currentWindKmh)
    {
        _table = table;
        _currentWindKmh = currentWindKmh;
    }

    public bool RequestOpen(string telescope) =>
        _table.MayOpen(telescope, TimeOnly.FromDateTime(DateTime.Now), _currentWindKmh());
}
