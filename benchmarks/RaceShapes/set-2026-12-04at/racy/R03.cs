namespace Blind46.CheeseCave.Ripening;

public sealed record RipeningProfile(string WheelId, double TargetHumidity, double TargetTempC, int DaysRemaining);

/// <summary>
/// Sliding-expiration cache of ripening profiles, looked up by the cave
/// monitoring API for every sensor reading. Registered as a singleton.
/// A background sweep drops profiles that have not been read recently.
/// </summary>
public sealed class RipeningProfileCache : IDisposable
{
    private sealed class Entry
    {
        public Entry(RipeningProfile profile, long lastAccessTicks)
        {
            Profile = profile;
            LastAccessTicks = lastAccessTicks;
        }

        public RipeningProfile Profile { get; }
        public long LastAccessTicks;
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly TimeSpan _slidingExpiration;
    private readonly Timer _sweepTimer;

    public RipeningProfileCache(TimeSpan slidingExpiration)
    {
        _slidingExpiration = slidingExpiration;
        _sweepTimer = new Timer(_ => Sweep(), null, slidingExpiration, slidingExpiration);
    }

    public void Set(RipeningProfile profile)
    {
        var entry = new Entry(profile, DateTime.UtcNow.Ticks);
        lock (_lock)
        {
            _entries[profile.WheelId] = entry;
        }
    }

    public bool TryGet(string wheelId, out RipeningProfile? profile)
    {
        if (_entries.TryGetValue(wheelId, out var entry))
        {
            Interlocked.Exchange(ref entry.LastAccessTicks, DateTime.UtcNow.Ticks);
            profile = entry.Profile;
            return true;
        }

        profile = null;
        return false;
    }

    private void Sweep()
    {
        long cutoff = DateTime.UtcNow.Ticks - _slidingExpiration.Ticks;
        lock (_lock)
        {
            List<string>? expired = null;
            foreach (var (key, entry) in _entries)
            {
                if (Interlocked.Read(ref entry.LastAccessTicks) < cutoff)
                    (expired ??= new List<string>()).Add(key);
            }

            if (expired is null)
                return;

            foreach (var key in expired)
                _entries.Remove(key);
        }
    }

    public void Dispose() => _sweepTimer.Dispose();
}
