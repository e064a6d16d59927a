using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Where a set of words occurs in the text of a type's declarations, found once per type in one pass over its text,
/// so that each member's declaration can be asked which of them it holds without a search of its own.
/// </summary>
/// <remarks>
/// A type with many methods has as many words as methods: one search per method and word was as slow as the syntax
/// walk it saves, and one search per word over the type's text still grew with the number of methods (a fifth of the
/// type analysis on NLog). Words are what <see cref="SourceWords"/> finds: maximal runs of ASCII letters, digits and
/// underscores. A declaration with a Unicode escape, which can spell any word, is not indexed.
/// </remarks>
internal sealed class WordIndex
{
    private readonly Dictionary<SyntaxTree, int[]> _positions = new();
    private readonly List<SyntaxReference> _escaped = new();

    public WordIndex(INamedTypeSymbol type, IEnumerable<string> words, CancellationToken cancellationToken)
    {
        var set = new WordSet(words);
        var found = new Dictionary<SyntaxTree, List<int>>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var text = SourceWords.TextOf(reference.SyntaxTree.GetText(cancellationToken));
            if (SourceWords.HasEscapedIdentifier(reference.SyntaxTree, reference.Span, cancellationToken))
            {
                _escaped.Add(reference);
            }

            if (!found.TryGetValue(reference.SyntaxTree, out var positions))
            {
                found[reference.SyntaxTree] = positions = new List<int>();
            }

            set.AddOccurrences(text, reference.Span, positions);
        }

        foreach (var pair in found)
        {
            pair.Value.Sort(); // the parts of a partial type in one file may be listed in any order
            _positions[pair.Key] = pair.Value.ToArray();
        }
    }

    /// <summary>
    /// Where the words occur in the text of <paramref name="reference"/> (a member's declaration inside the type's), in
    /// order; or null when the index cannot tell (a Unicode escape, or a declaration outside the type's), and every
    /// node of the declaration must be read.
    /// </summary>
    public ArraySegment<int>? WordsIn(SyntaxReference reference)
    {
        var span = reference.Span;
        if (_escaped.Exists(escaped => escaped.SyntaxTree == reference.SyntaxTree && escaped.Span.OverlapsWith(span))
            || !_positions.TryGetValue(reference.SyntaxTree, out var positions))
        {
            return null;
        }

        var first = LowerBound(positions, span.Start);
        var end = LowerBound(positions, span.End);
        return new ArraySegment<int>(positions, first, end - first);
    }

    private static int LowerBound(int[] positions, int value)
    {
        var index = Array.BinarySearch(positions, value);
        return index < 0 ? ~index : index; // positions are distinct: each is the start of one word
    }

    /// <summary>A set of words that is asked about spans of a text, without making a string of each word it reads.</summary>
    private sealed class WordSet
    {
        private readonly string?[] _slots;

        public WordSet(IEnumerable<string> words)
        {
            var distinct = words.Distinct(StringComparer.Ordinal).ToArray();
            var capacity = 16;
            while (capacity < distinct.Length * 2)
            {
                capacity *= 2;
            }

            _slots = new string?[capacity];
            foreach (var word in distinct)
            {
                var slot = Hash(word, 0, word.Length) & (_slots.Length - 1);
                while (_slots[slot] is not null)
                {
                    slot = (slot + 1) & (_slots.Length - 1);
                }

                _slots[slot] = word;
            }
        }

        /// <summary>Adds where the set's words occur in <paramref name="span"/> of <paramref name="text"/>.</summary>
        public void AddOccurrences(string text, TextSpan span, List<int> positions)
        {
            var at = span.Start;
            if (at > 0 && SourceWords.IsAsciiWordChar(text[at - 1]))
            {
                while (at < span.End && SourceWords.IsAsciiWordChar(text[at]))
                {
                    at++; // the span starts inside a word, which is not one of its own
                }
            }

            while (at < span.End)
            {
                if (!SourceWords.IsAsciiWordChar(text[at]))
                {
                    at++;
                    continue;
                }

                var start = at;
                while (at < text.Length && SourceWords.IsAsciiWordChar(text[at]))
                {
                    at++;
                }

                if (at <= span.End && Contains(text, start, at - start))
                {
                    positions.Add(start);
                }
            }
        }

        private bool Contains(string text, int start, int length)
        {
            var slot = Hash(text, start, length) & (_slots.Length - 1);
            for (var word = _slots[slot]; word is not null; word = _slots[slot])
            {
                if (SourceWords.Is(text, start, length, word))
                {
                    return true;
                }

                slot = (slot + 1) & (_slots.Length - 1);
            }

            return false;
        }

        private static int Hash(string text, int start, int length)
        {
            unchecked
            {
                var hash = (int)2166136261;
                for (var i = start; i < start + length; i++)
                {
                    hash = (hash ^ text[i]) * 16777619;
                }

                return hash & int.MaxValue;
            }
        }
    }
}
