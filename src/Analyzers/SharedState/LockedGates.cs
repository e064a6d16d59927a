using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A flag claimed under a lock and given back without it:
/// <c>lock (_gate) { if (_busy) return; _busy = true; } try { … } finally { _busy = false; }</c>. The check and the
/// claim are one step under the lock, so only the caller that claimed the flag runs the <c>try</c> and gives the flag
/// back; its store cannot lose another caller's claim, which can only come after it (Rebus's
/// <c>SystemThreadingTimerAsyncTask.Tick</c>, a timer callback that skips a tick while the last one runs). It is the
/// lock-made twin of the compare-and-swap gates of <see cref="GateFacts"/>.
/// </summary>
internal static class LockedGates
{
    /// <summary>
    /// Whether the store at <paramref name="location"/> gives back such a flag: <c>flag = false</c> (or <c>true</c>) as
    /// a statement of a <c>finally</c> whose <c>try</c> follows, in the same block, a <c>lock</c> that leaves when the
    /// flag is set and then claims it with the opposite constant.
    /// </summary>
    public static bool IsRelease(Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree
            || tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not
            {
                RawKind: (int)SyntaxKind.SimpleAssignmentExpression,
                Right: LiteralExpressionSyntax released,
                Parent: ExpressionStatementSyntax { Parent: BlockSyntax { Parent: FinallyClauseSyntax { Parent: TryStatementSyntax attempt } } },
            } store
            || NullCheckedReads.NameOf(store.Left) is not { } flag
            || Bool(released) is not { } value
            || attempt.Parent is not BlockSyntax block)
        {
            return false;
        }

        for (var i = block.Statements.IndexOf(attempt) - 1; i >= 0; i--)
        {
            if (block.Statements[i] is LockStatementSyntax { Statement: BlockSyntax region } && Claims(region, flag, !value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="region"/> leaves when <paramref name="flag"/> is set (<c>if (_busy) return;</c>) and then,
    /// at its own level, stores <paramref name="claimed"/> into it.
    /// </summary>
    private static bool Claims(BlockSyntax region, string flag, bool claimed)
    {
        var checkedFirst = false;
        foreach (var statement in region.Statements)
        {
            if (statement is IfStatementSyntax { Else: null } check && Leaves(check.Statement) && Mentions(check.Condition, flag))
            {
                checkedFirst = true;
            }
            else if (checkedFirst && statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax stored } claim }
                     && NullCheckedReads.NameOf(claim.Left) == flag && Bool(stored) == claimed)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Leaves(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements.Count: 1 } block => Leaves(block.Statements[0]),
        _ => false,
    };

    private static bool Mentions(ExpressionSyntax condition, string flag)
    {
        foreach (var node in condition.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == flag)
            {
                return true;
            }
        }

        return false;
    }

    private static bool? Bool(LiteralExpressionSyntax literal)
        => literal.IsKind(SyntaxKind.TrueLiteralExpression) ? true : literal.IsKind(SyntaxKind.FalseLiteralExpression) ? false : null;
}
