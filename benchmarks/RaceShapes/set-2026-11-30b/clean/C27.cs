namespace Blind2.C27;

/// <summary>
/// Counts named events and pushes the deltas to a metrics backend every few
/// seconds. If the exporter cannot get the counters promptly (heavy
/// contention), it skips that round; the counts carry over to the next one.
/// </summary>
public sealed class CounterExporter : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Action<IReadOnlyDictionary<string, long>> _push;
    private readonly Timer _timer;
    private long _skippedRounds;

    public CounterExporter(Action<IReadOnlyDictionary<string, long>> push, TimeSpan interval)
    {
        _push = push;
        _timer = new Timer(_ => Export(), null, interval, interval);
    }

    public long SkippedRounds => Interlocked.Read(ref _skippedRounds);

    public void Increment(string name, long by = 1)
    {
        lock (_sync)
        {
            _counts[name] = _counts.GetValueOrDefault(name) + by;
        }
    }

    private void Export()
    {
        Dictionary<string, long> delta;

        if (!Monitor.TryEnter(_sync, TimeSpan.FromMilliseconds(50)))
        {
            Interlocked.Increment(ref _skippedRounds);
            return;
        }

        try
        {
            if (_counts.Count == 0)
                return;
            delta = new Dictionary<string, long>(_counts, StringComparer.Ordinal);
            _counts.Clear();
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        try
        {
            _push(delta);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Metrics push failed, {delta.Count} series dropped: {ex.Message}");
        }
    }

    public void Dispose() => _timer.Dispose();
}
