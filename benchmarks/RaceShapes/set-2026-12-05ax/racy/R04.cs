namespace Blind50.Vineyard.HarvestConfig;

public sealed class HarvestSettings
{
    public int PickersPerRow { get; init; } = 4;
    public double MinimumBrix { get; init; } = 22.5;
    public string WeighStation { get; init; } = "north";
}

/// <summary>
/// Holds the harvest settings currently in force. <see cref="Reload"/> is invoked both by the
/// settings-file watcher and by the estate manager's admin endpoint; request handlers read
/// <see cref="Current"/>. Registered as a singleton.
/// </summary>
public sealed class HarvestSettingsStore
{
    private HarvestSettings _current;
    private readonly List<string> _reloadLog = new();
    private int _version;

    public HarvestSettingsStore(HarvestSettings initial)
    {
        _current = initial;
    }

    public HarvestSettings Current => Volatile.Read(ref _current);

    public void Reload(HarvestSettings next, string reason)
    {
        lock (_current)
        {
            Volatile.Write(ref _current, next);
            _version++;
            _reloadLog.Add($"{DateTime.UtcNow:O} v{_version} {reason}");
            if (_reloadLog.Count > 100)
            {
                _reloadLog.RemoveAt(0);
            }
        }
    }

    public IReadOnlyList<string> ReloadLog
    {
        get
        {
            lock (_current)
            {
                return _reloadLog.ToArray();
            }
        }
    }
}

/// <summary>Assigns pickers to rows using the settings in force when the request arrives.</summary>
public sealed class RowAssignmentService
{
    private readonly HarvestSettingsStore _store;

    public RowAssignmentService(HarvestSettingsStore store) => _store = store;

    public IReadOnlyList<string> Assign(IReadOnlyList<string> pickers, IReadOnlyList<int> rows, double measuredBrix)
    {
        var settings = _store.Current;
        if (measuredBrix < settings.MinimumBrix)
        {
            return Array.Empty<string>();
        }

        var result = new List<string>();
        var index = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < settings.PickersPerRow && index < pickers.Count; i++)
            {
                result.Add($"{pickers[index++]} -> row {row} (weigh at {settings.WeighStation})");
            }
        }

        return result;
    }
}

/// <summary>Watches the settings file and pushes changes to the store.</summary>
public sealed class HarvestSettingsWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly HarvestSettingsStore _store;

    public HarvestSettingsWatcher(string directory, HarvestSettingsStore store)
    {
        _store = store;
        _watcher = new FileSystemWatcher(directory, "harvest.ini");
        _watcher.Changed += (_, e) => _store.Reload(Parse(e.FullPath), "file changed");
        _watcher.EnableRaisingEvents = true;
    }

    private static HarvestSettings Parse(string path)
    {
        var values = File.ReadAllLines(path)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        return new HarvestSettings
        {
            PickersPerRow = int.Parse(values.GetValueOrDefault("pickers", "4")),
            MinimumBrix = double.Parse(values.GetValueOrDefault("brix", "22.5")),
            WeighStation = values.GetValueOrDefault("station", "north"),
        };
    }

    public void Dispose() => _watcher.Dispose();
}
