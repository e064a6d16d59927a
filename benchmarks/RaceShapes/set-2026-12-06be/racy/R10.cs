namespace Blind57.MushroomCoop.Sightings;

/// <summary>
/// Bloom filter of (species, grid square) pairs already reported by co-op members this season,
/// used to skip duplicate sighting uploads. One filter is shared by all upload handlers.
/// </summary>
public sealed class SightingFilter
{
    private readonly long[] _words;
    private readonly int _bitCount;
    private readonly int _hashCount;

    public SightingFilter(int bitCount, int hashCount)
    {
        _bitCount = bitCount;
        _hashCount = hashCount;
        _words = new long[(bitCount + 63) / 64];
    }

    public void Add(string species, string gridSquare)
    {
        var (h1, h2) = Hash(species, gridSquare);
        for (int i = 0; i < _hashCount; i++)
        {
            int bit = (int)((h1 + (uint)i * h2) % (uint)_bitCount);
            _words[bit >> 6] |= 1L << (bit & 63);
        }
    }

    public bool MightContain(string species, string gridSquare)
    {
        var (h1, h2) = Hash(species, gridSquare);
        for (int i = 0; i < _hashCount; i++)
        {
            int bit = (int)((h1 + (uint)i * h2) % (uint)_bitCount);
            if ((_words[bit >> 6] & (1L << (bit & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }

    // FNV-1a over the normalised key, split into two halves for double hashing.
    private static (uint H1, uint H2) Hash(string species, string gridSquare)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in species.ToLowerInvariant())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        hash = (hash ^ '|') * 1099511628211UL;
        foreach (char c in gridSquare.ToUpperInvariant())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return ((uint)hash, (uint)(hash >> 32) | 1u);
    }
}

public sealed record SightingUpload(string MemberId, string Species, string GridSquare, DateTime SeenAt);

/// <summary>Handles sighting uploads from the foraging app; invoked concurrently per request.</summary>
public sealed class SightingUploadHandler
{
    private readonly SightingFilter _seen;
    private readonly Func<SightingUpload, CancellationToken, Task> _store;

    public SightingUploadHandler(SightingFilter seen, Func<SightingUpload, CancellationToken, Task> store)
    {
        _seen = seen;
        _store = store;
    }

    public async Task<bool> HandleAsync(SightingUpload upload, CancellationToken ct)
    {
        if (_seen.MightContain(upload.Species, upload.GridSquare))
        {
            return false;
        }

        await _store(upload, ct);
        _seen.Add(upload.Species, upload.GridSquare);
        return true;
    }

    /// <summary>Re-seeds the filter at start-up from last season's export.</summary>
    public Task SeedAsync(IReadOnlyList<SightingUpload> history, CancellationToken ct) =>
        Parallel.ForEachAsync(history, ct, (s, _) =>
        {
            _seen.Add(s.Species, s.GridSquare);
            return ValueTask.CompletedTask;
        });
}
