namespace Bakery.Production.Proving;

public sealed record DoughTray(string ProductCode, int TrayNumber, DateTime MixedAt);

/// <summary>
/// Bounded rack between the mixer line and the prover. The mixer thread puts trays on
/// the rack and blocks when it is full; the prover thread takes trays off and blocks
/// when it is empty.
/// </summary>
public sealed class ProvingRack
{
    private readonly object _sync = new();
    private readonly Queue<DoughTray> _trays = new();
    private readonly int _capacity;
    private bool _closed;

    public ProvingRack(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _capacity = capacity;
    }

    public void Put(DoughTray tray)
    {
        lock (_sync)
        {
            while (_trays.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_sync);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The rack has been closed for the shift.");
            }

            _trays.Enqueue(tray);
            Monitor.PulseAll(_sync);
        }
    }

    public bool TryTake(out DoughTray? tray)
    {
        lock (_sync)
        {
            while (_trays.Count == 0 && !_closed)
            {
                Monitor.Wait(_sync);
            }

            if (_trays.Count == 0)
            {
                tray = null;
                return false;
            }

            tray = _trays.Dequeue();
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public void CloseForShift()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _trays.Count;
            }
        }
    }
}

/// <summary>Runs the prover on its own thread, pulling trays from the rack.</summary>
public sealed class ProverWorker
{
    private readonly ProvingRack _rack;
    private readonly Action<DoughTray> _prove;
    private readonly Thread _thread;

    public ProverWorker(ProvingRack rack, Action<DoughTray> prove)
    {
        _rack = rack;
        _prove = prove;
        _thread = new Thread(Run) { IsBackground = true, Name = "prover" };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Run()
    {
        while (_rack.TryTake(out var tray))
        {
            _prove(tray!);
        }
    }
}
