using System.Collections.Concurrent;

namespace Blind48.SeedBank.Exchange;

/// <summary>
/// Packets one member has pledged to the winter seed swap, for one species.
/// </summary>
public sealed class PledgeBucket
{
    public PledgeBucket(string species) => Species = species;

    public string Species { get; }
    public Dictionary<string, int> PacketsByMember { get; } = new(StringComparer.Ordinal);
    public int Packets { get; set; }
}

/// <summary>
/// Pledges for the seed swap, grouped per species. Registered as an app-wide
/// singleton; the member portal and the swap-day kiosk call it concurrently.
/// </summary>
public sealed class SeedSwapPledges
{
    private readonly ConcurrentDictionary<string, PledgeBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private long _totalPackets;
    private int _pledgeCount;

    public void Pledge(string species, string memberId, int packets)
    {
        if (packets <= 0) throw new ArgumentOutOfRangeException(nameof(packets));

        var bucket = _buckets.GetOrAdd(species, s => new PledgeBucket(s));
        lock (bucket)
        {
            bucket.PacketsByMember.TryGetValue(memberId, out var existing);
            bucket.PacketsByMember[memberId] = existing + packets;
            bucket.Packets += packets;
        }

        Interlocked.Add(ref _totalPackets, packets);
        Interlocked.Increment(ref _pledgeCount);
    }

    public bool TryClaim(string species, int packets)
    {
        if (!_buckets.TryGetValue(species, out var bucket))
        {
            return false;
        }

        lock (bucket)
        {
            if (bucket.Packets < packets)
            {
                return false;
            }

            bucket.Packets -= packets;
        }

        Interlocked.Add(ref _totalPackets, -packets);
        return true;
    }

    public IReadOnlyDictionary<string, int> PledgesFor(string species)
    {
        if (!_buckets.TryGetValue(species, out var bucket))
        {
            return new Dictionary<string, int>();
        }

        lock (bucket)
        {
            return new Dictionary<string, int>(bucket.PacketsByMember, StringComparer.Ordinal);
        }
    }

    public long TotalPackets => Interlocked.Read(ref _totalPackets);

    public int PledgeCount => Volatile.Read(ref _pledgeCount);
}
