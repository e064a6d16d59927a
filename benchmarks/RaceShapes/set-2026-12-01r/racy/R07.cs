namespace Typewriter.Repair.Tickets;

public sealed record PartInfo(string PartNumber, string Description, string Manufacturer, decimal Price);

public interface IPartsCatalogSource
{
    IEnumerable<PartInfo> ReadAll();
}

/// <summary>
/// Looks up replacement parts (platens, ribbon vibrators, typebars) while technicians
/// fill out repair tickets. Registered once per process and used by every request.
/// </summary>
public sealed class PartsLookup
{
    private readonly IPartsCatalogSource _source;
    private Dictionary<string, PartInfo>? _byNumber;

    public PartsLookup(IPartsCatalogSource source) => _source = source;

    public PartInfo? Find(string partNumber)
    {
        var index = _byNumber ?? BuildIndex();
        return index.TryGetValue(partNumber, out var part) ? part : null;
    }

    public decimal PriceTicket(IEnumerable<string> partNumbers)
    {
        decimal total = 0;
        foreach (var number in partNumbers)
        {
            total += Find(number)?.Price ?? 0m;
        }
        return total;
    }

    private Dictionary<string, PartInfo> BuildIndex()
    {
        var index = new Dictionary<string, PartInfo>(StringComparer.OrdinalIgnoreCase);
        _byNumber = index;
        foreach (var part in _source.ReadAll())
        {
            index[part.PartNumber] = part;
        }
        return index;
    }
}

public sealed record RepairTicket(int Id, string Model, IReadOnlyList<string> Parts);

/// <summary>
/// Prices the morning's intake of tickets in parallel before the shop opens.
/// </summary>
public sealed class MorningIntake
{
    private readonly PartsLookup _lookup;

    public MorningIntake(PartsLookup lookup) => _lookup = lookup;

    public async Task<IReadOnlyDictionary<int, decimal>> QuoteAsync(IReadOnlyList<RepairTicket> tickets)
    {
        var quotes = await Task.WhenAll(tickets.Select(t => Task.Run(() => (t.Id, Total: _lookup.PriceTicket(t.Parts)))));
        return quotes.ToDictionary(q => q.Id, q => q.Total);
    }
}
