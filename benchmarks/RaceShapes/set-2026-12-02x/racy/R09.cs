namespace Blind24.GroundStation;

public sealed record SatellitePass(string Satellite, string Antenna, DateTimeOffset Aos, DateTimeOffset Los);

/// <summary>
/// Tracks which antennas are currently following a satellite pass. One instance is
/// shared by all pass executors (one per antenna) and by the health endpoint, so its
/// members are called from many threads at once.
/// </summary>
public sealed class PassTracker
{
    private readonly object _historyLock = new();
    private readonly Queue<SatellitePass> _recent = new();
    private int _activePasses;
    private long _completedPasses;

    public int ActivePasses => Volatile.Read(ref _activePasses);

    public long CompletedPasses => Interlocked.Read(ref _completedPasses);

    public IDisposable Begin(SatellitePass pass)
    {
        Interlocked.Increment(ref _activePasses);
        return new PassScope(this, pass);
    }

    private void End(SatellitePass pass, bool completed)
    {
        _activePasses--;
        if (completed)
        {
            Interlocked.Increment(ref _completedPasses);
        }

        lock (_historyLock)
        {
            _recent.Enqueue(pass);
            while (_recent.Count > 50)
            {
                _recent.Dequeue();
            }
        }
    }

    public IReadOnlyList<SatellitePass> Recent()
    {
        lock (_historyLock)
        {
            return _recent.ToArray();
        }
    }

    private sealed class PassScope : IDisposable
    {
        private readonly PassTracker _owner;
        private readonly SatellitePass _pass;
        private int _disposed;

        public PassScope(PassTracker owner, SatellitePass pass)
        {
            _owner = owner;
            _pass = pass;
        }

        public bool Completed { get; set; } = true;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.End(_pass, Completed);
            }
        }
    }
}

/// <summary>Runs the schedule for one antenna.</summary>
public sealed class AntennaPassExecutor
{
    private readonly PassTracker _tracker;
    private readonly Func<SatellitePass, CancellationToken, Task> _track;

    public AntennaPassExecutor(PassTracker tracker, Func<SatellitePass, CancellationToken, Task> track)
    {
        _tracker = tracker;
        _track = track;
    }

    public async Task RunAsync(IEnumerable<SatellitePass> schedule, CancellationToken ct)
    {
        foreach (var pass in schedule.OrderBy(p => p.Aos))
        {
            var wait = pass.Aos - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            using (_tracker.Begin(pass))
            {
                await _track(pass, ct);
            }
        }
    }
}
