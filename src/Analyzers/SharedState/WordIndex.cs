using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Where a set of words occurs in the text of a type's declarations, found once per type, so that each member's
/// declaration can be asked "may you hold one of them" without a search of its own (a type with many methods has as
/// many words as methods: one search per method and word was as slow as the syntax walk it saves).
/// </summary>
/// <remarks>Words are found as <see cref="SourceWords"/> finds them; a declaration with a Unicode escape, which can
/// spell any word, always may hold one.</remarks>
internal sealed class WordIndex
{
    private readonly Dictionary<SyntaxTree, List<int>> _positions = new();
    private readonly List<(SyntaxTree Tree, TextSpan Span)> _escaped = new();

    public WordIndex(INamedTypeSymbol type, IEnumerable<string> words, CancellationToken cancellationToken)
    {
        var wordList = words.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var text = SourceWords.TextOf(reference.SyntaxTree.GetText(cancellationToken));
            if (SourceWords.HasUnicodeEscape(text, reference.Span))
            {
                _escaped.Add((reference.SyntaxTree, reference.Span));
            }

            if (!_positions.TryGetValue(reference.SyntaxTree, out var positions))
            {
                _positions[reference.SyntaxTree] = positions = new List<int>();
            }

            positions.AddRange(SourceWords.Occurrences(text, reference.Span, wordList));
        }

        foreach (var positions in _positions.Values)
        {
            positions.Sort();
        }
    }

    /// <summary>Whether the text of <paramref name="reference"/> (a member's declaration inside the type's) may hold one of the words.</summary>
    public bool MayHoldWord(SyntaxReference reference)
    {
        var span = reference.Span;
        if (_escaped.Exists(escaped => escaped.Tree == reference.SyntaxTree && escaped.Span.OverlapsWith(span)))
        {
            return true;
        }

        if (!_positions.TryGetValue(reference.SyntaxTree, out var positions))
        {
            return true; // not inside the type's declarations as indexed: do not skip it
        }

        // The first occurrence at or after the span's start, if it starts before the span's end.
        var index = positions.BinarySearch(span.Start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < positions.Count && positions[index] < span.End;
    }
}
