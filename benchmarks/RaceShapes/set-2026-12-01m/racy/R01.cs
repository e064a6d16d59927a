namespace Hospitality.RateQuotes;

public enum RoomType { Standard, Deluxe, Suite }

public sealed record BookingRequest(string Confirmation, RoomType Type, DateOnly Arrival, int Nights, bool LoyaltyMember);

public sealed record RateQuote(string Confirmation, decimal NightlyRate, decimal Total);

/// <summary>
/// Prices the overnight batch of booking requests received from channel managers.
/// </summary>
public sealed class NightAuditRateBatch
{
    private readonly IReadOnlyDictionary<RoomType, decimal> _baseRates;
    private readonly ISet<DateOnly> _peakDates;
    private readonly List<RateQuote> _quotes = new();

    public NightAuditRateBatch(IReadOnlyDictionary<RoomType, decimal> baseRates, ISet<DateOnly> peakDates)
    {
        _baseRates = baseRates;
        _peakDates = peakDates;
    }

    public IReadOnlyList<RateQuote> PriceAll(IEnumerable<BookingRequest> requests)
    {
        Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, request =>
        {
            var nightly = NightlyRate(request);
            var total = 0m;
            for (var n = 0; n < request.Nights; n++)
            {
                var date = request.Arrival.AddDays(n);
                total += _peakDates.Contains(date) ? nightly * 1.25m : nightly;
            }

            _quotes.Add(new RateQuote(request.Confirmation, nightly, decimal.Round(total, 2)));
        });

        return _quotes.OrderBy(q => q.Confirmation, StringComparer.Ordinal).ToList();
    }

    private decimal NightlyRate(BookingRequest request)
    {
        var rate = _baseRates[request.Type];
        if (request.LoyaltyMember)
        {
            rate *= 0.9m;
        }

        if (request.Nights >= 7)
        {
            rate *= 0.85m;
        }

        return decimal.Round(rate, 2);
    }
}
