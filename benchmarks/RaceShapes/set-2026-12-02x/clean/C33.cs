namespace Blind24.FoundryPatterns;

public sealed record PatternRecord(string PatternId, string BellNote, double DiameterMm, int CastingsMade);

/// <summary>
/// Cache of bell moulding patterns keyed by pattern id. Used as a singleton by the
/// pattern shop's API. To keep contention low the cache is split into stripes,
/// each with its own lock and dictionary; a key always maps to the same stripe.
/// </summary>
public sealed class PatternCache
{
    private readonly Stripe[] _stripes;

    public PatternCache(int stripeCount = 16)
    {
        _stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    private Stripe For(string patternId)
    {
        int hash = StringComparer.Ordinal.GetHashCode(patternId) & int.MaxValue;
        return _stripes[hash % _stripes.Length];
    }

    public PatternRecord GetOrLoad(string patternId, Func<string, PatternRecord> load)
    {
        var stripe = For(patternId);
        lock (stripe.Gate)
        {
            if (!stripe.Items.TryGetValue(patternId, out var record))
            {
                record = load(patternId);
                stripe.Items[patternId] = record;
            }

            return record;
        }
    }

    public PatternRecord? RecordCasting(string patternId)
    {
        var stripe = For(patternId);
        lock (stripe.Gate)
        {
            if (!stripe.Items.TryGetValue(patternId, out var record))
            {
                return null;
            }

            var updated = record with { CastingsMade = record.CastingsMade + 1 };
            stripe.Items[patternId] = updated;
            return updated;
        }
    }

    public int Count
    {
        get
        {
            int total = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe.Gate)
                {
                    total += stripe.Items.Count;
                }
            }

            return total;
        }
    }

    private sealed class Stripe
    {
        public object Gate { get; } = new();
        public Dictionary<string, PatternRecord> Items { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>API handler that logs a casting against its pattern.</summary>
public sealed class CastingLogHandler
{
    private readonly PatternCache _cache;
    private readonly Func<string, PatternRecord> _loadFromDisk;

    public CastingLogHandler(PatternCache cache, Func<string, PatternRecord> loadFromDisk)
    {
        _cache = cache;
        _loadFromDisk = loadFromDisk;
    }

    public Task<PatternRecord?> HandleAsync(string patternId) => Task.Run(() =>
    {
        _cache.GetOrLoad(patternId, _loadFromDisk);
        return _cache.RecordCasting(patternId);
    });
}
