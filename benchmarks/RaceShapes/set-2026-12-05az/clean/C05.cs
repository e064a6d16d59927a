using System;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Blind52.Bookbinding.PressSettings;

/// <summary>
/// Settings for the bindery's glue press and case-making line.
/// </summary>
public sealed record GluePressOptions
{
    public int PressSeconds { get; init; } = 45;
    public double PlatenTempC { get; init; } = 60;
    public int MaxSpineMm { get; init; } = 80;
    public int ThickSpineMm { get; init; } = 40;
}

/// <summary>
/// Holds the current press settings for the bindery floor. Registered as a
/// singleton; reloaded in the background when press.json changes and read by
/// every job-ticket request.
/// </summary>
public sealed class GluePressSettingsProvider : IDisposable
{
    private readonly object _reloadLock = new();
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private GluePressOptions _current;
    private int _reloads;

    public GluePressSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        _current = TryLoad() ?? new GluePressOptions();
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite,
        };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public GluePressOptions Current => Volatile.Read(ref _current);

    public int Reloads => Volatile.Read(ref _reloads);

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_reloadLock)
        {
            var loaded = TryLoad();
            if (loaded is null)
            {
                return;
            }

            Volatile.Write(ref _current, loaded);
            Interlocked.Increment(ref _reloads);
        }
    }

    private GluePressOptions? TryLoad()
    {
        try
        {
            return JsonSerializer.Deserialize<GluePressOptions>(File.ReadAllText(_path));
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _watcher.Dispose();
}

/// <summary>
/// Works out the press cycle for a job ticket; called concurrently by the
/// ticket endpoints.
/// </summary>
public sealed class PressCycleCalculator
{
    private readonly GluePressSettingsProvider _settings;

    public PressCycleCalculator(GluePressSettingsProvider settings) => _settings = settings;

    public (TimeSpan Cycle, double PlatenTempC) CycleFor(int spineMm)
    {
        var options = _settings.Current;
        if (spineMm > options.MaxSpineMm)
        {
            throw new ArgumentOutOfRangeException(nameof(spineMm), $"Spine over {options.MaxSpineMm} mm must be hand-bound.");
        }

        int seconds = options.PressSeconds;
        if (spineMm > options.ThickSpineMm)
        {
            seconds += options.PressSeconds / 2;
        }

        return (TimeSpan.FromSeconds(seconds), options.PlatenTempC);
    }
}
