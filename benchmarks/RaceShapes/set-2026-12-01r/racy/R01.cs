using Microsoft.Extensions.Logging;

namespace Harbor.Lighthouse.Rotation;

public sealed record StationRotation(string StationId, double Rpm, TimeSpan FlashPeriod, DateTimeOffset AppliedAt);

public interface ILampTelemetrySink
{
    void Publish(StationRotation rotation);
}

/// <summary>
/// Holds the configured lamp rotation for every lighthouse station in the district.
/// Registered as an app-wide singleton; station controllers and the operator dashboard
/// call its public members concurrently.
/// </summary>
public sealed class LampRotationRegistry
{
    private readonly Dictionary<string, StationRotation> _stations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILampTelemetrySink _telemetry;
    private readonly ILogger<LampRotationRegistry> _logger;

    public LampRotationRegistry(ILampTelemetrySink telemetry, ILogger<LampRotationRegistry> logger)
    {
        _telemetry = telemetry;
        _logger = logger;
    }

    public void ApplyRotation(string stationId, double rpm, TimeSpan flashPeriod)
    {
        if (rpm <= 0 || rpm > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(rpm), "Lamp drives are rated for 0-12 rpm.");
        }

        var rotation = new StationRotation(stationId, rpm, flashPeriod, DateTimeOffset.UtcNow);
        _stations[stationId] = rotation;
        _logger.LogInformation("Station {Station} now rotating at {Rpm} rpm", stationId, rpm);
        _telemetry.Publish(rotation);
    }

    public StationRotation? Find(string stationId)
    {
        return _stations.TryGetValue(stationId, out var rotation) ? rotation : null;
    }

    public IReadOnlyList<string> StationsSlowerThan(double rpm)
    {
        var result = new List<string>();
        foreach (var pair in _stations)
        {
            if (pair.Value.Rpm < rpm)
            {
                result.Add(pair.Key);
            }
        }
        return result;
    }
}

/// <summary>
/// Pushes the nightly rotation profile to every station in parallel.
/// </summary>
public sealed class NightProfileRollout
{
    private readonly LampRotationRegistry _registry;

    public NightProfileRollout(LampRotationRegistry registry) => _registry = registry;

    public Task RollOutAsync(IEnumerable<string> stationIds, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(stationIds, options, async (stationId, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct); // give the drive time to spin down
            _registry.ApplyRotation(stationId, 6.0, TimeSpan.FromSeconds(10));
        });
    }
}
