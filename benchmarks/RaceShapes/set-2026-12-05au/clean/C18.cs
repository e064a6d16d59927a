using System.Collections.Generic;

namespace Blind47.PotteryKilns.Firing;

public sealed record KilnLoad(int LoadNumber, string Potter, int Pieces, int ConeTarget);

/// <summary>
/// Shelf space in front of the kilns. Potters place loads on the shelf; kiln
/// attendants take them when a kiln is free. The shelf holds a limited number of
/// loads, so potters wait when it is full.
/// </summary>
public sealed class KilnShelf
{
    private readonly object _monitor = new();
    private readonly Queue<KilnLoad> _loads = new();
    private readonly int _capacity;
    private bool _closed;
    private int _nextLoadNumber;

    public KilnShelf(int capacity) => _capacity = capacity;

    public KilnLoad Place(string potter, int pieces, int cone)
    {
        lock (_monitor)
        {
            while (_loads.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The studio is closed for firing today.");
            }

            var load = new KilnLoad(++_nextLoadNumber, potter, pieces, cone);
            _loads.Enqueue(load);
            Monitor.PulseAll(_monitor);
            return load;
        }
    }

    /// <summary>Blocks until a load is available; returns null once the shelf is closed and empty.</summary>
    public KilnLoad? Take()
    {
        lock (_monitor)
        {
            while (_loads.Count == 0)
            {
                if (_closed)
                {
                    return null;
                }

                Monitor.Wait(_monitor);
            }

            var load = _loads.Dequeue();
            Monitor.PulseAll(_monitor);
            return load;
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
}

public sealed class KilnAttendant
{
    private readonly KilnShelf _shelf;
    private readonly Action<KilnLoad> _fire;
    private readonly Thread _thread;

    public KilnAttendant(string kiln, KilnShelf shelf, Action<KilnLoad> fire)
    {
        _shelf = shelf;
        _fire = fire;
        _thread = new Thread(Run) { Name = $"kiln-{kiln}", IsBackground = true };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Run()
    {
        while (_shelf.Take() is { } load)
        {
            _fire(load);
        }
    }
}
