using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// The definition the analyzers' text pre-checks must agree with, written the plain way: a word is a maximal run of
/// ASCII letters, digits and underscores, read one after another, and a Unicode escape can spell any word.
/// </summary>
internal static class WordByWord
{
    /// <summary>Whether some word of <paramref name="text"/> satisfies <paramref name="match"/> (given the text, the word's start and length), or the text holds a Unicode escape.</summary>
    public static bool Any(string text, Func<string, int, int, bool> match)
    {
        if (text.Contains("\\u", StringComparison.Ordinal) || text.Contains("\\U", StringComparison.Ordinal))
        {
            return true;
        }

        for (var position = 0; position < text.Length;)
        {
            if (!IsWordChar(text[position]))
            {
                position++;
                continue;
            }

            var start = position;
            while (position < text.Length && IsWordChar(text[position]))
            {
                position++;
            }

            if (match(text, start, position - start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> has one of <paramref name="words"/> as a word, or a Unicode escape.</summary>
    public static bool AnyOf(SourceText text, params string[] words)
        => Any(text.ToString(), (t, start, length) => words.Any(word => word.Length == length && string.CompareOrdinal(t, start, word, 0, length) == 0));

    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
