namespace Pricing.Currency;

public interface IRateFeed
{
    Task<IReadOnlyDictionary<string, decimal>> FetchUsdRatesAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Converts prices between currencies using rates fetched from the feed at
/// most once every ten minutes. Registered as a singleton.
/// </summary>
public sealed class CurrencyConverter : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(10);

    private readonly IRateFeed _feed;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private Dictionary<string, decimal> _usdRates = new(StringComparer.OrdinalIgnoreCase);
    private DateTime _fetchedUtc = DateTime.MinValue;
    private int _refreshCount;

    public CurrencyConverter(IRateFeed feed)
    {
        _feed = feed;
    }

    public async Task<decimal> ConvertAsync(decimal amount, string from, string to, CancellationToken cancellationToken)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (DateTime.UtcNow - _fetchedUtc > RefreshInterval)
            {
                var fresh = await _feed.FetchUsdRatesAsync(cancellationToken).ConfigureAwait(false);
                _usdRates = new Dictionary<string, decimal>(fresh, StringComparer.OrdinalIgnoreCase) { ["USD"] = 1m };
                _fetchedUtc = DateTime.UtcNow;
                _refreshCount++;
            }

            if (!_usdRates.TryGetValue(from, out var fromRate) || !_usdRates.TryGetValue(to, out var toRate))
            {
                throw new KeyNotFoundException($"No rate for {from} or {to}.");
            }

            return Math.Round(amount / fromRate * toRate, 2, MidpointRounding.ToEven);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<(DateTime FetchedUtc, int Refreshes)> GetStatusAsync()
    {
        await _mutex.WaitAsync().ConfigureAwait(false);
        try
        {
            return (_fetchedUtc, _refreshCount);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public void Dispose() => _mutex.Dispose();
}
