using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Observatories.Ephemeris;

public interface IEphemerisSource
{
    Task<EphemerisTable> FetchAsync(string target, DateOnly night, CancellationToken ct);
}

/// <summary>Hourly altitudes of one target over one night.</summary>
public sealed record EphemerisTable(string Target, DateOnly Night, IReadOnlyList<double> AltitudesDeg);

/// <summary>
/// Caches ephemeris tables per target and night. Registered as a singleton in the
/// observing-request API; every request handler calls <see cref="GetAsync"/>.
/// At most four fetches go to the upstream service at a time.
/// </summary>
public sealed class EphemerisCache
{
    private readonly IEphemerisSource _source;
    private readonly Dictionary<(string Target, DateOnly Night), EphemerisTable> _tables = new();
    private readonly SemaphoreSlim _fetchThrottle = new(4, 4);

    public EphemerisCache(IEphemerisSource source)
    {
        _source = source;
    }

    public async Task<EphemerisTable> GetAsync(string target, DateOnly night, CancellationToken ct)
    {
        if (_tables.TryGetValue((target, night), out var cached))
            return cached;

        await _fetchThrottle.WaitAsync(ct);
        try
        {
            var table = await _source.FetchAsync(target, night, ct);
            _tables[(target, night)] = table;
            return table;
        }
        finally
        {
            _fetchThrottle.Release();
        }
    }

    /// <summary>Highest altitude the target reaches that night, or null if it never rises.</summary>
    public async Task<double?> PeakAltitudeAsync(string target, DateOnly night, CancellationToken ct)
    {
        var table = await GetAsync(target, night, ct);
        var peak = table.AltitudesDeg.DefaultIfEmpty(double.NegativeInfinity).Max();
        return peak > 0 ? peak : null;
    }
}

/// <summary>Ranks a proposal's targets by how high they get on the requested night.</summary>
public sealed class ProposalPlanner
{
    private readonly EphemerisCache _cache;

    public ProposalPlanner(EphemerisCache cache) => _cache = cache;

    public async Task<IReadOnlyList<string>> RankTargetsAsync(IEnumerable<string> targets, DateOnly night, CancellationToken ct)
    {
        var list = targets.ToList();
        var peaks = await Task.WhenAll(list.Select(t => _cache.PeakAltitudeAsync(t, night, ct)));
        return list.Zip(peaks)
            .Where(p => p.Second.HasValue)
            .OrderByDescending(p => p.Second)
            .Select(p => p.First)
            .ToList();
    }
}
