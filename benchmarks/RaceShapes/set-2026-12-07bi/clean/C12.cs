namespace Blind61.WindFarms.Flags;

public interface IFlagStore
{
    Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken ct);
}

/// <summary>
/// Feature flags for the wind-farm control software (new yaw algorithm, ice-shedding mode
/// and so on). Refreshed from the configuration store every thirty seconds; queried from the
/// turbine control loops and web requests.
/// </summary>
public sealed class TurbineFeatureFlags
{
    private Dictionary<string, bool> _flags = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public bool IsEnabled(string flag)
    {
        var flags = Volatile.Read(ref _flags);
        return flags.TryGetValue(flag, out var on) && on;
    }

    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyDictionary<string, bool> Current => Volatile.Read(ref _flags);

    /// <summary>Replaces the flag set with a freshly loaded copy.</summary>
    public void Replace(IReadOnlyDictionary<string, bool> loaded)
    {
        var next = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, on) in loaded)
            next[name] = on;

        Volatile.Write(ref _flags, next);
        Interlocked.Increment(ref _version);
    }
}

/// <summary>Refreshes the flag set on a timer and at start-up.</summary>
public sealed class FeatureFlagRefresher : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly TurbineFeatureFlags _flags;
    private readonly IFlagStore _store;
    private readonly Microsoft.Extensions.Logging.ILogger<FeatureFlagRefresher> _logger;

    public FeatureFlagRefresher(TurbineFeatureFlags flags, IFlagStore store,
        Microsoft.Extensions.Logging.ILogger<FeatureFlagRefresher> logger)
    {
        _flags = flags;
        _store = store;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                var loaded = await _store.LoadAsync(stoppingToken);
                _flags.Replace(loaded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(_logger, ex, "Flag refresh failed; keeping version {Version}", _flags.Version);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Yaw control loop for a turbine; checks the flag each cycle.</summary>
public sealed class YawController
{
    private readonly TurbineFeatureFlags _flags;

    public YawController(TurbineFeatureFlags flags) => _flags = flags;

    public double NextYawDegrees(double currentYaw, double windDirection)
    {
        var error = ((windDirection - currentYaw + 540) % 360) - 180;
        var gain = _flags.IsEnabled("yaw.predictive") ? 0.35 : 0.2;
        return currentYaw + Math.Clamp(error * gain, -3, 3);
    }
}
