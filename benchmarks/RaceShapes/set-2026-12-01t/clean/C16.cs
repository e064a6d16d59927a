namespace VetClinic.Surgery;

public sealed record SurgeryCase(string PatientName, string Procedure, int Urgency);

/// <summary>
/// Bounded waiting list between the triage nurses (producers) and the
/// operating theatres (consumers). Each theatre runs its own worker thread.
/// </summary>
public sealed class SurgeryWaitingList
{
    private readonly Queue<SurgeryCase> _queue = new();
    private readonly int _capacity;
    private bool _closed;

    public SurgeryWaitingList(int capacity) => _capacity = capacity;

    public void Enqueue(SurgeryCase surgeryCase)
    {
        Monitor.Enter(_queue);
        try
        {
            while (_queue.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_queue);
            }
            if (_closed)
            {
                throw new InvalidOperationException("The surgery list is closed for the day.");
            }
            _queue.Enqueue(surgeryCase);
            Monitor.PulseAll(_queue);
        }
        finally
        {
            Monitor.Exit(_queue);
        }
    }

    public bool TryTakeNext(out SurgeryCase? next)
    {
        lock (_queue)
        {
            while (_queue.Count == 0 && !_closed)
            {
                Monitor.Wait(_queue);
            }
            if (_queue.Count == 0)
            {
                next = null;
                return false;
            }
            next = _queue.Dequeue();
            Monitor.PulseAll(_queue);
            return true;
        }
    }

    public void Close()
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.PulseAll(_queue);
        }
    }

    public int Waiting
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }
}

/// <summary>
/// One operating theatre working through the list.
/// </summary>
public sealed class OperatingTheatre
{
    private readonly string _name;
    private readonly SurgeryWaitingList _list;
    private readonly Action<string, SurgeryCase> _operate;

    public OperatingTheatre(string name, SurgeryWaitingList list, Action<string, SurgeryCase> operate)
    {
        _name = name;
        _list = list;
        _operate = operate;
    }

    public Thread Start()
    {
        var thread = new Thread(() =>
        {
            while (_list.TryTakeNext(out var next))
            {
                _operate(_name, next!);
            }
        })
        { Name = _name, IsBackground = true };
        thread.Start();
        return thread;
    }
}
