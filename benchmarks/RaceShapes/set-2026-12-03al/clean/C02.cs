using System.Threading.Channels;

namespace Blind38.Lavender.Distillery;

public sealed record StillReading(int StillNumber, DateTime TakenUtc, double SteamTempC, double OilMl);

/// <summary>
/// Batches still readings and writes them to the distillery's production log. Any number of
/// still controllers may call <see cref="TryRecord"/>; a single background loop writes.
/// </summary>
public sealed class StillReadingBatchWriter : IAsyncDisposable
{
    private readonly Channel<StillReading> _channel;
    private readonly Func<IReadOnlyList<StillReading>, CancellationToken, Task> _writeBatch;
    private readonly int _batchSize;
    private readonly TimeSpan _maxDelay;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private long _batchesWritten;
    private long _dropped;

    public StillReadingBatchWriter(Func<IReadOnlyList<StillReading>, CancellationToken, Task> writeBatch,
        int batchSize = 100, TimeSpan? maxDelay = null)
    {
        _writeBatch = writeBatch;
        _batchSize = batchSize;
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(2);
        _channel = Channel.CreateBounded<StillReading>(new BoundedChannelOptions(10_000)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
    }

    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Start()
    {
        if (Interlocked.CompareExchange(ref _loop, Task.CompletedTask, null) is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        Volatile.Write(ref _loop, Task.Run(() => WriteLoopAsync(_stopping.Token)));
    }

    public bool TryRecord(StillReading reading)
    {
        if (_channel.Writer.TryWrite(reading))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<StillReading>(_batchSize);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            var deadline = DateTime.UtcNow + _maxDelay;
            while (batch.Count < _batchSize && DateTime.UtcNow < deadline)
            {
                if (!reader.TryRead(out var item))
                {
                    await Task.Delay(50, ct).ConfigureAwait(false);
                    continue;
                }

                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                await _writeBatch(batch.ToArray(), ct).ConfigureAwait(false);
                Interlocked.Increment(ref _batchesWritten);
                batch.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        var loop = Volatile.Read(ref _loop);
        if (loop is not null)
        {
            try
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _stopping.Cancel();
                try { await loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
        }

        _stopping.Dispose();
    }
}
