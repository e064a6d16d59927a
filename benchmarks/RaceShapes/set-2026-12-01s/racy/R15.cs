namespace EscapeRooms.Hints;

public sealed record HintRecord(string PuzzleId, string Text, DateTimeOffset GivenAt);

public interface IHintCatalog
{
    Task<string> GetHintAsync(string puzzleId, int level, CancellationToken ct);
}

/// <summary>
/// Hint dispenser for one room. The players' tablets call <see cref="RequestHintAsync"/>;
/// the game master's console calls <see cref="ResetForNextGroup"/> while tidying the
/// room between bookings. One instance per room, shared by both.
/// </summary>
public sealed class HintDispenser
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<HintRecord> _given = new();
    private readonly IHintCatalog _catalog;
    private readonly int _maxHints;

    public HintDispenser(IHintCatalog catalog, int maxHints = 3)
    {
        _catalog = catalog;
        _maxHints = maxHints;
    }

    public async Task<string?> RequestHintAsync(string puzzleId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_given.Count >= _maxHints)
                return null;

            int level = _given.Count(h => h.PuzzleId == puzzleId);
            string hint = await _catalog.GetHintAsync(puzzleId, level, ct);
            _given.Add(new HintRecord(puzzleId, hint, DateTimeOffset.UtcNow));
            return hint;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<HintRecord>> GetHistoryAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _given.ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void ResetForNextGroup()
    {
        _given.Clear();
    }
}
