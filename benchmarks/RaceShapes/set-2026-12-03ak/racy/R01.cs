namespace Blind37.BellFoundry.Moulds;

/// <summary>
/// A parsed loam-mould profile for one bell pattern (diameter, sound-bow thickness and so on).
/// </summary>
public sealed record MouldProfile(string Pattern, double DiameterMm, double SoundBowMm, double WaistMm);

/// <summary>
/// Caches parsed mould profiles for the casting floor. Profiles expire after a sliding
/// window and are swept by a background timer. A single instance is shared by the
/// tuning, casting and scheduling services.
/// </summary>
public sealed class MouldProfileCache : IDisposable
{
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private readonly TimeSpan _slidingExpiry;
    private readonly Func<string, MouldProfile> _loader;
    private readonly Timer _sweepTimer;

    public MouldProfileCache(Func<string, MouldProfile> loader, TimeSpan slidingExpiry)
    {
        _loader = loader;
        _slidingExpiry = slidingExpiry;
        _sweepTimer = new Timer(_ => Sweep(), null, slidingExpiry, slidingExpiry);
    }

    public MouldProfile Get(string bellPattern)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(bellPattern, out var entry))
            {
                entry.LastAccessUtc = DateTime.UtcNow;
                return entry.Profile;
            }
        }

        // Parsing a profile reads the pattern drawings from disk, so keep it outside the lock.
        var profile = _loader(bellPattern);
        lock (_gate)
        {
            _entries[bellPattern] = new CacheEntry(profile) { LastAccessUtc = DateTime.UtcNow };
        }
        return profile;
    }

    public void Invalidate(string bellPattern)
    {
        lock (_gate)
        {
            _entries.Remove(bellPattern);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    private void Sweep()
    {
        var cutoff = DateTime.UtcNow - _slidingExpiry;
        List<string>? expired = null;

        lock (_gate)
        {
            foreach (var pair in _entries)
            {
                if (pair.Value.LastAccessUtc < cutoff)
                {
                    (expired ??= new List<string>()).Add(pair.Key);
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var key in expired)
        {
            _entries.Remove(key);
        }
    }

    public void Dispose() => _sweepTimer.Dispose();

    private sealed class CacheEntry
    {
        public CacheEntry(MouldProfile profile) => Profile = profile;

        public MouldProfile Profile { get; }

        public DateTime LastAccessUtc { get; set; }
    }
}
