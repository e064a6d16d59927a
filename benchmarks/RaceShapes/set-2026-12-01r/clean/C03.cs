namespace BloodBank.Transit;

public sealed record CoolerReading(string CoolerId, double Celsius, DateTimeOffset TakenAt);

/// <summary>
/// Keeps the temperature trail of cooler boxes on their way between hospitals.
/// A single instance is shared by all courier uplinks and the audit screen;
/// members are called from many threads.
/// </summary>
public sealed class TransitTemperatureLog
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<CoolerReading>> _byCooler = new();

    public void Append(CoolerReading reading)
    {
        lock (_sync)
        {
            if (!_byCooler.TryGetValue(reading.CoolerId, out var trail))
            {
                trail = new List<CoolerReading>();
                _byCooler.Add(reading.CoolerId, trail);
            }
            trail.Add(reading);
        }
    }

    public CoolerReading[] Trail(string coolerId)
    {
        lock (_sync)
        {
            return _byCooler.TryGetValue(coolerId, out var trail) ? trail.ToArray() : Array.Empty<CoolerReading>();
        }
    }

    /// <summary>Used by the audit screen to list coolers that left the 2-6 °C band.</summary>
    public IReadOnlyList<string> CoolersWithExcursions()
    {
        List<(string Id, CoolerReading[] Trail)> snapshot;
        lock (_sync)
        {
            snapshot = _byCooler.Select(p => (p.Key, p.Value.ToArray())).ToList();
        }

        return snapshot
            .Where(s => s.Trail.Any(r => r.Celsius < 2.0 || r.Celsius > 6.0))
            .Select(s => s.Id)
            .OrderBy(id => id)
            .ToList();
    }

    public void Close(string coolerId)
    {
        lock (_sync)
        {
            _byCooler.Remove(coolerId);
        }
    }
}

public sealed class CourierUplink
{
    private readonly TransitTemperatureLog _log;

    public CourierUplink(TransitTemperatureLog log) => _log = log;

    public Task ReceiveAsync(IReadOnlyList<CoolerReading> batch) =>
        Task.Run(() =>
        {
            foreach (var reading in batch)
            {
                _log.Append(reading);
            }
        });
}
