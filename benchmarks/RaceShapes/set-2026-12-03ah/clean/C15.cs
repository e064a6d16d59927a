namespace Blind34.Fencing.Ratings;

public sealed record FencerRating(string Licence, string Name, int Points, string Weapon);

/// <summary>
/// Read-mostly cache of fencer ratings used by the pool seeding service. Many
/// seeding requests read at once; the nightly import replaces entries.
/// </summary>
public sealed class RatingCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Slot
    {
        public Slot(FencerRating rating) => Rating = rating;

        public FencerRating Rating { get; }
        public int Lookups;
    }

    public FencerRating? Lookup(string licence)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slots.TryGetValue(licence, out var slot))
            {
                return null;
            }

            Interlocked.Increment(ref slot.Lookups);
            return slot.Rating;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Import(IEnumerable<FencerRating> ratings)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var rating in ratings)
            {
                _slots[rating.Licence] = new Slot(rating);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<(string Licence, int Lookups)> MostLookedUp(int top)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots
                .Select(kv => (kv.Key, Volatile.Read(ref kv.Value.Lookups)))
                .OrderByDescending(x => x.Item2)
                .Take(top)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class PoolSeeder
{
    private readonly RatingCache _cache;

    public PoolSeeder(RatingCache cache) => _cache = cache;

    public IReadOnlyList<string> Seed(IEnumerable<string> licences) =>
        licences
            .AsParallel()
            .Select(l => _cache.Lookup(l))
            .Where(r => r != null)
            .OrderByDescending(r => r!.Points)
            .Select(r => r!.Name)
            .ToList();
}
