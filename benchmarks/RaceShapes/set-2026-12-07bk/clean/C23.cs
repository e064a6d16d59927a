using System.Collections.Concurrent;

namespace Blind63.TunnelBoring.Segments;

public sealed record RingBuild(int RingNumber, string SegmentBatch, double ThrustKn);

public sealed record RingProgress(int RingNumber, string Stage);

public interface IErector
{
    void Place(RingBuild ring, CancellationToken ct);
}

/// <summary>
/// Queues segment rings for the erector on the boring machine. Rings can be
/// cancelled from the control cabin until the erector starts on them.
/// </summary>
public sealed class RingBuildQueue : IDisposable
{
    private readonly BlockingCollection<RingBuild> _queue = new();
    private readonly ConcurrentDictionary<int, RingBuild> _pending = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IErector _erector;
    private readonly IProgress<RingProgress> _progress;
    private readonly Thread _worker;
    private int _built;

    public RingBuildQueue(IErector erector, IProgress<RingProgress> progress)
    {
        _erector = erector;
        _progress = progress;
        _worker = new Thread(Work) { IsBackground = true, Name = "ring-erector" };
        _worker.Start();
    }

    public int Built => Volatile.Read(ref _built);

    public bool Enqueue(RingBuild ring)
    {
        if (!_pending.TryAdd(ring.RingNumber, ring))
        {
            return false;
        }
        _queue.Add(ring);
        _progress.Report(new RingProgress(ring.RingNumber, "queued"));
        return true;
    }

    /// <summary>Cancels a ring that has not yet been started by the erector.</summary>
    public bool Cancel(int ringNumber)
    {
        return _pending.TryRemove(ringNumber, out _);
    }

    private void Work()
    {
        foreach (var ring in _queue.GetConsumingEnumerable())
        {
            try
            {
                // Rings cancelled from the cabin are no longer pending.
                if (!_pending.TryRemove(ring.RingNumber, out _))
                {
                    _progress.Report(new RingProgress(ring.RingNumber, "cancelled"));
                    continue;
                }

                _progress.Report(new RingProgress(ring.RingNumber, "erecting"));
                _erector.Place(ring, _shutdown.Token);
                Interlocked.Increment(ref _built);
                _progress.Report(new RingProgress(ring.RingNumber, "built"));
            }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
            {
                _progress.Report(new RingProgress(ring.RingNumber, "interrupted"));
                break;
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _shutdown.Cancel();
        _worker.Join();
        _queue.Dispose();
        _shutdown.Dispose();
    }
}
