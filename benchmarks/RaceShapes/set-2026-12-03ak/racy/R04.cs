namespace Blind37.SandSculpture.Judging;

public sealed record ContestEntry(int Id, string Team, string Title, string Description);

public interface IContestEntrySource
{
    IEnumerable<ContestEntry> LoadEntries();
}

/// <summary>
/// Word lookup over the registered contest entries, used by the judges' tablets to find
/// a sculpture by a word from its title or description. The index is built on first use
/// and one instance is shared by all judge sessions.
/// </summary>
public sealed class EntrySearchIndex
{
    private static readonly char[] Separators = { ' ', ',', '.', '-', '\'', '"', '!', '?' };

    private readonly IContestEntrySource _source;
    private readonly object _buildLock = new();
    private Dictionary<string, List<int>>? _byWord;

    public EntrySearchIndex(IContestEntrySource source) => _source = source;

    public IReadOnlyList<int> Find(string word)
    {
        var index = _byWord ?? Build();
        if (index.TryGetValue(Normalise(word), out var ids))
        {
            return ids.ToArray();
        }
        return Array.Empty<int>();
    }

    public IReadOnlyList<int> FindAll(params string[] words)
    {
        IEnumerable<int>? result = null;
        foreach (var word in words)
        {
            var hits = Find(word);
            result = result is null ? hits : result.Intersect(hits);
        }
        return result?.ToArray() ?? Array.Empty<int>();
    }

    private Dictionary<string, List<int>> Build()
    {
        lock (_buildLock)
        {
            if (_byWord is not null)
            {
                return _byWord;
            }

            _byWord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var entry in _source.LoadEntries())
            {
                var text = entry.Title + " " + entry.Description + " " + entry.Team;
                foreach (var raw in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
                {
                    var word = Normalise(raw);
                    if (word.Length < 3)
                    {
                        continue;
                    }

                    if (!_byWord.TryGetValue(word, out var ids))
                    {
                        ids = new List<int>();
                        _byWord.Add(word, ids);
                    }

                    if (ids.Count == 0 || ids[^1] != entry.Id)
                    {
                        ids.Add(entry.Id);
                    }
                }
            }

            return _byWord;
        }
    }

    private static string Normalise(string word) => word.Trim().ToLowerInvariant();
}
