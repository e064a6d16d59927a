namespace Blind60.KiteFestival.Metrics;

public sealed record GateSample(DateTime WindowEndUtc, long Entries, long Exits);

/// <summary>
/// Counts visitors through the festival field's turnstiles. Every turnstile reader calls
/// <see cref="RecordEntry"/> / <see cref="RecordExit"/> on its own thread; a timer
/// publishes a per-minute sample for the safety officer's dashboard.
/// </summary>
public sealed class TurnstileMetrics : IDisposable
{
    private readonly Timer _publishTimer;
    private readonly Action<GateSample> _publish;
    private long _entries;
    private long _exits;
    private long _onField;

    public TurnstileMetrics(Action<GateSample> publish, TimeSpan window)
    {
        _publish = publish;
        _publishTimer = new Timer(_ => PublishWindow(), null, window, window);
    }

    public void RecordEntry()
    {
        Interlocked.Increment(ref _entries);
        Interlocked.Increment(ref _onField);
    }

    public void RecordExit()
    {
        Interlocked.Increment(ref _exits);
        Interlocked.Decrement(ref _onField);
    }

    public long OnField => Interlocked.Read(ref _onField);

    private void PublishWindow()
    {
        var entries = Interlocked.Read(ref _entries);
        _entries = 0;
        var exits = Interlocked.Exchange(ref _exits, 0);

        _publish(new GateSample(DateTime.UtcNow, entries, exits));
    }

    public void Dispose() => _publishTimer.Dispose();
}

public sealed class TurnstileReader
{
    private readonly string _gate;
    private readonly TurnstileMetrics _metrics;

    public TurnstileReader(string gate, TurnstileMetrics metrics)
    {
        _gate = gate;
        _metrics = metrics;
    }

    public string Gate => _gate;

    public Task RunAsync(IAsyncEnumerable<bool> passes, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var isEntry in passes.WithCancellation(ct))
        {
            if (isEntry)
            {
                _metrics.RecordEntry();
            }
            else
            {
                _metrics.RecordExit();
            }
        }
    }, ct);
}
