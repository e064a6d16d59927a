using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind47.CanalLocks.Tolls;

public sealed record TollTicket(long TicketNumber, string BoatName, int LengthFeet, string FromLock, DateTime IssuedAt);

/// <summary>
/// Issues toll tickets at the canal's lock stations. Each lock keeper's hut runs
/// its own ticket machine, all backed by this one registry instance.
/// </summary>
public sealed class TollTicketRegistry
{
    private long _lastTicketNumber;
    private readonly ConcurrentDictionary<long, TollTicket> _issued = new();
    private readonly ConcurrentDictionary<string, int> _perLock = new(StringComparer.OrdinalIgnoreCase);

    public TollTicketRegistry(long startAfter = 0)
    {
        _lastTicketNumber = startAfter;
    }

    public TollTicket Issue(string boatName, int lengthFeet, string fromLock)
    {
        var number = Interlocked.Increment(ref _lastTicketNumber);
        var ticket = new TollTicket(number, boatName, lengthFeet, fromLock, DateTime.UtcNow);
        _issued[number] = ticket;
        _perLock.AddOrUpdate(fromLock, 1, (_, n) => n + 1);
        return ticket;
    }

    public bool TryRedeem(long ticketNumber, out TollTicket? ticket)
    {
        var removed = _issued.TryRemove(ticketNumber, out var t);
        ticket = t;
        return removed;
    }

    public long LastTicketNumber => Interlocked.Read(ref _lastTicketNumber);

    public IReadOnlyDictionary<string, int> IssuedPerLock() => new Dictionary<string, int>(_perLock);

    public decimal OutstandingTolls(decimal perFoot)
    {
        decimal total = 0;
        foreach (var (_, ticket) in _issued)
        {
            total += ticket.LengthFeet * perFoot;
        }

        return total;
    }
}

public static class LockStationSimulator
{
    public static async Task<long> RunDayAsync(TollTicketRegistry registry, IReadOnlyList<string> locks, int boatsPerLock)
    {
        var huts = locks.Select(lockName => Task.Run(() =>
        {
            for (var i = 0; i < boatsPerLock; i++)
            {
                registry.Issue($"{lockName}-boat-{i}", 40 + i % 30, lockName);
            }
        }));

        await Task.WhenAll(huts);
        return registry.LastTicketNumber;
    }
}
