namespace Blind43.SaltMine.Haulage;

public readonly record struct LoadRecord(string TruckId, int Tonnes, string Face, DateTime TippedAt);

/// <summary>
/// Counts rock-salt haulage at the crusher. Every weighbridge terminal calls <see cref="Tipped"/>;
/// the shift supervisor's display polls the totals and the last load.
/// Registered as a singleton for the whole mine.
/// </summary>
public sealed class HaulageCounter
{
    private readonly object _lastLoadGate = new();
    private long _tonnesThisShift;
    private int _loadsThisShift;
    private LoadRecord _lastLoad;
    private long _overweightLoads;

    public void Tipped(string truckId, int tonnes, string face, DateTime at)
    {
        Interlocked.Add(ref _tonnesThisShift, tonnes);
        Interlocked.Increment(ref _loadsThisShift);
        if (tonnes > 40)
        {
            Interlocked.Increment(ref _overweightLoads);
        }

        lock (_lastLoadGate)
        {
            if (at >= _lastLoad.TippedAt)
            {
                _lastLoad = new LoadRecord(truckId, tonnes, face, at);
            }
        }
    }

    public long TonnesThisShift => Interlocked.Read(ref _tonnesThisShift);

    public int LoadsThisShift => Volatile.Read(ref _loadsThisShift);

    public long OverweightLoads => Interlocked.Read(ref _overweightLoads);

    public LoadRecord LastLoad
    {
        get
        {
            lock (_lastLoadGate)
            {
                return _lastLoad;
            }
        }
    }

    /// <summary>Starts a new shift and returns the closing tonnage of the old one.</summary>
    public long StartNewShift()
    {
        Interlocked.Exchange(ref _loadsThisShift, 0);
        Interlocked.Exchange(ref _overweightLoads, 0);
        return Interlocked.Exchange(ref _tonnesThisShift, 0);
    }
}

/// <summary>Supervisor display refreshed from a timer.</summary>
public sealed class SupervisorDisplay : IDisposable
{
    private readonly HaulageCounter _counter;
    private readonly Timer _timer;
    private readonly Action<string> _render;

    public SupervisorDisplay(HaulageCounter counter, Action<string> render)
    {
        _counter = counter;
        _render = render;
        _timer = new Timer(_ => Refresh(), null, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    private void Refresh()
    {
        var last = _counter.LastLoad;
        _render($"{_counter.TonnesThisShift} t in {_counter.LoadsThisShift} loads; last {last.TruckId} from {last.Face} at {last.TippedAt:HH:mm}");
    }

    public void Dispose() => _timer.Dispose();
}
