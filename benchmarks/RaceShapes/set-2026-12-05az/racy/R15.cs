using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.TideGauge.Statistics;

public readonly record struct TideSummary(long Samples, double MeanLevelM, double LowestM, double HighestM);

/// <summary>
/// Running statistics of water-level samples for one tide gauge. Samples
/// arrive from the data logger's serial reader; the harbour master's web
/// dashboard asks for a summary whenever a page refreshes.
/// </summary>
public sealed class TideLevelStatistics
{
    private readonly object _sync = new();
    private long _samples;
    private double _sum;
    private double _lowest = double.MaxValue;
    private double _highest = double.MinValue;

    public void Add(double levelMetres)
    {
        lock (_sync)
        {
            _samples++;
            _sum += levelMetres;
            if (levelMetres < _lowest)
            {
                _lowest = levelMetres;
            }

            if (levelMetres > _highest)
            {
                _highest = levelMetres;
            }
        }
    }

    public void Reset()
    {
        lock (_sync)
        {
            _samples = 0;
            _sum = 0;
            _lowest = double.MaxValue;
            _highest = double.MinValue;
        }
    }

    public TideSummary Summarize()
    {
        if (_samples == 0)
        {
            return default;
        }

        return new TideSummary(_samples, _sum / _samples, _lowest, _highest);
    }
}

public interface ITideLogger
{
    Task<double?> ReadLevelAsync(CancellationToken ct);
}

/// <summary>
/// Background reader that feeds the statistics from the gauge's logger.
/// </summary>
public sealed class TideGaugeReader
{
    private readonly ITideLogger _logger;
    private readonly TideLevelStatistics _stats;

    public TideGaugeReader(ITideLogger logger, TideLevelStatistics stats)
    {
        _logger = logger;
        _stats = stats;
    }

    public Task StartAsync(CancellationToken ct) => Task.Factory.StartNew(
        () => ReadLoopAsync(ct),
        ct,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default).Unwrap();

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var level = await _logger.ReadLevelAsync(ct).ConfigureAwait(false);
            if (level is { } metres && metres > -10 && metres < 20)
            {
                _stats.Add(metres);
            }
        }
    }
}
