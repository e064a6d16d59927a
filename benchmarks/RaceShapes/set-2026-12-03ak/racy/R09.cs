using System.Collections.Immutable;

namespace Blind37.Thatching.Suppliers;

public sealed record ReedSupplier(string Id, string Name, string ReedType, decimal PricePerBundle, int LeadTimeDays);

/// <summary>
/// Registry of water-reed and long-straw suppliers. It is read on every quote the
/// estimating service produces and updated when the suppliers admin page saves a
/// change. Registered as a singleton.
/// </summary>
public sealed class ReedSupplierRegistry
{
    private ImmutableDictionary<string, ReedSupplier> _suppliers =
        ImmutableDictionary.Create<string, ReedSupplier>(StringComparer.OrdinalIgnoreCase);

    public ReedSupplier? Find(string id) => _suppliers.GetValueOrDefault(id);

    public IReadOnlyCollection<ReedSupplier> All => _suppliers.Values.ToArray();

    public void Register(ReedSupplier supplier)
    {
        _suppliers = _suppliers.SetItem(supplier.Id, supplier);
    }

    public bool Remove(string id)
    {
        var current = _suppliers;
        if (!current.ContainsKey(id))
        {
            return false;
        }

        _suppliers = current.Remove(id);
        return true;
    }

    public ReedSupplier? Cheapest(string reedType, int neededWithinDays)
    {
        ReedSupplier? best = null;
        foreach (var supplier in _suppliers.Values)
        {
            if (!string.Equals(supplier.ReedType, reedType, StringComparison.OrdinalIgnoreCase) ||
                supplier.LeadTimeDays > neededWithinDays)
            {
                continue;
            }

            if (best is null || supplier.PricePerBundle < best.PricePerBundle)
            {
                best = supplier;
            }
        }
        return best;
    }
}

/// <summary>Prices a roof in bundles of reed.</summary>
public sealed class RoofQuoteService
{
    private const double BundlesPerSquareMetre = 2.5;
    private readonly ReedSupplierRegistry _registry;

    public RoofQuoteService(ReedSupplierRegistry registry) => _registry = registry;

    public (ReedSupplier Supplier, decimal Total)? Quote(double roofAreaSquareMetres, string reedType, int neededWithinDays)
    {
        var supplier = _registry.Cheapest(reedType, neededWithinDays);
        if (supplier is null)
        {
            return null;
        }

        var bundles = (int)Math.Ceiling(roofAreaSquareMetres * BundlesPerSquareMetre);
        return (supplier, bundles * supplier.PricePerBundle);
    }
}

/// <summary>Imports a supplier price list uploaded as CSV by the admin page.</summary>
public sealed class SupplierImport
{
    private readonly ReedSupplierRegistry _registry;

    public SupplierImport(ReedSupplierRegistry registry) => _registry = registry;

    public Task ImportAsync(IEnumerable<string> csvLines, CancellationToken cancellationToken)
    {
        return Parallel.ForEachAsync(csvLines, cancellationToken, (line, _) =>
        {
            var parts = line.Split(',');
            if (parts.Length == 5)
            {
                _registry.Register(new ReedSupplier(parts[0], parts[1], parts[2],
                    decimal.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture)));
            }
            return ValueTask.CompletedTask;
        });
    }
}
