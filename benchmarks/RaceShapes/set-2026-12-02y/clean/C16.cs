namespace YurtCamp.Pricing;

public sealed record NightlyRate(string Yurt, DateOnly Night, decimal Price);

/// <summary>
/// Nightly price list for the camp. The revenue manager's screen and the seasonal
/// import can change prices; the booking website reads quotes on many request
/// threads at once.
/// </summary>
public sealed class RateCard
{
    private readonly object _writeGate = new();
    private volatile IReadOnlyDictionary<(string, DateOnly), decimal> _rates =
        new Dictionary<(string, DateOnly), decimal>();

    public void Import(IEnumerable<NightlyRate> season)
    {
        var fresh = new Dictionary<(string, DateOnly), decimal>();
        foreach (var r in season)
        {
            fresh[(r.Yurt, r.Night)] = r.Price;
        }

        lock (_writeGate)
        {
            _rates = fresh;
        }
    }

    public void Override(NightlyRate rate)
    {
        lock (_writeGate)
        {
            var copy = new Dictionary<(string, DateOnly), decimal>(_rates.Count + 1);
            foreach (var kv in _rates)
            {
                copy[kv.Key] = kv.Value;
            }
            copy[(rate.Yurt, rate.Night)] = rate.Price;
            _rates = copy;
        }
    }

    public decimal? Quote(string yurt, DateOnly arrive, DateOnly depart)
    {
        var rates = _rates;
        decimal total = 0;
        for (var night = arrive; night < depart; night = night.AddDays(1))
        {
            if (!rates.TryGetValue((yurt, night), out var price))
            {
                return null;
            }
            total += price;
        }
        return total;
    }

    public int Count => _rates.Count;
}

public sealed class RevenueManagerScreen
{
    private readonly RateCard _card;

    public RevenueManagerScreen(RateCard card) => _card = card;

    public void ApplyWeekendUplift(string yurt, DateOnly from, DateOnly to, decimal basePrice)
    {
        for (var d = from; d < to; d = d.AddDays(1))
        {
            var price = d.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? basePrice * 1.25m : basePrice;
            _card.Override(new NightlyRate(yurt, d, price));
        }
    }
}
