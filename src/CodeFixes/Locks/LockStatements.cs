using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.CodeFixes.Locks;

/// <summary>Finds the statements a lock diagnostic points at, and the lock calls inside them.</summary>
internal static class LockStatements
{
    /// <summary>The statement that holds the call at <paramref name="location"/>, when it sits directly in a block.</summary>
    public static StatementSyntax? StatementInBlock(SyntaxNode root, Location location)
    {
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        var statement = node.FirstAncestorOrSelf<StatementSyntax>();
        return statement?.Parent is BlockSyntax ? statement : null;
    }

    /// <summary>The lock call at <paramref name="location"/>.</summary>
    public static LockCall? CallAt(SemanticModel model, SyntaxNode root, Location location, CancellationToken cancellationToken)
    {
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        return invocation is not null ? Classify(model, invocation, cancellationToken) : null;
    }

    public static LockCall? Classify(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        => model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation && LockApis.Create(model.Compilation) is { } apis
            ? apis.Classify(operation)
            : null;

    /// <summary>
    /// Statements under <paramref name="statements"/> that release the same lock as <paramref name="acquire"/>: once
    /// a <c>finally</c> (or a <c>lock</c>/<c>using</c>) releases, the releases on early-exit paths would release twice.
    /// </summary>
    public static List<ExpressionStatementSyntax> ReleasesOfSameLock(
        IEnumerable<StatementSyntax> statements, LockCall acquire, SemanticModel model, CancellationToken cancellationToken)
    {
        var found = new List<ExpressionStatementSyntax>();
        foreach (var statement in statements)
        {
            foreach (var expression in statement.DescendantNodesAndSelf(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ExpressionStatementSyntax>())
            {
                if (expression.Parent is BlockSyntax && expression.Expression is InvocationExpressionSyntax invocation
                    && Classify(model, invocation, cancellationToken) is { IsAcquire: false } release && release.SameLockAs(acquire))
                {
                    found.Add(expression);
                }
            }
        }

        return found;
    }

    /// <summary>Whether any of <paramref name="statements"/> awaits outside a lambda or local function.</summary>
    public static bool ContainsAwait(IEnumerable<StatementSyntax> statements)
        => statements.Any(statement => statement
            .DescendantNodesAndSelf(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(node => node is AwaitExpressionSyntax || (node is ForEachStatementSyntax forEach && forEach.AwaitKeyword.RawKind != 0)
                         || (node is UsingStatementSyntax @using && @using.AwaitKeyword.RawKind != 0)));
}
