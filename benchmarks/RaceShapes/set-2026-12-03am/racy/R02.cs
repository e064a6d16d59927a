using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.VineyardCoop.PressMetrics;

/// <summary>
/// Aggregates press-load weights reported by the cooperative's scales.
/// One instance is shared by every scale connection: <see cref="Record"/> is called
/// from many request threads and <see cref="Flush"/> by the exporter once per interval.
/// </summary>
public sealed class PressWeightAggregator
{
    private readonly object _lock = new();
    private long _loads;
    private double _sumKg;
    private double _maxKg;

    public void Record(double kg)
    {
        if (kg <= 0)
            return;

        lock (_lock)
        {
            _loads++;
            _sumKg += kg;
            if (kg > _maxKg)
                _maxKg = kg;
        }
    }

    /// <summary>Returns the figures for the interval that just ended and starts a new one.</summary>
    public PressSummary Flush()
    {
        PressSummary summary;
        lock (_lock)
        {
            summary = new PressSummary(_loads, _sumKg, _maxKg);
        }

        // start the next interval from zero
        _loads = 0;
        _sumKg = 0;
        _maxKg = 0;
        return summary;
    }
}

public readonly record struct PressSummary(long Loads, double TotalKg, double MaxKg)
{
    public double AverageKg => Loads == 0 ? 0 : TotalKg / Loads;
}

/// <summary>Pushes a press summary to the cooperative dashboard on a fixed interval.</summary>
public sealed class PressMetricsExporter : IAsyncDisposable
{
    private readonly PressWeightAggregator _aggregator;
    private readonly Action<PressSummary> _publish;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;

    public PressMetricsExporter(PressWeightAggregator aggregator, Action<PressSummary> publish, TimeSpan interval)
    {
        _aggregator = aggregator;
        _publish = publish;
        _loop = RunAsync(interval, _cts.Token);
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                _publish(_aggregator.Flush());
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        await _loop;
        _cts.Dispose();
    }
}
