namespace Blind40.TeaPlantations.Grading;

public sealed record GradePrice(string Grade, decimal PricePerKg, DateOnly Auction);

public interface IAuctionPriceSource
{
    GradePrice Fetch(string grade);
}

/// <summary>
/// Caches auction prices per leaf grade (FTGFOP, BOP, Fannings...) for the
/// estate's weighing sheds. Registered as a singleton; the sheds look prices
/// up constantly, while misses and the daily auction update are rare.
/// </summary>
public sealed class GradePriceCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, GradePrice> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly IAuctionPriceSource _source;

    public GradePriceCache(IAuctionPriceSource source) => _source = source;

    public GradePrice Get(string grade)
    {
        _lock.EnterReadLock();
        try
        {
            if (_prices.TryGetValue(grade, out var cached))
            {
                return cached;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_prices.TryGetValue(grade, out var cached))
            {
                return cached;
            }

            var fetched = _source.Fetch(grade);
            _lock.EnterWriteLock();
            try
            {
                _prices[grade] = fetched;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return fetched;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    /// <summary>Replaces all prices after the weekly auction closes.</summary>
    public void ApplyAuctionResults(IEnumerable<GradePrice> results)
    {
        var fresh = results.ToList();
        _lock.EnterWriteLock();
        try
        {
            _prices.Clear();
            foreach (var price in fresh)
            {
                _prices[price.Grade] = price;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<GradePrice> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return _prices.Values.OrderBy(p => p.Grade, StringComparer.OrdinalIgnoreCase).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class WeighingShed
{
    private readonly GradePriceCache _prices;

    public WeighingShed(GradePriceCache prices) => _prices = prices;

    public decimal Value(string grade, double kilograms) =>
        _prices.Get(grade).PricePerKg * (decimal)kilograms;
}
