using System;
using System.IO;
using System.Text.Json;

namespace Blind52.Bonsai.Misting;

/// <summary>
/// Misting settings for the greenhouse benches, as stored in misting.json.
/// </summary>
public sealed class MistingOptions
{
    public int IntervalMinutes { get; set; } = 30;
    public int MistSeconds { get; set; } = 8;
    public double HotBenchThresholdC { get; set; } = 28;
    public double HotBenchMultiplier { get; set; } = 1.5;
}

/// <summary>
/// Holds the current misting settings for the nursery. Registered as a
/// singleton; reloaded whenever misting.json changes on disk and read by every
/// bench controller each time it decides how long to mist.
/// </summary>
public sealed class MistingSettingsProvider : IDisposable
{
    private readonly object _reloadLock = new();
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly MistingOptions _current = new();

    public MistingSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Reload();
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public void Reload()
    {
        MistingOptions? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<MistingOptions>(File.ReadAllText(_path));
        }
        catch (IOException)
        {
            return;
        }
        catch (JsonException)
        {
            return;
        }

        if (parsed is null)
        {
            return;
        }

        lock (_reloadLock)
        {
            _current.IntervalMinutes = parsed.IntervalMinutes;
            _current.MistSeconds = parsed.MistSeconds;
            _current.HotBenchThresholdC = parsed.HotBenchThresholdC;
            _current.HotBenchMultiplier = parsed.HotBenchMultiplier;
        }
    }

    public TimeSpan Interval => TimeSpan.FromMinutes(_current.IntervalMinutes);

    public TimeSpan MistDurationFor(double benchTemperatureC)
    {
        if (benchTemperatureC >= _current.HotBenchThresholdC)
        {
            return TimeSpan.FromSeconds(_current.MistSeconds * _current.HotBenchMultiplier);
        }

        return TimeSpan.FromSeconds(_current.MistSeconds);
    }

    public void Dispose() => _watcher.Dispose();
}

/// <summary>
/// Drives the solenoid for one bench of trees; each bench runs on its own timer.
/// </summary>
public sealed class BenchMistController : IDisposable
{
    private readonly MistingSettingsProvider _settings;
    private readonly Func<double> _readBenchTemperature;
    private readonly Action<TimeSpan> _openSolenoid;
    private readonly System.Threading.Timer _timer;

    public BenchMistController(MistingSettingsProvider settings, Func<double> readBenchTemperature, Action<TimeSpan> openSolenoid)
    {
        _settings = settings;
        _readBenchTemperature = readBenchTemperature;
        _openSolenoid = openSolenoid;
        _timer = new System.Threading.Timer(_ => Tick(), null, TimeSpan.Zero, settings.Interval);
    }

    private void Tick()
    {
        var duration = _settings.MistDurationFor(_readBenchTemperature());
        _openSolenoid(duration);
    }

    public void Dispose() => _timer.Dispose();
}
