namespace Blind40.CiderOrchards.Pressing;

public sealed record PressSummary(int Pressings, double TotalLitres, double BestLitres);

/// <summary>
/// Tracks juice yield across every press station on the orchard floor.
/// Registered as a singleton; each station reports after every pressing from
/// its own controller thread, and the yard display polls the figures.
/// </summary>
public sealed class PressYieldTracker
{
    private readonly object _sync = new();
    private double _totalLitres;
    private int _pressings;
    private double _bestLitres;

    public void RecordPressing(double litres)
    {
        if (litres < 0) throw new ArgumentOutOfRangeException(nameof(litres));

        lock (_sync)
        {
            _totalLitres += litres;
            _pressings++;
            if (litres > _bestLitres)
            {
                _bestLitres = litres;
            }
        }
    }

    /// <summary>Mean litres per pressing since the start of the season.</summary>
    public double AverageLitres => _pressings == 0 ? 0 : _totalLitres / _pressings;

    public double BestLitres
    {
        get
        {
            lock (_sync)
            {
                return _bestLitres;
            }
        }
    }

    public PressSummary Snapshot()
    {
        lock (_sync)
        {
            return new PressSummary(_pressings, _totalLitres, _bestLitres);
        }
    }

    public void ResetSeason()
    {
        lock (_sync)
        {
            _totalLitres = 0;
            _pressings = 0;
            _bestLitres = 0;
        }
    }
}

/// <summary>Refreshes the yard display with the running yield figures.</summary>
public sealed class YardDisplay
{
    private readonly PressYieldTracker _tracker;
    private readonly Action<string> _render;

    public YardDisplay(PressYieldTracker tracker, Action<string> render)
    {
        _tracker = tracker;
        _render = render;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            double average = _tracker.AverageLitres;
            double best = _tracker.BestLitres;
            _render($"avg {average:F1} L / best {best:F1} L");
        }
    }
}

public static class PressFloorSimulation
{
    public static Task RunStationsAsync(PressYieldTracker tracker, int stations, CancellationToken ct)
    {
        var work = Enumerable.Range(0, stations).Select(station => Task.Run(async () =>
        {
            var rng = new Random(station);
            while (!ct.IsCancellationRequested)
            {
                tracker.RecordPressing(180 + rng.NextDouble() * 40);
                await Task.Delay(rng.Next(50, 150), ct).ConfigureAwait(false);
            }
        }, ct));
        return Task.WhenAll(work);
    }
}
