namespace Blind31.BookbindingStudios.Orders;

public sealed record BindingJob(string OrderId, string Format, int Signatures, string CoverMaterial);

/// <summary>
/// Buffers binding jobs from the shop front and writes them to the workshop ledger in
/// batches, when a batch fills up or when the flush timer fires. Shared by all web requests.
/// </summary>
public sealed class LedgerBatchWriter : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Func<IReadOnlyList<BindingJob>, Task> _appendToLedger;
    private readonly int _maxBatch;
    private readonly Timer _timer;
    private List<BindingJob> _current = new();
    private long _batchesWritten;

    public LedgerBatchWriter(Func<IReadOnlyList<BindingJob>, Task> appendToLedger, int maxBatch, TimeSpan flushInterval)
    {
        _appendToLedger = appendToLedger;
        _maxBatch = maxBatch;
        _timer = new Timer(_ => _ = FlushAsync(), null, flushInterval, flushInterval);
    }

    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);

    public Task AddAsync(BindingJob job)
    {
        List<BindingJob>? full = null;
        lock (_sync)
        {
            _current.Add(job);
            if (_current.Count >= _maxBatch)
            {
                full = _current;
                _current = new List<BindingJob>();
            }
        }

        return full is null ? Task.CompletedTask : WriteAsync(full);
    }

    public Task FlushAsync()
    {
        List<BindingJob> batch;
        lock (_sync)
        {
            if (_current.Count == 0)
            {
                return Task.CompletedTask;
            }

            batch = _current;
            _current = new List<BindingJob>();
        }

        return WriteAsync(batch);
    }

    private async Task WriteAsync(List<BindingJob> batch)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _appendToLedger(batch).ConfigureAwait(false);
            Interlocked.Increment(ref _batchesWritten);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }
}
