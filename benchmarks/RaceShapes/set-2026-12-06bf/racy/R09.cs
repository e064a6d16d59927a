using System.Collections.Concurrent;

namespace Blind58.HamRadioPresence;

public sealed class OperatorPresence
{
    public OperatorPresence(string callsign)
    {
        Callsign = callsign;
    }

    public string Callsign { get; }
    public int OpenSessions;
    public long LastSeenTicks;
}

/// <summary>
/// Tracks which club members are on the online net-control console. A member may have
/// the console open on several devices; each device connection calls
/// <see cref="Connected"/> and <see cref="Disconnected"/> from the hub's connection threads.
/// Registered as a singleton and swept periodically for stale entries.
/// </summary>
public sealed class NetPresenceTracker : IDisposable
{
    private readonly ConcurrentDictionary<string, OperatorPresence> _operators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Timer _sweeper;
    private readonly TimeSpan _staleAfter;

    public event Action<string>? WentOffline;

    public NetPresenceTracker(TimeSpan staleAfter)
    {
        _staleAfter = staleAfter;
        _sweeper = new Timer(_ => Sweep(), null, staleAfter, staleAfter);
    }

    public void Connected(string callsign)
    {
        var entry = _operators.GetOrAdd(callsign, c => new OperatorPresence(c));
        entry.OpenSessions++;
        Interlocked.Exchange(ref entry.LastSeenTicks, Environment.TickCount64);
    }

    public void Heartbeat(string callsign)
    {
        if (_operators.TryGetValue(callsign, out var entry))
        {
            Interlocked.Exchange(ref entry.LastSeenTicks, Environment.TickCount64);
        }
    }

    public void Disconnected(string callsign)
    {
        if (_operators.TryGetValue(callsign, out var entry))
        {
            Interlocked.Decrement(ref entry.OpenSessions);
        }
    }

    public IReadOnlyList<string> OnlineCallsigns()
    {
        return _operators.Values
            .Where(e => Volatile.Read(ref e.OpenSessions) > 0)
            .Select(e => e.Callsign)
            .OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private void Sweep()
    {
        long now = Environment.TickCount64;
        foreach (var pair in _operators)
        {
            var entry = pair.Value;
            bool idle = Volatile.Read(ref entry.OpenSessions) <= 0;
            bool stale = now - Interlocked.Read(ref entry.LastSeenTicks) > _staleAfter.TotalMilliseconds;
            if (idle && stale && _operators.TryRemove(pair))
            {
                WentOffline?.Invoke(entry.Callsign);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
