namespace Blind60.ClimbingGym.Competition;

public sealed record StandingsRow(int Rank, string Climber, int Tops, int Zones, int Attempts);

/// <summary>
/// Live standings for the gym's open competition. Judges' tablets submit scorecards
/// concurrently and the big screen pages through the standings every few seconds.
/// Registered as a singleton.
/// </summary>
public sealed class CompetitionStandings : IDisposable
{
    private sealed class Card
    {
        public int Tops;
        public int Zones;
        public int Attempts;
    }

    private readonly ReaderWriterLockSlim _rw = new();
    private readonly Dictionary<string, Card> _cards = new(StringComparer.OrdinalIgnoreCase);

    public void Submit(string climber, bool topped, bool zoned, int attempts)
    {
        _rw.EnterWriteLock();
        try
        {
            if (!_cards.TryGetValue(climber, out var card))
            {
                card = new Card();
                _cards.Add(climber, card);
            }
            card.Attempts += attempts;
            if (topped) card.Tops++;
            if (zoned) card.Zones++;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public IReadOnlyList<StandingsRow> Page(int pageIndex, int pageSize)
    {
        _rw.EnterReadLock();
        try
        {
            return _cards
                .OrderByDescending(kv => kv.Value.Tops)
                .ThenByDescending(kv => kv.Value.Zones)
                .ThenBy(kv => kv.Value.Attempts)
                .Select((kv, i) => new StandingsRow(i + 1, kv.Key, kv.Value.Tops, kv.Value.Zones, kv.Value.Attempts))
                .Skip(pageIndex * pageSize)
                .Take(pageSize)
                .ToList();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public StandingsRow? Find(string climber)
    {
        _rw.EnterReadLock();
        try
        {
            return _cards.TryGetValue(climber, out var c)
                ? new StandingsRow(0, climber, c.Tops, c.Zones, c.Attempts)
                : null;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
