using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind53.AvalancheForecasting.Flags;

public sealed record FlagDocument(long Version, IReadOnlyDictionary<string, bool> Flags);

public interface IFlagSource
{
    Task<FlagDocument?> FetchAsync(long knownVersion, CancellationToken cancellationToken);
}

/// <summary>
/// Feature flags for the bulletin publisher, refreshed from the central flag server.
/// Registered as a singleton and hosted service; the bulletin endpoints call
/// <see cref="Evaluate"/> on every request and cache rendered bulletins per flag version.
/// </summary>
public sealed class ForecastFlagService : BackgroundService
{
    private static readonly IReadOnlyDictionary<string, bool> NoFlags = new Dictionary<string, bool>();

    private readonly IFlagSource _source;
    private readonly ILogger<ForecastFlagService> _logger;
    private readonly object _refreshLock = new();
    private IReadOnlyDictionary<string, bool> _flags = NoFlags;
    private long _version;

    public ForecastFlagService(IFlagSource source, ILogger<ForecastFlagService> logger)
    {
        _source = source;
        _logger = logger;
    }

    public (bool Enabled, long Version) Evaluate(string flagName)
    {
        var flags = _flags;
        var version = _version;
        return (flags.TryGetValue(flagName, out var enabled) && enabled, version);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (HttpRequestException ex)
            {
                _logger.LogWarning(ex, "Flag refresh failed; keeping version {Version}", _version);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var document = await _source.FetchAsync(_version, cancellationToken);
        if (document is null)
        {
            return;
        }

        lock (_refreshLock)
        {
            _flags = document.Flags;
            _version = document.Version;
        }

        _logger.LogInformation("Loaded flag version {Version}", document.Version);
    }
}

/// <summary>
/// Renders danger-rating bulletins and caches them per flag version.
/// </summary>
public sealed class BulletinRenderer
{
    private readonly ForecastFlagService _flags;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Region, long Version), string> _cache = new();

    public BulletinRenderer(ForecastFlagService flags)
    {
        _flags = flags;
    }

    public string Render(string region, int dangerLevel)
    {
        var (showWindSlab, version) = _flags.Evaluate("bulletin.wind-slab-panel");
        return _cache.GetOrAdd((region, version), _ =>
            showWindSlab
                ? $"{region}: danger {dangerLevel}, wind slab panel"
                : $"{region}: danger {dangerLevel}");
    }
}
