namespace VintageRally.Timing;

public sealed record CheckpointTime(int CarNumber, string Checkpoint, DateTime PassedAt);

public interface IRallyHeadquarters
{
    void Upload(IReadOnlyList<CheckpointTime> batch);
}

/// <summary>
/// Collects checkpoint times from marshals' handsets and uploads them to rally
/// headquarters once the handsets have gone quiet for a moment, so a burst of
/// cars through a checkpoint becomes a single upload over the patchy mobile link.
/// </summary>
public sealed class CheckpointUploader : IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(3);

    private readonly object _gate = new();
    private readonly IRallyHeadquarters _hq;
    private readonly Timer _timer;
    private List<CheckpointTime> _pending = new();

    public CheckpointUploader(IRallyHeadquarters hq)
    {
        _hq = hq;
        _timer = new Timer(Flush, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Called by each marshal handset connection as cars pass.</summary>
    public void Record(CheckpointTime time)
    {
        lock (_gate)
        {
            _pending.Add(time);
            _timer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    public int PendingCount
    {
        get { lock (_gate) { return _pending.Count; } }
    }

    private void Flush(object? state)
    {
        var batch = _pending;
        _pending = new List<CheckpointTime>();

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            _hq.Upload(batch);
        }
        catch (IOException)
        {
            lock (_gate)
            {
                // Put the batch back in front so it goes with the next upload.
                _pending.InsertRange(0, batch);
                _timer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
