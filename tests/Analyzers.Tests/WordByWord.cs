using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// The definition the analyzers' text pre-checks must agree with, written the plain way: a word is a maximal run of
/// ASCII letters, digits and underscores, read one after another, and a Unicode escape can spell any word.
/// </summary>
/// <remarks>
/// An escape that can spell part of an identifier is <c>\u</c> and four hexadecimal digits, or <c>\U</c> and eight,
/// not after a backslash (only a string, a character or a comment has one there) and not all of a character literal
/// (<c>'\u2028'</c>), checked here at every position of the text.
/// </remarks>
internal static class WordByWord
{
    /// <summary>Whether some word of <paramref name="text"/> satisfies <paramref name="match"/> (given the text, the word's start and length), or the text holds a Unicode escape.</summary>
    public static bool Any(string text, Func<string, int, int, bool> match)
    {
        if (HasEscape(text))
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

    /// <summary>Whether a Unicode escape that can spell part of an identifier starts at <paramref name="at"/>.</summary>
    public static bool IsEscapeAt(string text, int at)
    {
        if (text[at] != '\\' || at + 1 >= text.Length)
        {
            return false;
        }

        var digits = text[at + 1] switch
        {
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        var end = at + 2 + digits;
        if (digits == 0 || end > text.Length || !text[(at + 2)..end].All(Uri.IsHexDigit) || (at > 0 && text[at - 1] == '\\'))
        {
            return false;
        }

        return !(at > 0 && text[at - 1] == '\'' && end < text.Length && text[end] == '\'');
    }

    /// <summary>Whether <paramref name="text"/> holds such an escape anywhere.</summary>
    public static bool HasEscape(string text) => Enumerable.Range(0, text.Length).Any(at => IsEscapeAt(text, at));

    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
