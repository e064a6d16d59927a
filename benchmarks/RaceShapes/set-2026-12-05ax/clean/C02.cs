namespace Blind50.PrintShop.JobLog;

public sealed record PrintJobEntry(string JobId, string Press, int Sheets, DateTime CompletedUtc);

public interface IJobLogStore
{
    Task AppendAsync(IReadOnlyList<PrintJobEntry> entries, CancellationToken cancellationToken);
}

/// <summary>
/// Buffers completed print jobs reported by the presses and appends them to the job log in
/// batches: when a batch reaches the size limit, or when the flush interval elapses.
/// One instance per shop; <see cref="Add"/> is called by every press controller.
/// </summary>
public sealed class PrintJobLogWriter : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly SemaphoreSlim _storeGate = new(1, 1);
    private readonly IJobLogStore _store;
    private readonly int _maxBatch;
    private readonly Timer _flushTimer;
    private List<PrintJobEntry> _buffer;

    public PrintJobLogWriter(IJobLogStore store, int maxBatch, TimeSpan flushInterval)
    {
        _store = store;
        _maxBatch = maxBatch;
        _buffer = new List<PrintJobEntry>(maxBatch);
        _flushTimer = new Timer(_ => _ = FlushAsync(), null, flushInterval, flushInterval);
    }

    public void Add(PrintJobEntry entry)
    {
        List<PrintJobEntry>? full = null;
        lock (_sync)
        {
            _buffer.Add(entry);
            if (_buffer.Count >= _maxBatch)
            {
                full = TakeBuffer();
            }
        }

        if (full != null)
        {
            _ = WriteAsync(full);
        }
    }

    public Task FlushAsync()
    {
        List<PrintJobEntry>? batch = null;
        lock (_sync)
        {
            if (_buffer.Count > 0)
            {
                batch = TakeBuffer();
            }
        }

        return batch == null ? Task.CompletedTask : WriteAsync(batch);
    }

    private List<PrintJobEntry> TakeBuffer()
    {
        var taken = _buffer;
        _buffer = new List<PrintJobEntry>(_maxBatch);
        return taken;
    }

    private async Task WriteAsync(List<PrintJobEntry> batch)
    {
        await _storeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _store.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Job log append failed for {batch.Count} jobs: {ex.Message}");
        }
        finally
        {
            _storeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }
}
