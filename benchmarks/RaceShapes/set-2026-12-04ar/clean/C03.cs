namespace Blind44.FalconryCentre.WeighIn;

public sealed record WeighIn(string BirdName, int Grams, DateTime TakenAt);

/// <summary>
/// Hand-off queue between the perch scales and the flying-weight log. Scales on several mews
/// post readings; a single logger thread takes them. Bounded so a stuck logger applies back-pressure.
/// </summary>
public sealed class WeighInQueue
{
    private readonly object _monitor = new();
    private readonly Queue<WeighIn> _items = new();
    private readonly int _capacity;
    private bool _closed;

    public WeighInQueue(int capacity) => _capacity = capacity;

    public bool Post(WeighIn reading)
    {
        lock (_monitor)
        {
            while (_items.Count >= _capacity && !_closed)
                Monitor.Wait(_monitor);
            if (_closed)
                return false;

            _items.Enqueue(reading);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public bool TryTake(out WeighIn? reading)
    {
        lock (_monitor)
        {
            while (_items.Count == 0 && !_closed)
                Monitor.Wait(_monitor);

            if (_items.Count == 0)
            {
                reading = null;
                return false;
            }

            reading = _items.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public int Count
    {
        get { lock (_monitor) return _items.Count; }
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

/// <summary>Keeps each bird's flying weight log.</summary>
public sealed class FlyingWeightLogger
{
    private readonly WeighInQueue _queue;
    private readonly Dictionary<string, List<WeighIn>> _history = new();
    private readonly Thread _thread;

    public FlyingWeightLogger(WeighInQueue queue)
    {
        _queue = queue;
        _thread = new Thread(Run) { IsBackground = true, Name = "weigh-in logger" };
    }

    public void Start() => _thread.Start();

    /// <summary>Closes the queue and waits for the logger; the returned history is then the caller's.</summary>
    public IReadOnlyDictionary<string, List<WeighIn>> StopAndCollect()
    {
        _queue.Close();
        _thread.Join();
        return _history;
    }

    private void Run()
    {
        while (_queue.TryTake(out var reading))
        {
            if (!_history.TryGetValue(reading!.BirdName, out var list))
                _history[reading.BirdName] = list = new List<WeighIn>();
            list.Add(reading);
            if (list.Count > 1 && Math.Abs(list[^1].Grams - list[^2].Grams) > 40)
                Console.WriteLine($"{reading.BirdName}: weight jumped to {reading.Grams} g");
        }
    }
}
