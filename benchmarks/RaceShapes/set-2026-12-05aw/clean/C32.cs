using System.Timers;

namespace BusDepots.Fuel;

public sealed record TankReading(string TankId, double Litres, DateTime AtUtc);

public sealed record FuelSummary(double TotalLitres, IReadOnlyList<string> LowTanks, double LitresPerHourDrawn, DateTime AsOfUtc);

public interface ITankGauges
{
    IReadOnlyList<TankReading> ReadAll();
}

/// <summary>
/// Polls the depot's diesel tank gauges on a timer and publishes a summary for the depot
/// dashboard. Polls that overlap a still-running poll are skipped.
/// </summary>
public sealed class FuelMonitor : IDisposable
{
    private readonly ITankGauges _gauges;
    private readonly double _lowLitres;
    private readonly System.Timers.Timer _timer;
    private int _polling;

    // Last reading per tank, used to work out the draw rate.
    private readonly Dictionary<string, TankReading> _previous = new();

    private FuelSummary _summary = new(0, Array.Empty<string>(), 0, DateTime.MinValue);
    private long _skippedPolls;

    public FuelMonitor(ITankGauges gauges, double lowLitres, TimeSpan interval)
    {
        _gauges = gauges;
        _lowLitres = lowLitres;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public FuelSummary Summary => Volatile.Read(ref _summary);

    public long SkippedPolls => Interlocked.Read(ref _skippedPolls);

    public void Start() => _timer.Start();

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedPolls);
            return;
        }

        try
        {
            var readings = _gauges.ReadAll();
            double drawn = 0;
            double hours = 0;
            foreach (var r in readings)
            {
                if (_previous.TryGetValue(r.TankId, out var before) && before.Litres > r.Litres)
                {
                    drawn += before.Litres - r.Litres;
                    hours = Math.Max(hours, (r.AtUtc - before.AtUtc).TotalHours);
                }
                _previous[r.TankId] = r;
            }

            var low = readings.Where(r => r.Litres < _lowLitres).Select(r => r.TankId).ToList();
            Volatile.Write(ref _summary, new FuelSummary(
                readings.Sum(r => r.Litres), low, hours > 0 ? drawn / hours : 0, DateTime.UtcNow));
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}

/// <summary>Depot dashboard tile showing the fuel position.</summary>
public sealed class FuelTile
{
    private readonly FuelMonitor _monitor;

    public FuelTile(FuelMonitor monitor) => _monitor = monitor;

    public string Render()
    {
        var s = _monitor.Summary;
        string low = s.LowTanks.Count == 0 ? "all tanks OK" : "LOW: " + string.Join(", ", s.LowTanks);
        return $"Diesel {s.TotalLitres:N0} L, drawing {s.LitresPerHourDrawn:F0} L/h, {low} (as of {s.AsOfUtc:HH:mm})";
    }
}
