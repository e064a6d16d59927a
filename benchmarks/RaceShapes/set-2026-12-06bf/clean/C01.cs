using System.Collections.Concurrent;

namespace Blind58.FunicularFares;

public sealed record FareQuote(string Route, decimal Adult, decimal Child, DateTimeOffset QuotedAt);

public interface IFareEngine
{
    Task<FareQuote> QuoteAsync(string route, CancellationToken cancellationToken);
}

/// <summary>
/// Collapses simultaneous fare lookups for the same funicular route into a single call to
/// the fare engine. Registered as a singleton and used by the ticket machines' API.
/// </summary>
public sealed class FareQuoteCoalescer
{
    private readonly IFareEngine _engine;
    private readonly ConcurrentDictionary<string, Lazy<Task<FareQuote>>> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private long _engineCalls;
    private long _joinedCalls;

    public FareQuoteCoalescer(IFareEngine engine)
    {
        _engine = engine;
    }

    public long EngineCalls => Interlocked.Read(ref _engineCalls);
    public long JoinedCalls => Interlocked.Read(ref _joinedCalls);

    public Task<FareQuote> GetQuoteAsync(string route)
    {
        var created = new Lazy<Task<FareQuote>>(() => CallEngineAsync(route), LazyThreadSafetyMode.ExecutionAndPublication);
        var lazy = _inFlight.GetOrAdd(route, created);
        if (!ReferenceEquals(lazy, created))
        {
            Interlocked.Increment(ref _joinedCalls);
        }

        return AwaitAndEvictAsync(route, lazy);
    }

    private async Task<FareQuote> CallEngineAsync(string route)
    {
        Interlocked.Increment(ref _engineCalls);
        return await _engine.QuoteAsync(route, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<FareQuote> AwaitAndEvictAsync(string route, Lazy<Task<FareQuote>> lazy)
    {
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        finally
        {
            // Only removes the entry if it is still the one this caller joined.
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<FareQuote>>>(route, lazy));
        }
    }
}

/// <summary>Ticket machine endpoint logic.</summary>
public sealed class TicketMachineService
{
    private readonly FareQuoteCoalescer _fares;

    public TicketMachineService(FareQuoteCoalescer fares) => _fares = fares;

    public async Task<decimal> PriceAsync(string route, int adults, int children)
    {
        var quote = await _fares.GetQuoteAsync(route).ConfigureAwait(false);
        return quote.Adult * adults + quote.Child * children;
    }

    public Task<FareQuote[]> PriceBoardAsync(IEnumerable<string> routes) =>
        Task.WhenAll(routes.Select(_fares.GetQuoteAsync));
}
