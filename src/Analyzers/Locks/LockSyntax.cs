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
        // No lock method's name and no lock keyword in the text: no node of the tree can be either.
        if (LockCallText.Scan(tree.GetText(cancellationToken)) == LockCallText.Words.None)
        {
            return Empty;
        }

        var nodes = ImmutableArray.CreateBuilder<SyntaxNode>();
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            // The name written at the call is the method's name (aliases and using static rename only types).
            if (node is LockStatementSyntax
                || (node is InvocationExpressionSyntax invocation && LockCallText.InvokedName(invocation.Expression) is { } name && LockApis.IsLockMethodName(name)))
            {
                nodes.Add(node);
            }
        }

        return nodes.Count == 0 ? Empty : new LockSyntax(nodes.ToImmutable());
    }
}
