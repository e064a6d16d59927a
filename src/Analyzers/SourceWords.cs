using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers;

/// <summary>
/// The text pre-checks of the analyzers: find words in a file's text, without allocating, so that a file that cannot
/// hold what a rule looks for is skipped before any syntax walk or binding.
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

    /// <summary>
    /// True when <paramref name="source"/> holds one of <paramref name="words"/> as a whole ASCII word (a maximal run
    /// of ASCII letters, digits and underscores) that <paramref name="accept"/>, when given, also accepts; or when it
    /// holds a Unicode escape.
    /// </summary>
    /// <remarks>
    /// Each word is found with the runtime's vectorized <see cref="string.IndexOf(string, StringComparison)"/> and then
    /// checked for word boundaries. Reading the text word by word, with a callback per word, was a fifth of Forklift's
    /// time on NLog (docs/benchmarks-analyzers.md).
    /// </remarks>
    public static bool Any(SourceText source, string[] words, Match? accept = null)
        => Any(source, new TextSpan(0, source.Length), words, accept);

    /// <summary>As <see cref="Any(SourceText, string[], Match?)"/>, within <paramref name="span"/> of the text only.</summary>
    public static bool Any(SourceText source, TextSpan span, string[] words, Match? accept = null)
    {
        var text = TextOf(source);
        if (HasUnicodeEscape(text, span))
        {
            return true;
        }

        foreach (var at in Occurrences(text, span, words))
        {
            if (accept is null || accept(text, at, LengthAt(text, at)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where <paramref name="source"/> holds one of <paramref name="words"/> as a whole ASCII word, or null when it holds
    /// a Unicode escape (which can spell any of them anywhere).
    /// </summary>
    public static List<int>? Positions(SourceText source, string[] words)
    {
        var text = TextOf(source);
        return HasUnicodeEscape(text) ? null : Occurrences(text, words).ToList();
    }

    /// <summary>
    /// Where each of <paramref name="words"/> occurs as a whole ASCII word in <paramref name="text"/>, word by word (all
    /// of the first word's occurrences, then the next word's). A Unicode escape is not read: callers check
    /// <see cref="HasUnicodeEscape(string)"/> first.
    /// </summary>
    public static IEnumerable<int> Occurrences(string text, string[] words) => Occurrences(text, new TextSpan(0, text.Length), words);

    /// <summary>As <see cref="Occurrences(string, string[])"/>, within <paramref name="span"/> of the text only.</summary>
    public static IEnumerable<int> Occurrences(string text, TextSpan span, string[] words)
    {
        foreach (var word in words)
        {
            var last = span.End - word.Length;
            for (var at = IndexOf(text, word, span.Start, last); at >= 0; at = IndexOf(text, word, at + 1, last))
            {
                var end = at + word.Length;
                if ((at == 0 || !IsAsciiWordChar(text[at - 1])) && (end == text.Length || !IsAsciiWordChar(text[end])))
                {
                    yield return at;
                }
            }
        }
    }

    /// <summary>The length of the word that starts at <paramref name="start"/>.</summary>
    private static int LengthAt(string text, int start)
    {
        var end = start;
        while (end < text.Length && IsAsciiWordChar(text[end]))
        {
            end++;
        }

        return end - start;
    }

    /// <summary>Whether the text holds <c>\u</c> or <c>\U</c>, which can spell any identifier.</summary>
    public static bool HasUnicodeEscape(string text) => EscapesOf(text).Length > 0;

    /// <summary>As <see cref="HasUnicodeEscape(string)"/>, within <paramref name="span"/> of the text only.</summary>
    /// <remarks>
    /// Asked for every file by every rule and for many spans of the same file (each method a gate reads), so where a
    /// text's escapes are is found once per text (almost always nowhere): two searches of a whole file per question
    /// were a twentieth of Forklift's time on NLog.
    /// </remarks>
    public static bool HasUnicodeEscape(string text, TextSpan span)
    {
        var escapes = EscapesOf(text);
        if (escapes.Length == 0)
        {
            return false;
        }

        // The first escape that starts at or after the span's start, if it ends within the span.
        var index = Array.BinarySearch(escapes, span.Start);
        index = index < 0 ? ~index : index;
        return index < escapes.Length && escapes[index] + 2 <= span.End;
    }

    private static int[] EscapesOf(string text) => Escapes.GetValue(text, static text =>
    {
        var found = new List<int>();
        for (var at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\\', at + 1))
        {
            if (text[at + 1] is 'u' or 'U')
            {
                found.Add(at);
            }
        }

        return found.ToArray();
    });

    private static readonly ConditionalWeakTable<string, int[]> Escapes = new();

    /// <summary>The first occurrence of <paramref name="word"/> that starts between <paramref name="from"/> and <paramref name="last"/>, or -1.</summary>
    private static int IndexOf(string text, string word, int from, int last)
        => from > last ? -1 : text.IndexOf(word, from, last - from + word.Length, StringComparison.Ordinal);

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

    /// <summary>Whether <paramref name="c"/> is an ASCII letter, digit or underscore, the characters of a word here.</summary>
    public static bool IsAsciiWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
