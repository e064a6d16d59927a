using System.Collections.Concurrent;

namespace Blind.C29;

public sealed record ThumbnailJob(string SourcePath, string TargetPath, int MaxWidth);

/// <summary>
/// Work queue for thumbnail generation. Upload handlers enqueue jobs; a fixed set
/// of worker tasks processes them.
/// </summary>
public sealed class ThumbnailQueue : IAsyncDisposable
{
    private readonly ConcurrentQueue<ThumbnailJob> _jobs = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task[] _workers;
    private readonly Action<ThumbnailJob> _render;
    private int _pending;
    private long _completed;
    private long _failed;

    public ThumbnailQueue(int workerCount, Action<ThumbnailJob> render)
    {
        _render = render;
        _workers = Enumerable.Range(0, workerCount).Select(_ => Task.Run(WorkerLoopAsync)).ToArray();
    }

    public int Pending => Volatile.Read(ref _pending);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public void Enqueue(ThumbnailJob job)
    {
        _jobs.Enqueue(job);
        Interlocked.Increment(ref _pending);
        _available.Release();
    }

    private async Task WorkerLoopAsync()
    {
        var token = _shutdown.Token;
        while (true)
        {
            try
            {
                await _available.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_jobs.TryDequeue(out var job))
            {
                continue;
            }

            Interlocked.Decrement(ref _pending);
            try
            {
                _render(job);
                Interlocked.Increment(ref _completed);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _shutdown.Dispose();
        _available.Dispose();
    }
}
