namespace Blind56.Bookshop.Suggest;

/// <summary>
/// Search-as-you-type title suggestions for the antique bookshop's catalogue.
/// A single instance is shared by all web requests; the nightly catalogue import
/// calls RebuildFrom and the acquisitions desk calls AddTitle when a book is bought in.
/// </summary>
public sealed class TitleSuggester
{
    private readonly object _indexLock = new();
    private readonly List<string> _titles = new();
    private readonly int _maxResults;

    public TitleSuggester(int maxResults = 8)
    {
        _maxResults = maxResults;
    }

    public void AddTitle(string title)
    {
        string normalised = Normalise(title);
        lock (_indexLock)
        {
            int index = _titles.BinarySearch(normalised, StringComparer.Ordinal);
            if (index < 0)
            {
                _titles.Insert(~index, normalised);
            }
        }
    }

    public IReadOnlyList<string> Suggest(string typed)
    {
        string prefix = Normalise(typed);
        if (prefix.Length < 2)
        {
            return Array.Empty<string>();
        }

        var results = new List<string>(_maxResults);
        lock (_indexLock)
        {
            int start = _titles.BinarySearch(prefix, StringComparer.Ordinal);
            if (start < 0)
            {
                start = ~start;
            }

            for (int i = start; i < _titles.Count && results.Count < _maxResults; i++)
            {
                if (!_titles[i].StartsWith(prefix, StringComparison.Ordinal))
                {
                    break;
                }

                results.Add(_titles[i]);
            }
        }

        return results;
    }

    /// <summary>Replaces the whole index with the titles from a fresh catalogue export.</summary>
    public int RebuildFrom(IEnumerable<string> catalogueTitles)
    {
        var fresh = catalogueTitles
            .Select(Normalise)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => t, StringComparer.Ordinal)
            .ToList();

        lock (_titles)
        {
            _titles.Clear();
            _titles.AddRange(fresh);
            return _titles.Count;
        }
    }

    private static string Normalise(string title)
    {
        string trimmed = title.Trim().ToLowerInvariant();
        foreach (var article in new[] { "the ", "a ", "an " })
        {
            if (trimmed.StartsWith(article, StringComparison.Ordinal))
            {
                return trimmed[article.Length..];
            }
        }

        return trimmed;
    }
}
