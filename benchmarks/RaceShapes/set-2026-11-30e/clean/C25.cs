namespace TextStats.Cli;

/// <summary>
/// <c>wordfreq &lt;files...&gt; --top N</c>: counts word frequencies across many files.
/// </summary>
public static class WordFrequencyCommand
{
    public static IReadOnlyList<KeyValuePair<string, long>> Run(IReadOnlyList<string> files, int top)
    {
        var totals = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();
        long totalWords = 0;

        Parallel.For(
            0,
            files.Count,
            () => new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase),
            (i, _, local) =>
            {
                foreach (var line in File.ReadLines(files[i]))
                {
                    foreach (var word in Tokenize(line))
                    {
                        local.TryGetValue(word, out var n);
                        local[word] = n + 1;
                    }
                }

                return local;
            },
            local =>
            {
                long localWords = 0;
                lock (mergeLock)
                {
                    foreach (var (word, count) in local)
                    {
                        totals.TryGetValue(word, out var n);
                        totals[word] = n + count;
                        localWords += count;
                    }
                }

                Interlocked.Add(ref totalWords, localWords);
            });

        Console.WriteLine($"{files.Count} files, {totalWords} words, {totals.Count} distinct");

        return totals
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Take(top)
            .ToList();
    }

    private static IEnumerable<string> Tokenize(string line)
    {
        int start = -1;
        for (int i = 0; i <= line.Length; i++)
        {
            bool isWordChar = i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '\'');
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return line[start..i];
                start = -1;
            }
        }
    }
}
