using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind16.StreetFood.Permits;

public sealed record StallPermit(string StallId, string TraderName, string Pitch, DateOnly ValidUntil, bool UsesGas);

/// <summary>
/// Registry of active street-food stall permits for the market. Registered as an
/// app-wide singleton; the council licensing API issues and revokes permits while
/// the market wardens' handheld app queries them.
/// </summary>
public sealed class StallPermitRegistry
{
    private readonly ConcurrentDictionary<string, StallPermit> _permits = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxGasStalls;
    private int _activePermits;

    public StallPermitRegistry(int maxGasStalls) => _maxGasStalls = maxGasStalls;

    public int ActivePermits => Volatile.Read(ref _activePermits);

    public bool Issue(StallPermit permit)
    {
        ArgumentNullException.ThrowIfNull(permit);

        if (permit.ValidUntil < DateOnly.FromDateTime(DateTime.Today))
        {
            return false;
        }

        if (!_permits.TryAdd(permit.StallId, permit))
        {
            return false;
        }

        Interlocked.Increment(ref _activePermits);
        return true;
    }

    public bool Revoke(string stallId, string reason)
    {
        if (!_permits.TryRemove(stallId, out var removed))
        {
            return false;
        }

        _activePermits--;
        Console.WriteLine($"Permit for {removed.TraderName} at {removed.Pitch} revoked: {reason}");
        return true;
    }

    public StallPermit? Lookup(string stallId) =>
        _permits.TryGetValue(stallId, out var permit) ? permit : null;

    public bool GasQuotaExceeded() =>
        _permits.Values.Count(p => p.UsesGas) > _maxGasStalls;

    public IReadOnlyList<StallPermit> ExpiringWithin(int days)
    {
        var cutoff = DateOnly.FromDateTime(DateTime.Today).AddDays(days);
        return _permits.Values
            .Where(p => p.ValidUntil <= cutoff)
            .OrderBy(p => p.ValidUntil)
            .ToList();
    }
}
