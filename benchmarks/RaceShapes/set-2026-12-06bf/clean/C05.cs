namespace Blind58.PickleJarStock;

public sealed record JarStockLevel(string Sku, int Jars, string Shelf, DateTimeOffset CountedAt);

public interface IStockLedger
{
    Task WriteAsync(IReadOnlyList<JarStockLevel> levels, CancellationToken cancellationToken);
}

/// <summary>
/// Buffers shelf counts from the pickle works' warehouse scanners and writes them to the
/// stock ledger in batches. Scanners call <see cref="Record"/> concurrently; a background
/// loop flushes on an interval.
/// </summary>
public sealed class StockLevelWriteBehind : IAsyncDisposable
{
    private readonly IStockLedger _ledger;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _flushSerializer = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private Dictionary<string, JarStockLevel> _pending = new(StringComparer.Ordinal);

    public StockLevelWriteBehind(IStockLedger ledger, TimeSpan interval)
    {
        _ledger = ledger;
        _loop = FlushLoopAsync(interval, _stopping.Token);
    }

    public void Record(JarStockLevel level)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(level.Sku, out var existing) || existing.CountedAt <= level.CountedAt)
            {
                _pending[level.Sku] = level;
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushSerializer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<string, JarStockLevel> batch;
            lock (_gate)
            {
                if (_pending.Count == 0) return;
                batch = _pending;
                _pending = new Dictionary<string, JarStockLevel>(StringComparer.Ordinal);
            }

            try
            {
                await _ledger.WriteAsync(batch.Values.ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    // Put the batch back unless a newer count arrived while we were writing.
                    foreach (var level in batch.Values)
                    {
                        if (!_pending.ContainsKey(level.Sku))
                        {
                            _pending[level.Sku] = level;
                        }
                    }
                }

                throw;
            }
        }
        finally
        {
            _flushSerializer.Release();
        }
    }

    private async Task FlushLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Retried on the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _loop.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
