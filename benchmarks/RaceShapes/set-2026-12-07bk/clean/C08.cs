using System.Collections.Concurrent;

namespace Blind63.CanalBoatHire.Moorings;

public sealed record MooringSession(string CustomerId, string BoatName, int NightsMoored, DateTimeOffset LastSeen);

/// <summary>
/// Per-customer mooring sessions, shared across the towpath warden app's
/// request threads. Sessions are immutable records replaced on each update.
/// </summary>
public sealed class MooringSessionStore
{
    private readonly ConcurrentDictionary<string, MooringSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

    public void Start(string customerId, string boatName) =>
        _sessions[customerId] = new MooringSession(customerId, boatName, 0, DateTimeOffset.UtcNow);

    public bool RecordNight(string customerId)
    {
        while (_sessions.TryGetValue(customerId, out var current))
        {
            var updated = current with
            {
                NightsMoored = current.NightsMoored + 1,
                LastSeen = DateTimeOffset.UtcNow
            };
            if (_sessions.TryUpdate(customerId, updated, current))
            {
                return true;
            }
        }
        return false;
    }

    public int NightsFor(string customerId) =>
        _sessions.TryGetValue(customerId, out var s) ? s.NightsMoored : 0;

    public IReadOnlyList<MooringSession> OverstayingSince(DateTimeOffset cutoff, int maxNights) =>
        _sessions.Values.Where(s => s.NightsMoored > maxNights || s.LastSeen < cutoff).ToList();

    public bool End(string customerId, out MooringSession? session) =>
        _sessions.TryRemove(customerId, out session);
}

public sealed class WardenPatrol
{
    private readonly MooringSessionStore _store;

    public WardenPatrol(MooringSessionStore store) => _store = store;

    public Task LogPatrolAsync(IEnumerable<string> boatsSeen) =>
        Parallel.ForEachAsync(boatsSeen, (customerId, _) =>
        {
            _store.RecordNight(customerId);
            return ValueTask.CompletedTask;
        });
}
