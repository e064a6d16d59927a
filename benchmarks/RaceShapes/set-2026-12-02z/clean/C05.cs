using System.Collections.Immutable;

namespace Blind26.Foraging.Registry;

public sealed record ForagingPermit(string Number, string Holder, string Zone, DateOnly ValidUntil);

/// <summary>
/// Registry of issued mushroom foraging permits. The ranger app checks permits in the
/// field through the API while the permit office issues and revokes them; all share the
/// singleton registry.
/// </summary>
public sealed class PermitRegistry
{
    private ImmutableDictionary<string, ForagingPermit> _permits =
        ImmutableDictionary.Create<string, ForagingPermit>(StringComparer.OrdinalIgnoreCase);

    public bool TryIssue(ForagingPermit permit) =>
        ImmutableInterlocked.TryAdd(ref _permits, permit.Number, permit);

    public bool Revoke(string number) =>
        ImmutableInterlocked.TryRemove(ref _permits, number, out _);

    public ForagingPermit? Find(string number) =>
        Volatile.Read(ref _permits).TryGetValue(number, out var permit) ? permit : null;

    public bool IsValid(string number, string zone, DateOnly today)
    {
        var permit = Find(number);
        return permit is not null
            && string.Equals(permit.Zone, zone, StringComparison.OrdinalIgnoreCase)
            && permit.ValidUntil >= today;
    }

    public int CountInZone(string zone)
    {
        var snapshot = Volatile.Read(ref _permits);
        return snapshot.Values.Count(p => string.Equals(p.Zone, zone, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Extends every permit in a zone, e.g. after a late-season closure is lifted.</summary>
    public int ExtendZone(string zone, int days)
    {
        int extended = 0;
        ImmutableInterlocked.Update(ref _permits, current =>
        {
            extended = 0;
            var builder = current.ToBuilder();
            foreach (var permit in current.Values)
            {
                if (string.Equals(permit.Zone, zone, StringComparison.OrdinalIgnoreCase))
                {
                    builder[permit.Number] = permit with { ValidUntil = permit.ValidUntil.AddDays(days) };
                    extended++;
                }
            }

            return builder.ToImmutable();
        });
        return extended;
    }

    public void PurgeExpired(DateOnly today) =>
        ImmutableInterlocked.Update(ref _permits,
            current => current.RemoveRange(current.Values.Where(p => p.ValidUntil < today).Select(p => p.Number)));
}
