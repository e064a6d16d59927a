using System.Collections.Concurrent;

namespace Blind45.Lighthouse.Notices;

public sealed record MarinerNotice(string NoticeId, string Area, string Text, int Attempt);

public interface INoticeBroadcaster
{
    Task BroadcastAsync(MarinerNotice notice, CancellationToken ct);
}

/// <summary>
/// Retry queue for notices to mariners (unlit buoys, extinguished lights, works in the
/// fairway). Failed broadcasts are retried with exponential back-off and jitter; many
/// producers may enqueue while a single pump drains the queue.
/// </summary>
public sealed class NoticeRetryQueue : IDisposable
{
    private const int MaxAttempts = 6;

    private readonly INoticeBroadcaster _broadcaster;
    private readonly ConcurrentQueue<(MarinerNotice Notice, DateTimeOffset DueAt)> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly ThreadLocal<Random> _jitter = new(() => new Random(Environment.CurrentManagedThreadId ^ Environment.TickCount));
    private long _deadLettered;
    private int _queued;

    public NoticeRetryQueue(INoticeBroadcaster broadcaster) => _broadcaster = broadcaster;

    public int Queued => Volatile.Read(ref _queued);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public void Enqueue(MarinerNotice notice) => Schedule(notice, DateTimeOffset.UtcNow);

    private void Schedule(MarinerNotice notice, DateTimeOffset dueAt)
    {
        _queue.Enqueue((notice, dueAt));
        Interlocked.Increment(ref _queued);
        _signal.Release();
    }

    public async Task PumpAsync(CancellationToken ct)
    {
        while (true)
        {
            await _signal.WaitAsync(ct).ConfigureAwait(false);
            if (!_queue.TryDequeue(out var item))
            {
                continue;
            }

            Interlocked.Decrement(ref _queued);
            var delay = item.DueAt - DateTimeOffset.UtcNow;
            if (delay > TimeSpan.Zero)
            {
                // Not due yet; put it back behind newer work.
                _ = RequeueLaterAsync(item.Notice, item.DueAt, delay, ct);
                continue;
            }

            try
            {
                await _broadcaster.BroadcastAsync(item.Notice, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var next = item.Notice with { Attempt = item.Notice.Attempt + 1 };
                if (next.Attempt >= MaxAttempts)
                {
                    Interlocked.Increment(ref _deadLettered);
                    continue;
                }

                var backoff = TimeSpan.FromSeconds(Math.Pow(2, next.Attempt)) + TimeSpan.FromMilliseconds(_jitter.Value!.Next(0, 500));
                Schedule(next, DateTimeOffset.UtcNow + backoff);
            }
        }
    }

    private async Task RequeueLaterAsync(MarinerNotice notice, DateTimeOffset dueAt, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct).ConfigureAwait(false);
            Schedule(notice, dueAt);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _signal.Dispose();
        _jitter.Dispose();
    }
}
