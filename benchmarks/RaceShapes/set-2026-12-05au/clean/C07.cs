using System.Collections.Immutable;

namespace Blind47.SugarRefinery.Centrifuges;

public readonly record struct SpinCycle(int Centrifuge, double MassecuiteKg, double SugarKg, TimeSpan Duration);

/// <summary>
/// Publishes completed centrifuge cycles to anyone listening (the control-room
/// trend display, the yield report, the maintenance counters). Cycles are
/// published from the PLC polling thread; listeners come and go at any time.
/// </summary>
public sealed class CentrifugeFeed
{
    private ImmutableArray<Action<SpinCycle>> _listeners = ImmutableArray<Action<SpinCycle>>.Empty;

    public IDisposable Listen(Action<SpinCycle> listener)
    {
        ImmutableInterlocked.Update(ref _listeners, (list, l) => list.Add(l), listener);
        return new Unlisten(this, listener);
    }

    private void Remove(Action<SpinCycle> listener)
    {
        ImmutableInterlocked.Update(ref _listeners, (list, l) => list.Remove(l), listener);
    }

    public int ListenerCount => ImmutableInterlocked.InterlockedCompareExchange(ref _listeners, default, default).Length;

    /// <summary>Called by the PLC poller for each finished cycle.</summary>
    public void Publish(SpinCycle cycle)
    {
        var listeners = ImmutableInterlocked.InterlockedCompareExchange(ref _listeners, default, default);
        foreach (var listener in listeners)
        {
            try
            {
                listener(cycle);
            }
            catch (Exception)
            {
                // One faulty display must not hold up the others.
            }
        }
    }

    private sealed class Unlisten : IDisposable
    {
        private readonly CentrifugeFeed _feed;
        private readonly Action<SpinCycle> _listener;
        private int _disposed;

        public Unlisten(CentrifugeFeed feed, Action<SpinCycle> listener)
        {
            _feed = feed;
            _listener = listener;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _feed.Remove(_listener);
            }
        }
    }
}

public sealed class PlcPoller
{
    private readonly CentrifugeFeed _feed;
    private readonly Func<int, SpinCycle?> _readPlc;

    public PlcPoller(CentrifugeFeed feed, Func<int, SpinCycle?> readPlc)
    {
        _feed = feed;
        _readPlc = readPlc;
    }

    public Task RunAsync(int centrifuges, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            for (var c = 1; c <= centrifuges; c++)
            {
                if (_readPlc(c) is { } cycle)
                {
                    _feed.Publish(cycle);
                }
            }

            await Task.Delay(500, ct);
        }
    }, ct);
}
