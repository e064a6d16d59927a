namespace Blind37.DryStoneWalling.Quarries;

public sealed record StonePrice(string Quarry, string StoneType, decimal PerTonne);

public sealed record PriceList(IReadOnlyDictionary<(string Quarry, string StoneType), StonePrice> Prices, DateTime FetchedUtc);

/// <summary>
/// Current quarry prices for walling stone, refreshed from the quarries' price feed when
/// the copy is more than an hour old. Quoting requests arrive concurrently; only one of
/// them fetches a new list, the others wait for it and share the result.
/// </summary>
public sealed class QuarryPriceBook : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly Func<CancellationToken, Task<IReadOnlyList<StonePrice>>> _fetch;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile PriceList? _current;

    public QuarryPriceBook(Func<CancellationToken, Task<IReadOnlyList<StonePrice>>> fetch) => _fetch = fetch;

    public async ValueTask<PriceList> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && DateTime.UtcNow - current.FetchedUtc < MaxAge)
        {
            return current;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && DateTime.UtcNow - current.FetchedUtc < MaxAge)
            {
                return current;
            }

            var prices = await _fetch(cancellationToken).ConfigureAwait(false);
            var fresh = new PriceList(
                prices.ToDictionary(p => (p.Quarry, p.StoneType)),
                DateTime.UtcNow);
            _current = fresh;
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void Dispose() => _refreshLock.Dispose();
}

/// <summary>Quotes the stone for a length of new or rebuilt wall.</summary>
public sealed class WallQuoteService
{
    private const double TonnesPerMetre = 1.0;
    private readonly QuarryPriceBook _prices;

    public WallQuoteService(QuarryPriceBook prices) => _prices = prices;

    public async Task<(string Quarry, decimal Cost)?> CheapestAsync(string stoneType, double metres, CancellationToken cancellationToken)
    {
        var list = await _prices.GetAsync(cancellationToken).ConfigureAwait(false);
        var best = list.Prices.Values
            .Where(p => p.StoneType == stoneType)
            .OrderBy(p => p.PerTonne)
            .FirstOrDefault();

        return best is null ? null : (best.Quarry, best.PerTonne * (decimal)(metres * TonnesPerMetre));
    }

    public async Task<IReadOnlyList<(string Job, decimal? Cost)>> QuoteJobsAsync(
        IEnumerable<(string Job, string StoneType, double Metres)> jobs, CancellationToken cancellationToken)
    {
        var quotes = await Task.WhenAll(jobs.Select(async j =>
            (j.Job, (await CheapestAsync(j.StoneType, j.Metres, cancellationToken).ConfigureAwait(false))?.Cost)))
            .ConfigureAwait(false);
        return quotes;
    }
}
