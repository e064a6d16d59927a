namespace Blind59.ChessClub.Ratings;

public sealed record RatedMember(string MemberId, string Name, int Rating, int GamesPlayed);

/// <summary>
/// Club grading list. Read constantly by the pairing screen, the league table and the
/// members' app; written when results are entered on club nights. Singleton.
/// </summary>
public sealed class ClubRatingList : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, RatedMember> _members = new(StringComparer.Ordinal);

    public RatedMember? Find(string memberId)
    {
        _lock.EnterReadLock();
        try
        {
            return _members.TryGetValue(memberId, out var member) ? member : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<RatedMember> Top(int count)
    {
        _lock.EnterReadLock();
        try
        {
            return _members.Values.OrderByDescending(m => m.Rating).ThenBy(m => m.Name).Take(count).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Register(string memberId, string name, int provisionalRating)
    {
        _lock.EnterWriteLock();
        try
        {
            _members.TryAdd(memberId, new RatedMember(memberId, name, provisionalRating, 0));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Applies an Elo update for one game. Score is 1, 0.5 or 0 from White's side.</summary>
    public (int White, int Black) RecordGame(string whiteId, string blackId, double score)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            var white = _members[whiteId];
            var black = _members[blackId];

            double expected = 1.0 / (1.0 + Math.Pow(10, (black.Rating - white.Rating) / 400.0));
            int delta = (int)Math.Round(KFactor(white) * (score - expected));
            int deltaBlack = (int)Math.Round(KFactor(black) * (expected - score));

            _lock.EnterWriteLock();
            try
            {
                _members[whiteId] = white with { Rating = white.Rating + delta, GamesPlayed = white.GamesPlayed + 1 };
                _members[blackId] = black with { Rating = black.Rating + deltaBlack, GamesPlayed = black.GamesPlayed + 1 };
                return (_members[whiteId].Rating, _members[blackId].Rating);
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

    private static int KFactor(RatedMember m) => m.GamesPlayed < 30 ? 40 : m.Rating >= 2400 ? 10 : 20;

    public void Dispose() => _lock.Dispose();
}

public static class ClubNightResults
{
    /// <summary>Enters a whole round's results as the boards finish.</summary>
    public static Task EnterRoundAsync(ClubRatingList ratings, IEnumerable<(string White, string Black, double Score)> games) =>
        Task.WhenAll(games.Select(g => Task.Run(() => ratings.RecordGame(g.White, g.Black, g.Score))));
}
