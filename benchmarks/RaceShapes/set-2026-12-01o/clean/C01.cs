namespace Flashcards.Spacing;

public sealed record DueCard(Guid CardId, string Front, DateTime DueAt, double EaseFactor);

/// <summary>
/// SM-2 style scheduler for the language-learning app. Registered as a singleton;
/// the review endpoint and the "due today" widget call it concurrently.
/// </summary>
public sealed class SpacedRepetitionScheduler
{
    private sealed class CardState
    {
        public required Guid CardId { get; init; }
        public required string Front { get; init; }
        public int Repetitions { get; set; }
        public int IntervalDays { get; set; }
        public double EaseFactor { get; set; } = 2.5;
        public DateTime DueAt { get; set; }
    }

    private readonly object _sync = new();
    private readonly Dictionary<Guid, CardState> _cards = new();
    private readonly TimeProvider _clock;

    public SpacedRepetitionScheduler(TimeProvider clock) => _clock = clock;

    public void AddCard(Guid cardId, string front)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        lock (_sync)
        {
            _cards.TryAdd(cardId, new CardState { CardId = cardId, Front = front, DueAt = now });
        }
    }

    /// <summary>Records a review with a grade from 0 (blackout) to 5 (perfect).</summary>
    public DateTime RecordReview(Guid cardId, int grade)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        lock (_sync)
        {
            if (!_cards.TryGetValue(cardId, out var card))
            {
                throw new KeyNotFoundException($"Card {cardId} is not in the deck.");
            }

            Reschedule(card, Math.Clamp(grade, 0, 5), now);
            return card.DueAt;
        }
    }

    public IReadOnlyList<DueCard> GetDue(int max)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        lock (_sync)
        {
            return _cards.Values
                .Where(c => c.DueAt <= now)
                .OrderBy(c => c.DueAt)
                .Take(max)
                .Select(c => new DueCard(c.CardId, c.Front, c.DueAt, c.EaseFactor))
                .ToList();
        }
    }

    private static void Reschedule(CardState card, int grade, DateTime now)
    {
        if (grade < 3)
        {
            card.Repetitions = 0;
            card.IntervalDays = 1;
        }
        else
        {
            card.Repetitions++;
            card.IntervalDays = card.Repetitions switch
            {
                1 => 1,
                2 => 6,
                _ => (int)Math.Round(card.IntervalDays * card.EaseFactor),
            };
        }

        card.EaseFactor = Math.Max(1.3, card.EaseFactor + (0.1 - (5 - grade) * (0.08 + (5 - grade) * 0.02)));
        card.DueAt = now.AddDays(card.IntervalDays);
    }
}
