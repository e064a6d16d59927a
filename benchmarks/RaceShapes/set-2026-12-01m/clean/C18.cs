using System.Collections.Concurrent;

namespace Weather.Stations;

public sealed record Observation(string StationId, DateTime Utc, double TemperatureC, double WindKph, double GustKph, double RainMm);

public sealed record IngestSummary(int Accepted, int Rejected, double MaxGustKph, double TotalRainMm);

public sealed record QualitySettings(double MinTemperatureC, double MaxTemperatureC, double MaxGustKph);

/// <summary>
/// Consumes observations uploaded by the station network on one dedicated thread and applies
/// range checks before they are stored.
/// </summary>
public sealed class StationIngest
{
    private readonly BlockingCollection<Observation> _queue = new(boundedCapacity: 10_000);
    private readonly Action<Observation> _store;
    private readonly Thread _worker;
    private readonly QualitySettings _settings;
    private int _accepted;
    private int _rejected;
    private double _maxGust;
    private double _totalRain;

    public StationIngest(QualitySettings settings, Action<Observation> store)
    {
        _settings = settings;
        _store = store;
        _worker = new Thread(Consume) { IsBackground = true, Name = "station-ingest" };
    }

    public void Start() => _worker.Start();

    /// <summary>Called by upload handlers.</summary>
    public void Post(Observation observation) => _queue.Add(observation);

    public IngestSummary Finish()
    {
        _queue.CompleteAdding();
        _worker.Join();
        return new IngestSummary(_accepted, _rejected, _maxGust, _totalRain);
    }

    private void Consume()
    {
        foreach (var obs in _queue.GetConsumingEnumerable())
        {
            if (obs.TemperatureC < _settings.MinTemperatureC
                || obs.TemperatureC > _settings.MaxTemperatureC
                || obs.GustKph > _settings.MaxGustKph
                || obs.RainMm < 0)
            {
                _rejected++;
                continue;
            }

            _store(obs);
            _accepted++;
            _maxGust = Math.Max(_maxGust, obs.GustKph);
            _totalRain += obs.RainMm;
        }
    }
}
