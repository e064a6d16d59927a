using System.Collections.Concurrent;

namespace Blind48.Ballet.Shoes;

public sealed record PointeFitting(string DancerId, string Maker, string Size, string Shank, int PairsPerMonth);

public interface IFittingArchive
{
    PointeFitting Load(string dancerId);
}

/// <summary>
/// Process-wide cache of pointe shoe fittings. The shoe order job, the fitting
/// calendar and the touring exporter call <see cref="Get"/> from many threads.
/// The archive is slow to answer.
/// </summary>
public sealed class PointeFittingCache
{
    private readonly IFittingArchive _archive;
    private readonly ConcurrentDictionary<string, Lazy<PointeFitting>> _fittings =
        new(StringComparer.OrdinalIgnoreCase);

    public PointeFittingCache(IFittingArchive archive) => _archive = archive;

    public PointeFitting Get(string dancerId)
    {
        var lazy = _fittings.GetOrAdd(
            dancerId,
            id => new Lazy<PointeFitting>(() => _archive.Load(id), LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not keep a failed load around; the next caller tries again.
            _fittings.TryRemove(new KeyValuePair<string, Lazy<PointeFitting>>(dancerId, lazy));
            throw;
        }
    }

    public void Invalidate(string dancerId) => _fittings.TryRemove(dancerId, out _);

    public int Loaded => _fittings.Count(kv => kv.Value.IsValueCreated);
}

/// <summary>
/// Builds the monthly pointe shoe order for the whole company.
/// </summary>
public sealed class MonthlyShoeOrder
{
    private readonly PointeFittingCache _cache;

    public MonthlyShoeOrder(PointeFittingCache cache) => _cache = cache;

    public IReadOnlyDictionary<string, int> PairsByMaker(IEnumerable<string> dancerIds)
    {
        return dancerIds
            .AsParallel()
            .Select(_cache.Get)
            .GroupBy(f => f.Maker, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.PairsPerMonth), StringComparer.OrdinalIgnoreCase);
    }
}
