using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.SeedBank.Accessions;

public sealed record Accession(string Number, string LotCode, string Species, double ViabilityPercent);

public interface IGerminationLab
{
    Task<double> EstimateViabilityAsync(string lotCode, CancellationToken ct);
}

/// <summary>
/// Registers incoming seed lots as vault accessions. One registry per vault, shared by
/// all intake desks; a lot received twice must map to the same accession number.
/// </summary>
public sealed class AccessionRegistry
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Dictionary<string, Accession> _byLot = new(StringComparer.OrdinalIgnoreCase);
    private readonly IGerminationLab _lab;
    private int _lastNumber;

    public AccessionRegistry(IGerminationLab lab) => _lab = lab;

    public async Task<Accession> RegisterAsync(string lotCode, string species, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_byLot.TryGetValue(lotCode, out var existing))
                return existing;

            var viability = await _lab.EstimateViabilityAsync(lotCode, ct).ConfigureAwait(false);
            var accession = new Accession($"SB-{++_lastNumber:D6}", lotCode, species, viability);
            _byLot.Add(lotCode, accession);
            return accession;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<IReadOnlyList<Accession>> ListAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _byLot.Values.OrderBy(a => a.Number).ToList();
        }
        finally
        {
            _mutex.Release();
        }
    }
}

/// <summary>Processes a shipment manifest, registering all of its lots.</summary>
public static class ShipmentIntake
{
    public static async Task<int> ReceiveAsync(AccessionRegistry registry, IEnumerable<(string Lot, string Species)> manifest, CancellationToken ct)
    {
        var registered = await Task.WhenAll(manifest.Select(m => registry.RegisterAsync(m.Lot, m.Species, ct)));
        return registered.Select(a => a.Number).Distinct().Count();
    }
}
