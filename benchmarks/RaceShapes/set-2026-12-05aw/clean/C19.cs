namespace WeddingPlanners.Quotes;

public sealed record VendorQuote(string Vendor, string Category, decimal Amount, bool Available);

public interface IVendorClient
{
    string Name { get; }
    string Category { get; }
    Task<VendorQuote> QuoteAsync(DateOnly date, int guests, CancellationToken ct);
}

public sealed record WeddingBudget(DateOnly Date, int Guests, decimal Total, IReadOnlyList<VendorQuote> Quotes, IReadOnlyList<string> Unavailable);

/// <summary>
/// Collects quotes from the couple's shortlisted vendors in parallel and assembles a budget.
/// </summary>
public sealed class BudgetBuilder
{
    private readonly IReadOnlyList<IVendorClient> _vendors;
    private readonly TimeSpan _perVendorTimeout;

    public BudgetBuilder(IReadOnlyList<IVendorClient> vendors, TimeSpan perVendorTimeout)
    {
        _vendors = vendors;
        _perVendorTimeout = perVendorTimeout;
    }

    public async Task<WeddingBudget> BuildAsync(DateOnly date, int guests, CancellationToken ct)
    {
        var quotes = new VendorQuote?[_vendors.Count];
        var tasks = new Task[_vendors.Count];

        for (int i = 0; i < _vendors.Count; i++)
        {
            int slot = i;
            tasks[i] = Task.Run(async () =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_perVendorTimeout);
                try
                {
                    quotes[slot] = await _vendors[slot].QuoteAsync(date, guests, timeout.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    quotes[slot] = null;
                }
            }, ct);
        }

        await Task.WhenAll(tasks);

        var received = new List<VendorQuote>();
        var unavailable = new List<string>();
        for (int i = 0; i < quotes.Length; i++)
        {
            var q = quotes[i];
            if (q is { Available: true })
            {
                received.Add(q);
            }
            else
            {
                unavailable.Add(_vendors[i].Name);
            }
        }

        // Cheapest available vendor per category.
        var chosen = received.GroupBy(q => q.Category)
            .Select(g => g.OrderBy(q => q.Amount).First())
            .ToList();
        return new WeddingBudget(date, guests, chosen.Sum(q => q.Amount), chosen, unavailable);
    }
}
