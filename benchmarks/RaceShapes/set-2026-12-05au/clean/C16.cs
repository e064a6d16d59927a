using System.Collections.Generic;

namespace Blind47.WeatherBalloons.Winds;

public readonly record struct WindLevel(double AltitudeM, double SpeedMs, double DirectionDeg);

/// <summary>Tracks the balloon's GPS fixes and derives winds aloft.</summary>
public sealed class WindFinder
{
    private readonly Func<CancellationToken, Task<(double Alt, double East, double North)?>> _nextFix;

    public WindFinder(Func<CancellationToken, Task<(double Alt, double East, double North)?>> nextFix) => _nextFix = nextFix;

    public async Task RunAsync(IProgress<WindLevel> progress, CancellationToken ct)
    {
        (double Alt, double East, double North)? previous = null;
        while (await _nextFix(ct).ConfigureAwait(false) is { } fix)
        {
            if (previous is { } p)
            {
                var dx = fix.East - p.East;
                var dy = fix.North - p.North;
                var speed = Math.Sqrt(dx * dx + dy * dy);
                var direction = (Math.Atan2(-dx, -dy) * 180 / Math.PI + 360) % 360;
                progress.Report(new WindLevel(fix.Alt, speed, direction));
            }

            previous = fix;
        }
    }
}

/// <summary>
/// Builds the winds-aloft table for the launch report. Progress callbacks may
/// run on pool threads when no UI context is present.
/// </summary>
public sealed class WindsAloftTable
{
    private readonly object _gate = new();
    private readonly SortedDictionary<int, WindLevel> _byKilometre = new();
    private int _reports;

    public async Task<IReadOnlyList<WindLevel>> BuildAsync(WindFinder finder, CancellationToken ct)
    {
        var progress = new Progress<WindLevel>(Add);
        await finder.RunAsync(progress, ct);
        await Task.Delay(200, CancellationToken.None);
        return Table();
    }

    private void Add(WindLevel level)
    {
        var km = (int)(level.AltitudeM / 1000);
        lock (_gate)
        {
            _reports++;
            if (!_byKilometre.TryGetValue(km, out var existing) || level.SpeedMs > existing.SpeedMs)
            {
                _byKilometre[km] = level;
            }
        }
    }

    public IReadOnlyList<WindLevel> Table()
    {
        lock (_gate)
        {
            return _byKilometre.Values.ToList();
        }
    }

    public int Reports
    {
        get
        {
            lock (_gate)
            {
                return _reports;
            }
        }
    }
}
