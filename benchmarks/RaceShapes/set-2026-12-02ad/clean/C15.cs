namespace Blind30.ArcheryRange;

public sealed record ArcherStanding(string Archer, int Total, int Xs, int BestEnd);

/// <summary>
/// Scores for a club's indoor league night. One instance is shared by the range's
/// lane tablets, which submit ends concurrently, and by the results screen.
/// </summary>
public sealed class LeagueNightScores
{
    private readonly object _sync = new();
    private readonly Dictionary<string, ArcherCard> _cards = new(StringComparer.OrdinalIgnoreCase);
    private string? _highEndArcher;
    private int _highEnd;

    public void SubmitEnd(string archer, IReadOnlyList<string> arrows)
    {
        int total = 0;
        int xs = 0;
        foreach (var arrow in arrows)
        {
            if (arrow == "X")
            {
                total += 10;
                xs++;
            }
            else if (arrow != "M")
            {
                total += int.Parse(arrow);
            }
        }

        lock (_sync)
        {
            if (!_cards.TryGetValue(archer, out var card))
            {
                card = new ArcherCard();
                _cards[archer] = card;
            }

            card.Total += total;
            card.Xs += xs;
            card.BestEnd = Math.Max(card.BestEnd, total);

            if (total > _highEnd)
            {
                _highEnd = total;
                _highEndArcher = archer;
            }
        }
    }

    public (string? Archer, int Score) HighEnd
    {
        get
        {
            lock (_sync)
            {
                return (_highEndArcher, _highEnd);
            }
        }
    }

    public IReadOnlyList<ArcherStanding> Standings()
    {
        lock (_sync)
        {
            return _cards
                .Select(kv => new ArcherStanding(kv.Key, kv.Value.Total, kv.Value.Xs, kv.Value.BestEnd))
                .OrderByDescending(s => s.Total)
                .ThenByDescending(s => s.Xs)
                .ToList();
        }
    }

    private sealed class ArcherCard
    {
        public int Total { get; set; }
        public int Xs { get; set; }
        public int BestEnd { get; set; }
    }
}
