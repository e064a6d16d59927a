using System.Collections.Concurrent;

namespace Community.HallBookings.Pricing;

public sealed record HallRateCard(string HallName, DayOfWeek Day, decimal HourlyRate, decimal Deposit, decimal CleaningFee);

public enum OrganiserType
{
    Parishioner,
    Charity,
    Commercial,
}

/// <summary>
/// Quotes hire prices for the church and community halls. Registered as a singleton
/// and used by the online booking form, so many requests call <see cref="Quote"/> at once.
/// Rate cards are derived purely from the tariff and cached once computed.
/// </summary>
public sealed class HallPriceQuoter
{
    private static readonly IReadOnlyDictionary<string, decimal> BaseRates = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["Main Hall"] = 28m,
        ["Lady Chapel"] = 15m,
        ["Garden Room"] = 18m,
    };

    private readonly ConcurrentDictionary<(string Hall, DayOfWeek Day), HallRateCard> _rateCards = new();

    public decimal Quote(string hallName, DateTime start, TimeSpan duration, OrganiserType organiser)
    {
        var card = _rateCards.GetOrAdd((hallName, start.DayOfWeek), key => BuildRateCard(key.Hall, key.Day));

        var hours = (decimal)Math.Ceiling(duration.TotalHours * 2) / 2;
        var discount = organiser switch
        {
            OrganiserType.Parishioner => 0.5m,
            OrganiserType.Charity => 0.7m,
            _ => 1.0m,
        };

        return Math.Round(card.HourlyRate * hours * discount + card.CleaningFee, 2);
    }

    public decimal DepositFor(string hallName, DateTime start) =>
        _rateCards.GetOrAdd((hallName, start.DayOfWeek), key => BuildRateCard(key.Hall, key.Day)).Deposit;

    private static HallRateCard BuildRateCard(string hallName, DayOfWeek day)
    {
        if (!BaseRates.TryGetValue(hallName, out var baseRate))
        {
            throw new ArgumentException($"Unknown hall '{hallName}'.", nameof(hallName));
        }

        var weekend = day is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var hourly = weekend ? baseRate * 1.5m : baseRate;
        var deposit = weekend ? 150m : 75m;
        var cleaning = hallName.Equals("Main Hall", StringComparison.OrdinalIgnoreCase) ? 40m : 20m;
        return new HallRateCard(hallName, day, hourly, deposit, cleaning);
    }
}
