using System.Collections.Concurrent;

namespace Blind.C02;

/// <summary>
/// Counts word frequencies across a set of text documents.
/// </summary>
public sealed class WordFrequencyIndex
{
    private static readonly char[] Separators = { ' ', '\t', ',', '.', ';', ':', '!', '?', '"', '(', ')' };

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTime> _lastSeenIn = new(StringComparer.Ordinal);
    private long _wordsProcessed;

    public long WordsProcessed => Interlocked.Read(ref _wordsProcessed);

    public void IndexDocuments(IEnumerable<string> paths)
    {
        Parallel.ForEach(paths, path =>
        {
            long words = 0;
            foreach (var line in File.ReadLines(path))
            {
                foreach (var word in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word.Length < 3)
                    {
                        continue;
                    }

                    _counts.AddOrUpdate(word, 1, (_, existing) => existing + 1);
                    words++;
                }
            }

            _lastSeenIn.AddOrUpdate(path, DateTime.UtcNow, (_, _) => DateTime.UtcNow);
            Interlocked.Add(ref _wordsProcessed, words);
        });
    }

    public IReadOnlyList<KeyValuePair<string, int>> Top(int n)
    {
        return _counts
            .ToArray()
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Take(n)
            .ToList();
    }

    public int CountOf(string word) => _counts.TryGetValue(word, out var count) ? count : 0;
}
