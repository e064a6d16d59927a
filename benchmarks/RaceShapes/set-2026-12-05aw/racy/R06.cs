namespace TaxiDispatch.Fares;

public readonly record struct RouteKey(string PickupZone, string DropoffZone, bool Accessible);

public sealed record FareQuote(RouteKey Route, decimal Amount, DateTime ValidUntilUtc);

public interface IPricingEngine
{
    Task<FareQuote> QuoteAsync(RouteKey route, CancellationToken ct);
}

/// <summary>
/// Fetches fare quotes from the pricing engine. When several booking requests ask for the
/// same route at once, they share a single upstream call. Registered as a singleton and
/// used by every booking request.
/// </summary>
public sealed class FareQuoteCoalescer
{
    private readonly object _gate = new();
    private readonly Dictionary<RouteKey, TaskCompletionSource<FareQuote>> _inflight = new();
    private readonly IPricingEngine _engine;
    private long _upstreamCalls;

    public FareQuoteCoalescer(IPricingEngine engine)
    {
        _engine = engine;
    }

    public long UpstreamCalls => Interlocked.Read(ref _upstreamCalls);

    public async Task<FareQuote> GetQuoteAsync(RouteKey route, CancellationToken ct)
    {
        TaskCompletionSource<FareQuote>? pending;
        bool owner = false;
        lock (_gate)
        {
            if (!_inflight.TryGetValue(route, out pending))
            {
                pending = new TaskCompletionSource<FareQuote>(TaskCreationOptions.RunContinuationsAsynchronously);
                _inflight.Add(route, pending);
                owner = true;
            }
        }

        if (owner)
        {
            _ = FetchAndCompleteAsync(route, pending);
        }

        return await pending.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task FetchAndCompleteAsync(RouteKey route, TaskCompletionSource<FareQuote> pending)
    {
        Interlocked.Increment(ref _upstreamCalls);
        try
        {
            var quote = await _engine.QuoteAsync(route, CancellationToken.None).ConfigureAwait(false);
            pending.TrySetResult(quote);
        }
        catch (Exception ex)
        {
            pending.TrySetException(ex);
        }
        finally
        {
            _inflight.Remove(route);
        }
    }

    public int InflightCount
    {
        get
        {
            lock (_gate)
            {
                return _inflight.Count;
            }
        }
    }
}

/// <summary>Books a ride after quoting the fare to the passenger app.</summary>
public sealed class RideBookingHandler
{
    private readonly FareQuoteCoalescer _quotes;

    public RideBookingHandler(FareQuoteCoalescer quotes)
    {
        _quotes = quotes;
    }

    public async Task<string> HandleAsync(string pickup, string dropoff, bool accessible, CancellationToken ct)
    {
        var quote = await _quotes.GetQuoteAsync(new RouteKey(pickup, dropoff, accessible), ct);
        return $"Fare {quote.Amount:C} valid until {quote.ValidUntilUtc:HH:mm}";
    }
}
