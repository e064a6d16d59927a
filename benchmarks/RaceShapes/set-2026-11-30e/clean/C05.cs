namespace Telemetry.Metrics.Gauges;

public readonly record struct SummarySnapshot(long Count, double Sum, double Min, double Max);

/// <summary>
/// Tracks count, sum, minimum and maximum of a measured value. <see cref="Observe"/> is called
/// concurrently from request threads; the exporter calls <see cref="Collect"/>.
/// </summary>
public sealed class ValueSummary
{
    private long _count;
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        Interlocked.Increment(ref _count);
        AddToSum(value);
        UpdateMin(value);
        UpdateMax(value);
    }

    public SummarySnapshot Collect()
    {
        return new SummarySnapshot(
            Interlocked.Read(ref _count),
            Volatile.Read(ref _sum),
            Volatile.Read(ref _min),
            Volatile.Read(ref _max));
    }

    private void AddToSum(double value)
    {
        double current = Volatile.Read(ref _sum);
        while (true)
        {
            double observed = Interlocked.CompareExchange(ref _sum, current + value, current);
            if (observed.Equals(current))
            {
                return;
            }

            current = observed;
        }
    }

    private void UpdateMin(double value)
    {
        double current = Volatile.Read(ref _min);
        while (value < current)
        {
            double observed = Interlocked.CompareExchange(ref _min, value, current);
            if (observed.Equals(current))
            {
                return;
            }

            current = observed;
        }
    }

    private void UpdateMax(double value)
    {
        double current = Volatile.Read(ref _max);
        while (value > current)
        {
            double observed = Interlocked.CompareExchange(ref _max, value, current);
            if (observed.Equals(current))
            {
                return;
            }

            current = observed;
        }
    }
}
