namespace Blind30.RiverDredging;

public sealed class BargeFullEventArgs : EventArgs
{
    public BargeFullEventArgs(string barge, double tonnes)
    {
        Barge = barge;
        Tonnes = tonnes;
    }

    public string Barge { get; }
    public double Tonnes { get; }
}

/// <summary>
/// Watches the load cell of a spoil barge on its own thread and announces when the
/// barge is full. The wheelhouse display and the tug scheduler subscribe and
/// unsubscribe while the monitor is running.
/// </summary>
public sealed class SpoilBargeMonitor
{
    private readonly string _barge;
    private readonly double _capacityTonnes;
    private readonly Func<double> _readLoadCell;
    private EventHandler<BargeFullEventArgs>? _bargeFull;

    public SpoilBargeMonitor(string barge, double capacityTonnes, Func<double> readLoadCell)
    {
        _barge = barge;
        _capacityTonnes = capacityTonnes;
        _readLoadCell = readLoadCell;
    }

    public event EventHandler<BargeFullEventArgs>? BargeFull
    {
        add
        {
            EventHandler<BargeFullEventArgs>? current, updated;
            do
            {
                current = Volatile.Read(ref _bargeFull);
                updated = (EventHandler<BargeFullEventArgs>?)Delegate.Combine(current, value);
            }
            while (Interlocked.CompareExchange(ref _bargeFull, updated, current) != current);
        }
        remove
        {
            EventHandler<BargeFullEventArgs>? current, updated;
            do
            {
                current = Volatile.Read(ref _bargeFull);
                updated = (EventHandler<BargeFullEventArgs>?)Delegate.Remove(current, value);
            }
            while (Interlocked.CompareExchange(ref _bargeFull, updated, current) != current);
        }
    }

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() => Watch(ct)) { IsBackground = true, Name = $"loadcell-{_barge}" };
        thread.Start();
        return thread;
    }

    private void Watch(CancellationToken ct)
    {
        bool announced = false;
        while (!ct.IsCancellationRequested)
        {
            double tonnes = _readLoadCell();
            if (tonnes >= _capacityTonnes * 0.95 && !announced)
            {
                Volatile.Read(ref _bargeFull)?.Invoke(this, new BargeFullEventArgs(_barge, tonnes));
                announced = true;
            }
            else if (tonnes < _capacityTonnes * 0.2)
            {
                announced = false;
            }

            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
        }
    }
}
