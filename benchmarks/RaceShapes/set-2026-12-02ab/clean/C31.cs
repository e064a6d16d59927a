using System.Collections.Concurrent;

namespace Blind28.PerfumeDistillery.Metrics;

/// <summary>
/// Process-wide meters for the distillery control software: counters for batches and
/// alarms, and gauges for the latest still temperatures. Every controller thread writes
/// to the meters and the dashboard exporter reads them.
/// </summary>
public static class DistilleryMeters
{
    private static readonly ConcurrentDictionary<string, Counter> Counters = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Gauge> Gauges = new(StringComparer.Ordinal);

    public static Counter CounterFor(string name) => Counters.GetOrAdd(name, static n => new Counter(n));

    public static Gauge GaugeFor(string name) => Gauges.GetOrAdd(name, static n => new Gauge(n));

    public static IReadOnlyList<string> Export()
    {
        var lines = new List<string>();
        foreach (var counter in Counters.Values)
        {
            lines.Add($"{counter.Name} {counter.Value}");
        }

        foreach (var gauge in Gauges.Values)
        {
            lines.Add($"{gauge.Name} {gauge.Value:F2}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}

public sealed class Counter
{
    private long _value;

    internal Counter(string name) => Name = name;

    public string Name { get; }

    public long Value => Interlocked.Read(ref _value);

    public void Add(long delta = 1) => Interlocked.Add(ref _value, delta);
}

public sealed class Gauge
{
    private long _bits;

    internal Gauge(string name) => Name = name;

    public string Name { get; }

    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

    public void Set(double value) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));

    public void RaiseTo(double candidate)
    {
        var current = Interlocked.Read(ref _bits);
        while (BitConverter.Int64BitsToDouble(current) < candidate)
        {
            var seen = Interlocked.CompareExchange(ref _bits, BitConverter.DoubleToInt64Bits(candidate), current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

public sealed class StillController
{
    private readonly string _still;

    public StillController(string still) => _still = still;

    public Task RunBatchAsync(IEnumerable<double> temperatureTrace, double alarmAbove) => Task.Run(() =>
    {
        var gauge = DistilleryMeters.GaugeFor($"still_{_still}_temp_c");
        var peak = DistilleryMeters.GaugeFor("distillery_peak_temp_c");
        foreach (var t in temperatureTrace)
        {
            gauge.Set(t);
            peak.RaiseTo(t);
            if (t > alarmAbove)
            {
                DistilleryMeters.CounterFor("temperature_alarms").Add();
            }
        }

        DistilleryMeters.CounterFor("batches_completed").Add();
    });
}
