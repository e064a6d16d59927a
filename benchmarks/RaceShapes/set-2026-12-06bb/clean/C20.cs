namespace Blind54.MiniGolf.Scorecards;

public sealed record HoleScore(int Hole, int Strokes);

/// <summary>
/// Scorecards of all groups currently playing the course. Players enter strokes from their
/// phones while the clubhouse screen and the course app read the cards; one instance is
/// registered for the whole app.
/// </summary>
public sealed class CourseScorecards : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int[]> _strokesByPlayer = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _holes;

    public CourseScorecards(int holes = 18) => _holes = holes;

    public void Enter(string player, int hole, int strokes)
    {
        if (hole < 1 || hole > _holes)
        {
            throw new ArgumentOutOfRangeException(nameof(hole));
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_strokesByPlayer.TryGetValue(player, out var card))
            {
                card = new int[_holes];
                _strokesByPlayer.Add(player, card);
            }

            card[hole - 1] = strokes;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<HoleScore> CardFor(string player)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_strokesByPlayer.TryGetValue(player, out var card))
            {
                return Array.Empty<HoleScore>();
            }

            return card.Select((s, i) => new HoleScore(i + 1, s)).Where(h => h.Strokes > 0).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<(string Player, int Total)> Standings()
    {
        _lock.EnterReadLock();
        try
        {
            return _strokesByPlayer
                .Select(p => (p.Key, p.Value.Sum()))
                .OrderBy(p => p.Item2)
                .ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            _strokesByPlayer.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
