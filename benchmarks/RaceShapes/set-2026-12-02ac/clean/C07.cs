namespace Blind29.ChessClub.Ratings;

public sealed record GameResult(string White, string Black, double WhiteScore);

/// <summary>
/// Club rating list. The pairing screen and the members' site read ratings all
/// evening while the arbiter's laptop submits results as games finish.
/// </summary>
public sealed class RatingList : IDisposable
{
    private const int DefaultRating = 1200;
    private const double K = 24;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, double> _ratings = new(StringComparer.OrdinalIgnoreCase);

    public int RatingOf(string member)
    {
        _lock.EnterReadLock();
        try
        {
            return _ratings.TryGetValue(member, out var r) ? (int)Math.Round(r) : DefaultRating;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void EnsureMember(string member)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_ratings.ContainsKey(member))
            {
                return;
            }

            _lock.EnterWriteLock();
            try
            {
                _ratings[member] = DefaultRating;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Submit(GameResult result)
    {
        _lock.EnterWriteLock();
        try
        {
            var white = _ratings.GetValueOrDefault(result.White, DefaultRating);
            var black = _ratings.GetValueOrDefault(result.Black, DefaultRating);
            var expectedWhite = 1 / (1 + Math.Pow(10, (black - white) / 400));
            _ratings[result.White] = white + K * (result.WhiteScore - expectedWhite);
            _ratings[result.Black] = black + K * ((1 - result.WhiteScore) - (1 - expectedWhite));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<(string Member, int Rating)> Top(int count)
    {
        _lock.EnterReadLock();
        try
        {
            return _ratings
                .OrderByDescending(r => r.Value)
                .Take(count)
                .Select(r => (r.Key, (int)Math.Round(r.Value)))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
