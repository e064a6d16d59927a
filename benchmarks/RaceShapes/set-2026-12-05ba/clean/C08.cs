using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind53.GreenhouseMisting.Flags;

/// <summary>
/// One consistent set of flags together with the version the server assigned to it.
/// </summary>
public sealed record MistingFlagSnapshot(long Version, IReadOnlyDictionary<string, bool> Flags)
{
    public static readonly MistingFlagSnapshot Empty = new(0, new Dictionary<string, bool>());

    public bool IsEnabled(string name) => Flags.TryGetValue(name, out var on) && on;
}

public interface IMistingFlagClient
{
    Task<MistingFlagSnapshot?> GetIfNewerAsync(long version, CancellationToken cancellationToken);
}

/// <summary>
/// Feature flags for the misting controllers, refreshed from the estate's config server.
/// Singleton; the zone controllers read flags on every misting cycle.
/// </summary>
public sealed class MistingFlagService : BackgroundService
{
    private readonly IMistingFlagClient _client;
    private readonly ILogger<MistingFlagService> _logger;
    private MistingFlagSnapshot _current = MistingFlagSnapshot.Empty;

    public MistingFlagService(IMistingFlagClient client, ILogger<MistingFlagService> logger)
    {
        _client = client;
        _logger = logger;
    }

    public MistingFlagSnapshot Current => Volatile.Read(ref _current);

    public (bool Enabled, long Version) Evaluate(string name)
    {
        var snapshot = Volatile.Read(ref _current);
        return (snapshot.IsEnabled(name), snapshot.Version);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        do
        {
            try
            {
                var known = Volatile.Read(ref _current);
                var next = await _client.GetIfNewerAsync(known.Version, stoppingToken);
                if (next is not null && next.Version > known.Version)
                {
                    Volatile.Write(ref _current, next);
                    _logger.LogInformation("Misting flags now at version {Version}", next.Version);
                }
            }
            catch (HttpRequestException ex)
            {
                _logger.LogWarning(ex, "Could not refresh misting flags");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Decides how long a greenhouse zone mists this cycle.
/// </summary>
public sealed class ZoneMistingController
{
    private readonly MistingFlagService _flags;

    public ZoneMistingController(MistingFlagService flags)
    {
        _flags = flags;
    }

    public TimeSpan NextPulse(string zone, double relativeHumidity)
    {
        var flags = _flags.Current;
        var baseline = relativeHumidity < 70 ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(3);
        if (flags.IsEnabled("misting.adaptive-pulse") && flags.IsEnabled($"zone.{zone}.orchids"))
        {
            baseline = baseline / 2;
        }

        return baseline;
    }
}
