using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind16.SeedBank.Catalogue;

/// <summary>
/// A single accession lot held in the vault.
/// </summary>
public sealed record SeedAccession(
    string AccessionNumber,
    string Genus,
    string Species,
    int SeedCount,
    DateOnly CollectedOn);

/// <summary>
/// In-memory catalogue of the accessions held in the seed vault. Registered as an
/// application-wide singleton; the intake API, the withdrawal API and the public
/// search endpoints all call into it.
/// </summary>
public sealed class SeedCatalogue
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SeedAccession> _byAccession =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _byGenus =
        new(StringComparer.OrdinalIgnoreCase);

    public void Register(SeedAccession accession)
    {
        ArgumentNullException.ThrowIfNull(accession);

        lock (_gate)
        {
            _byAccession[accession.AccessionNumber] = accession;

            if (!_byGenus.TryGetValue(accession.Genus, out var numbers))
            {
                numbers = new List<string>();
                _byGenus[accession.Genus] = numbers;
            }

            if (!numbers.Contains(accession.AccessionNumber, StringComparer.OrdinalIgnoreCase))
            {
                numbers.Add(accession.AccessionNumber);
            }
        }
    }

    /// <summary>
    /// Looks up a single accession by its number. Used by the public search page.
    /// </summary>
    public SeedAccession? Find(string accessionNumber)
    {
        if (string.IsNullOrWhiteSpace(accessionNumber))
        {
            return null;
        }

        return _byAccession.TryGetValue(accessionNumber.Trim(), out var accession)
            ? accession
            : null;
    }

    public IReadOnlyList<SeedAccession> ByGenus(string genus)
    {
        lock (_gate)
        {
            if (!_byGenus.TryGetValue(genus, out var numbers))
            {
                return Array.Empty<SeedAccession>();
            }

            return numbers.Select(n => _byAccession[n])
                          .OrderBy(a => a.Species, StringComparer.Ordinal)
                          .ToList();
        }
    }

    /// <summary>
    /// Removes seeds from a lot for distribution or germination testing.
    /// Returns the remaining count, or -1 if the lot cannot cover the request.
    /// </summary>
    public int Withdraw(string accessionNumber, int seeds)
    {
        if (seeds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seeds));
        }

        lock (_gate)
        {
            if (!_byAccession.TryGetValue(accessionNumber, out var current) || current.SeedCount < seeds)
            {
                return -1;
            }

            var updated = current with { SeedCount = current.SeedCount - seeds };
            _byAccession[accessionNumber] = updated;
            return updated.SeedCount;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byAccession.Count;
            }
        }
    }
}
