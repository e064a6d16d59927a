namespace Blind30.HotSprings;

public sealed record GuestVisit(string Wristband, string Pool, DateTime EnteredUtc, TimeSpan Duration);

public interface IVisitSink
{
    Task WriteAsync(IReadOnlyList<GuestVisit> batch, CancellationToken ct);
}

/// <summary>
/// Collects pool visits from the resort's wristband readers and ships them to the
/// analytics store in batches. Registered as a singleton; every turnstile reader calls
/// <see cref="Add"/> and a periodic flusher drains the buffer.
/// </summary>
public sealed class VisitBatcher
{
    private readonly object _bufferLock = new();
    private readonly IVisitSink _sink;
    private readonly int _maxBatch;
    private List<GuestVisit> _buffer = new();

    public VisitBatcher(IVisitSink sink, int maxBatch)
    {
        _sink = sink;
        _maxBatch = maxBatch;
    }

    public int Buffered
    {
        get
        {
            lock (_bufferLock)
            {
                return _buffer.Count;
            }
        }
    }

    public void Add(GuestVisit visit)
    {
        lock (_bufferLock)
        {
            _buffer.Add(visit);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        List<GuestVisit> batch;
        lock (_bufferLock)
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            batch = _buffer;
            _buffer = new List<GuestVisit>(Math.Min(batch.Count, _maxBatch));
        }

        foreach (var chunk in batch.Chunk(_maxBatch))
        {
            await _sink.WriteAsync(chunk, ct).ConfigureAwait(false);
        }
    }

    public async Task RunFlusherAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
