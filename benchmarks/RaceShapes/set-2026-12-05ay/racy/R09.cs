namespace Blind51.Velodromes.Riders;

public sealed record RiderProfile(string RiderId, string Name, string Club, TimeSpan BestFlyingLap);

public interface IRiderProfileStore
{
    Task<RiderProfile> LoadAsync(string riderId, CancellationToken cancellationToken);
}

/// <summary>
/// Caches rider profiles for the velodrome's timing screens. Registered as a singleton in
/// the timing service; every lap event and every scoreboard request asks it for profiles
/// concurrently.
/// </summary>
public sealed class RiderProfileCache
{
    private readonly IRiderProfileStore _store;
    private readonly Dictionary<string, RiderProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RiderProfileCache(IRiderProfileStore store) => _store = store;

    public async Task<RiderProfile> GetAsync(string riderId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_profiles.TryGetValue(riderId, out var cached))
                return cached;
        }
        finally
        {
            _gate.Release();
        }

        var loaded = await _store.LoadAsync(riderId, cancellationToken).ConfigureAwait(false);
        _profiles[riderId] = loaded;
        return loaded;
    }

    public async Task UpdateBestLapAsync(string riderId, TimeSpan lap, CancellationToken cancellationToken)
    {
        var profile = await GetAsync(riderId, cancellationToken).ConfigureAwait(false);
        if (lap >= profile.BestFlyingLap) return;

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_profiles.TryGetValue(riderId, out var current) && lap < current.BestFlyingLap)
                _profiles[riderId] = current with { BestFlyingLap = lap };
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// Builds the scoreboard lines for a heat.
/// </summary>
public sealed class HeatScoreboard
{
    private readonly RiderProfileCache _profiles;

    public HeatScoreboard(RiderProfileCache profiles) => _profiles = profiles;

    public async Task<IReadOnlyList<string>> BuildAsync(IReadOnlyList<(string RiderId, TimeSpan Lap)> laps, CancellationToken cancellationToken)
    {
        var lines = await Task.WhenAll(laps.Select(async entry =>
        {
            var profile = await _profiles.GetAsync(entry.RiderId, cancellationToken).ConfigureAwait(false);
            return (entry.Lap, Line: $"{profile.Name,-20} {profile.Club,-16} {entry.Lap:mm\\:ss\\.fff}");
        })).ConfigureAwait(false);

        return lines.OrderBy(l => l.Lap).Select(l => l.Line).ToList();
    }
}
