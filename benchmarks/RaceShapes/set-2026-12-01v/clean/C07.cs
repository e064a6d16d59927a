namespace Blind22.CableCar.Dispatch;

public sealed class GapMeasuredEventArgs : EventArgs
{
    public GapMeasuredEventArgs(int leadingCabin, int trailingCabin, double gapMetres)
    {
        LeadingCabin = leadingCabin;
        TrailingCabin = trailingCabin;
        GapMetres = gapMetres;
    }

    public int LeadingCabin { get; }
    public int TrailingCabin { get; }
    public double GapMetres { get; }
}

/// <summary>
/// Each tower sensor runs on its own thread and raises <see cref="GapMeasured"/> whenever a
/// pair of cabins passes.
/// </summary>
public sealed class TowerSensorArray
{
    public event EventHandler<GapMeasuredEventArgs>? GapMeasured;

    public IReadOnlyList<Thread> Start(IReadOnlyList<Func<(int Lead, int Trail, double Gap)?>> sensors, CancellationToken ct)
    {
        var threads = new List<Thread>();
        foreach (var sensor in sensors)
        {
            var thread = new Thread(() =>
            {
                while (!ct.IsCancellationRequested)
                {
                    if (sensor() is { } reading)
                    {
                        GapMeasured?.Invoke(this, new GapMeasuredEventArgs(reading.Lead, reading.Trail, reading.Gap));
                    }
                    Thread.Sleep(50);
                }
            }) { IsBackground = true, Name = "tower-sensor" };
            thread.Start();
            threads.Add(thread);
        }
        return threads;
    }
}

/// <summary>
/// Holds the smallest gap seen since the last dispatch and decides whether the station
/// may release the next cabin.
/// </summary>
public sealed class CabinReleaseInterlock
{
    private readonly object _sync = new();
    private readonly double _minimumGapMetres;
    private double _smallestGap = double.PositiveInfinity;
    private (int Lead, int Trail) _smallestPair;

    public CabinReleaseInterlock(TowerSensorArray sensors, double minimumGapMetres)
    {
        _minimumGapMetres = minimumGapMetres;
        sensors.GapMeasured += OnGapMeasured;
    }

    private void OnGapMeasured(object? sender, GapMeasuredEventArgs e)
    {
        lock (_sync)
        {
            if (e.GapMetres < _smallestGap)
            {
                _smallestGap = e.GapMetres;
                _smallestPair = (e.LeadingCabin, e.TrailingCabin);
            }
        }
    }

    public bool TryRelease(out string reason)
    {
        lock (_sync)
        {
            if (_smallestGap < _minimumGapMetres)
            {
                reason = $"Cabins {_smallestPair.Lead}/{_smallestPair.Trail} only {_smallestGap:F0} m apart";
                return false;
            }
            _smallestGap = double.PositiveInfinity;
            _smallestPair = default;
            reason = "clear";
            return true;
        }
    }
}
