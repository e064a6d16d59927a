using System.Collections.Concurrent;

namespace Blind26.TapestryLoom.Logging;

/// <summary>
/// Asynchronous wrapper around the loom controller's log file. Any thread may call
/// <see cref="Write"/>; a single background pump drains the queue to the writer. When the
/// queue is full new messages are dropped and counted.
/// </summary>
public sealed class AsyncLoomLogWriter : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _sink;
    private readonly int _limit;
    private readonly Task _pump;
    private int _queued;
    private long _dropped;

    public AsyncLoomLogWriter(TextWriter sink, int limit = 10_000)
    {
        _sink = sink;
        _limit = limit;
        _pump = Task.Run(PumpAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(string loom, string message)
    {
        if (Interlocked.Increment(ref _queued) > _limit)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {loom}: {message}");
        _signal.Release();
    }

    private async Task PumpAsync()
    {
        var batch = new List<string>(128);
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
                DrainInto(batch);
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        while (!_queue.IsEmpty)
        {
            DrainInto(batch);
            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private void DrainInto(List<string> batch)
    {
        while (batch.Count < 512 && _queue.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref _queued);
            batch.Add(line);
        }
    }

    private async Task WriteBatchAsync(List<string> batch)
    {
        foreach (string line in batch)
        {
            await _sink.WriteLineAsync(line).ConfigureAwait(false);
        }

        if (batch.Count > 0)
        {
            await _sink.FlushAsync().ConfigureAwait(false);
        }

        batch.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
    }
}
