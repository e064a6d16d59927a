namespace Blind61.LibraryReturns;

public sealed record ReturnScan(string Barcode, string Branch, DateTimeOffset ScannedAt);

/// <summary>
/// Queue of book-return jobs from the self-service return chutes. Each job checks the item
/// in, clears holds and prints a receipt. A job can be cancelled while it is still waiting
/// (for example when a patron scans the same book twice by mistake).
/// </summary>
public sealed class ReturnJobQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly LinkedList<QueuedReturn> _waiting = new();
    private readonly SemaphoreSlim _signal = new(0);

    public QueuedReturn Enqueue(ReturnScan scan, CancellationToken cancelJob)
    {
        var job = new QueuedReturn(scan);
        LinkedListNode<QueuedReturn> node;
        lock (_gate)
        {
            node = _waiting.AddLast(job);
        }

        cancelJob.Register(() =>
        {
            // drop it if it hasn't started yet
            if (node.List is not null)
            {
                _waiting.Remove(node);
                job.Completion.TrySetCanceled(cancelJob);
            }
        });

        _signal.Release();
        return job;
    }

    public async Task<QueuedReturn?> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            await _signal.WaitAsync(ct);
            lock (_gate)
            {
                var first = _waiting.First;
                if (first is null)
                    continue;      // cancelled before we got to it
                _waiting.RemoveFirst();
                return first.Value;
            }
        }
    }

    public int Waiting
    {
        get { lock (_gate) return _waiting.Count; }
    }

    public void Dispose() => _signal.Dispose();
}

public sealed class QueuedReturn
{
    public QueuedReturn(ReturnScan scan) => Scan = scan;
    public ReturnScan Scan { get; }
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Processes return jobs one at a time against the library management system.</summary>
public sealed class ReturnWorker
{
    private readonly ReturnJobQueue _queue;
    private readonly Func<ReturnScan, CancellationToken, Task> _checkIn;

    public ReturnWorker(ReturnJobQueue queue, Func<ReturnScan, CancellationToken, Task> checkIn)
    {
        _queue = queue;
        _checkIn = checkIn;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var job = await _queue.TakeAsync(ct);
            if (job is null || job.Completion.Task.IsCompleted)
                continue;
            try
            {
                await _checkIn(job.Scan, ct);
                job.Completion.TrySetResult(true);
            }
            catch (Exception ex)
            {
                job.Completion.TrySetException(ex);
            }
        }
    }
}
