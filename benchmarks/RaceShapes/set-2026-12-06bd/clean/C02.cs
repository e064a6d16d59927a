namespace Blind56.BoardGameCafe.Search;

public sealed record GameTitle(string Name, int MinPlayers, int MaxPlayers, int ShelfNumber);

/// <summary>
/// Search-as-you-type over the café's game library, used by the table tablets.
/// The library is re-indexed whenever staff edit the shelf list; queries keep
/// running against the previous index until the new one is ready.
/// </summary>
public sealed class GameLibrarySuggester
{
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private SuggestionIndex _index = SuggestionIndex.Empty;

    private sealed class SuggestionIndex
    {
        public static readonly SuggestionIndex Empty = new(Array.Empty<string>(), Array.Empty<GameTitle>());

        public SuggestionIndex(string[] keys, GameTitle[] games)
        {
            Keys = keys;
            Games = games;
        }

        public string[] Keys { get; }
        public GameTitle[] Games { get; }
    }

    public IReadOnlyList<GameTitle> Suggest(string typed, int players, int max = 6)
    {
        SuggestionIndex index = Volatile.Read(ref _index);
        string prefix = typed.Trim().ToLowerInvariant();
        if (prefix.Length == 0)
        {
            return Array.Empty<GameTitle>();
        }

        int start = Array.BinarySearch(index.Keys, prefix, StringComparer.Ordinal);
        if (start < 0)
        {
            start = ~start;
        }

        var matches = new List<GameTitle>(max);
        for (int i = start; i < index.Keys.Length && matches.Count < max; i++)
        {
            if (!index.Keys[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }

            var game = index.Games[i];
            if (players >= game.MinPlayers && players <= game.MaxPlayers)
            {
                matches.Add(game);
            }
        }

        return matches;
    }

    public async Task RebuildAsync(Func<CancellationToken, Task<IReadOnlyList<GameTitle>>> loadShelfList, CancellationToken ct)
    {
        await _rebuildGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var games = await loadShelfList(ct).ConfigureAwait(false);
            var ordered = games
                .GroupBy(g => g.Name.ToLowerInvariant(), StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(g => g.Name.ToLowerInvariant(), StringComparer.Ordinal)
                .ToArray();
            var keys = ordered.Select(g => g.Name.ToLowerInvariant()).ToArray();

            Volatile.Write(ref _index, new SuggestionIndex(keys, ordered));
        }
        finally
        {
            _rebuildGate.Release();
        }
    }

    public int IndexedCount => Volatile.Read(ref _index).Keys.Length;
}
