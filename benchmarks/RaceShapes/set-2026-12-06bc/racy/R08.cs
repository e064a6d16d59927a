namespace Blind55.Racy.R08;

public sealed record SignOrder(string OrderId, string Font, int Letters, bool GoldLeaf, double HeightCm);

public sealed record SignQuote(string OrderId, decimal Amount, bool UsedDefaultRate);

/// <summary>Prices a batch of lettering jobs for the sign painting workshop's weekly quote run.</summary>
public sealed class LetteringQuoteBatch
{
    private const decimal DefaultRatePerLetter = 4.50m;
    private readonly IReadOnlyDictionary<string, decimal> _ratePerLetter;
    private readonly Action<string> _log;

    public LetteringQuoteBatch(IReadOnlyDictionary<string, decimal> ratePerLetter, Action<string> log)
    {
        _ratePerLetter = ratePerLetter;
        _log = log;
    }

    public IReadOnlyList<SignQuote> PriceAll(IEnumerable<SignOrder> orders, CancellationToken ct)
    {
        var unknownFonts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var quotes = orders
            .AsParallel()
            .WithCancellation(ct)
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(order =>
            {
                bool fallback = false;
                if (!_ratePerLetter.TryGetValue(order.Font, out var rate))
                {
                    unknownFonts.Add(order.Font);
                    rate = DefaultRatePerLetter;
                    fallback = true;
                }

                return new SignQuote(order.OrderId, Price(order, rate), fallback);
            })
            .OrderBy(q => q.OrderId, StringComparer.Ordinal)
            .ToList();

        foreach (var font in unknownFonts)
        {
            _log($"No rate card entry for font '{font}', default rate used.");
        }

        return quotes;
    }

    private static decimal Price(SignOrder order, decimal rate)
    {
        var amount = order.Letters * rate;

        // Tall letters take proportionally longer to paint.
        if (order.HeightCm > 30)
        {
            amount *= (decimal)(order.HeightCm / 30.0);
        }

        if (order.GoldLeaf)
        {
            amount += order.Letters * 6m;
        }

        return decimal.Round(amount, 2);
    }
}
