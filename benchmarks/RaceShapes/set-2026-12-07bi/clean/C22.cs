using System.Text.Json;

namespace Blind61.EscapeRooms;

public sealed record PuzzleDefinition(string Id, string Room, string Answer, int HintPenaltySeconds);

public sealed record RoomCatalogue(IReadOnlyDictionary<string, IReadOnlyList<PuzzleDefinition>> ByRoom);

/// <summary>
/// Loads the puzzle catalogue for all rooms once, on first use, and caches the parsed answer
/// normaliser. Used by the game-master console and the in-room tablets.
/// </summary>
public sealed class PuzzleCatalogueProvider
{
    private readonly string _path;
    private readonly Lazy<Task<RoomCatalogue>> _catalogue;
    private Dictionary<char, char>? _confusables;

    public PuzzleCatalogueProvider(string path)
    {
        _path = path;
        _catalogue = new Lazy<Task<RoomCatalogue>>(LoadAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task<RoomCatalogue> GetAsync() => _catalogue.Value;

    private async Task<RoomCatalogue> LoadAsync()
    {
        await using var stream = File.OpenRead(_path);
        var puzzles = await JsonSerializer.DeserializeAsync<List<PuzzleDefinition>>(stream).ConfigureAwait(false)
                      ?? new List<PuzzleDefinition>();
        var byRoom = puzzles
            .GroupBy(p => p.Room, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PuzzleDefinition>)g.ToList(), StringComparer.OrdinalIgnoreCase);
        return new RoomCatalogue(byRoom);
    }

    /// <summary>Normalises a typed answer (case, common digit/letter confusions).</summary>
    public string Normalise(string typed)
    {
        var map = LazyInitializer.EnsureInitialized(ref _confusables, () => new Dictionary<char, char>
        {
            ['0'] = 'O',
            ['1'] = 'I',
            ['5'] = 'S',
            ['8'] = 'B',
        });

        var chars = typed.Trim().ToUpperInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (map.TryGetValue(chars[i], out var replacement))
                chars[i] = replacement;
        }
        return new string(chars);
    }

    public async Task<bool> CheckAsync(string room, string puzzleId, string typed)
    {
        var catalogue = await GetAsync().ConfigureAwait(false);
        if (!catalogue.ByRoom.TryGetValue(room, out var puzzles))
            return false;
        var puzzle = puzzles.FirstOrDefault(p => p.Id == puzzleId);
        return puzzle is not null && Normalise(puzzle.Answer) == Normalise(typed);
    }
}

/// <summary>Warms the catalogue during start-up so the first team doesn't wait.</summary>
public sealed class CatalogueWarmup : Microsoft.Extensions.Hosting.IHostedService
{
    private readonly PuzzleCatalogueProvider _provider;

    public CatalogueWarmup(PuzzleCatalogueProvider provider) => _provider = provider;

    public Task StartAsync(CancellationToken cancellationToken) => _provider.GetAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
