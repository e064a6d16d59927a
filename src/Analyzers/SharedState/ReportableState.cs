using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Which of a type's methods can reach state that <see cref="TypeConcurrency"/> could report, decided from their syntax
/// once the few methods that synchronize are bound, so that the others are never bound.
/// </summary>
/// <remarks>
/// <para>A type that synchronizes without declaring itself <c>[ThreadSafe]</c> can only be reported on a field that
/// is written under one of its own locks somewhere (the guard of the inconsistent-synchronization finding), or that it
/// also updates atomically (a lost update next to <c>Interlocked</c>). Every lock is taken by a method whose syntax
/// synchronizes (<see cref="MethodSyntaxFacts.MaySynchronize"/>), and every atomic update is such a call, so composing
/// the summaries of those methods alone finds every such field: the <em>reportable</em> state. A method whose syntax
/// names none of it, and calls none of the methods that do, adds no access of it, whoever calls it; binding its body
/// cannot change a finding.</para>
/// <para>Every test is by name and over-approximates: an identifier that matches a field's name in another sense
/// (a local, another type's member) only keeps a method in. A state the names cannot find (a backing field reached
/// with <c>field</c>) turns the gate off for the type.</para>
/// </remarks>
internal sealed class ReportableState
{
    /// <summary>The name a constructor initializer <c>: this(…)</c> calls, as recorded in a constructor's names.</summary>
    private const string ConstructorName = ".ctor";

    /// <summary>The name recorded for <c>this[…]</c>, which runs the type's own indexer.</summary>
    private const string IndexerName = "this[]";

    private readonly bool[] _relevant;

    private ReportableState(bool[] relevant) => _relevant = relevant;

    /// <summary>Whether method <paramref name="index"/> of the type's declared methods can reach reportable state.</summary>
    public bool CanReach(int index) => _relevant[index];

    /// <summary>
    /// The methods of <paramref name="declared"/> that name one of <paramref name="guarded"/> (state written under a
    /// lock of the type: every access of it counts towards its guard), that write one of <paramref name="atomicOnly"/>
    /// (state only updated atomically: only a compound write of it can be reported), or that call, by name, a method
    /// that does; null when the gate cannot decide (every method is then kept).
    /// </summary>
    public static ReportableState? For(INamedTypeSymbol type, IReadOnlyList<IMethodSymbol> declared, ICollection<ISymbol> guarded, ICollection<ISymbol> atomicOnly, CancellationToken cancellationToken)
    {
        // An array whose elements are updated atomically is written through its elements, often through a local that
        // holds it ('var items = _items; … items[i] = null'): a method that names it at all counts.
        var arrays = atomicOnly.Where(static s => s is IFieldSymbol { Type: IArrayTypeSymbol }).ToList();
        if (arrays.Count > 0)
        {
            guarded = guarded.Concat(arrays).ToList();
            atomicOnly = atomicOnly.Except(arrays, SymbolEqualityComparer.Default).ToList();
        }

        if (NamesOf(guarded) is not { } names || NamesOf(atomicOnly) is not { } writtenNames)
        {
            return null;
        }

        // An instance field is written as 'x' or 'this.x' (the model counts no other object's field as the type's
        // state); a static one also as 'T.x'.
        var staticWrittenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in atomicOnly)
        {
            if (state.IsStatic)
            {
                staticWrittenNames.Add(state.Name);
            }
        }

        // Without atomic-only state, only the names a method mentions count, not which it writes: they are read at the
        // positions where the type's text holds one of the names that can matter (the state's, and those that call a
        // declared method), not by a walk of the method's syntax, which was most of the gate's time.
        var index = writtenNames.Count == 0 ? new WordIndex(type, IndexedWords(names, declared), cancellationToken) : null;

        // A method's syntax is read only once its text holds one of the names looked for: most methods of a type name
        // none of the few guarded or atomic fields, nor a method that does.
        var mentions = new Mentions?[declared.Count];
        var read = new bool[declared.Count];

        // The fixed point: a method is relevant when it names a guarded state, writes an atomic one, or names a
        // relevant method (a call is by name).
        var relevant = new bool[declared.Count];

        // The words only grow: a method whose text lacked the first n of them is asked about the later ones only.
        var words = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var asked = new int[declared.Count];
        bool changed;
        do
        {
            changed = false;
            foreach (var word in WordsOf(names, writtenNames))
            {
                if (known.Add(word))
                {
                    words.Add(word);
                }
            }

            for (var i = 0; i < declared.Count; i++)
            {
                if (relevant[i])
                {
                    continue;
                }

                if (!read[i])
                {
                    var from = asked[i];
                    asked[i] = words.Count;
                    if (from == words.Count || !Mentions.MayName(declared[i], words.GetRange(from, words.Count - from).ToArray(), cancellationToken))
                    {
                        continue; // not yet: a name added later (a relevant method) may be in its text
                    }

                    mentions[i] = index is null ? Mentions.Of(declared[i], cancellationToken) : Mentions.NamesOf(declared[i], index, cancellationToken);
                    read[i] = true;
                }

                if (mentions[i] is { } mentioned && !mentioned.Names.Overlaps(names)
                    && !mentioned.Written.Overlaps(writtenNames) && !mentioned.WrittenThroughOther.Overlaps(staticWrittenNames))
                {
                    continue;
                }

                relevant[i] = true;
                changed = true;
                names.Add(NameUsedToCall(declared[i]));
            }
        }
        while (changed);

        return new ReportableState(relevant);
    }

    /// <summary>
    /// The name a caller writes to run <paramref name="method"/>, as <see cref="Mentions"/> records it: a property's or
    /// event's name for its accessors, <see cref="IndexerName"/> for an indexer's, <see cref="ConstructorName"/> for a
    /// constructor (called by <c>: this(…)</c>).
    /// </summary>
    private static string NameUsedToCall(IMethodSymbol method) => method switch
    {
        { MethodKind: MethodKind.Constructor } => ConstructorName,
        { AssociatedSymbol: IPropertySymbol { IsIndexer: true } } => IndexerName,
        { AssociatedSymbol: IPropertySymbol or IEventSymbol } => method.AssociatedSymbol.Name,
        _ => method.Name,
    };

    /// <summary>
    /// Every word at which a name that can matter may be mentioned: the state's names, and the names that call a declared
    /// method, with <c>this</c> and <c>base</c> for an indexer (<c>this[…]</c>). A constructor's <c>: this(…)</c> is read
    /// from its declaration.
    /// </summary>
    private static IEnumerable<string> IndexedWords(HashSet<string> names, IReadOnlyList<IMethodSymbol> declared)
    {
        var words = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (var method in declared)
        {
            words.Add(NameUsedToCall(method));
        }

        if (words.Remove(IndexerName))
        {
            words.Add("this");
            words.Add("base");
        }

        words.Remove(ConstructorName);
        return words;
    }

    /// <summary>The words whose absence from a method's text means it names none of <paramref name="names"/>.</summary>
    private static IEnumerable<string> WordsOf(HashSet<string> names, HashSet<string> writtenNames)
    {
        foreach (var name in names.Concat(writtenNames))
        {
            // ': this(…)' calls a constructor and 'this[…]' an indexer.
            yield return name is ConstructorName or IndexerName ? "this" : name;
        }
    }

    private static HashSet<string>? NamesOf(ICollection<ISymbol> states)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            if (state is IFieldSymbol { AssociatedSymbol: not null } || !SyntaxFacts.IsValidIdentifier(state.Name))
            {
                return null; // reached without its own name (an auto-property's backing field through 'field')
            }

            names.Add(state.Name);
        }

        return names;
    }

    /// <summary>The simple names in a method's declarations, and the names written by an assignment, '++' or '--'.</summary>
    private sealed class Mentions
    {
        private Mentions(HashSet<string> names, HashSet<string> written, HashSet<string> writtenThroughOther)
        {
            Names = names;
            Written = written;
            WrittenThroughOther = writtenThroughOther;
        }

        public HashSet<string> Names { get; }

        /// <summary>Names written as <c>x</c>, <c>this.x</c> or <c>base.x</c>.</summary>
        public HashSet<string> Written { get; }

        /// <summary>Names written as a member of something else (<c>a.x</c>, <c>T.x</c>).</summary>
        public HashSet<string> WrittenThroughOther { get; }

        /// <summary>
        /// False when the text of every declaration of <paramref name="method"/> lacks all of <paramref name="words"/>
        /// (then <see cref="Of"/> finds none of them); true also when <see cref="Of"/> would not read the syntax.
        /// </summary>
        public static bool MayName(IMethodSymbol method, string[] words, CancellationToken cancellationToken)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                return true;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax)
                    || SourceWords.Any(syntax.SyntaxTree.GetText(cancellationToken), syntax.Span, words))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// As <see cref="Of"/> without the names written: the names read only where <paramref name="index"/> holds one of
        /// its words (every name that can matter is one). A declaration the index cannot tell about is walked whole.
        /// </summary>
        public static Mentions? NamesOf(IMethodSymbol method, WordIndex index, CancellationToken cancellationToken)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
                {
                    return null;
                }

                if (index.WordsIn(reference) is not { } positions)
                {
                    return Of(method, cancellationToken);
                }

                if (syntax is ConstructorDeclarationSyntax { Initializer: { } initializer } && initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                {
                    names.Add(ConstructorName);
                }

                for (var i = positions.Offset; i < positions.Offset + positions.Count; i++)
                {
                    var at = positions.Array![i];
                    var token = syntax.FindToken(at);
                    if (!token.Span.Contains(at))
                    {
                        continue; // a comment or a directive: not a token
                    }

                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is SimpleNameSyntax name && name.Identifier == token)
                    {
                        names.Add(token.ValueText);
                    }
                    else if (token.Parent is ThisExpressionSyntax or BaseExpressionSyntax
                             && token.Parent.Parent is ElementAccessExpressionSyntax access && access.Expression == token.Parent)
                    {
                        names.Add(IndexerName);
                    }
                }
            }

            return new Mentions(names, Empty, Empty);
        }

        private static readonly HashSet<string> Empty = new(StringComparer.Ordinal);

        /// <summary>Null when the method's syntax is not one we read (then it is kept).</summary>
        public static Mentions? Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var written = new HashSet<string>(StringComparer.Ordinal);
            var writtenThroughOther = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
                {
                    return null;
                }

                if (syntax is ConstructorDeclarationSyntax { Initializer: { } initializer } && initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                {
                    names.Add(ConstructorName);
                }

                foreach (var node in syntax.DescendantNodes())
                {
                    switch (node)
                    {
                        case SimpleNameSyntax name:
                            names.Add(name.Identifier.ValueText);
                            break;
                        case ElementAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax }:
                            names.Add(IndexerName);
                            break;
                        case AssignmentExpressionSyntax assignment:
                            AddWritten(assignment.Left, written, writtenThroughOther);
                            break;
                        case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                            AddWritten(postfix.Operand, written, writtenThroughOther);
                            break;
                        case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                            AddWritten(prefix.Operand, written, writtenThroughOther);
                            break;
                    }
                }
            }

            return new Mentions(names, written, writtenThroughOther);
        }

        /// <summary>The names a write target writes: itself, or each element of a deconstruction.</summary>
        private static void AddWritten(ExpressionSyntax target, HashSet<string> written, HashSet<string> writtenThroughOther)
        {
            while (target is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                target = target is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)target).Operand;
            }

            switch (target)
            {
                case SimpleNameSyntax name:
                    written.Add(name.Identifier.ValueText);
                    break;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } own:
                    written.Add(own.Name.Identifier.ValueText);
                    break;
                case MemberAccessExpressionSyntax other:
                    writtenThroughOther.Add(other.Name.Identifier.ValueText);
                    break;
                case MemberBindingExpressionSyntax binding:
                    writtenThroughOther.Add(binding.Name.Identifier.ValueText);
                    break;
                case TupleExpressionSyntax tuple:
                    foreach (var argument in tuple.Arguments)
                    {
                        AddWritten(argument.Expression, written, writtenThroughOther);
                    }

                    break;
                case DeclarationExpressionSyntax:
                    break; // declares locals
                default:
                    // Anything else (an element, a pointer, a call returning a ref): keep every name in it.
                    foreach (var node in target.DescendantNodesAndSelf())
                    {
                        if (node is SimpleNameSyntax inner)
                        {
                            written.Add(inner.Identifier.ValueText);
                        }
                    }

                    break;
            }
        }
    }
}
