using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Blind16.StreetFood.Footfall;

/// <summary>
/// Counts open stalls and customers queueing across the market. Registered as an
/// app-wide singleton; stall holders' card readers and the wardens' app call it all day.
/// </summary>
public sealed class MarketFootfallCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _queueByStall = new(StringComparer.OrdinalIgnoreCase);
    private int _openStalls;
    private int _peakOpenStalls;
    private long _servedToday;

    public int OpenStalls => Volatile.Read(ref _openStalls);

    public int PeakOpenStalls => Volatile.Read(ref _peakOpenStalls);

    public long ServedToday => Interlocked.Read(ref _servedToday);

    public void StallOpened(string stallId)
    {
        _queueByStall.TryAdd(stallId, new StrongBox<int>(0));
        var open = Interlocked.Increment(ref _openStalls);

        int peak;
        do
        {
            peak = Volatile.Read(ref _peakOpenStalls);
            if (open <= peak)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _peakOpenStalls, open, peak) != peak);
    }

    public void StallClosed(string stallId)
    {
        if (_queueByStall.TryRemove(stallId, out _))
        {
            Interlocked.Decrement(ref _openStalls);
        }
    }

    public int CustomerJoined(string stallId)
    {
        var box = _queueByStall.GetOrAdd(stallId, _ => new StrongBox<int>(0));
        return Interlocked.Increment(ref box.Value);
    }

    public void CustomerServed(string stallId)
    {
        if (_queueByStall.TryGetValue(stallId, out var box))
        {
            Interlocked.Decrement(ref box.Value);
        }

        Interlocked.Increment(ref _servedToday);
    }

    public int QueueLength(string stallId) =>
        _queueByStall.TryGetValue(stallId, out var box) ? Volatile.Read(ref box.Value) : 0;

    public sealed class StrongBox<T>
    {
        public T Value;

        public StrongBox(T value) => Value = value;
    }
}
