using System.Collections.Concurrent;

namespace FishingFleet.Quotas;

/// <summary>
/// Tracks how much of each species quota the fleet has landed this season.
/// Registered as a singleton; the harbour landing endpoint and the fisheries officer
/// correction endpoint call it concurrently.
/// </summary>
public sealed class QuotaLedger
{
    private sealed class SpeciesAccount
    {
        public long AllocatedKg;
        public long LandedKg;
    }

    private readonly ConcurrentDictionary<string, SpeciesAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public void SetAllocation(string species, long kg)
    {
        var account = _accounts.GetOrAdd(species, _ => new SpeciesAccount());
        Interlocked.Exchange(ref account.AllocatedKg, kg);
    }

    /// <summary>Records a landing and returns the remaining quota in kilograms.</summary>
    public long RecordLanding(string species, long kg)
    {
        var account = _accounts.GetOrAdd(species, _ => new SpeciesAccount());
        var landed = Interlocked.Add(ref account.LandedKg, kg);
        return Interlocked.Read(ref account.AllocatedKg) - landed;
    }

    /// <summary>
    /// Applies a correction from the fisheries officer after a weigh-bridge audit.
    /// Positive values add catch, negative values remove it.
    /// </summary>
    public void ApplyCorrection(string species, long deltaKg)
    {
        if (_accounts.TryGetValue(species, out var account))
        {
            account.LandedKg += deltaKg;
        }
    }

    public IReadOnlyDictionary<string, long> Remaining() =>
        _accounts.ToDictionary(
            kv => kv.Key,
            kv => Interlocked.Read(ref kv.Value.AllocatedKg) - Interlocked.Read(ref kv.Value.LandedKg));
}
