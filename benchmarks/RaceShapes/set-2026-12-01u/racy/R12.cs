namespace EscapeRooms.Timing;

public sealed record RoomEvent(DateTime AtUtc, string Kind, string Detail);

/// <summary>
/// One running game in an escape room. The game-master tablet calls <see cref="SolvePuzzle"/>
/// through the venue API; the session deadline is enforced with a cancellation token.
/// </summary>
public sealed class RoomSession : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenRegistration _registration;
    private readonly List<RoomEvent> _timeline = new();
    private readonly object _timelineLock = new();
    private readonly int _puzzleCount;
    private int _solved;

    public RoomSession(string roomName, int puzzleCount, TimeSpan timeLimit)
    {
        RoomName = roomName;
        _puzzleCount = puzzleCount;
        _deadline = new CancellationTokenSource();
        _registration = _deadline.Token.Register(OnTimeUp);
        _deadline.CancelAfter(timeLimit);
        Record("start", $"{puzzleCount} puzzles, {timeLimit.TotalMinutes:F0} min");
    }

    public string RoomName { get; }
    public CancellationToken Deadline => _deadline.Token;

    public bool SolvePuzzle(string puzzleName)
    {
        if (_deadline.IsCancellationRequested)
            return false;

        var solved = Interlocked.Increment(ref _solved);
        Record("solved", puzzleName);
        if (solved == _puzzleCount)
        {
            Record("escaped", $"all {_puzzleCount} puzzles");
            _registration.Unregister();
        }
        return true;
    }

    private void OnTimeUp()
    {
        _timeline.Add(new RoomEvent(DateTime.UtcNow, "timeout", $"{Volatile.Read(ref _solved)}/{_puzzleCount} solved"));
    }

    private void Record(string kind, string detail)
    {
        lock (_timelineLock)
        {
            _timeline.Add(new RoomEvent(DateTime.UtcNow, kind, detail));
        }
    }

    public IReadOnlyList<RoomEvent> Timeline()
    {
        lock (_timelineLock)
        {
            return _timeline.ToArray();
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _deadline.Dispose();
    }
}
