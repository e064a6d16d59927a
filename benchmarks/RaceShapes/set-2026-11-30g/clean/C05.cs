namespace Telemetry.Metrics.Aggregation;

public readonly record struct SummarySnapshot(long Count, double Sum, double Min, double Max);

/// <summary>
/// Tracks count, sum, min and max of observed values. Shared per instrument;
/// Observe may be called concurrently from any thread.
/// </summary>
public sealed class ValueSummary
{
    private long _count;
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public ValueSummary(string name) => Name = name;

    public string Name { get; }

    public void Observe(double value)
    {
        if (double.IsNaN(value))
            return;

        Interlocked.Increment(ref _count);
        AddToSum(value);
        UpdateMin(value);
        UpdateMax(value);
    }

    public SummarySnapshot Snapshot()
    {
        return new SummarySnapshot(
            Interlocked.Read(ref _count),
            Interlocked.CompareExchange(ref _sum, 0, 0),
            Interlocked.CompareExchange(ref _min, 0, 0),
            Interlocked.CompareExchange(ref _max, 0, 0));
    }

    private void AddToSum(double value)
    {
        double current = Interlocked.CompareExchange(ref _sum, 0, 0);
        while (true)
        {
            double observed = Interlocked.CompareExchange(ref _sum, current + value, current);
            if (SameBits(observed, current))
                return;
            current = observed;
        }
    }

    private void UpdateMin(double value)
    {
        double current = Interlocked.CompareExchange(ref _min, 0, 0);
        while (value < current)
        {
            double observed = Interlocked.CompareExchange(ref _min, value, current);
            if (SameBits(observed, current))
                return;
            current = observed;
        }
    }

    private static bool SameBits(double a, double b) =>
        BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private void UpdateMax(double value)
    {
        double current = Interlocked.CompareExchange(ref _max, 0, 0);
        while (value > current)
        {
            double observed = Interlocked.CompareExchange(ref _max, value, current);
            if (SameBits(observed, current))
                return;
            current = observed;
        }
    }
}
