namespace PawnCounter.Appraisals;

public sealed record ItemDescriptor(string Category, string Brand, string Model, int ConditionGrade);

public sealed record Appraisal(ItemDescriptor Item, decimal LoanOffer, decimal ResaleEstimate);

public interface IMarketPriceSource
{
    /// <summary>Median sold price over the last 90 days from the auction feeds.</summary>
    decimal GetMedianSoldPrice(string category, string brand, string model);
}

/// <summary>
/// Appraises a whole intake lot (estate clear-outs, storage unit buyouts) in one pass.
/// Median prices are cached per model for the lifetime of the appraiser.
/// </summary>
public sealed class BatchAppraiser
{
    private const decimal LoanToValue = 0.35m;
    private readonly IMarketPriceSource _prices;
    private readonly Dictionary<string, decimal> _medianCache = new(StringComparer.OrdinalIgnoreCase);

    public BatchAppraiser(IMarketPriceSource prices)
    {
        _prices = prices;
    }

    public IReadOnlyList<Appraisal> AppraiseLot(IReadOnlyList<ItemDescriptor> items)
    {
        var results = new Appraisal[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };

        Parallel.For(0, items.Count, options, i =>
        {
            var item = items[i];
            decimal median = GetMedian(item);
            results[i] = Price(item, median);
        });

        return results;
    }

    private decimal GetMedian(ItemDescriptor item)
    {
        string key = $"{item.Category}|{item.Brand}|{item.Model}";
        if (_medianCache.TryGetValue(key, out var median))
            return median;

        median = _prices.GetMedianSoldPrice(item.Category, item.Brand, item.Model);
        _medianCache[key] = median;
        return median;
    }

    private static Appraisal Price(ItemDescriptor item, decimal median)
    {
        // Condition grade 1 (parts only) .. 5 (like new).
        decimal conditionFactor = item.ConditionGrade switch
        {
            >= 5 => 1.00m,
            4 => 0.85m,
            3 => 0.65m,
            2 => 0.40m,
            _ => 0.15m,
        };

        decimal resale = Math.Round(median * conditionFactor, 2);
        decimal loan = Math.Round(resale * LoanToValue, 0, MidpointRounding.ToZero);
        return new Appraisal(item, loan, resale);
    }
}
