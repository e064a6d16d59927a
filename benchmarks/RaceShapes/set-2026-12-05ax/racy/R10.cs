namespace Blind50.Pottery.Kilns;

public sealed record FiringJob(string Owner, string Piece, int ConeTemperature);

public sealed record FiringRecord(FiringJob Job, DateTime FinishedUtc, bool Cracked);

/// <summary>
/// Queue of pieces waiting for the studio kiln. Members add pieces from the front-desk app;
/// a dedicated kiln thread fires them one at a time. The studio's web page shows the list of
/// finished firings. One instance per kiln, registered as a singleton.
/// </summary>
public sealed class KilnQueue : IDisposable
{
    private readonly object _lock = new();
    private readonly Queue<FiringJob> _waiting = new();
    private readonly List<FiringRecord> _completed = new();
    private readonly Thread _kilnThread;
    private readonly Func<FiringJob, bool> _fire;
    private bool _closing;

    public KilnQueue(Func<FiringJob, bool> fire)
    {
        _fire = fire;
        _kilnThread = new Thread(KilnLoop) { IsBackground = true, Name = "kiln" };
        _kilnThread.Start();
    }

    public void Enqueue(FiringJob job)
    {
        lock (_lock)
        {
            _waiting.Enqueue(job);
            Monitor.Pulse(_lock);
        }
    }

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Pieces that have come out of the kiln, oldest first.</summary>
    public IReadOnlyList<FiringRecord> Completed => _completed;

    private void KilnLoop()
    {
        while (true)
        {
            FiringJob job;
            lock (_lock)
            {
                while (_waiting.Count == 0 && !_closing)
                {
                    Monitor.Wait(_lock);
                }

                if (_waiting.Count == 0)
                {
                    return;
                }

                job = _waiting.Dequeue();
            }

            var cracked = !_fire(job);
            lock (_lock)
            {
                _completed.Add(new FiringRecord(job, DateTime.UtcNow, cracked));
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _closing = true;
            Monitor.PulseAll(_lock);
        }

        _kilnThread.Join();
    }
}

/// <summary>Builds the "ready for pickup" section of the studio web page.</summary>
public sealed class PickupBoard
{
    private readonly KilnQueue _kiln;

    public PickupBoard(KilnQueue kiln) => _kiln = kiln;

    public IEnumerable<string> LinesFor(string owner)
    {
        var lines = new List<string>();
        foreach (var record in _kiln.Completed)
        {
            if (record.Job.Owner == owner)
            {
                lines.Add($"{record.Job.Piece}: {(record.Cracked ? "cracked" : "ready")} since {record.FinishedUtc:g}");
            }
        }

        return lines;
    }
}
