namespace Blind36.CurlingClub.Scoreboard;

public enum MatchState { NotStarted, InPlay, Extra, Final }

public sealed record ScoreSummary(int End, int Home, int Away, MatchState State);

/// <summary>
/// Scoreboard for one sheet of ice. The skip's scoring tablet records ends, while the
/// clubhouse display screens and the league web page poll <see cref="GetSummary"/>
/// from their own threads.
/// </summary>
public sealed class SheetScoreboard
{
    private readonly object _gate = new();
    private readonly int _scheduledEnds;
    private MatchState _state = MatchState.NotStarted;
    private int _currentEnd;
    private int _home;
    private int _away;

    public SheetScoreboard(int scheduledEnds = 8) => _scheduledEnds = scheduledEnds;

    public void Start()
    {
        lock (_gate)
        {
            if (_state != MatchState.NotStarted)
                throw new InvalidOperationException("Match already started.");
            _state = MatchState.InPlay;
            _currentEnd = 1;
        }
    }

    /// <summary>Records the stones counted at the end of an end. Only one side can score.</summary>
    public void RecordEnd(bool homeScored, int stones)
    {
        if (stones is < 0 or > 8)
            throw new ArgumentOutOfRangeException(nameof(stones));

        lock (_gate)
        {
            if (_state is MatchState.NotStarted or MatchState.Final)
                throw new InvalidOperationException($"Cannot score in state {_state}.");

            if (homeScored) _home += stones; else _away += stones;

            if (_currentEnd >= _scheduledEnds)
            {
                _state = _home == _away ? MatchState.Extra : MatchState.Final;
            }

            if (_state != MatchState.Final)
                _currentEnd++;
        }
    }

    public void Concede()
    {
        lock (_gate)
        {
            _state = MatchState.Final;
        }
    }

    public ScoreSummary GetSummary()
    {
        return new ScoreSummary(_currentEnd, _home, _away, _state);
    }
}

/// <summary>Refreshes the clubhouse display once a second.</summary>
public sealed class ClubhouseDisplay : IDisposable
{
    private readonly Timer _timer;
    private readonly SheetScoreboard _board;

    public ClubhouseDisplay(SheetScoreboard board)
    {
        _board = board;
        _timer = new Timer(_ => Render(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public event Action<string>? Rendered;

    private void Render()
    {
        var s = _board.GetSummary();
        Rendered?.Invoke($"End {s.End}: Home {s.Home} - Away {s.Away} ({s.State})");
    }

    public void Dispose() => _timer.Dispose();
}
