using System.Collections.Concurrent;

namespace Blind48.SeedBank.Vault;

/// <summary>
/// Seed packets held for one species in the cold vault.
/// </summary>
public sealed class SpeciesHolding
{
    public SpeciesHolding(string species) => Species = species;

    public string Species { get; }
    public List<string> Accessions { get; } = new();
    public int Packets { get; set; }
}

/// <summary>
/// Ledger of seed packets stored in the vault, per species. Registered as an
/// app-wide singleton: the intake desk, the member exchange API and the
/// germination lab all call its public members concurrently.
/// </summary>
public sealed class SeedVaultLedger
{
    private readonly ConcurrentDictionary<string, object> _speciesLocks =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SpeciesHolding> _holdings =
        new(StringComparer.OrdinalIgnoreCase);
    private long _totalPackets;

    private object LockFor(string species) => _speciesLocks.GetOrAdd(species, _ => new object());

    /// <summary>Records a new accession arriving from a donor or a regeneration plot.</summary>
    public void Deposit(string species, string accession, int packets)
    {
        if (packets <= 0) throw new ArgumentOutOfRangeException(nameof(packets));

        var holding = _holdings.GetOrAdd(species, s => new SpeciesHolding(s));
        lock (LockFor(species))
        {
            holding.Accessions.Add(accession);
            holding.Packets += packets;
            _totalPackets += packets;
        }
    }

    /// <summary>Takes packets out for a member request or a germination test.</summary>
    public bool TryWithdraw(string species, int packets)
    {
        if (!_holdings.TryGetValue(species, out var holding))
        {
            return false;
        }

        lock (LockFor(species))
        {
            if (holding.Packets < packets)
            {
                return false;
            }

            holding.Packets -= packets;
            _totalPackets -= packets;
            return true;
        }
    }

    public int PacketsFor(string species)
    {
        if (!_holdings.TryGetValue(species, out var holding))
        {
            return 0;
        }

        lock (LockFor(species))
        {
            return holding.Packets;
        }
    }

    public IReadOnlyList<string> AccessionsFor(string species)
    {
        if (!_holdings.TryGetValue(species, out var holding))
        {
            return Array.Empty<string>();
        }

        lock (LockFor(species))
        {
            return holding.Accessions.ToArray();
        }
    }

    /// <summary>Used by the vault capacity dashboard.</summary>
    public long TotalPackets => Interlocked.Read(ref _totalPackets);
}
