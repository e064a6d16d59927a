using System.Globalization;

namespace Blind42.BellFoundry.Options;

public sealed record FurnaceOptions(int MaxTemperatureC, TimeSpan CoolingTime, IReadOnlyList<string> Alloys);

/// <summary>
/// Watches furnace.ini and republishes <see cref="FurnaceOptions"/> when it changes, in the
/// style of IOptionsMonitor. Singleton; <see cref="CurrentValue"/> is read by every casting job.
/// </summary>
public sealed class FurnaceOptionsMonitor : IDisposable
{
    private readonly string _path;
    private readonly object _reloadLock = new();
    private readonly object _listenersLock = new();
    private readonly List<Action<FurnaceOptions>> _listeners = new();
    private readonly Timer _debounce;
    private readonly FileSystemWatcher _watcher;
    private volatile FurnaceOptions _current;

    public FurnaceOptionsMonitor(string path)
    {
        _path = path;
        _current = Parse(File.ReadAllLines(path));
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path));
        _watcher.Changed += (_, _) => _debounce.Change(500, Timeout.Infinite);
        _watcher.EnableRaisingEvents = true;
    }

    public FurnaceOptions CurrentValue => _current;

    public IDisposable OnChange(Action<FurnaceOptions> listener)
    {
        lock (_listenersLock)
        {
            _listeners.Add(listener);
        }
        return new Subscription(this, listener);
    }

    private void Reload()
    {
        FurnaceOptions next;
        lock (_reloadLock)
        {
            try
            {
                next = Parse(File.ReadAllLines(_path));
            }
            catch (IOException)
            {
                _debounce.Change(1000, Timeout.Infinite);
                return;
            }
            _current = next;
        }

        Action<FurnaceOptions>[] listeners;
        lock (_listenersLock)
        {
            listeners = _listeners.ToArray();
        }

        foreach (var listener in listeners)
        {
            listener(next);
        }
    }

    private static FurnaceOptions Parse(string[] lines)
    {
        var values = lines
            .Where(l => l.Contains('='))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);

        return new FurnaceOptions(
            int.Parse(values.GetValueOrDefault("maxTemperatureC", "1150"), CultureInfo.InvariantCulture),
            TimeSpan.FromHours(double.Parse(values.GetValueOrDefault("coolingHours", "72"), CultureInfo.InvariantCulture)),
            values.GetValueOrDefault("alloys", "bell-bronze").Split(',', StringSplitOptions.TrimEntries).ToArray());
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounce.Dispose();
    }

    private sealed class Subscription : IDisposable
    {
        private readonly FurnaceOptionsMonitor _owner;
        private readonly Action<FurnaceOptions> _listener;

        public Subscription(FurnaceOptionsMonitor owner, Action<FurnaceOptions> listener)
        {
            _owner = owner;
            _listener = listener;
        }

        public void Dispose()
        {
            lock (_owner._listenersLock)
            {
                _owner._listeners.Remove(_listener);
            }
        }
    }
}
