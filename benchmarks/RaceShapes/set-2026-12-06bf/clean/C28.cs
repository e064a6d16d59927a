namespace Blind58.CroquetHoops;

public sealed record HoopPassage(int Hoop, string Ball, DateTimeOffset At);

/// <summary>
/// Reads the electronic hoop sensors on the croquet lawn. Passages are detected on a
/// timer thread and raised as events from there.
/// </summary>
public sealed class HoopSensorArray : IDisposable
{
    private readonly Func<IReadOnlyList<HoopPassage>> _readSensors;
    private readonly Timer _poll;
    private int _polling;

    public event EventHandler<HoopPassage>? HoopRun;

    public HoopSensorArray(Func<IReadOnlyList<HoopPassage>> readSensors)
    {
        _readSensors = readSensors;
        _poll = new Timer(_ => Poll(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    private void Poll()
    {
        // Skip this tick if the previous poll is still reading.
        if (Interlocked.Exchange(ref _polling, 1) == 1) return;
        try
        {
            foreach (var passage in _readSensors())
            {
                HoopRun?.Invoke(this, passage);
            }
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose() => _poll.Dispose();
}

/// <summary>
/// Game state for an association croquet match: which hoop each ball is for next. Updated
/// from sensor events and from the referee's manual corrections on the clubhouse tablet.
/// </summary>
public sealed class MatchProgress
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _nextHoop = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _log = new();

    public MatchProgress(HoopSensorArray sensors, IEnumerable<string> balls)
    {
        foreach (var ball in balls) _nextHoop[ball] = 1;
        sensors.HoopRun += OnHoopRun;
    }

    private void OnHoopRun(object? sender, HoopPassage passage)
    {
        lock (_sync)
        {
            if (_nextHoop.TryGetValue(passage.Ball, out int expected) && expected == passage.Hoop)
            {
                _nextHoop[passage.Ball] = expected + 1;
                _log.Add($"{passage.At:HH:mm:ss} {passage.Ball} ran hoop {passage.Hoop}");
            }
        }
    }

    public void RefereeCorrection(string ball, int nextHoop)
    {
        lock (_sync)
        {
            _nextHoop[ball] = nextHoop;
            _log.Add($"{DateTimeOffset.Now:HH:mm:ss} referee set {ball} for hoop {nextHoop}");
        }
    }

    public IReadOnlyDictionary<string, int> Positions()
    {
        lock (_sync) return new Dictionary<string, int>(_nextHoop);
    }

    public IReadOnlyList<string> Log()
    {
        lock (_sync) return _log.ToList();
    }
}
