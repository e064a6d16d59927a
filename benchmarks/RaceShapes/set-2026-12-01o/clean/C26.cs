using System.Collections.Immutable;

namespace Flashcards.Decks;

public sealed record Flashcard(string Prompt, string Answer, string? AudioClip);

public sealed record Deck(string Name, string Language, ImmutableArray<Flashcard> Cards);

/// <summary>
/// Holds the deck the learner is currently practising. The deck download runs in the
/// background and swaps the active deck in when finished; the practice screen draws
/// cards from whatever deck is active.
/// </summary>
public sealed class ActiveDeckHolder
{
    private Deck? _active;
    private int _drawCount;

    public string? ActiveDeckName => Volatile.Read(ref _active)?.Name;

    public void Activate(Deck deck) => Volatile.Write(ref _active, deck);

    public void Unload() => Volatile.Write(ref _active, null);

    public Flashcard? DrawNext()
    {
        var deck = Volatile.Read(ref _active);
        if (deck is null || deck.Cards.IsDefaultOrEmpty)
        {
            return null;
        }

        var draw = Interlocked.Increment(ref _drawCount);
        return deck.Cards[(draw & int.MaxValue) % deck.Cards.Length];
    }
}

public interface IDeckDownloader
{
    Task<Deck> DownloadAsync(string deckId, CancellationToken ct);
}

/// <summary>Background refresh of the active deck from the content server.</summary>
public sealed class DeckRefresher
{
    private readonly ActiveDeckHolder _holder;
    private readonly IDeckDownloader _downloader;

    public DeckRefresher(ActiveDeckHolder holder, IDeckDownloader downloader)
    {
        _holder = holder;
        _downloader = downloader;
    }

    public Task RefreshInBackground(string deckId, CancellationToken ct) =>
        Task.Run(async () =>
        {
            var deck = await _downloader.DownloadAsync(deckId, ct);
            var cleaned = deck with
            {
                Cards = deck.Cards.Where(c => !string.IsNullOrWhiteSpace(c.Prompt)).ToImmutableArray(),
            };
            _holder.Activate(cleaned);
        }, ct);
}
