namespace EscapeRooms.GameMaster;

public sealed record PuzzleSolve(string PuzzleId, TimeSpan Elapsed);

/// <summary>
/// Progress tracker for one room. Prop controllers (maglocks, RFID readers) report
/// solves through <see cref="MarkSolvedAsync"/>; the game master's console starts and
/// resets games. One instance per room shared by both sides.
/// </summary>
public sealed class RoomProgress
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<PuzzleSolve> _solved = new();
    private readonly IReadOnlyList<string> _puzzleOrder;
    private readonly Func<string, CancellationToken, Task> _openNextProp;
    private DateTimeOffset _startedAt;

    public RoomProgress(IReadOnlyList<string> puzzleOrder, Func<string, CancellationToken, Task> openNextProp)
    {
        _puzzleOrder = puzzleOrder;
        _openNextProp = openNextProp;
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _solved.Clear();
            _startedAt = DateTimeOffset.UtcNow;
        }
        finally { _gate.Release(); }
    }

    public async Task<bool> MarkSolvedAsync(string puzzleId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_solved.Any(s => s.PuzzleId == puzzleId))
                return false;

            _solved.Add(new PuzzleSolve(puzzleId, DateTimeOffset.UtcNow - _startedAt));

            int index = _solved.Count;
            if (index < _puzzleOrder.Count)
                await _openNextProp(_puzzleOrder[index], ct);
            return true;
        }
        finally { _gate.Release(); }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _solved.Clear();
            _startedAt = default;
        }
        finally { _gate.Release(); }
    }

    public async Task<IReadOnlyList<PuzzleSolve>> SnapshotAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return _solved.ToArray(); }
        finally { _gate.Release(); }
    }
}
