namespace Blind34.SeaKayak.Tides;

public sealed record TideStats(int Samples, double LowestMetres, double HighestMetres, double LatestMetres, DateTimeOffset At);

public interface ITideGauge
{
    ValueTask<double> ReadMetresAsync(CancellationToken ct);
}

/// <summary>
/// Samples the harbour tide gauge once a minute while guides plan the day's
/// trips.
/// </summary>
public sealed class TideWatcher
{
    private readonly ITideGauge _gauge;
    private TideStats? _latest;

    public TideWatcher(ITideGauge gauge) => _gauge = gauge;

    public TideStats? Latest => Volatile.Read(ref _latest);

    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        var samples = 0;
        var low = double.MaxValue;
        var high = double.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var metres = await _gauge.ReadMetresAsync(ct).ConfigureAwait(false);
                samples++;
                low = Math.Min(low, metres);
                high = Math.Max(high, metres);
                Interlocked.Exchange(ref _latest, new TideStats(samples, low, high, metres, DateTimeOffset.UtcNow));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}

/// <summary>Decides whether a trip around the headland can launch.</summary>
public sealed class TripPlanner
{
    private readonly TideWatcher _watcher;
    private readonly double _minimumMetres;

    public TripPlanner(TideWatcher watcher, double minimumMetres)
    {
        _watcher = watcher;
        _minimumMetres = minimumMetres;
    }

    public string Advise(string route)
    {
        var stats = _watcher.Latest;
        if (stats is null)
        {
            return $"{route}: no tide readings yet";
        }

        var rising = stats.LatestMetres > (stats.LowestMetres + stats.HighestMetres) / 2;
        return stats.LatestMetres >= _minimumMetres
            ? $"{route}: go ({stats.LatestMetres:F2} m, {(rising ? "upper" : "lower")} half of range)"
            : $"{route}: wait for more water ({stats.LatestMetres:F2} m)";
    }
}
