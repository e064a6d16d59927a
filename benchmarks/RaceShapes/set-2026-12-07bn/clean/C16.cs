using System.Collections.Immutable;

namespace Blind66.DryStoneWalling.Repairs;

public sealed record RepairClaim(string SectionId, string Waller, double Metres, DateOnly ClaimedOn);

/// <summary>
/// Tracks which waller has claimed which collapsed section (a "gap") for repair. Registered as
/// a singleton; the field app claims and releases gaps concurrently and the map reads the
/// current claims on every tile request.
/// </summary>
public sealed class GapClaimRegistry
{
    private ImmutableDictionary<string, RepairClaim> _claims =
        ImmutableDictionary.Create<string, RepairClaim>(StringComparer.OrdinalIgnoreCase);

    public ImmutableDictionary<string, RepairClaim> Current => Volatile.Read(ref _claims);

    /// <summary>Claims a gap; returns the existing claim if another waller got there first.</summary>
    public RepairClaim Claim(RepairClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        while (true)
        {
            var current = Volatile.Read(ref _claims);
            if (current.TryGetValue(claim.SectionId, out var existing))
            {
                return existing;
            }

            var updated = current.Add(claim.SectionId, claim);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _claims, updated, current), current))
            {
                return claim;
            }
        }
    }

    /// <summary>Releases a gap, but only if it is held by the given waller.</summary>
    public bool Release(string sectionId, string waller)
    {
        while (true)
        {
            var current = Volatile.Read(ref _claims);
            if (!current.TryGetValue(sectionId, out var existing)
                || !string.Equals(existing.Waller, waller, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var updated = current.Remove(sectionId);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _claims, updated, current), current))
            {
                return true;
            }
        }
    }

    public double MetresClaimedBy(string waller) =>
        Current.Values
            .Where(c => string.Equals(c.Waller, waller, StringComparison.OrdinalIgnoreCase))
            .Sum(c => c.Metres);

    public IReadOnlyList<RepairClaim> ClaimedBefore(DateOnly day) =>
        Current.Values.Where(c => c.ClaimedOn < day).OrderBy(c => c.ClaimedOn).ToList();
}
