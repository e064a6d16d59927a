namespace Blind31.LichenSurveys.Recording;

public sealed record LichenObservation(string QuadratId, string Species, double CoveragePercent, DateTime ObservedAt);

/// <summary>
/// Collects observations from field tablets and writes them to the survey store in batches,
/// either when the batch is full or when the flush timer fires.
/// </summary>
public sealed class ObservationBatchWriter : IDisposable
{
    private readonly object _sync = new();
    private readonly object _flushSync = new();
    private readonly List<LichenObservation> _pending = new();
    private readonly Action<IReadOnlyList<LichenObservation>> _store;
    private readonly int _maxBatch;
    private readonly Timer _timer;
    private long _written;

    public ObservationBatchWriter(Action<IReadOnlyList<LichenObservation>> store, int maxBatch, TimeSpan interval)
    {
        _store = store;
        _maxBatch = maxBatch;
        _timer = new Timer(OnFlushTimer, null, interval, interval);
    }

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Called by the upload endpoint for each observation a tablet sends.</summary>
    public void Add(LichenObservation observation)
    {
        LichenObservation[]? full = null;
        lock (_sync)
        {
            _pending.Add(observation);
            if (_pending.Count >= _maxBatch)
            {
                full = _pending.ToArray();
                _pending.Clear();
            }
        }

        if (full != null)
        {
            Write(full);
        }
    }

    private void OnFlushTimer(object? state)
    {
        LichenObservation[] batch;
        lock (_flushSync)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending.ToArray();
            _pending.Clear();
        }

        Write(batch);
    }

    private void Write(LichenObservation[] batch)
    {
        _store(batch);
        Interlocked.Add(ref _written, batch.Length);
    }

    public void Dispose()
    {
        _timer.Dispose();
    }
}
