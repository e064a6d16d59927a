using Forklift;

namespace TestingSample;

/// <summary>The code under test: an ordinary static method that the app runs in worker processes.</summary>
public static partial class WordStats
{
    /// <summary>Counts words and their total length in a document; rejects empty input.</summary>
    [Parallel]
    public static DocumentStats Analyze(string document)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document);
        string[] words = document.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new DocumentStats(words.Length, words.Sum(w => w.Length), Environment.ProcessId);
    }
}

/// <summary>What <see cref="WordStats.Analyze"/> returns; a record crosses the process boundary as is.</summary>
public sealed record DocumentStats(int Words, int Letters, int ProcessId);
