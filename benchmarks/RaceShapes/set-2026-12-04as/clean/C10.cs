using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Blind45.Perfumery.Manifests;

public sealed record ShipmentLine(string Sku, string Description, int Units, decimal UnitPrice, string HsCode);

/// <summary>Small pool of string builders, in the spirit of Microsoft.Extensions.ObjectPool.</summary>
public sealed class BuilderPool
{
    private readonly ConcurrentBag<StringBuilder> _items = new();
    private readonly int _maxRetainedCapacity;

    public BuilderPool(int maxRetainedCapacity = 16 * 1024) => _maxRetainedCapacity = maxRetainedCapacity;

    public StringBuilder Rent() => _items.TryTake(out var sb) ? sb : new StringBuilder(1024);

    public void Return(StringBuilder sb)
    {
        if (sb.Capacity > _maxRetainedCapacity)
        {
            return;
        }

        sb.Clear();
        _items.Add(sb);
    }
}

/// <summary>
/// Writes customs manifests for the perfume house's export shipments. A singleton used
/// by the shipping API and the end-of-day export job at the same time.
/// </summary>
public sealed class CustomsManifestWriter
{
    private readonly BuilderPool _pool;

    public CustomsManifestWriter(BuilderPool pool) => _pool = pool;

    public string Write(string shipmentId, string destinationCountry, IReadOnlyList<ShipmentLine> lines)
    {
        var sb = _pool.Rent();
        try
        {
            sb.Append("SHIPMENT ").Append(shipmentId).Append(" TO ").AppendLine(destinationCountry.ToUpperInvariant());
            decimal total = 0;
            foreach (var line in lines)
            {
                var value = line.Units * line.UnitPrice;
                total += value;
                sb.Append(line.HsCode).Append(';')
                  .Append(line.Sku).Append(';')
                  .Append(line.Description.Replace(';', ',')).Append(';')
                  .Append(line.Units.ToString(CultureInfo.InvariantCulture)).Append(';')
                  .AppendLine(value.ToString("0.00", CultureInfo.InvariantCulture));
            }

            sb.Append("TOTAL;").AppendLine(total.ToString("0.00", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        finally
        {
            _pool.Return(sb);
        }
    }

    public IReadOnlyList<string> WriteAll(IEnumerable<(string Id, string Country, IReadOnlyList<ShipmentLine> Lines)> shipments) =>
        shipments
            .AsParallel()
            .AsOrdered()
            .Select(s => Write(s.Id, s.Country, s.Lines))
            .ToList();
}
