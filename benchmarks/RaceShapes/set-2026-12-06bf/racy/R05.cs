namespace Blind58.HotSauceBatches;

public sealed record BatchRecord(string BatchId, string Sauce, int ScovilleEstimate, int BottlesFilled, DateTimeOffset UpdatedAt);

public interface IBatchStore
{
    Task SaveAsync(IReadOnlyCollection<BatchRecord> records, CancellationToken cancellationToken);
}

/// <summary>
/// Write-behind buffer for production batch records. Bottling-line terminals call
/// <see cref="Put"/> many times a minute; records are persisted in bulk every few seconds
/// and on shutdown. Registered as a singleton.
/// </summary>
public sealed class BatchRecordWriteBehind : IAsyncDisposable
{
    private readonly IBatchStore _store;
    private readonly object _gate = new();
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _flushLoop;
    private Dictionary<string, BatchRecord> _dirty = new();
    private int _flushFailures;

    public BatchRecordWriteBehind(IBatchStore store, TimeSpan interval)
    {
        _store = store;
        _timer = new PeriodicTimer(interval);
        _flushLoop = RunAsync();
    }

    public int FlushFailures => Volatile.Read(ref _flushFailures);

    public void Put(BatchRecord record)
    {
        lock (_gate)
        {
            _dirty[record.BatchId] = record;
        }
    }

    public bool TryGetPending(string batchId, out BatchRecord? record)
    {
        lock (_gate)
        {
            return _dirty.TryGetValue(batchId, out record);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = _dirty;
        if (batch.Count == 0)
        {
            return;
        }

        _dirty = new Dictionary<string, BatchRecord>();
        await _store.SaveAsync(batch.Values.ToList(), cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(_shutdown.Token).ConfigureAwait(false);
                }
                catch (Exception) when (!_shutdown.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _flushFailures);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _flushLoop.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
        _timer.Dispose();
        _shutdown.Dispose();
    }
}
