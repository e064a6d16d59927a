namespace Blind60.ClimbingGym.Leaderboards;

public sealed record LeaderboardRow(int Rank, string Climber, int Points, int Tops);

/// <summary>
/// Bouldering-league leaderboard. Registered as a singleton: the scoring kiosks call
/// <see cref="RecordAscent"/> and the wall display pages through <see cref="GetPage"/>.
/// </summary>
public sealed class BoulderLeaderboard : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, (int Points, int Tops)> _scores = new(StringComparer.OrdinalIgnoreCase);

    public void RecordAscent(string climber, int problemGrade, bool flashed)
    {
        var points = problemGrade * 100 + (flashed ? 20 : 0);

        _lock.EnterReadLock();
        try
        {
            _scores.TryGetValue(climber, out var current);
            _scores[climber] = (current.Points + points, current.Tops + 1);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<LeaderboardRow> GetPage(int page, int pageSize)
    {
        _lock.EnterReadLock();
        try
        {
            return _scores
                .OrderByDescending(kv => kv.Value.Points)
                .ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                .Select((kv, i) => new LeaderboardRow(i + 1, kv.Key, kv.Value.Points, kv.Value.Tops))
                .Skip(page * pageSize)
                .Take(pageSize)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ResetSeason()
    {
        _lock.EnterWriteLock();
        try
        {
            _scores.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int ClimberCount
    {
        get
        {
            _lock.EnterReadLock();
            try { return _scores.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Dispose() => _lock.Dispose();
}
