namespace FerryTimetables.Fares;

public sealed record FareBand(string Route, decimal AdultFoot, decimal Car, decimal Motorcycle);

public enum TicketType
{
    AdultFoot,
    Car,
    Motorcycle,
}

/// <summary>
/// Fare lookups for the booking site and the ticket office terminals, which call it from
/// many threads. The fare table is loaded once, the first time a fare is quoted.
/// </summary>
public static class FareTable
{
    private static readonly Lazy<IReadOnlyDictionary<string, FareBand>> s_bands =
        new(LoadBands, LazyThreadSafetyMode.ExecutionAndPublication);

    public static decimal Quote(string route, TicketType ticket, int quantity)
    {
        if (!s_bands.Value.TryGetValue(route, out var band))
        {
            throw new KeyNotFoundException($"No fares published for route {route}.");
        }

        var unit = ticket switch
        {
            TicketType.AdultFoot => band.AdultFoot,
            TicketType.Car => band.Car,
            TicketType.Motorcycle => band.Motorcycle,
            _ => throw new ArgumentOutOfRangeException(nameof(ticket)),
        };
        return unit * quantity;
    }

    public static IEnumerable<string> Routes => s_bands.Value.Keys;

    private static IReadOnlyDictionary<string, FareBand> LoadBands()
    {
        var bands = new Dictionary<string, FareBand>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in FareFile())
        {
            var parts = line.Split(',');
            var band = new FareBand(parts[0], decimal.Parse(parts[1]), decimal.Parse(parts[2]), decimal.Parse(parts[3]));
            bands[band.Route] = band;
        }
        return bands;
    }

    private static IEnumerable<string> FareFile()
    {
        yield return "ARD-BRO,4.20,19.80,9.90";
        yield return "BRO-ARD,4.20,19.80,9.90";
        yield return "OBN-CRN,3.60,14.15,7.05";
        yield return "CRN-OBN,3.60,14.15,7.05";
    }
}

public sealed class TicketOfficeTerminal
{
    public Task<decimal> QuoteBasketAsync(IEnumerable<(string Route, TicketType Ticket, int Qty)> basket) =>
        Task.Run(() => basket.Sum(b => FareTable.Quote(b.Route, b.Ticket, b.Qty)));
}
