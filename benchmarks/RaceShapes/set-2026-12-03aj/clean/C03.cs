namespace Blind36.LighthouseGuild.Rota;

public sealed record WatchShift(string Keeper, string Light, DateTime From, DateTime To);

/// <summary>
/// Bounded hand-over tray between the guild office, which drafts watch shifts, and the
/// signal-room printers that print the duty cards.
/// </summary>
public sealed class ShiftTray
{
    private readonly object _monitor = new();
    private readonly Queue<WatchShift> _tray = new();
    private readonly int _capacity;
    private bool _closed;

    public ShiftTray(int capacity) => _capacity = capacity;

    public void Put(WatchShift shift)
    {
        lock (_monitor)
        {
            while (_tray.Count >= _capacity && !_closed)
                Monitor.Wait(_monitor);

            if (_closed)
                throw new InvalidOperationException("The tray has been closed for the night.");

            _tray.Enqueue(shift);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out WatchShift? shift)
    {
        lock (_monitor)
        {
            while (_tray.Count == 0 && !_closed)
                Monitor.Wait(_monitor);

            if (_tray.Count == 0)
            {
                shift = null;
                return false;
            }

            shift = _tray.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }

    public int Count
    {
        get { lock (_monitor) return _tray.Count; }
    }
}

/// <summary>Prints duty cards on a dedicated thread until the tray is closed.</summary>
public sealed class DutyCardPrinter
{
    private readonly ShiftTray _tray;
    private readonly Thread _thread;
    private readonly List<string> _printed = new();

    public DutyCardPrinter(ShiftTray tray)
    {
        _tray = tray;
        _thread = new Thread(PrintLoop) { IsBackground = true, Name = "duty-card-printer" };
    }

    public void Start() => _thread.Start();

    /// <summary>Waits for the printer to finish and returns what it printed.</summary>
    public IReadOnlyList<string> WaitForCompletion()
    {
        _thread.Join();
        return _printed.ToList();
    }

    private void PrintLoop()
    {
        while (_tray.TryTake(out var shift))
        {
            _printed.Add($"{shift!.Light}: {shift.Keeper} {shift.From:HH:mm}-{shift.To:HH:mm}");
        }
    }
}
