using System.Text;

namespace Blind48.Philately.Auctions;

public sealed record StampLot(int LotNumber, string Country, string Catalogue, decimal ReservePrice);

/// <summary>
/// Lots for the club's monthly postal auction. Registered as a singleton:
/// consignors add lots through the web form while the catalogue renderer and
/// the live-bidding page read them.
/// </summary>
public sealed class AuctionLotRegistry
{
    private readonly object _sync = new();
    private readonly List<StampLot> _lots = new();
    private int _nextLotNumber = 1;

    public StampLot Consign(string country, string catalogue, decimal reservePrice)
    {
        lock (_sync)
        {
            var lot = new StampLot(_nextLotNumber++, country, catalogue, reservePrice);
            _lots.Add(lot);
            return lot;
        }
    }

    /// <summary>All lots consigned so far, in lot-number order.</summary>
    public IReadOnlyList<StampLot> Lots
    {
        get
        {
            lock (_sync)
            {
                return _lots.AsReadOnly();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _lots.Count;
            }
        }
    }
}

/// <summary>
/// Builds the printable catalogue section for one country. Called from the
/// catalogue download endpoint.
/// </summary>
public sealed class CatalogueRenderer
{
    private readonly AuctionLotRegistry _registry;

    public CatalogueRenderer(AuctionLotRegistry registry) => _registry = registry;

    public string RenderSection(string country)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"== {country} ==");

        var total = 0m;
        foreach (var lot in _registry.Lots)
        {
            if (!string.Equals(lot.Country, country, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            sb.AppendLine($"Lot {lot.LotNumber,4}  {lot.Catalogue,-20} reserve {lot.ReservePrice,8:C}");
            total += lot.ReservePrice;
        }

        sb.AppendLine($"Total reserve: {total:C}");
        return sb.ToString();
    }
}
