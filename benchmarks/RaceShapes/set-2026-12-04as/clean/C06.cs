namespace Blind45.Chess.ClockFeed;

public readonly record struct ClockEvent(int Board, bool WhiteToMove, TimeSpan WhiteRemaining, TimeSpan BlackRemaining, DateTimeOffset At);

/// <summary>
/// Buffers events from the electronic chess clocks. The serial reader thread adds
/// events; the live-broadcast thread and the arbiter monitor take them in order.
/// </summary>
public sealed class ClockEventBuffer
{
    private readonly object _monitor = new();
    private readonly Queue<ClockEvent> _events = new();
    private readonly int _capacity;
    private bool _closed;
    private int _dropped;

    public ClockEventBuffer(int capacity)
    {
        _capacity = capacity;
    }

    public void Add(ClockEvent e)
    {
        lock (_monitor)
        {
            if (_closed)
            {
                return;
            }

            if (_events.Count == _capacity)
            {
                // Oldest tick is least useful to the broadcast; make room.
                _events.Dequeue();
                _dropped++;
            }

            _events.Enqueue(e);
            Monitor.Pulse(_monitor);
        }
    }

    public bool TryTake(out ClockEvent e, int millisecondsTimeout)
    {
        lock (_monitor)
        {
            while (_events.Count == 0)
            {
                if (_closed || !Monitor.Wait(_monitor, millisecondsTimeout))
                {
                    if (_events.Count == 0)
                    {
                        e = default;
                        return false;
                    }

                    break;
                }
            }

            e = _events.Dequeue();
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

    public (int Queued, int Dropped) Stats()
    {
        lock (_monitor)
        {
            return (_events.Count, _dropped);
        }
    }
}

/// <summary>Dedicated thread that pumps the buffer into the broadcast feed.</summary>
public sealed class BroadcastPump
{
    private readonly ClockEventBuffer _buffer;
    private readonly Action<ClockEvent> _send;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public BroadcastPump(ClockEventBuffer buffer, Action<ClockEvent> send)
    {
        _buffer = buffer;
        _send = send;
        _thread = new Thread(Run) { IsBackground = true, Name = "clock-broadcast" };
    }

    public void Start() => _thread.Start();

    public void Stop()
    {
        _stopping = true;
        _buffer.Close();
        _thread.Join();
    }

    private void Run()
    {
        while (!_stopping)
        {
            if (_buffer.TryTake(out var e, 250))
            {
                _send(e);
            }
        }
    }
}
