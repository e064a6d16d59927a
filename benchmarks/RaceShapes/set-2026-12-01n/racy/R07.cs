namespace FitnessSync.Devices;

public sealed record ActivityRecord(string UserId, DateTime EndedUtc, string Kind, int Steps, int ActiveMinutes);

public interface IWearable
{
    string DeviceId { get; }
    string UserId { get; }
    Task<IReadOnlyList<ActivityRecord>> ReadActivitiesSinceAsync(DateTime sinceUtc, CancellationToken ct);
}

public interface IActivityStore
{
    Task SaveAsync(IReadOnlyList<ActivityRecord> records, CancellationToken ct);
}

/// <summary>
/// One sync session per connected wearable. A user may own several devices (watch, ring,
/// chest strap); the high-water mark is kept per user so that the same workout recorded by
/// two devices is only uploaded once.
/// </summary>
public sealed class DeviceSyncSession
{
    private static readonly Dictionary<string, DateTime> s_lastSyncByUser = new(StringComparer.Ordinal);

    private readonly object _sync = new();
    private readonly IWearable _device;
    private readonly IActivityStore _store;

    public DeviceSyncSession(IWearable device, IActivityStore store)
    {
        _device = device;
        _store = store;
    }

    public async Task<int> SyncAsync(CancellationToken ct)
    {
        DateTime since;
        lock (_sync)
        {
            since = s_lastSyncByUser.TryGetValue(_device.UserId, out var last) ? last : DateTime.UtcNow.AddDays(-7);
        }

        var records = await _device.ReadActivitiesSinceAsync(since, ct).ConfigureAwait(false);
        var fresh = records.Where(r => r.EndedUtc > since).OrderBy(r => r.EndedUtc).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        await _store.SaveAsync(fresh, ct).ConfigureAwait(false);

        lock (_sync)
        {
            s_lastSyncByUser[_device.UserId] = fresh[^1].EndedUtc;
        }

        return fresh.Count;
    }
}

/// <summary>
/// Runs every connected device's session concurrently when the phone app comes to the foreground.
/// </summary>
public sealed class SyncHost
{
    private readonly IActivityStore _store;

    public SyncHost(IActivityStore store) => _store = store;

    public async Task<int> SyncAllAsync(IEnumerable<IWearable> devices, CancellationToken ct)
    {
        var sessions = devices.Select(d => new DeviceSyncSession(d, _store)).ToList();
        var counts = await Task.WhenAll(sessions.Select(s => Task.Run(() => s.SyncAsync(ct), ct)));
        return counts.Sum();
    }
}
