using System.Collections.Concurrent;

namespace Blind30.MushroomFarm;

public sealed record GrowRoomProfile(string Room, string Species, double TargetHumidity, double TargetCo2Ppm, int FruitingDays);

public interface IProfileStore
{
    GrowRoomProfile Load(string room);
}

/// <summary>
/// Caches grow-room climate profiles for the farm's controllers. Shared by every
/// room controller; each profile is loaded from the store at most once.
/// </summary>
public sealed class GrowRoomProfileCache
{
    private readonly ConcurrentDictionary<string, Lazy<GrowRoomProfile>> _profiles =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly IProfileStore _store;
    private long _loads;
    private long _hits;

    public GrowRoomProfileCache(IProfileStore store)
    {
        _store = store;
    }

    public long Loads => Interlocked.Read(ref _loads);
    public long Hits => Interlocked.Read(ref _hits);

    public GrowRoomProfile Get(string room)
    {
        var lazy = _profiles.GetOrAdd(room, key => new Lazy<GrowRoomProfile>(
            () =>
            {
                Interlocked.Increment(ref _loads);
                return _store.Load(key);
            },
            LazyThreadSafetyMode.ExecutionAndPublication));

        if (lazy.IsValueCreated)
        {
            Interlocked.Increment(ref _hits);
        }

        return lazy.Value;
    }

    /// <summary>Drops a room's profile after the grower edits it.</summary>
    public void Invalidate(string room) => _profiles.TryRemove(room, out _);
}

/// <summary>Adjusts misting for one grow room on a timer.</summary>
public sealed class MistingController
{
    private readonly string _room;
    private readonly GrowRoomProfileCache _cache;
    private readonly Func<double> _readHumidity;
    private readonly Action<bool> _setMisters;

    public MistingController(string room, GrowRoomProfileCache cache, Func<double> readHumidity, Action<bool> setMisters)
    {
        _room = room;
        _cache = cache;
        _readHumidity = readHumidity;
        _setMisters = setMisters;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var profile = _cache.Get(_room);
            _setMisters(_readHumidity() < profile.TargetHumidity - 2.0);
        }
    }
}
