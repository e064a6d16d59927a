namespace Blind32.Bonsai.WateringConfig;

/// <summary>
/// Loads the watering interval for each bench in the nursery from a plain
/// <c>bench=minutes</c> file and reloads it whenever the file is edited.
/// Registered as a singleton; irrigation controllers and the web dashboard
/// call <see cref="TryGetInterval"/> on every request.
/// </summary>
public sealed class WateringScheduleProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly object _reloadGate = new();
    private readonly Dictionary<string, TimeSpan> _intervals = new(StringComparer.OrdinalIgnoreCase);

    public event Action? Reloaded;

    public WateringScheduleProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => OnFileChanged();
        _watcher.EnableRaisingEvents = true;
    }

    public bool TryGetInterval(string bench, out TimeSpan interval)
    {
        return _intervals.TryGetValue(bench, out interval);
    }

    private void OnFileChanged()
    {
        // Editors tend to save in several writes; give them a moment to finish.
        Thread.Sleep(250);
        lock (_reloadGate)
        {
            Load();
        }
        Reloaded?.Invoke();
    }

    private void Load()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(_path);
        }
        catch (IOException)
        {
            return;
        }

        _intervals.Clear();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;

            var parts = line.Split('=', 2);
            if (parts.Length == 2 && double.TryParse(parts[1], out var minutes))
                _intervals[parts[0].Trim()] = TimeSpan.FromMinutes(minutes);
        }
    }

    public void Dispose() => _watcher.Dispose();
}

/// <summary>Decides whether a bench is due for watering.</summary>
public sealed class BenchWateringPlanner
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(6);
    private readonly WateringScheduleProvider _schedule;

    public BenchWateringPlanner(WateringScheduleProvider schedule) => _schedule = schedule;

    public bool IsDue(string bench, DateTimeOffset lastWatered, DateTimeOffset now)
    {
        var interval = _schedule.TryGetInterval(bench, out var configured) ? configured : DefaultInterval;
        return now - lastWatered >= interval;
    }
}
