namespace Blind60.CiderPress.Batches;

public sealed record PressBatch(string BatchId, string Orchard, double Litres, double Gravity);

public interface IBatchStore
{
    void Save(PressBatch batch);
}

/// <summary>
/// Write-behind cache for press batches. Reads are served from memory; changed
/// batches are persisted by a timer every few seconds. Shared by the whole press-room app.
/// </summary>
public sealed class BatchWriteBehindCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PressBatch> _cache = new();
    private readonly Dictionary<string, PressBatch> _dirty = new();
    private readonly IBatchStore _store;
    private readonly Timer _flushTimer;

    public BatchWriteBehindCache(IBatchStore store, TimeSpan flushInterval)
    {
        _store = store;
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public void Set(PressBatch batch)
    {
        lock (_gate)
        {
            _cache[batch.BatchId] = batch;
            _dirty[batch.BatchId] = batch;
        }
    }

    public PressBatch? Get(string batchId)
    {
        lock (_gate)
        {
            return _cache.TryGetValue(batchId, out var batch) ? batch : null;
        }
    }

    public int PendingWrites
    {
        get { lock (_gate) return _dirty.Count; }
    }

    private void Flush()
    {
        var written = new List<string>();
        foreach (var pair in _dirty)
        {
            try
            {
                _store.Save(pair.Value);
                written.Add(pair.Key);
            }
            catch (IOException)
            {
                // Left dirty; the next tick will try again.
            }
        }

        lock (_gate)
        {
            foreach (var id in written)
            {
                _dirty.Remove(id);
            }
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}
