using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    /// The identifier tokens of <paramref name="scope"/> spelled <paramref name="name"/>, in document order, found at the
    /// word's positions in the text rather than by a walk of every token of a type or member (the timer checks' and the
    /// dictionary rules' declaration lookups); a Unicode escape, which can spell the name anywhere, makes it walk them all.
    /// </summary>
    /// <remarks>
    /// An iterator of its own rather than LINQ: the framework's LINQ over a struct (a token) is compiled in every new
    /// compiler process, an iterator of this assembly is in its precompiled image.
    /// </remarks>
    public static IEnumerable<SyntaxToken> IdentifiersNamed(SyntaxNode scope, string name)
    {
        var text = TextOf(scope.SyntaxTree.GetText());
        if (HasEscapedIdentifier(scope.SyntaxTree, scope.Span, CancellationToken.None))
        {
            foreach (var token in scope.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    yield return token;
                }
            }

            yield break;
        }

        foreach (var at in Occurrences(text, scope.Span, [name]))
        {
            var token = scope.FindToken(at);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                yield return token;
            }
        }
    }

    /// <summary>
    /// The assignment whose target is the name at <paramref name="identifier"/> (<c>name = …</c>, <c>this.name = …</c>,
    /// any assignment operator), or null: what <see cref="IdentifiersNamed"/> finds, read as a store.
    /// </summary>
    public static AssignmentExpressionSyntax? AssignmentTo(SyntaxToken identifier)
    {
        if (identifier.Parent is not IdentifierNameSyntax name)
        {
            return null;
        }

        var target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : (ExpressionSyntax)name;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
    }

    /// <summary>Whether a token of <paramref name="node"/> matches <paramref name="match"/>.</summary>
    /// <remarks>A loop of this assembly, for the reason <see cref="IdentifiersNamed"/> gives.</remarks>
    public static bool AnyToken(SyntaxNode node, Func<SyntaxToken, bool> match)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (match(token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The calls in <paramref name="root"/>'s tree of a method named one of <paramref name="names"/> (<c>Name(…)</c>,
    /// <c>x.Name(…)</c>, <c>x?.Name(…)</c>, <c>x.Name&lt;T&gt;(…)</c>), each once, in document order: found at the
    /// names' places in the text, so that a long file is not walked node by node; every call of the file when a Unicode
    /// escape can spell a name anywhere.
    /// </summary>
    public static IEnumerable<InvocationExpressionSyntax> InvocationsNamed(SyntaxNode root, string[] names)
    {
        if (Positions(root.SyntaxTree.GetText(), names) is not { } positions)
        {
            return root.DescendantNodes().OfType<InvocationExpressionSyntax>();
        }

        var calls = new List<InvocationExpressionSyntax>();
        var seen = new HashSet<InvocationExpressionSyntax>();
        foreach (var position in positions)
        {
            if (root.FindToken(position).Parent is not SimpleNameSyntax name)
            {
                continue;
            }

            SyntaxNode invoked = name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax
                ? name.Parent
                : name;
            if (invoked.Parent is InvocationExpressionSyntax call && call.Expression == invoked && seen.Add(call))
            {
                calls.Add(call);
            }
        }

        calls.Sort(static (a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
        return calls;
    }

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
        var held = WordsOf(text);
        foreach (var word in words)
        {
            if (!held.MayHold(word))
            {
                continue;
            }

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

    /// <summary>
    /// Whether <paramref name="text"/> may hold <paramref name="word"/> as a whole ASCII word: false only when it
    /// certainly does not (a Unicode escape is not read, as in <see cref="Occurrences(string, string[])"/>).
    /// </summary>
    public static bool MayHold(string text, string word) => WordsOf(text).MayHold(word);

    /// <summary>The words of a text, read once, the first time any rule asks about the text.</summary>
    /// <remarks>
    /// Each rule's pre-check and each compilation-wide search looks for its own few words in every file: one
    /// vectorized search per word and file still added up to a tenth of Forklift's own work on NLog, and most of those
    /// searches find nothing. One pass over the text that hashes every word answers "not here" for all of them.
    /// </remarks>
    private static WordHashes WordsOf(string text) => Words.GetValue(text, static text => new WordHashes(text));

    private static readonly ConditionalWeakTable<string, WordHashes> Words = new();

    /// <summary>
    /// The hashes of the distinct words of a text, in an open-addressing table. Two words may share a hash, so a hit
    /// only says "may hold"; a miss is certain.
    /// </summary>
    private sealed class WordHashes
    {
        private int[] _slots = new int[1024];
        private int _count;

        public WordHashes(string text)
        {
            var at = 0;
            while (at < text.Length)
            {
                var c = text[at];
                if (c >= WordChars.Length || !WordChars[c])
                {
                    at++;
                    continue;
                }

                var hash = HashSeed;
                do
                {
                    hash = unchecked((hash ^ c) * HashPrime);
                    at++;
                }
                while (at < text.Length && (c = text[at]) < WordChars.Length && WordChars[c]);

                Add(hash == 0 ? 1 : hash);
            }
        }

        public bool MayHold(string word)
        {
            var hash = HashSeed;
            foreach (var c in word)
            {
                if (!IsAsciiWordChar(c))
                {
                    return true; // not one word: the table cannot tell
                }

                hash = unchecked((hash ^ c) * HashPrime);
            }

            hash = hash == 0 ? 1 : hash;
            var mask = _slots.Length - 1;
            for (var slot = hash & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
            {
                if (_slots[slot] == hash)
                {
                    return true;
                }
            }

            return false;
        }

        private void Add(int hash)
        {
            var mask = _slots.Length - 1;
            var slot = hash & mask;
            for (; _slots[slot] != 0; slot = (slot + 1) & mask)
            {
                if (_slots[slot] == hash)
                {
                    return;
                }
            }

            _slots[slot] = hash;
            if (++_count * 2 > _slots.Length)
            {
                var old = _slots;
                _slots = new int[old.Length * 2];
                _count = 0;
                foreach (var kept in old)
                {
                    if (kept != 0)
                    {
                        Add(kept);
                    }
                }
            }
        }
    }

    private const int HashSeed = unchecked((int)2166136261);
    private const int HashPrime = 16777619;

    /// <summary>Which of the first 128 characters are <see cref="IsAsciiWordChar(char)"/>, read by table in the one pass over a text.</summary>
    private static readonly bool[] WordChars = WordCharTable();

    private static bool[] WordCharTable()
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = IsAsciiWordChar((char)c);
        }

        return table;
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

    /// <summary>Whether the text holds a Unicode escape (<c>\u0057</c>) that can spell any identifier (see <see cref="EscapesOf"/>).</summary>
    public static bool HasUnicodeEscape(string text) => EscapesOf(text).Length > 0;

    /// <summary>As <see cref="HasUnicodeEscape(string)"/>, within <paramref name="span"/> of the text only.</summary>
    /// <remarks>
    /// Asked for every file by every rule and for many spans of the same file (each method a gate reads), so where a
    /// text's escapes are is found once per text (almost always nowhere): two searches of a whole file per question
    /// were a twentieth of Forklift's time on NLog.
    /// </remarks>
    public static bool HasUnicodeEscape(string text, TextSpan span) => AnyWithin(EscapesOf(text), span);

    /// <summary>
    /// Whether <paramref name="span"/> of <paramref name="tree"/> holds an identifier or a keyword spelled with a
    /// Unicode escape: sharper than <see cref="HasUnicodeEscape(string, TextSpan)"/>, which counts every escape of the
    /// text, because an escape in a string literal or a comment spells no name.
    /// </summary>
    /// <remarks>
    /// The lookups that ask it walk every token of their scope when it is true, once per method of a type: DotNetty's
    /// <c>StringUtil</c>, whose strings hold <c>"\u0000"</c>, made that half of the race model's time on the library
    /// (docs/benchmarks-analyzers.md, session 67).
    /// </remarks>
    public static bool HasEscapedIdentifier(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
        => AnyWithin(IdentifierEscapesOf(tree, cancellationToken), span);

    /// <summary>Whether an escape of <paramref name="escapes"/> (their starts, in order) lies within <paramref name="span"/>.</summary>
    private static bool AnyWithin(int[] escapes, TextSpan span)
    {
        if (escapes.Length == 0)
        {
            return false;
        }

        // The first escape that starts at or after the span's start, if it ends within the span.
        var index = Array.BinarySearch(escapes, span.Start);
        index = index < 0 ? ~index : index;
        return index < escapes.Length && escapes[index] + 2 <= span.End;
    }

    /// <summary>The escapes of <paramref name="tree"/>'s text (<see cref="EscapesOf"/>) that are inside an identifier or keyword token, found once per tree.</summary>
    private static int[] IdentifierEscapesOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (IdentifierEscapes.TryGetValue(tree, out var known))
        {
            return known;
        }

        var escapes = EscapesOf(TextOf(tree.GetText(cancellationToken)));
        if (escapes.Length > 0)
        {
            var root = tree.GetRoot(cancellationToken);
            escapes = Array.FindAll(escapes, at => root.FindToken(at) is var token && token.Span.Contains(at)
                                                   && (token.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsKeywordKind(token.Kind())));
        }

        // Two rules may compute it at the same time; both results are equal and the first one stored wins.
        return IdentifierEscapes.GetValue(tree, _ => escapes);
    }

    private static readonly ConditionalWeakTable<SyntaxTree, int[]> IdentifierEscapes = new();

    /// <remarks>
    /// Only what can spell an identifier counts: <c>\u</c> and four hexadecimal digits, or <c>\U</c> and eight, not
    /// after another backslash (only a string, a character or a comment holds one). A character literal of one escape
    /// (<c>'\u2028'</c>) cannot be part of an identifier either. NLog has six files with such text and none with an
    /// escaped identifier, and every rule read each of them whole.
    /// </remarks>
    private static int[] EscapesOf(string text) => Escapes.GetValue(text, static text =>
    {
        var found = new List<int>();
        for (var at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\\', at + 1))
        {
            var digits = text[at + 1] switch
            {
                'u' => 4,
                'U' => 8,
                _ => 0,
            };
            if (digits > 0 && HexDigitsAt(text, at + 2, digits) && !IsCharacterLiteral(text, at, digits) && !(at > 0 && text[at - 1] == '\\'))
            {
                found.Add(at);
            }
        }

        return found.ToArray();
    });

    private static bool HexDigitsAt(string text, int start, int count)
    {
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!Uri.IsHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the escape at <paramref name="at"/> is all of a character literal: <c>'\u0085'</c>.</summary>
    private static bool IsCharacterLiteral(string text, int at, int digits)
    {
        var end = at + 2 + digits;
        return at > 0 && text[at - 1] == '\'' && end < text.Length && text[end] == '\'';
    }

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
