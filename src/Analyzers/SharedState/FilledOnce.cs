using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A collection made and filled once, under a lock, the first time it is asked for, and never changed after:
/// <c>lock (_sync) { if (_entities == null) InitEntities(); return _entities; }</c>, where <c>InitEntities</c> (called
/// nowhere else) stores a new dictionary and fills it, or the same written inside the <c>if</c>. Handed out under that
/// lock, the collection is whole, and nothing changes it any more (websocket-sharp's <c>HttpUtility</c> entity table).
/// </summary>
/// <remarks>
/// Only a hand-out under the lock is cleared by this: a read outside it can find the field stored and the collection
/// still being filled.
/// </remarks>
internal static class FilledOnce
{
    /// <summary>
    /// Whether every change at <paramref name="changes"/> of the field named <paramref name="field"/> runs only while
    /// it is still null, under a lock: inside <c>if (field == null)</c> in a <c>lock</c>, or in a private method of
    /// <paramref name="type"/> whose every call is the whole branch of such an <c>if</c>.
    /// </summary>
    public static bool Holds(string field, IEnumerable<Location> changes, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var fillers = new List<MethodDeclarationSyntax>();
        var any = false;
        foreach (var change in changes)
        {
            any = true;
            if (change.SourceTree is not { } tree)
            {
                return false;
            }

            var node = tree.GetRoot(cancellationToken).FindNode(change.SourceSpan, getInnermostNodeForTie: true);
            if (InFillBranch(node, field))
            {
                continue;
            }

            if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } filler
                || filler.Modifiers.Any(static modifier => modifier.ValueText is "public" or "internal" or "protected")
                || !EveryCallFills(filler.Identifier.ValueText, field, type, cancellationToken))
            {
                return false;
            }

            fillers.Add(filler);
        }

        return any && EveryUseLocked(field, fillers, type, cancellationToken);
    }

    /// <summary>
    /// Whether every use of the name <paramref name="field"/> in <paramref name="type"/> is in a <c>lock</c> of its own
    /// member or in one of <paramref name="fillers"/>: a fast path that reads the field without the lock
    /// (<c>var known = Volatile.Read(ref _byCode); if (known != null) return known;</c>) can find it stored and still
    /// being filled (race sets as R14, aw R16).
    /// </summary>
    private static bool EveryUseLocked(string field, List<MethodDeclarationSyntax> fillers, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(cancellationToken), field))
            {
                if (token.Parent is VariableDeclaratorSyntax || fillers.Exists(filler => filler.Span.Contains(token.Span)))
                {
                    continue;
                }

                var member = token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                if (token.Parent?.FirstAncestorOrSelf<LockStatementSyntax>() is not { } region || region.FirstAncestorOrSelf<MemberDeclarationSyntax>() != member)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the code at <paramref name="location"/> is inside a <c>lock</c> statement of its own member.</summary>
    public static bool InLock(Location location, CancellationToken cancellationToken)
        => location.SourceTree?.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true) is { } node
           && node.FirstAncestorOrSelf<LockStatementSyntax>() is { } region
           && region.FirstAncestorOrSelf<MemberDeclarationSyntax>() == node.FirstAncestorOrSelf<MemberDeclarationSyntax>();

    /// <summary>Whether <paramref name="node"/> is in the branch of <c>if (field == null)</c> inside a <c>lock</c>.</summary>
    private static bool InFillBranch(SyntaxNode node, string field)
    {
        for (var current = node; current is not null and not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax; current = current.Parent)
        {
            if (current.Parent is IfStatementSyntax { Else: null } check && check.Statement == current
                && NullCheckedReads.CheckedName(check.Condition) == field && !NullCheckedReads.ChecksNotNull(check.Condition, field)
                && check.FirstAncestorOrSelf<LockStatementSyntax>() is { } region
                && region.FirstAncestorOrSelf<MemberDeclarationSyntax>() == check.FirstAncestorOrSelf<MemberDeclarationSyntax>())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every use of the name <paramref name="filler"/> in <paramref name="type"/> is a call that fills <paramref name="field"/> (see <see cref="InFillBranch"/>).</summary>
    private static bool EveryCallFills(string filler, string field, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var calls = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(cancellationToken), filler))
            {
                if (token.Parent is MethodDeclarationSyntax)
                {
                    continue;
                }

                if (token.Parent is not IdentifierNameSyntax { Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax call } }
                    || !InFillBranch(call, field))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }
}
