using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace Blind39.CanalLocks.Settings;

/// <summary>Operating limits for the lock chambers; never modified after construction.</summary>
public sealed class ChamberSettings
{
    public ChamberSettings(int version, IReadOnlyDictionary<string, double> maxFillRateByChamber, double minimumFreeboardMetres)
    {
        Version = version;
        MaxFillRateByChamber = maxFillRateByChamber;
        MinimumFreeboardMetres = minimumFreeboardMetres;
    }

    public int Version { get; }
    public IReadOnlyDictionary<string, double> MaxFillRateByChamber { get; }
    public double MinimumFreeboardMetres { get; }
}

/// <summary>
/// Keeps the current chamber settings, re-reading the settings file on a timer.
/// The sluice controllers read <see cref="Current"/> from their own threads.
/// </summary>
public sealed class ChamberSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly Timer _timer;
    private ChamberSettings _current;
    private int _reloading;

    public ChamberSettingsProvider(string path)
    {
        _path = path;
        _current = Load(path);
        _timer = new Timer(_ => ReloadIfChanged(), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    public ChamberSettings Current => Volatile.Read(ref _current);

    private void ReloadIfChanged()
    {
        // skip this tick if the previous reload is still reading the share
        if (Interlocked.Exchange(ref _reloading, 1) == 1)
            return;
        try
        {
            var next = Load(_path);
            if (next.Version > Current.Version)
                Volatile.Write(ref _current, next);
        }
        catch (IOException)
        {
        }
        finally
        {
            Volatile.Write(ref _reloading, 0);
        }
    }

    private static ChamberSettings Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && l[0] != '#').ToList();
        int version = int.Parse(lines[0]);
        double freeboard = double.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture);
        var rates = lines.Skip(2)
            .Select(l => l.Split('='))
            .ToDictionary(p => p[0].Trim(), p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return new ChamberSettings(version, rates, freeboard);
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Controls the paddles of one chamber.</summary>
public sealed class SluiceController
{
    private readonly ChamberSettingsProvider _settings;
    private readonly string _chamber;

    public SluiceController(ChamberSettingsProvider settings, string chamber)
    {
        _settings = settings;
        _chamber = chamber;
    }

    public double PaddleOpening(double requestedRate, double freeboardMetres)
    {
        var s = _settings.Current;
        if (freeboardMetres < s.MinimumFreeboardMetres)
            return 0;
        var max = s.MaxFillRateByChamber.TryGetValue(_chamber, out var m) ? m : 0;
        return Math.Clamp(requestedRate / Math.Max(max, 0.001), 0, 1);
    }
}
