namespace Blind57.MushroomCoop.Dedup;

/// <summary>
/// Bloom filter of foraging-ground reports already received by the co-op this season.
/// Shared by all upload handlers; bits are only ever set, never cleared.
/// </summary>
public sealed class ForageReportFilter
{
    private readonly long[] _words;
    private readonly int _bitCount;
    private readonly int _hashCount;
    private long _added;

    public ForageReportFilter(int bitCount, int hashCount)
    {
        _bitCount = bitCount;
        _hashCount = hashCount;
        _words = new long[(bitCount + 63) / 64];
    }

    public long ApproximateCount => Interlocked.Read(ref _added);

    public void Add(string reportKey)
    {
        var (h1, h2) = Hash(reportKey);
        for (int i = 0; i < _hashCount; i++)
        {
            int bit = (int)((h1 + (uint)i * h2) % (uint)_bitCount);
            Interlocked.Or(ref _words[bit >> 6], 1L << (bit & 63));
        }
        Interlocked.Increment(ref _added);
    }

    public bool MightContain(string reportKey)
    {
        var (h1, h2) = Hash(reportKey);
        for (int i = 0; i < _hashCount; i++)
        {
            int bit = (int)((h1 + (uint)i * h2) % (uint)_bitCount);
            if ((Volatile.Read(ref _words[bit >> 6]) & (1L << (bit & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Fraction of bits set, used to decide when to start next season's filter.</summary>
    public double FillRatio()
    {
        long set = 0;
        for (int i = 0; i < _words.Length; i++)
        {
            set += long.PopCount(Volatile.Read(ref _words[i]));
        }
        return (double)set / _bitCount;
    }

    private static (uint, uint) Hash(string key)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in key)
        {
            hash = (hash ^ char.ToUpperInvariant(c)) * 1099511628211UL;
        }
        return ((uint)hash, (uint)(hash >> 32) | 1u);
    }
}

/// <summary>Receives forage reports from members' phones.</summary>
public sealed class ForageReportEndpoint
{
    private readonly ForageReportFilter _filter;
    private readonly Func<string, CancellationToken, Task> _save;

    public ForageReportEndpoint(ForageReportFilter filter, Func<string, CancellationToken, Task> save)
    {
        _filter = filter;
        _save = save;
    }

    public async Task<bool> SubmitAsync(string member, string species, string wood, CancellationToken ct)
    {
        var key = $"{member}|{species}|{wood}";
        if (_filter.MightContain(key)) return false;
        await _save(key, ct);
        _filter.Add(key);
        return true;
    }
}
