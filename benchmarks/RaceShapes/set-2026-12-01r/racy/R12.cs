using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Apiary.HiveScales;

public interface IHiveScale
{
    string HiveId { get; }
    Task<double> ReadGramsAsync(CancellationToken ct);
}

/// <summary>
/// Polls the hive scales and keeps today's nectar-flow gain for the apiary dashboard.
/// Registered as a singleton hosted service; the dashboard controller calls
/// <see cref="TodayGainGrams"/> and <see cref="StartNewDay"/> on request threads.
/// </summary>
public sealed class HiveScaleMonitor : BackgroundService
{
    private readonly IReadOnlyList<IHiveScale> _scales;
    private readonly ILogger<HiveScaleMonitor> _logger;
    private readonly Dictionary<string, double> _lastGrams = new();
    private double _todayGainGrams;

    public HiveScaleMonitor(IEnumerable<IHiveScale> scales, ILogger<HiveScaleMonitor> logger)
    {
        _scales = scales.ToList();
        _logger = logger;
    }

    public double TodayGainGrams => Volatile.Read(ref _todayGainGrams);

    /// <summary>Called by the dashboard at dawn to roll the counter over.</summary>
    public double StartNewDay()
    {
        var yesterday = _todayGainGrams;
        _todayGainGrams = 0;
        _logger.LogInformation("Apiary gained {Grams} g yesterday", yesterday);
        return yesterday;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var scale in _scales)
            {
                double grams;
                try
                {
                    grams = await scale.ReadGramsAsync(stoppingToken);
                }
                catch (IOException ex)
                {
                    _logger.LogWarning(ex, "Scale {Hive} did not answer", scale.HiveId);
                    continue;
                }

                if (_lastGrams.TryGetValue(scale.HiveId, out var previous))
                {
                    var delta = grams - previous;
                    if (delta > 0 && delta < 2000)
                    {
                        _todayGainGrams += delta;
                    }
                }

                _lastGrams[scale.HiveId] = grams;
            }
        }
    }
}
