using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// The syntax of one file that the lock rules may have to bind: its <c>lock</c> statements and the invocations written
/// with a lock method's name. Found once per file, by one text scan and at most one walk, for all five rules.
/// </summary>
/// <remarks>
/// Each rule used to scan the text and walk the tree itself (five scans and three walks of every file that mentions a
/// lock word). The result depends on the tree alone, so it is kept per tree, weakly: in the IDE an unchanged file
/// keeps its result across compilations, and it lives no longer than its tree. Nothing here binds.
/// </remarks>
internal sealed class LockSyntax
{
    private static readonly ConditionalWeakTable<SyntaxTree, LockSyntax> ByTree = new();

    private static readonly LockSyntax Empty = new(ImmutableArray<SyntaxNode>.Empty);

    private LockSyntax(ImmutableArray<SyntaxNode> nodes) => Nodes = nodes;

    /// <summary>
    /// The <c>lock</c> statements and the invocations whose written name <see cref="LockApis.IsLockMethodName"/>
    /// accepts, in document order.
    /// </summary>
    public ImmutableArray<SyntaxNode> Nodes { get; }

    public static LockSyntax Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (ByTree.TryGetValue(tree, out var known))
        {
            return known;
        }

        // Two rules may compute it at the same time; both results are equal and the first one stored wins.
        var computed = Compute(tree, cancellationToken);
        return ByTree.GetValue(tree, _ => computed);
    }

    private static LockSyntax Compute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        // No lock method's name and no lock keyword in the text: no node of the tree can be either. Otherwise only the
        // tokens at those words are read, unless a Unicode escape (which can spell any) makes every node a candidate.
        var positions = LockCallText.Positions(tree.GetText(cancellationToken));
        if (positions is { Count: 0 })
        {
            return Empty;
        }

        var root = tree.GetRoot(cancellationToken);
        var nodes = ImmutableArray.CreateBuilder<SyntaxNode>();
        if (positions is null)
        {
            foreach (var node in root.DescendantNodes())
            {
                if (IsLockSyntax(node))
                {
                    nodes.Add(node);
                }
            }
        }
        else
        {
            foreach (var position in positions)
            {
                // A word in a comment or a string is inside no token that can name a call.
                var token = root.FindToken(position);
                if (token.Span.Contains(position) && AtWord(token) is { } node && IsLockSyntax(node))
                {
                    nodes.Add(node);
                }
            }

            // A call on the result of another ('a.Wait().Release()') comes before it in a walk.
            nodes.Sort((x, y) => x.SpanStart != y.SpanStart ? x.SpanStart.CompareTo(y.SpanStart) : y.Span.Length.CompareTo(x.Span.Length));
        }

        return nodes.Count == 0 ? Empty : new LockSyntax(nodes.ToImmutable());
    }

    // The name written at the call is the method's name (aliases and using static rename only types).
    private static bool IsLockSyntax(SyntaxNode node)
        => node is LockStatementSyntax
           || (node is InvocationExpressionSyntax invocation && LockCallText.InvokedName(invocation.Expression) is { } name && LockApis.IsLockMethodName(name));

    /// <summary>
    /// The <c>lock</c> statement of a <c>lock</c> keyword, or the invocation whose written name is
    /// <paramref name="token"/>: the one node a word can make lock syntax. Each such node has one such token, so no
    /// node is found twice.
    /// </summary>
    private static SyntaxNode? AtWord(SyntaxToken token)
    {
        if (token.Parent is LockStatementSyntax statement && statement.LockKeyword == token)
        {
            return statement;
        }

        if (token.Parent is not SimpleNameSyntax name)
        {
            return null;
        }

        SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            || name.Parent is MemberBindingExpressionSyntax
            ? name.Parent
            : name;
        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
    }
}
