using System.Collections.Concurrent;

namespace Blind48.HotSprings.PoolMonitoring;

public interface IThermalProbe
{
    /// <summary>Reads the water temperature over the probe's serial bus.</summary>
    double ReadCelsius(string poolId);
}

public sealed record PoolReading(string PoolId, double Celsius, DateTimeOffset TakenAt);

/// <summary>
/// Polls the thermal probe in every soaking pool once a second and keeps the
/// latest reading for the front desk display. Every sixty rounds a summary is
/// handed to the logbook.
/// </summary>
public sealed class PoolTemperatureSampler : IDisposable
{
    private readonly IThermalProbe _probe;
    private readonly IReadOnlyList<string> _poolIds;
    private readonly Action<IReadOnlyCollection<PoolReading>> _publishSummary;
    private readonly ConcurrentDictionary<string, PoolReading> _latest = new();
    private readonly Timer _timer;
    private int _roundsSinceSummary;

    public PoolTemperatureSampler(
        IThermalProbe probe,
        IEnumerable<string> poolIds,
        Action<IReadOnlyCollection<PoolReading>> publishSummary)
    {
        _probe = probe;
        _poolIds = poolIds.ToArray();
        _publishSummary = publishSummary;
        _timer = new Timer(SampleAll, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public PoolReading? Latest(string poolId) =>
        _latest.TryGetValue(poolId, out var reading) ? reading : null;

    public IReadOnlyList<PoolReading> AllLatest() =>
        _latest.Values.OrderBy(r => r.PoolId, StringComparer.Ordinal).ToArray();

    private void SampleAll(object? state)
    {
        foreach (var poolId in _poolIds)
        {
            double celsius;
            try
            {
                celsius = _probe.ReadCelsius(poolId);
            }
            catch (IOException)
            {
                continue;
            }

            _latest[poolId] = new PoolReading(poolId, celsius, DateTimeOffset.UtcNow);
        }

        _roundsSinceSummary++;
        if (_roundsSinceSummary >= 60)
        {
            _roundsSinceSummary = 0;
            _publishSummary(_latest.Values.ToArray());
        }
    }

    public void Dispose() => _timer.Dispose();
}
