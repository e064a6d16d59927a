namespace Blind46.Observatory.Ephemerides;

public sealed record Ephemeris(string Target, DateOnly Night, IReadOnlyList<(DateTime Utc, double AltitudeDeg)> Track);

public interface IEphemerisSource
{
    Task<Ephemeris> FetchAsync(string target, DateOnly night);
}

/// <summary>
/// Coalesces concurrent ephemeris lookups so that the scheduler, the web UI and the
/// slew planner asking for the same target and night share one remote call.
/// Registered as a singleton.
/// </summary>
public sealed class EphemerisCoalescer
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Task<Ephemeris>> _inflight = new(StringComparer.OrdinalIgnoreCase);
    private readonly IEphemerisSource _source;

    public EphemerisCoalescer(IEphemerisSource source) => _source = source;

    public int PendingCount
    {
        get { lock (_lock) return _inflight.Count; }
    }

    public Task<Ephemeris> GetAsync(string target, DateOnly night)
    {
        string key = $"{target}@{night:yyyy-MM-dd}";

        lock (_lock)
        {
            if (_inflight.TryGetValue(key, out var existing))
                return existing;

            var fetch = _source.FetchAsync(target, night);
            _inflight[key] = fetch;

            fetch.ContinueWith(
                _ => _inflight.Remove(key),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);

            return fetch;
        }
    }
}

public sealed class NightPlanBuilder
{
    private readonly EphemerisCoalescer _ephemerides;

    public NightPlanBuilder(EphemerisCoalescer ephemerides) => _ephemerides = ephemerides;

    public async Task<IReadOnlyList<string>> VisibleTargetsAsync(IEnumerable<string> targets, DateOnly night, double minAltitude)
    {
        var lookups = targets.Select(t => _ephemerides.GetAsync(t, night)).ToArray();
        var results = await Task.WhenAll(lookups).ConfigureAwait(false);

        return results
            .Where(e => e.Track.Any(p => p.AltitudeDeg >= minAltitude))
            .Select(e => e.Target)
            .ToList();
    }
}
