using System.Collections.Concurrent;

namespace Blind58.HurlingClubPresence;

/// <summary>Immutable view of one member's presence on the club's training app.</summary>
public sealed class PresenceRecord
{
    public PresenceRecord(string memberId, int devices, DateTimeOffset lastSeen)
    {
        MemberId = memberId;
        Devices = devices;
        LastSeen = lastSeen;
    }

    public string MemberId { get; }
    public int Devices { get; }
    public DateTimeOffset LastSeen { get; }

    public PresenceRecord Touch(DateTimeOffset now, int deviceDelta = 0) =>
        new(MemberId, Math.Max(0, Devices + deviceDelta), now);
}

/// <summary>
/// Who is online in the hurling club's training app (coaches use it to see who is at the
/// pitch). Connection handlers call the public members concurrently; a sweeper removes
/// members whose heartbeats stopped.
/// </summary>
public sealed class ClubPresenceTracker : IDisposable
{
    private readonly ConcurrentDictionary<string, PresenceRecord> _records = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout;
    private readonly Timer _sweeper;
    private readonly Func<DateTimeOffset> _clock;

    public ClubPresenceTracker(TimeSpan timeout, Func<DateTimeOffset>? clock = null)
    {
        _timeout = timeout;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _sweeper = new Timer(_ => Sweep(), null, timeout, timeout);
    }

    public void DeviceConnected(string memberId)
    {
        var now = _clock();
        _records.AddOrUpdate(memberId,
            static (id, t) => new PresenceRecord(id, 1, t),
            static (_, existing, t) => existing.Touch(t, +1),
            now);
    }

    public void Heartbeat(string memberId)
    {
        var now = _clock();
        _records.AddOrUpdate(memberId,
            static (id, t) => new PresenceRecord(id, 1, t),
            static (_, existing, t) => existing.Touch(t),
            now);
    }

    public void DeviceDisconnected(string memberId)
    {
        var now = _clock();
        while (_records.TryGetValue(memberId, out var existing))
        {
            if (_records.TryUpdate(memberId, existing.Touch(now, -1), existing))
            {
                return;
            }
        }
    }

    public IReadOnlyList<PresenceRecord> Online() =>
        _records.Values.Where(r => r.Devices > 0).OrderBy(r => r.MemberId, StringComparer.Ordinal).ToList();

    private void Sweep()
    {
        var cutoff = _clock() - _timeout;
        foreach (var pair in _records)
        {
            if (pair.Value.LastSeen < cutoff)
            {
                // Removes only if the record has not been replaced by a refresh in the meantime.
                _records.TryRemove(pair);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
