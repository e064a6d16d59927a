namespace Blind34.ClayPigeon.TrapLog;

public sealed record TrapEvent(int Trap, string Kind, DateTimeOffset At);

public interface ITrapLogStore
{
    void Append(IReadOnlyList<TrapEvent> events);
}

/// <summary>
/// Buffers trap-machine events (throws, jams, reloads) and hands them to the
/// log store in batches, when the buffer fills or on a timer.
/// </summary>
public sealed class TrapEventBatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly object _storeGate = new();
    private readonly ITrapLogStore _store;
    private readonly int _batchSize;
    private readonly Timer _timer;
    private List<TrapEvent> _active;
    private List<TrapEvent> _spare;
    private int _flushes;

    public TrapEventBatcher(ITrapLogStore store, int batchSize, TimeSpan interval)
    {
        _store = store;
        _batchSize = batchSize;
        _active = new List<TrapEvent>(batchSize);
        _spare = new List<TrapEvent>(batchSize);
        _timer = new Timer(_ => Flush(), null, interval, interval);
    }

    public int Flushes => Volatile.Read(ref _flushes);

    public void Add(TrapEvent e)
    {
        bool full;
        lock (_gate)
        {
            _active.Add(e);
            full = _active.Count >= _batchSize;
        }

        if (full)
        {
            Flush();
        }
    }

    public void Flush()
    {
        lock (_storeGate)
        {
            List<TrapEvent> toWrite;
            lock (_gate)
            {
                if (_active.Count == 0)
                {
                    return;
                }

                toWrite = _active;
                _active = _spare;
            }

            _store.Append(toWrite);
            toWrite.Clear();
            lock (_gate)
            {
                _spare = toWrite;
            }

            Interlocked.Increment(ref _flushes);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
