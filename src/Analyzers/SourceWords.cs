using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers;

/// <summary>
/// The text pre-checks of the analyzers: scans a file's text word by word, without allocating, so that a file that
/// cannot hold what a rule looks for is skipped before any syntax walk or binding.
/// </summary>
/// <remarks>
/// Scanning characters over-approximates: comments, strings and members that merely share a name only cost the walk
/// that would have happened anyway. A Unicode escape (<c>\u0057ait</c> is the identifier <c>Wait</c>) can spell any
/// identifier, so it always counts as a match.
/// </remarks>
internal static class SourceWords
{
    /// <summary>Whether the word <c>text[start..(start + length)]</c> is what the caller looks for.</summary>
    public delegate bool Match(string text, int start, int length);

    /// <summary>The text of <paramref name="source"/> as one string, made once per text and shared by every rule.</summary>
    /// <remarks>
    /// A text read from a small file keeps its string, but the compiler reads a large file into chunks, and then every
    /// <c>ToString()</c> builds the whole string again, on the large-object heap: on NLog's compile that was 24 MB of
    /// strings, one per rule and file (docs/benchmarks-analyzers.md). Reading a string also beats the virtual indexer
    /// of <see cref="SourceText"/>.
    /// </remarks>
    public static string TextOf(SourceText source) => Texts.GetValue(source, static text => text.ToString());

    private static readonly ConditionalWeakTable<SourceText, string> Texts = new();

    /// <summary>True when some ASCII word of <paramref name="source"/> satisfies <paramref name="match"/>, or it holds a Unicode escape.</summary>
    public static bool Any(SourceText source, Match match)
    {
        var text = TextOf(source);
        var length = text.Length;
        var position = 0;
        while (position < length)
        {
            var c = text[position];
            if (c == '\\' && position + 1 < length && text[position + 1] is 'u' or 'U')
            {
                return true;
            }

            if (!IsAsciiWordChar(c))
            {
                position++;
                continue;
            }

            var start = position;
            while (position < length && IsAsciiWordChar(text[position]))
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

    /// <summary>Whether the word at <paramref name="start"/> is exactly <paramref name="word"/>.</summary>
    public static bool Is(string text, int start, int length, string word)
        => word.Length == length && string.CompareOrdinal(text, start, word, 0, length) == 0;

    /// <summary>Whether the word at <paramref name="start"/> is one of <paramref name="words"/>.</summary>
    public static bool IsOneOf(string text, int start, int length, string[] words)
    {
        foreach (var word in words)
        {
            if (Is(text, start, length, word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsciiWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
