namespace Blind57.RowingRegatta.Timing;

/// <summary>Running split statistics for one crew.</summary>
public struct SplitStats
{
    public int Count;
    public double TotalSeconds;
    public double FastestSeconds;

    public readonly double AverageSeconds => Count == 0 ? 0 : TotalSeconds / Count;
}

/// <summary>
/// Accumulates 500 m split times for a crew as the timing mats along the course report them.
/// Each mat's receiver runs on its own thread; the commentary box and the results feed read
/// the figures at any time.
/// </summary>
public sealed class CrewSplitTracker
{
    private readonly object _gate = new();
    private SplitStats _stats;

    public CrewSplitTracker(string crewName) => CrewName = crewName;

    public string CrewName { get; }

    public void RecordSplit(double seconds)
    {
        if (seconds <= 0 || double.IsNaN(seconds))
        {
            return;
        }

        lock (_gate)
        {
            _stats.Count++;
            _stats.TotalSeconds += seconds;
            if (_stats.Count == 1 || seconds < _stats.FastestSeconds)
            {
                _stats.FastestSeconds = seconds;
            }
        }
    }

    /// <summary>Copy of the current figures for display.</summary>
    public SplitStats Snapshot() => _stats;
}

/// <summary>Formats a line for the commentary box screen every few seconds.</summary>
public sealed class CommentaryFeed : IDisposable
{
    private readonly IReadOnlyList<CrewSplitTracker> _crews;
    private readonly Action<string> _publish;
    private readonly Timer _timer;

    public CommentaryFeed(IReadOnlyList<CrewSplitTracker> crews, Action<string> publish)
    {
        _crews = crews;
        _publish = publish;
        _timer = new Timer(_ => PublishAll(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private void PublishAll()
    {
        foreach (var crew in _crews)
        {
            var s = crew.Snapshot();
            _publish($"{crew.CrewName}: {s.Count} splits, avg {s.AverageSeconds:F1}s, best {s.FastestSeconds:F1}s");
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Reads split messages from one timing mat's serial line.</summary>
public sealed class TimingMatReceiver
{
    private readonly Func<(string Crew, double Seconds)?> _readNext;
    private readonly IReadOnlyDictionary<string, CrewSplitTracker> _trackers;

    public TimingMatReceiver(Func<(string, double)?> readNext, IReadOnlyDictionary<string, CrewSplitTracker> trackers)
    {
        _readNext = readNext;
        _trackers = trackers;
    }

    public Thread Start()
    {
        var thread = new Thread(() =>
        {
            while (_readNext() is { } message)
            {
                if (_trackers.TryGetValue(message.Crew, out var tracker))
                {
                    tracker.RecordSplit(message.Seconds);
                }
            }
        }) { IsBackground = true, Name = "timing-mat" };
        thread.Start();
        return thread;
    }
}
