namespace Blind43.Darkroom.PrintQueue;

public sealed record PrintJob(string Negative, string Paper, int Copies, TimeSpan Exposure);

/// <summary>
/// Queue of enlarger print jobs. Front-desk staff add jobs from the shop terminal; the
/// enlarger operator's station takes them one at a time. Shared by both sides.
/// </summary>
public sealed class EnlargerQueue
{
    private readonly object _gate = new();
    private readonly Queue<PrintJob> _queue = new();
    private bool _closed;

    public void Add(PrintJob job)
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new InvalidOperationException("The darkroom is closed for the day.");
            }

            _queue.Enqueue(job);
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Blocks the operator station until a job is available or the queue is closed.</summary>
    public bool TryTake(out PrintJob? job, TimeSpan timeout)
    {
        lock (_gate)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (_queue.Count == 0 && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                {
                    job = null;
                    return false;
                }
            }

            return _queue.TryDequeue(out job);
        }
    }

    /// <summary>Removes everything still waiting, e.g. when the chemistry needs replacing mid-session.</summary>
    public IReadOnlyList<PrintJob> DrainPending()
    {
        var pending = _queue.ToArray();
        lock (_gate)
        {
            _queue.Clear();
        }

        return pending;
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
