namespace Blind45.TypewriterRepair.Parts;

public sealed record PartQuote(string Supplier, string PartNumber, decimal Price, int LeadTimeDays);

public interface IPartsSupplier
{
    string Name { get; }
    Task<PartQuote?> QuoteAsync(string partNumber, CancellationToken ct);
}

/// <summary>
/// Asks every known supplier for a quote on a typewriter part (platens, ribbon vibrators,
/// typebars) and returns whatever arrived within the counter clerk's time budget.
/// </summary>
public sealed class PartQuoteAggregator
{
    private readonly IReadOnlyList<IPartsSupplier> _suppliers;
    private readonly Action<string> _log;

    public PartQuoteAggregator(IReadOnlyList<IPartsSupplier> suppliers, Action<string> log)
    {
        _suppliers = suppliers;
        _log = log;
    }

    public async Task<IReadOnlyList<PartQuote>> GetQuotesAsync(string partNumber, TimeSpan budget, CancellationToken ct)
    {
        var quotes = new List<PartQuote>();
        var sync = new object();

        async Task AskAsync(IPartsSupplier supplier)
        {
            try
            {
                var quote = await supplier.QuoteAsync(partNumber, ct).ConfigureAwait(false);
                if (quote is not null)
                {
                    lock (sync)
                    {
                        quotes.Add(quote);
                    }
                }
            }
            catch (HttpRequestException ex)
            {
                _log($"{supplier.Name} unavailable: {ex.Message}");
            }
        }

        var all = Task.WhenAll(_suppliers.Select(AskAsync));
        var winner = await Task.WhenAny(all, Task.Delay(budget, ct)).ConfigureAwait(false);
        if (winner != all)
        {
            _log($"Quote budget of {budget.TotalSeconds:F0}s exceeded for {partNumber}; returning partial results.");
        }

        quotes.Sort((a, b) =>
        {
            var byPrice = a.Price.CompareTo(b.Price);
            return byPrice != 0 ? byPrice : a.LeadTimeDays.CompareTo(b.LeadTimeDays);
        });
        return quotes;
    }
}

/// <summary>Counter-side helper used by the shop's point-of-sale screen.</summary>
public sealed class RepairTicketPricer
{
    private readonly PartQuoteAggregator _aggregator;

    public RepairTicketPricer(PartQuoteAggregator aggregator) => _aggregator = aggregator;

    public async Task<decimal> EstimateAsync(IEnumerable<string> partNumbers, decimal labour, CancellationToken ct)
    {
        decimal total = labour;
        foreach (var part in partNumbers)
        {
            var quotes = await _aggregator.GetQuotesAsync(part, TimeSpan.FromSeconds(4), ct);
            total += quotes.Count > 0 ? quotes[0].Price : 0m;
        }

        return total;
    }
}
