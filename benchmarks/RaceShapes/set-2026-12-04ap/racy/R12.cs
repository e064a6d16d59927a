namespace Blind42.SledDogs.Feeding;

public sealed record FeedingTask(string DogName, string Ration, int Grams);

/// <summary>
/// Hand-off queue between the kennel app (which schedules feeding tasks) and the handlers'
/// worker threads. The kennel dashboard polls <see cref="PendingDogNames"/> once a second.
/// </summary>
public sealed class FeedingRoundQueue
{
    private readonly Queue<FeedingTask> _tasks = new();
    private readonly object _monitor = new();
    private bool _closed;

    public void Enqueue(FeedingTask task)
    {
        lock (_monitor)
        {
            if (_closed)
            {
                throw new InvalidOperationException("The feeding round has been closed.");
            }

            _tasks.Enqueue(task);
            Monitor.Pulse(_monitor);
        }
    }

    public bool TryDequeue(TimeSpan timeout, out FeedingTask? task)
    {
        lock (_monitor)
        {
            while (_tasks.Count == 0 && !_closed)
            {
                if (!Monitor.Wait(_monitor, timeout))
                {
                    task = null;
                    return false;
                }
            }

            return _tasks.TryDequeue(out task);
        }
    }

    public IReadOnlyList<string> PendingDogNames()
    {
        return _tasks.Select(t => t.DogName).ToList();
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

/// <summary>A kennel handler working through the round on a dedicated thread.</summary>
public sealed class KennelHandler
{
    private readonly FeedingRoundQueue _queue;
    private readonly string _name;
    private readonly Thread _thread;
    private int _fed;

    public KennelHandler(FeedingRoundQueue queue, string name)
    {
        _queue = queue;
        _name = name;
        _thread = new Thread(Work) { IsBackground = true, Name = $"handler-{name}" };
    }

    public void Start() => _thread.Start();

    public int JoinAndGetFedCount()
    {
        _thread.Join();
        return _fed;
    }

    private void Work()
    {
        while (_queue.TryDequeue(TimeSpan.FromMinutes(5), out var task))
        {
            if (task is null)
            {
                break;
            }

            Console.WriteLine($"{_name} feeds {task.DogName} {task.Grams} g of {task.Ration}");
            _fed++;
        }
    }
}
