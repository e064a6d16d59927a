namespace Blind8.Pricing.ExchangeRates;

public sealed record RateTable(IReadOnlyDictionary<string, decimal> PerEuro, DateTime FetchedUtc, string? ETag);

public interface IRateSource
{
    /// <summary>Returns null when the server reports the table unchanged.</summary>
    RateTable? Fetch(string? ifNoneMatch);
}

/// <summary>
/// Currency converter backed by a periodically refreshed rate table. Any
/// request that notices the table is stale tries to refresh it; if a refresh
/// is already in progress the request just uses the current table.
/// </summary>
public sealed class ExchangeRateCache
{
    private readonly object _refreshLock = new();
    private readonly IRateSource _source;
    private readonly TimeSpan _maxAge;
    private RateTable _table;

    // Guarded by _refreshLock.
    private int _failedRefreshes;
    private DateTime _lastAttemptUtc;

    public ExchangeRateCache(IRateSource source, TimeSpan maxAge)
    {
        _source = source;
        _maxAge = maxAge;
        _table = source.Fetch(null) ?? throw new InvalidOperationException("Initial rate table unavailable.");
    }

    public decimal Convert(decimal amount, string from, string to)
    {
        var table = CurrentTable();
        if (!table.PerEuro.TryGetValue(from, out var fromRate) || !table.PerEuro.TryGetValue(to, out var toRate))
        {
            throw new KeyNotFoundException($"No rate for {from} or {to}.");
        }

        return Math.Round(amount / fromRate * toRate, 4);
    }

    private RateTable CurrentTable()
    {
        var table = Volatile.Read(ref _table);
        if (DateTime.UtcNow - table.FetchedUtc < _maxAge)
        {
            return table;
        }

        if (!Monitor.TryEnter(_refreshLock))
        {
            return table; // someone else is refreshing
        }

        try
        {
            if (DateTime.UtcNow - _lastAttemptUtc < TimeSpan.FromSeconds(5 * Math.Min(_failedRefreshes, 12)))
            {
                return table; // back off after repeated failures
            }

            _lastAttemptUtc = DateTime.UtcNow;
            var current = Volatile.Read(ref _table);
            var fresh = _source.Fetch(current.ETag);
            var replacement = fresh ?? current with { FetchedUtc = DateTime.UtcNow };
            Volatile.Write(ref _table, replacement);
            _failedRefreshes = 0;
            return replacement;
        }
        catch (HttpRequestException)
        {
            _failedRefreshes++;
            return table;
        }
        finally
        {
            Monitor.Exit(_refreshLock);
        }
    }
}
