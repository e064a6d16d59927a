namespace Blind40.CheeseCaves.Ageing;

public sealed record AgeingProfile(string Style, double TargetHumidity, double TargetTempC, int TurnEveryDays);

public interface IAgeingProfileRepository
{
    AgeingProfile Load(string style);
}

/// <summary>
/// Caches rind-ageing profiles for the cave controllers. Registered as a
/// singleton: every shelf controller looks up the profile of each wheel it
/// turns, so lookups vastly outnumber edits and are done under a shared lock.
/// </summary>
public sealed class AgeingProfileCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, AgeingProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly IAgeingProfileRepository _repository;

    public AgeingProfileCache(IAgeingProfileRepository repository)
    {
        _repository = repository;
    }

    public AgeingProfile Get(string style)
    {
        _lock.EnterReadLock();
        try
        {
            if (_profiles.TryGetValue(style, out var profile))
            {
                return profile;
            }

            profile = _repository.Load(style);
            _profiles[style] = profile;
            return profile;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Update(AgeingProfile profile)
    {
        _lock.EnterWriteLock();
        try
        {
            _profiles[profile.Style] = profile;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Invalidate(string style)
    {
        _lock.EnterWriteLock();
        try
        {
            _profiles.Remove(style);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyCollection<string> CachedStyles
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _profiles.Keys.ToArray();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>One controller per cave shelf; all shelves run concurrently.</summary>
public sealed class ShelfController
{
    private readonly AgeingProfileCache _cache;

    public ShelfController(AgeingProfileCache cache) => _cache = cache;

    public Task TurnWheelsAsync(IEnumerable<(string WheelId, string Style, int AgeDays)> wheels, CancellationToken ct) =>
        Task.Run(() =>
        {
            foreach (var wheel in wheels)
            {
                ct.ThrowIfCancellationRequested();
                var profile = _cache.Get(wheel.Style);
                if (wheel.AgeDays % profile.TurnEveryDays == 0)
                {
                    Thread.Sleep(5);
                }
            }
        }, ct);
}
