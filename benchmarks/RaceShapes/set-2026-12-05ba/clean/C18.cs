namespace Blind53.TramDepots.WashLine;

public sealed record TramWashJob(string TramNumber, bool UnderbodyRinse);

/// <summary>
/// Bounded hand-off between the depot yard scheduler and the wash line. The scheduler
/// blocks when the wash lane is full so trams are not sent in faster than they are washed.
/// </summary>
public sealed class WashLaneBuffer
{
    private readonly object _monitor = new();
    private readonly Queue<TramWashJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public WashLaneBuffer(int capacity)
    {
        _capacity = capacity;
    }

    public bool Add(TramWashJob job, CancellationToken cancellationToken)
    {
        lock (_monitor)
        {
            while (_jobs.Count >= _capacity && !_closed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_monitor, TimeSpan.FromMilliseconds(250));
            }

            if (_closed)
            {
                return false;
            }

            _jobs.Enqueue(job);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public bool TryTake(out TramWashJob? job)
    {
        lock (_monitor)
        {
            while (_jobs.Count == 0 && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_jobs.Count == 0)
            {
                job = null;
                return false;
            }

            job = _jobs.Dequeue();
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
}

/// <summary>
/// Runs the wash line on its own thread.
/// </summary>
public sealed class WashLine
{
    private readonly WashLaneBuffer _buffer;
    private readonly Action<TramWashJob> _wash;
    private readonly Thread _thread;
    private int _washed;

    public WashLine(WashLaneBuffer buffer, Action<TramWashJob> wash)
    {
        _buffer = buffer;
        _wash = wash;
        _thread = new Thread(Run) { IsBackground = true, Name = "wash-line" };
    }

    public int Washed => Volatile.Read(ref _washed);

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Run()
    {
        while (_buffer.TryTake(out var job))
        {
            _wash(job!);
            Interlocked.Increment(ref _washed);
        }
    }
}
