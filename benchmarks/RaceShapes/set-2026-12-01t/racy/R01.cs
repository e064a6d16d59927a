namespace SolarFarm.Telemetry;

/// <summary>
/// Running statistics for a single string inverter.
/// </summary>
public sealed class InverterStats
{
    public InverterStats(string id) => Id = id;

    public string Id { get; }
    public long SampleCount { get; set; }
    public double LastAcPowerKw { get; set; }
    public double PeakAcPowerKw { get; set; }
    public double EnergyKwh { get; set; }
}

/// <summary>
/// Holds the latest readings for every inverter on the site. Registered as an
/// app-wide singleton; the Modbus pollers call <see cref="RecordReading"/> from
/// their own worker tasks while the dashboard calls <see cref="Snapshot"/>.
/// </summary>
public sealed class InverterRegistry
{
    private readonly Dictionary<string, InverterStats> _byInverter = new(StringComparer.Ordinal);
    private readonly object _statsLock = new();

    public void RecordReading(string inverterId, double acPowerKw, TimeSpan interval)
    {
        if (!_byInverter.TryGetValue(inverterId, out var stats))
        {
            stats = new InverterStats(inverterId);
            _byInverter[inverterId] = stats;
        }

        lock (_statsLock)
        {
            stats.SampleCount++;
            stats.LastAcPowerKw = acPowerKw;
            if (acPowerKw > stats.PeakAcPowerKw)
            {
                stats.PeakAcPowerKw = acPowerKw;
            }
            stats.EnergyKwh += acPowerKw * interval.TotalHours;
        }
    }

    public IReadOnlyList<(string Id, double LastKw, double EnergyKwh)> Snapshot()
    {
        lock (_statsLock)
        {
            var list = new List<(string, double, double)>(_byInverter.Count);
            foreach (var s in _byInverter.Values)
            {
                list.Add((s.Id, s.LastAcPowerKw, s.EnergyKwh));
            }
            return list;
        }
    }
}

/// <summary>
/// Polls each inverter on its own loop and pushes readings into the registry.
/// </summary>
public sealed class ModbusPoller
{
    private readonly InverterRegistry _registry;
    private readonly IReadOnlyList<string> _inverterIds;
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(5);

    public ModbusPoller(InverterRegistry registry, IReadOnlyList<string> inverterIds)
    {
        _registry = registry;
        _inverterIds = inverterIds;
    }

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(_inverterIds.Select(id => Task.Run(() => PollLoopAsync(id, ct), ct)));

    private async Task PollLoopAsync(string inverterId, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var kw = await ReadAcPowerAsync(inverterId, ct);
            _registry.RecordReading(inverterId, kw, _interval);
            await Task.Delay(_interval, ct);
        }
    }

    private static async Task<double> ReadAcPowerAsync(string inverterId, CancellationToken ct)
    {
        await Task.Delay(25, ct);
        return Random.Shared.NextDouble() * 60.0;
    }
}
