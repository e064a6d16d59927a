namespace Blind2.C25;

/// <summary>
/// Counts word frequencies across a set of text files, one task per file.
/// </summary>
public static class WordFrequencyReport
{
    private static readonly char[] Separators = { ' ', '\t', ',', '.', ';', ':', '!', '?', '"', '(', ')', '[', ']' };

    public static async Task<IReadOnlyList<KeyValuePair<string, int>>> TopWordsAsync(IEnumerable<string> files, int top)
    {
        var perFile = await Task.WhenAll(files.Select(f => Task.Run(() => CountFile(f)))).ConfigureAwait(false);

        var merged = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var counts in perFile)
        {
            foreach (var (word, count) in counts)
                merged[word] = merged.GetValueOrDefault(word) + count;
        }

        return merged
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Take(top)
            .ToList();
    }

    private static Dictionary<string, int> CountFile(string path)
    {
        var counter = new WordCounter();
        foreach (var line in File.ReadLines(path))
            counter.AddLine(line);
        return counter.Result;
    }

    private sealed class WordCounter
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
        private int _lines;

        public Dictionary<string, int> Result => _counts;

        public int Lines => _lines;

        public void AddLine(string line)
        {
            _lines++;
            foreach (var token in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length < 3)
                    continue;
                _counts[token] = _counts.GetValueOrDefault(token) + 1;
            }
        }
    }
}
